-- Approvals (审批流, issue #8): flows per entity configured by admins, and one instance per
-- submission. An instance keeps a snapshot of the flow's steps as they were when it was submitted,
-- so editing a flow never changes records already in flight. approval_tasks holds every resolved
-- approver of every step of an instance and their decision.
CREATE TABLE approval_flows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  name TEXT NOT NULL,
  condition_json TEXT NOT NULL,         -- JSON object of list filters, {} = every record
  steps_json TEXT NOT NULL,         -- JSON array of steps
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1, -- +1 on every edit
  created_at TEXT NOT NULL,
  created_by_id INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by_id INTEGER REFERENCES users(id)
);
CREATE INDEX approval_flows_entity ON approval_flows(entity, active, id);

CREATE TABLE approval_instances (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  flow_id INTEGER NOT NULL REFERENCES approval_flows(id),
  flow_version INTEGER NOT NULL,
  flow_name TEXT NOT NULL,
  steps_json TEXT NOT NULL,         -- the flow's steps at submission (JSON)
  state TEXT NOT NULL,                -- pending | approved | rejected | withdrawn
  current_step INTEGER NOT NULL,      -- 0-based index into steps
  submitter_id INTEGER REFERENCES users(id),
  submitted_at TEXT NOT NULL,
  comment TEXT,
  finished_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX approval_instances_record ON approval_instances(entity, record_id, id);
CREATE INDEX approval_instances_submitter ON approval_instances(submitter_id, id);
-- At most one submission of a record is in flight.
CREATE UNIQUE INDEX approval_instances_one_pending ON approval_instances(entity, record_id) WHERE state = 'pending';

CREATE TABLE approval_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id INTEGER NOT NULL REFERENCES approval_instances(id),
  step INTEGER NOT NULL,              -- 0-based
  user_id INTEGER NOT NULL REFERENCES users(id),
  decision TEXT,                      -- NULL (not yet) | approved | rejected
  comment TEXT,
  decided_at TEXT,
  UNIQUE (instance_id, step, user_id)
);
CREATE INDEX approval_tasks_user ON approval_tasks(user_id, decision, instance_id);
