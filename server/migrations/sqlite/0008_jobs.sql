-- Scheduled jobs (issue #8): one row per job name, written by every server at start-up. A server
-- takes a due run with a conditional UPDATE that sets lease_owner/lease_expires_at; the run is taken
-- again by anyone once the lease has expired (its server died). Times are ISO-8601 UTC text.
CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  schedule TEXT NOT NULL,
  next_run_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_expires_at TEXT,
  last_run_at TEXT,
  last_finished_at TEXT,
  last_status TEXT,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  runs INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Reminders (提醒): a user's wall time in their zone at creation (local_at, time_zone) and the UTC
-- instant it fires (fire_at). fired_at is set exactly once, in the transaction that adds the
-- in-app notification.
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  entity TEXT,
  record_id INTEGER,
  local_at TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  fire_at TEXT NOT NULL,
  fired_at TEXT,
  notification_id INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders(fire_at) WHERE fired_at IS NULL;
CREATE INDEX reminders_user ON reminders(user_id, fire_at);
