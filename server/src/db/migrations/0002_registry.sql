-- Registry: people, their posts, tags and party stages; organizations and their
-- members; enterprises; chamber memberships. Facts carry region_path (the
-- materialized path of their region) for scope checks and rollups.

-- Per-deployment secrets (the key of ID-card hashes), created by init.
CREATE TABLE app_secret (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE person (
  id {{id}},
  name TEXT NOT NULL,
  gender TEXT,
  birth_date TEXT,
  phone TEXT,
  id_card_hash {{text_c}} UNIQUE,
  id_card_masked TEXT,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_path ON person(region_path, sort_key);
CREATE INDEX person_sort ON person(sort_key);

-- Posts: 镇领导 town_leader, 驻村干部 resident_cadre, 村干部 village_cadre, ...
CREATE TABLE post (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  leadership_team INTEGER NOT NULL DEFAULT 0,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX post_person ON post(person_id);
CREATE INDEX post_path ON post(region_path, kind);

CREATE TABLE person_tag (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES person(id),
  tag TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX person_tag_person ON person_tag(person_id, tag);

CREATE TABLE organization (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  parent_id BIGINT REFERENCES organization(id),
  founded_on TEXT,
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organization_path ON organization(region_path, kind);

-- Party stages: applicant activist candidate probationary full; one open row
-- per person; moves one step forward at a time.
CREATE TABLE party_stage (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES person(id),
  stage TEXT NOT NULL,
  organization_id BIGINT REFERENCES organization(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX party_stage_person ON party_stage(person_id, valid_from);

CREATE TABLE org_member (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organization(id),
  person_id BIGINT NOT NULL REFERENCES person(id),
  post TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX org_member_org ON org_member(organization_id);
CREATE INDEX org_member_person ON org_member(person_id);

CREATE TABLE enterprise (
  id {{id}},
  name TEXT NOT NULL,
  uscc {{text_c}} NOT NULL UNIQUE,
  legal_representative_id BIGINT REFERENCES person(id),
  industry TEXT NOT NULL,
  registered_capital_fen BIGINT NOT NULL DEFAULT 0,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  founded_on TEXT,
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enterprise_path ON enterprise(region_path, sort_key);

-- Chamber membership: 会长 president, 副会长 vice_president, 理事 director,
-- 会员 member; dues paid / unpaid / exempt.
CREATE TABLE chamber_membership (
  id {{id}},
  chamber_id BIGINT NOT NULL REFERENCES organization(id),
  person_id BIGINT NOT NULL REFERENCES person(id),
  enterprise_id BIGINT REFERENCES enterprise(id),
  post TEXT NOT NULL,
  joined_on TEXT NOT NULL,
  left_on TEXT,
  dues_status TEXT NOT NULL,
  region_path {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX membership_chamber ON chamber_membership(chamber_id, joined_on);
CREATE INDEX membership_person ON chamber_membership(person_id);
