-- Foundation: regions, users, sessions, audit.

CREATE TABLE region (
  id {{id}},
  code {{text_c}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  official_name TEXT NOT NULL,
  level TEXT NOT NULL,
  -- The parent's code: official codes are stable natural keys, and an import
  -- can insert a whole level before its parents' ids are known.
  parent_code {{text_c}},
  path {{text_c}} NOT NULL,
  -- Search keys: Simplified form, full pinyin and pinyin initials, each a
  -- space-separated list of every reading; sort_key orders by pinyin.
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL
);
CREATE INDEX region_parent ON region(parent_code, sort_key);
CREATE INDEX region_path ON region(path);

CREATE TABLE app_user (
  id {{id}},
  username {{text_c}} NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  capture_region_id BIGINT REFERENCES region(id),
  view_region_id BIGINT REFERENCES region(id),
  all_regions INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  demo_password INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_role (
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE session (
  token_hash {{text_c}} PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_by_user ON session(user_id);

-- Append-only change log; hash = sha256(prev_hash || row) makes tampering visible.
CREATE TABLE audit (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  region_path {{text_c}},
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit(entity, entity_id, id);

-- One row holding the newest audit hash. Every audited write updates it in its
-- own transaction, which serializes audit appends on PostgreSQL too.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, hash) VALUES (1, '');
