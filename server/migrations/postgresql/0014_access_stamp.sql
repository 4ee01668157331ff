-- One number that changes whenever anything an authenticated actor is built from changes: users
-- (active, department, manager, locale, ...), their roles, role grants and field rules, per-user
-- grant overrides, departments (the tree team scopes follow) and record shares. Servers cache each
-- user's resolved actor with the stamp it was loaded at and rebuild it when the stamp moves, so a
-- request authenticates with one query instead of eight. Triggers keep the stamp honest for every
-- write path, present and future, and for every server sharing the database.
CREATE TABLE access_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
INSERT INTO access_stamp (id, version) VALUES (1, 1);
CREATE FUNCTION kehu_bump_access_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_stamp SET version = version + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER user_roles_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER roles_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER role_grants_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER user_grant_overrides_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_grant_overrides FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER role_field_rules_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_field_rules FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER departments_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
CREATE TRIGGER record_shares_access_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON record_shares FOR EACH STATEMENT EXECUTE FUNCTION kehu_bump_access_stamp();
