-- The four-level pairing system (四级包保): who answers for whom, the rules it
-- is judged by, and the contacts (visits, calls, meetings) that fill quotas.

-- Projects: level 4's targets from started_on on. The projects feature adds
-- its indicators.
-- Kinds: investment (招商引资), industry (产业), welfare (公益), other.
CREATE TABLE project (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  stage TEXT,
  intended_investment_fen BIGINT,
  started_on TEXT NOT NULL,
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX project_path ON project(region_path, sort_key);

-- A person (the source) answers for a target from valid_from up to, not
-- including, valid_to. Level 1: a person (entrepreneur); 2: a region (village);
-- 3: a region (group of the source's village); 4: a project. region_path is
-- the target's place, for scopes and rules. Re-pairing closes the old row.
CREATE TABLE pairing (
  id {{id}},
  level INTEGER NOT NULL,
  source_person_id BIGINT NOT NULL REFERENCES person(id),
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  region_path {{text_c}} NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX pairing_target ON pairing(target_kind, target_id, level);
CREATE INDEX pairing_source ON pairing(source_person_id, level);
CREATE INDEX pairing_path ON pairing(region_path, level);

-- Every target of a level under the region has min..max responsible people.
CREATE TABLE coverage_rule (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  level INTEGER NOT NULL,
  min_sources INTEGER NOT NULL,
  max_sources INTEGER,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX coverage_rule_path ON coverage_rule(region_path);

-- Every person under the region matching source_filter contacts at least
-- min_contacts distinct targets matching target_filter per period. Filters
-- are named traits (pairing/model.cpp), never SQL.
CREATE TABLE quota_rule (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  source_filter TEXT NOT NULL,
  target_filter TEXT NOT NULL,
  min_contacts INTEGER NOT NULL,
  period TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quota_rule_path ON quota_rule(region_path);

-- A contact made by a person with a target (person, organization, enterprise,
-- region) on a date; region_path is the target's place.
CREATE TABLE contact (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES person(id),
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  region_path {{text_c}} NOT NULL,
  occurred_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  follow_up TEXT NOT NULL DEFAULT '',
  follow_up_due TEXT,
  follow_up_done_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contact_person ON contact(person_id, occurred_on);
CREATE INDEX contact_path ON contact(region_path, occurred_on);
CREATE INDEX contact_target ON contact(target_kind, target_id);

-- A user who is a person in the registry (a leader): pairing access.
ALTER TABLE app_user ADD COLUMN person_id BIGINT REFERENCES person(id);
