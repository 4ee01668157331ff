-- Field rules per role: hidden, masked (e.g. 138****8000), readonly, editable (the default).
-- With several roles the most permissive rule wins; a role without a rule for the field leaves it editable.
CREATE TABLE role_field_rules (
  role_id INTEGER NOT NULL REFERENCES roles(id),
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (role_id, entity, field)
);
