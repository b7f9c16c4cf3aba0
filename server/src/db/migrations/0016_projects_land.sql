-- Projects with their stages, owners and indicators; land-transfer contracts
-- with their payment schedules and receipts; the village collectives' income.
-- Money is integer fen (分) and areas integer hundredths of a 亩: no floating
-- point in stored sums.

ALTER TABLE project ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN stage_on TEXT;

-- A project's stages, oldest first: the project's stage and stage_on are
-- its last row.
CREATE TABLE project_stage (
  project_id BIGINT NOT NULL REFERENCES project(id),
  stage {{text_c}} NOT NULL,
  on_date {{text_c}} NOT NULL,
  PRIMARY KEY (project_id, on_date, stage)
);

-- The enterprises that own a project.
CREATE TABLE project_enterprise (
  project_id BIGINT NOT NULL REFERENCES project(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
  PRIMARY KEY (project_id, enterprise_id)
);
CREATE INDEX project_enterprise_enterprise ON project_enterprise(enterprise_id);

-- What a project is measured by. scale: the decimals a value may have (values
-- are stored times 10^scale); sum_projects: values add up across projects;
-- sum_periods: values of successive periods add up (a flow, not a stock).
CREATE TABLE indicator (
  id {{id}},
  code {{text_c}} NOT NULL UNIQUE,
  name_zh_cn TEXT NOT NULL,
  name_zh_tw TEXT NOT NULL,
  name_en TEXT NOT NULL,
  unit_zh_cn TEXT NOT NULL,
  unit_zh_tw TEXT NOT NULL,
  unit_en TEXT NOT NULL,
  scale INTEGER NOT NULL DEFAULT 0,
  sum_projects INTEGER NOT NULL DEFAULT 1,
  sum_periods INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO indicator (code, name_zh_cn, name_zh_tw, name_en, unit_zh_cn, unit_zh_tw, unit_en, scale, sum_projects, sum_periods, sort_order, builtin, created_at, updated_at) VALUES
  ('area_mu', '面积', '面積', 'Area', '亩', '畝', 'mu', 2, 1, 0, 10, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('investment_intended_fen', '意向投资', '意向投資', 'Intended investment', '分', '分', 'fen', 0, 1, 0, 20, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('investment_actual_fen', '实际投资', '實際投資', 'Investment made', '分', '分', 'fen', 0, 1, 1, 30, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('output_kg', '产量', '產量', 'Output', '公斤', '公斤', 'kg', 0, 1, 1, 40, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('output_value_fen', '产值', '產值', 'Output value', '分', '分', 'fen', 0, 1, 1, 50, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('workshops', '作坊', '作坊', 'Workshops', '家', '家', 'workshops', 0, 1, 0, 60, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('households', '带动农户', '帶動農戶', 'Households involved', '户', '戶', 'households', 0, 1, 0, 70, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('jobs', '就业岗位', '就業崗位', 'Jobs', '个', '個', 'jobs', 0, 1, 0, 80, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('visitors', '游客', '遊客', 'Visitors', '人次', '人次', 'visits', 0, 1, 1, 90, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('beneficiaries', '受益人数', '受益人數', 'Beneficiaries', '人次', '人次', 'person-times', 0, 1, 1, 100, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('collective_income_fen', '村集体增收', '村集體增收', 'Collective income added', '分', '分', 'fen', 0, 1, 1, 110, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z');

-- A project's value of an indicator for a period [period_from, period_to],
-- expected (预计, 1) or actual (实际, 0). The project's place is copied here
-- so that a region's figures read this table alone.
CREATE TABLE project_value (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES project(id),
  indicator {{text_c}} NOT NULL,
  period_from {{text_c}} NOT NULL,
  period_to {{text_c}} NOT NULL,
  expected INTEGER NOT NULL DEFAULT 0,
  value BIGINT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  region_path {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (project_id, indicator, period_from, period_to, expected)
);
CREATE INDEX project_value_path ON project_value(region_path, period_from, indicator);

-- The intended investment a project carried becomes its first value.
INSERT INTO project_value (project_id, indicator, period_from, period_to, expected, value, source, region_path, created_at, updated_at)
  SELECT id, 'investment_intended_fen', SUBSTR(started_on, 1, 4) || '-01-01', SUBSTR(started_on, 1, 4) || '-12-31', 0, intended_investment_fen, '', region_path, created_at, updated_at
  FROM project WHERE intended_investment_fen IS NOT NULL AND deleted_at IS NULL;
INSERT INTO project_stage (project_id, stage, on_date)
  SELECT id, stage, started_on FROM project WHERE stage IS NOT NULL AND deleted_at IS NULL;
UPDATE project SET stage_on = started_on WHERE stage IS NOT NULL;

-- A land-transfer contract (土地流转合同). The transferor is a collective
-- (transferor_org_id) or households (land_contract_person); the transferee an
-- enterprise or a person. area_hundredths: the area in hundredths of a 亩.
-- The rent is rent_fen_per_year, or rent_fen_per_mu_year times the area;
-- increased by increase_percent every increase_every years.
CREATE TABLE land_contract (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  transferor_org_id BIGINT REFERENCES organization(id),
  transferee_enterprise_id BIGINT REFERENCES enterprise(id),
  transferee_person_id BIGINT REFERENCES person(id),
  land_type {{text_c}} NOT NULL,
  area_hundredths BIGINT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  starts_on {{text_c}} NOT NULL,
  ends_on {{text_c}} NOT NULL,
  years INTEGER,
  rent_fen_per_year BIGINT,
  rent_fen_per_mu_year BIGINT,
  increase_percent INTEGER NOT NULL DEFAULT 0,
  increase_every INTEGER,
  payment_frequency {{text_c}} NOT NULL,
  jobs INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX land_contract_path ON land_contract(region_path, ends_on);
CREATE INDEX land_contract_enterprise ON land_contract(transferee_enterprise_id);
CREATE INDEX land_contract_transferee ON land_contract(transferee_person_id);

CREATE TABLE land_contract_person (
  contract_id BIGINT NOT NULL REFERENCES land_contract(id),
  person_id BIGINT NOT NULL REFERENCES person(id),
  PRIMARY KEY (contract_id, person_id)
);

-- The payment schedule: payment n of a contract, due on due_on; received_fen
-- sums its receipts. The contract's place is copied here (and dropped with
-- the contract, deleted set) so that overdue lists read this table alone.
CREATE TABLE land_payment (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES land_contract(id),
  n INTEGER NOT NULL,
  due_on {{text_c}} NOT NULL,
  amount_fen BIGINT NOT NULL,
  received_fen BIGINT NOT NULL DEFAULT 0,
  region_path {{text_c}} NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  UNIQUE (contract_id, n)
);
CREATE INDEX land_payment_due ON land_payment(region_path, due_on, deleted);

-- Money received for a payment. collective_org_id: the transferor
-- collective the rent is income of (null for households); region_path and
-- received_on let a region's income be read from this table alone.
CREATE TABLE land_receipt (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES land_contract(id),
  n INTEGER NOT NULL,
  received_on {{text_c}} NOT NULL,
  amount_fen BIGINT NOT NULL,
  payer TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  collective_org_id BIGINT,
  region_path {{text_c}} NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX land_receipt_contract ON land_receipt(contract_id, n);
CREATE INDEX land_receipt_path ON land_receipt(region_path, received_on);

-- The income of a village collective entered by hand, by year and source
-- (dividend, service, subsidy, other; rent comes from land receipts).
CREATE TABLE collective_income (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organization(id),
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  year INTEGER NOT NULL,
  source {{text_c}} NOT NULL,
  amount_fen BIGINT NOT NULL,
  received_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX collective_income_path ON collective_income(region_path, year);
CREATE INDEX collective_income_org ON collective_income(organization_id, year);
