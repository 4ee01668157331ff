-- One number that changes whenever anything an authenticated actor is built from changes: users
-- (active, department, manager, locale, ...), their roles, role grants and field rules, per-user
-- grant overrides, departments (the tree team scopes follow) and record shares. Servers cache each
-- user's resolved actor with the stamp it was loaded at and rebuild it when the stamp moves, so a
-- request authenticates with one query instead of eight. Triggers keep the stamp honest for every
-- write path, present and future, and for every server sharing the database.
CREATE TABLE access_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO access_stamp (id, version) VALUES (1, 1);
CREATE TRIGGER users_insert_access_stamp AFTER INSERT ON users BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER users_update_access_stamp AFTER UPDATE ON users BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER users_delete_access_stamp AFTER DELETE ON users BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_roles_insert_access_stamp AFTER INSERT ON user_roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_roles_update_access_stamp AFTER UPDATE ON user_roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_roles_delete_access_stamp AFTER DELETE ON user_roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER roles_insert_access_stamp AFTER INSERT ON roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER roles_update_access_stamp AFTER UPDATE ON roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER roles_delete_access_stamp AFTER DELETE ON roles BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_grants_insert_access_stamp AFTER INSERT ON role_grants BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_grants_update_access_stamp AFTER UPDATE ON role_grants BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_grants_delete_access_stamp AFTER DELETE ON role_grants BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_grant_overrides_insert_access_stamp AFTER INSERT ON user_grant_overrides BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_grant_overrides_update_access_stamp AFTER UPDATE ON user_grant_overrides BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER user_grant_overrides_delete_access_stamp AFTER DELETE ON user_grant_overrides BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_field_rules_insert_access_stamp AFTER INSERT ON role_field_rules BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_field_rules_update_access_stamp AFTER UPDATE ON role_field_rules BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER role_field_rules_delete_access_stamp AFTER DELETE ON role_field_rules BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER departments_insert_access_stamp AFTER INSERT ON departments BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER departments_update_access_stamp AFTER UPDATE ON departments BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER departments_delete_access_stamp AFTER DELETE ON departments BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER record_shares_insert_access_stamp AFTER INSERT ON record_shares BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER record_shares_update_access_stamp AFTER UPDATE ON record_shares BEGIN UPDATE access_stamp SET version = version + 1; END;
CREATE TRIGGER record_shares_delete_access_stamp AFTER DELETE ON record_shares BEGIN UPDATE access_stamp SET version = version + 1; END;
