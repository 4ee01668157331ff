-- Outgoing mail (issue #8). mail_queue is the queue and the log at once: a message is rendered in
-- the recipient's language when queued (inside the write that caused it) and sent after commit by
-- the mail job; status queued -> sending -> sent, or retrying (next_attempt_at) and finally failed.
-- A row in status sending whose next_attempt_at has passed belongs to a server that died: it is
-- taken again.
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_address TEXT NOT NULL,
  to_user_id INTEGER REFERENCES users(id),
  template TEXT NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue(status, next_attempt_at);

-- Admin overrides of the built-in templates, per name and locale.
CREATE TABLE mail_templates (
  name TEXT NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by_id INTEGER REFERENCES users(id),
  PRIMARY KEY (name, locale)
);

-- The admin's overrides of the SMTP settings given to `kehu serve` (one row, id 1); NULL = the
-- default. The password is a secret: the API never returns it.
CREATE TABLE mail_settings (
  id INTEGER PRIMARY KEY,
  host TEXT,
  port INTEGER,
  tls TEXT,
  username TEXT,
  password TEXT,
  from_address TEXT,
  updated_at TEXT NOT NULL,
  updated_by_id INTEGER REFERENCES users(id)
);
