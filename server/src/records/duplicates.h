// 查重: likely duplicates of a record, across all live records of the entity whatever the caller may
// read (so a rep learns that a customer is already someone's, CHINA.md), but told with the title,
// owner and the matched fields only; the id comes along only when the caller may read the record.
// The entity names its duplicate fields in metadata ("duplicateCheck").
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

#include "db/database.h"
#include "metadata/entity.h"
#include "records/access.h"
#include "records/actor.h"

namespace kehu::records {

struct DuplicateCandidate {
  int64_t id = 0;
  std::string title;
  int64_t owner_id = 0;  // 0: no owner (in a pool)
  std::string owner_name;
  std::vector<std::string> matched_on;  // field names
  bool visible = false;                 // the caller may read it
};

// The value under which the title field is compared (text::CompanyNameKey).
std::string DuplicateNameKey(std::string_view title);

// A title's DuplicateNameKey built ahead, outside the write transaction, like the search document:
// folding a company name took a tenth of the single writer's time per create. Of() builds the key
// afresh for any other title (a before-hook changed it).
struct PreparedNameKey {
  std::string title, key;
  static PreparedNameKey For(std::string_view title) { return {std::string(title), DuplicateNameKey(title)}; }
  std::string Of(std::string_view t) const { return !key.empty() && t == title ? key : DuplicateNameKey(t); }
};

// Stored (normalized) values to compare, field name → text. Fields outside the entity's
// duplicate fields and empty values are ignored. `exclude_id` leaves the record itself out.
struct DuplicateProbe {
  std::map<std::string, std::string> values;
  int64_t exclude_id = 0;
  const PreparedNameKey* name_key = nullptr;  // the title's key, when built ahead
};

inline constexpr int kMaxDuplicateCandidates = 10;

Result<std::vector<DuplicateCandidate>> FindDuplicates(db::Session& s, const AccessPolicy& access,
                                                       const Actor& actor, const meta::Entity& e,
                                                       const DuplicateProbe& probe);

// [{"title","ownerId","ownerName","matchedOn":[…],"id"?}] with "id" only for visible records.
boost::json::array DuplicatesJson(const std::vector<DuplicateCandidate>& candidates);

// Keeps the record's company-name key (column dup_name_key) in step with its title; a no-op for
// entities that do not compare names. `record` is the record as the API shows it.
Status SaveDuplicateNameKey(db::Session& s, const meta::Entity& e, const boost::json::object& record,
                            const PreparedNameKey& prepared = {});

}  // namespace kehu::records
