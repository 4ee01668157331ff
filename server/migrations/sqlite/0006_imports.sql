-- Record imports (CSV/XLSX): one row per upload with its progress, so any server sharing the
-- database can answer GET /api/v1/imports/{id}; and the rows an import rejected or skipped, with
-- their cells as uploaded, for the rejected-rows workbook.
CREATE TABLE imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  created_by_id INTEGER REFERENCES users(id),
  state TEXT NOT NULL,
  phase TEXT NOT NULL,
  mode TEXT NOT NULL,
  on_duplicate TEXT NOT NULL,
  dry_run INTEGER NOT NULL,
  file_name TEXT,
  total INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  failure TEXT,
  headers TEXT NOT NULL,
  columns TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX imports_creator ON imports(created_by_id, id);

CREATE TABLE import_rows (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  fields TEXT NOT NULL,
  cells TEXT NOT NULL,
  PRIMARY KEY (import_id, row_number)
);
