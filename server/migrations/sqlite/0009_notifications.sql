-- In-app notifications (issue #8): one row per recipient. Title and body are rendered in the
-- reader's language from kind + params when read, so a language switch applies to old ones too.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  entity TEXT,
  record_id INTEGER,
  params TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  read_at TEXT
);

-- The user's newest first (lists, SSE replay after an id) and the unread count.
CREATE INDEX notifications_user_id ON notifications (user_id, id);
CREATE INDEX notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
