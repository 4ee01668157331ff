-- Attachments (附件) of records, stored in the database so that every server sharing it sees them.
-- Metadata and content live apart: lists never touch the bytes. A deleted attachment keeps its row
-- and content (deleted_at set), like records in the recycle bin.
CREATE TABLE files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  record_entity TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by_id INTEGER REFERENCES users(id),
  deleted_at TEXT,
  deleted_by_id INTEGER REFERENCES users(id)
);
CREATE INDEX files_record ON files(record_entity, record_id, id);

CREATE TABLE file_contents (
  file_id INTEGER PRIMARY KEY REFERENCES files(id),
  content BLOB NOT NULL
);
