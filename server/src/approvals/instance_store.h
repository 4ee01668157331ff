// Approval instances (one per submission of a record) and their tasks (one per approver per
// step), tables approval_instances / approval_tasks. All steps' approvers are resolved and stored
// at submission, so a flow edited later, or a role given to someone else, changes nothing in flight.
// Every function runs on the caller's session; writers must be inside Database::Write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "approvals/flow.h"
#include "db/database.h"

namespace kehu::approvals {

struct Task {
  int64_t id = 0;
  int step = 0;  // 0-based
  int64_t user_id = 0;
  std::string decision;  // "" (not yet) | approved | rejected
  std::string comment;
  std::string decided_at;
};

struct Instance {
  int64_t id = 0;
  std::string entity;
  int64_t record_id = 0;
  int64_t flow_id = 0;
  int64_t flow_version = 0;
  std::string flow_name;
  std::vector<Step> steps;  // the snapshot taken at submission
  std::string state;        // pending | approved | rejected | withdrawn
  int current_step = 0;     // 0-based; where a finished instance ended
  int64_t submitter_id = 0;
  std::string submitted_at, comment, finished_at;
  std::vector<Task> tasks;  // ordered by step, then id

  // The caller's task in the current step, or null.
  const Task* CurrentTaskOf(int64_t user_id) const;
  // Users of the current step who have not decided yet.
  std::vector<int64_t> UndecidedInCurrentStep() const;
};

// kNotFound when there is no instance `id`.
Result<Instance> LoadInstance(db::Session& s, int64_t id);
// The instance of the record that is pending, if any.
Result<std::optional<Instance>> PendingInstanceOf(db::Session& s, const std::string& entity, int64_t record_id);
// Instances by id, with their tasks, in the order given.
Result<std::vector<Instance>> LoadInstances(db::Session& s, const std::vector<int64_t>& ids);

// Inserts a pending instance at step 0 with `approvers[i]` as the tasks of step i; sets inst.id.
// kConflict "approval_pending" when the record already has a pending instance (unique index).
Status InsertInstance(db::Session& s, Instance& inst, const std::vector<std::vector<int64_t>>& approvers);
Status RecordDecision(db::Session& s, int64_t task_id, bool approve, const std::string& comment);
Status MoveToStep(db::Session& s, int64_t instance_id, int step);
// Sets a final state (approved | rejected | withdrawn) and finished_at.
Status Finish(db::Session& s, int64_t instance_id, const std::string& state);

}  // namespace kehu::approvals
