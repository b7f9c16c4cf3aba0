-- Events: meetings, trainings, study trips and welfare courses, with who
-- organized them, what they decided and who attended.

-- The kinds of event are data: admins add and rename them. `kind_group` is
-- one of meeting (会议), training (培训), trip (考察), activity (公益活动).
CREATE TABLE event_kind (
  id {{id}},
  code {{text_c}} NOT NULL UNIQUE,
  kind_group {{text_c}} NOT NULL,
  name_zh_cn TEXT NOT NULL,
  name_zh_tw TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  builtin INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO event_kind (code, kind_group, name_zh_cn, name_zh_tw, name_en, sort_order, builtin, created_at, updated_at) VALUES
  ('party_committee', 'meeting', '党委会', '黨委會', 'Party committee meeting', 10, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('chamber_symposium', 'meeting', '商会骨干座谈会', '商會骨幹座談會', 'Chamber core members'' symposium', 20, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('villager_representatives', 'meeting', '村民代表会', '村民代表會', 'Villager representatives'' meeting', 30, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('farmer_training', 'training', '高素质农民培育', '高素質農民培育', 'High-quality farmer training', 40, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('party_training', 'training', '党务培训（支部书记/发展党员）', '黨務培訓（支部書記/發展黨員）', 'Party affairs training', 50, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('study_trip', 'trip', '考察', '考察', 'Study trip', 60, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('welfare_course', 'activity', '公益培训', '公益培訓', 'Free welfare course', 70, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z');

-- An event at a place (a town, village or group). starts_at and ends_at are a
-- date (2022-03-10) or a date and time (2022-03-10T09:00), in China's time;
-- starts_on is the start's date, what lists, stats and quotas look at.
CREATE TABLE event (
  id {{id}},
  kind {{text_c}} NOT NULL,
  kind_group {{text_c}} NOT NULL,
  title TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  starts_at TEXT NOT NULL,
  starts_on {{text_c}} NOT NULL,
  ends_at TEXT,
  place TEXT NOT NULL DEFAULT '',
  agenda TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  unregistered_count INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
-- One index: an index on the day alone would tempt SQLite (which is never
-- ANALYZEd) to read a province's year for one town's figures.
CREATE INDEX event_path ON event(region_path, starts_on, kind, unregistered_count);

-- The organizations that organized an event (role organizer) or took part as
-- partners (role partner).
CREATE TABLE event_org (
  event_id BIGINT NOT NULL REFERENCES event(id),
  organization_id BIGINT NOT NULL REFERENCES organization(id),
  role {{text_c}} NOT NULL,
  PRIMARY KEY (event_id, organization_id, role)
);
CREATE INDEX event_org_org ON event_org(organization_id);

-- Projects and enterprises an event concerns (a study trip's projects).
CREATE TABLE event_link (
  event_id BIGINT NOT NULL REFERENCES event(id),
  target_kind {{text_c}} NOT NULL,
  target_id BIGINT NOT NULL,
  PRIMARY KEY (event_id, target_kind, target_id)
);
CREATE INDEX event_link_target ON event_link(target_kind, target_id);

-- Who attended: one row per person and event (its id names it in a sheet). role: host, speaker,
-- participant; status: present, absent, excused; source: roll (taken by the
-- organizer), check_in (the person scanned the code), import. The event's
-- place, day and kind are copied here so that the figures of a county or a
-- province are read from this table and its index alone.
CREATE TABLE event_attendance (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES event(id),
  person_id BIGINT NOT NULL REFERENCES person(id),
  role {{text_c}} NOT NULL,
  status {{text_c}} NOT NULL,
  source {{text_c}} NOT NULL,
  region_path {{text_c}} NOT NULL,
  starts_on {{text_c}} NOT NULL,
  kind {{text_c}} NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, person_id)
);
CREATE INDEX event_attendance_person ON event_attendance(person_id, starts_on);
CREATE INDEX event_attendance_path ON event_attendance(region_path, starts_on, kind, status, person_id);
