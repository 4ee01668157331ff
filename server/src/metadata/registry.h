// All entities, loaded from metadata/entities/*.json and validated at start-up. Immutable after
// loading, so it is shared between threads without locks.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "metadata/entity.h"

namespace kehu::meta {

class Registry {
 public:
  // Loads and validates every *.json in `dir`. Errors name the file and the problem.
  static Result<std::shared_ptr<const Registry>> LoadDirectory(const std::string& dir);
  // Parses one entity definition (exposed for tests).
  static Result<Entity> ParseEntity(std::string_view json_text);

  const Entity* Find(std::string_view name) const;
  const std::vector<Entity>& entities() const { return entities_; }

  // Entities with a relation field targeting `name` (for related lists), as (entity, field) pairs.
  std::vector<std::pair<const Entity*, const Field*>> RelationsTo(std::string_view name) const;

 private:
  Status Validate() const;
  std::vector<Entity> entities_;
};

// Locates the directory holding metadata/, migrations, and web/dist: $KEHU_HOME, else the
// repository root found upward from the executable.
std::string FindResourceRoot(const std::string& argv0);

}  // namespace kehu::meta
