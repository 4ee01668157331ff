-- Per-user overrides of role grants (the "individualized policy"): they replace the scope the
-- user's roles would give for one entity and action. entity '*' in role_grants means every entity.
CREATE TABLE user_grant_overrides (
  user_id BIGINT NOT NULL REFERENCES users(id),
  entity TEXT NOT NULL,
  action TEXT NOT NULL,
  scope TEXT NOT NULL,
  PRIMARY KEY (user_id, entity, action)
);
