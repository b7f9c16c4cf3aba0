-- Who logged a visit (a user), so that only they or the town office change
-- or delete it; and settings kept as data, starting with how many days a
-- logged visit may be changed without a stated reason.
ALTER TABLE contact ADD COLUMN created_by BIGINT;
CREATE TABLE app_setting (
  name {{text_c}} NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO app_setting (name, value) VALUES ('contact_edit_days', '30');
