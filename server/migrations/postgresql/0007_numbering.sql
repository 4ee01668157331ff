-- Numbering rules (客户代码, 合同编号, ...): an admin's rule replaces the entity's default from
-- metadata. Counters per entity and period ("" never resets, "2026", "2026-11", "2026-11-22"); a
-- number is taken by incrementing the counter inside the creating transaction, so concurrent
-- creates get distinct numbers and a committed number is never issued again.
CREATE TABLE numbering_rules (
  entity TEXT PRIMARY KEY,
  pattern TEXT NOT NULL,
  reset TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by_id BIGINT REFERENCES users(id)
);

CREATE TABLE numbering_counters (
  entity TEXT NOT NULL,
  period TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (entity, period)
);
