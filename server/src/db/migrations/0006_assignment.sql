-- Automatic pairing (自动分配): a plan proposed for one level under one region,
-- kept so that it can be previewed and then applied as it was shown. The
-- fingerprint digests what the plan was made from (sources, targets, their
-- eligibility and demands, the pairings then); applying refuses when today's
-- digest differs.
CREATE TABLE assignment_plan (
  id {{id}},
  level INTEGER NOT NULL,
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  plan_date TEXT NOT NULL,
  options TEXT NOT NULL,
  status TEXT NOT NULL,
  cost BIGINT NOT NULL,
  fingerprint TEXT NOT NULL,
  result TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  applied_at TEXT,
  applied_by TEXT
);
CREATE INDEX assignment_plan_path ON assignment_plan(region_path, created_at);
