-- Option lists admins edit at run time (客户类别, 行业, 职务, ...: fields marked "editableOptions"
-- in metadata). Once a field has a saved list it replaces the entity file's list; values are never
-- deleted, only retired (active = 0), so old records keep a label and a value is never reused.
-- Every save bumps the list's revision: servers reload when the sum of revisions changes.
CREATE TABLE field_option_lists (
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by_id INTEGER REFERENCES users(id),
  PRIMARY KEY (entity, field)
);

CREATE TABLE field_options (
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  labels TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  active INTEGER NOT NULL,
  PRIMARY KEY (entity, field, value)
);
