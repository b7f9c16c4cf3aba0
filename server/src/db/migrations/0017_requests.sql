-- Requests (诉求): what an entrepreneur or a villager asks of the town, from
-- raising to rating; the categories and statuses they are judged by, the
-- working-day calendar their due dates count on, and the timeline of what
-- was done. Visits' follow-ups become requests.

-- A day off (holiday) or a weekend day worked instead (workday, 调休).
CREATE TABLE holiday (
  day {{text_c}} PRIMARY KEY,
  kind {{text_c}} NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

-- 2022-2026: the State Council's notices (days off and the weekend days
-- worked instead). 2027: the statutory days of 全国年节及纪念日放假办法 (2024
-- revision) only; the admin adds the notice's bridging days when it is read.
INSERT INTO holiday (day, kind, name, updated_at) VALUES
  ('2022-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2022-01-02', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2022-01-03', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2022-01-29', 'workday', '春节调休', '2022-01-01T00:00:00Z'), ('2022-01-30', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2022-01-31', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-01', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-02', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-03', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-04', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-05', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2022-02-06', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2022-04-02', 'workday', '清明节调休', '2022-01-01T00:00:00Z'),
  ('2022-04-03', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2022-04-04', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2022-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2022-04-24', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2022-04-30', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2022-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2022-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2022-05-03', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2022-05-04', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2022-05-07', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2022-06-03', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2022-06-04', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2022-06-05', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2022-09-10', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2022-09-11', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2022-09-12', 'holiday', '中秋节', '2022-01-01T00:00:00Z'),
  ('2022-10-01', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-02', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-03', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-04', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-05', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-06', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2022-10-07', 'holiday', '国庆节', '2022-01-01T00:00:00Z'),
  ('2022-10-08', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'), ('2022-10-09', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2022-12-31', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2023-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2023-01-02', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2023-01-21', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-22', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-23', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-24', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-25', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-26', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2023-01-27', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2023-01-28', 'workday', '春节调休', '2022-01-01T00:00:00Z'), ('2023-01-29', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2023-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2023-04-23', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2023-04-29', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2023-04-30', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2023-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2023-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2023-05-03', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2023-05-06', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2023-06-22', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2023-06-23', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2023-06-24', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2023-06-25', 'workday', '端午节调休', '2022-01-01T00:00:00Z'),
  ('2023-09-29', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-09-30', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-01', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-02', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-03', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-04', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-05', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'), ('2023-10-06', 'holiday', '中秋节、国庆节', '2022-01-01T00:00:00Z'),
  ('2023-10-07', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'), ('2023-10-08', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2024-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2024-02-04', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2024-02-10', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-11', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-12', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-13', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-14', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-15', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-16', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2024-02-17', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2024-02-18', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2024-04-04', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2024-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2024-04-06', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2024-04-07', 'workday', '清明节调休', '2022-01-01T00:00:00Z'), ('2024-04-28', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2024-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2024-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2024-05-03', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2024-05-04', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2024-05-05', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2024-05-11', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2024-06-10', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2024-09-14', 'workday', '中秋节调休', '2022-01-01T00:00:00Z'),
  ('2024-09-15', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2024-09-16', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2024-09-17', 'holiday', '中秋节', '2022-01-01T00:00:00Z'),
  ('2024-09-29', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2024-10-01', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-02', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-03', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-04', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-05', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-06', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2024-10-07', 'holiday', '国庆节', '2022-01-01T00:00:00Z'),
  ('2024-10-12', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2025-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2025-01-26', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2025-01-28', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-01-29', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-01-30', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-01-31', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-02-01', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-02-02', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-02-03', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2025-02-04', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2025-02-08', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2025-04-04', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2025-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2025-04-06', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2025-04-27', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2025-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2025-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2025-05-03', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2025-05-04', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2025-05-05', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2025-05-31', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2025-06-01', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2025-06-02', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2025-09-28', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2025-10-01', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-02', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-03', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-04', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-05', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-06', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-07', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'), ('2025-10-08', 'holiday', '国庆节、中秋节', '2022-01-01T00:00:00Z'),
  ('2025-10-11', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2026-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2026-01-02', 'holiday', '元旦', '2022-01-01T00:00:00Z'), ('2026-01-03', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2026-01-04', 'workday', '元旦调休', '2022-01-01T00:00:00Z'),
  ('2026-02-14', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2026-02-15', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-16', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-17', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-18', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-19', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-20', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-21', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-22', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2026-02-23', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2026-02-28', 'workday', '春节调休', '2022-01-01T00:00:00Z'),
  ('2026-04-04', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2026-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'), ('2026-04-06', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2026-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2026-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2026-05-03', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2026-05-04', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2026-05-05', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2026-05-09', 'workday', '劳动节调休', '2022-01-01T00:00:00Z'),
  ('2026-06-19', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2026-06-20', 'holiday', '端午节', '2022-01-01T00:00:00Z'), ('2026-06-21', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2026-09-20', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2026-09-25', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2026-09-26', 'holiday', '中秋节', '2022-01-01T00:00:00Z'), ('2026-09-27', 'holiday', '中秋节', '2022-01-01T00:00:00Z'),
  ('2026-10-01', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-02', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-03', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-04', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-05', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-06', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2026-10-07', 'holiday', '国庆节', '2022-01-01T00:00:00Z'),
  ('2026-10-10', 'workday', '国庆节调休', '2022-01-01T00:00:00Z'),
  ('2027-01-01', 'holiday', '元旦', '2022-01-01T00:00:00Z'),
  ('2027-02-05', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2027-02-06', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2027-02-07', 'holiday', '春节', '2022-01-01T00:00:00Z'), ('2027-02-08', 'holiday', '春节', '2022-01-01T00:00:00Z'),
  ('2027-04-05', 'holiday', '清明节', '2022-01-01T00:00:00Z'),
  ('2027-05-01', 'holiday', '劳动节', '2022-01-01T00:00:00Z'), ('2027-05-02', 'holiday', '劳动节', '2022-01-01T00:00:00Z'),
  ('2027-06-09', 'holiday', '端午节', '2022-01-01T00:00:00Z'),
  ('2027-09-15', 'holiday', '中秋节', '2022-01-01T00:00:00Z'),
  ('2027-10-01', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2027-10-02', 'holiday', '国庆节', '2022-01-01T00:00:00Z'), ('2027-10-03', 'holiday', '国庆节', '2022-01-01T00:00:00Z');

-- What a request is about. time_limit_days: working days from raising (or
-- reopening) to the due date; town_after_days / county_after_days: working
-- days past due when it is escalated to the town, then to the county.
CREATE TABLE request_category (
  code {{text_c}} PRIMARY KEY,
  name_zh_cn TEXT NOT NULL,
  name_zh_tw TEXT NOT NULL,
  name_en TEXT NOT NULL,
  time_limit_days INTEGER NOT NULL,
  town_after_days INTEGER NOT NULL DEFAULT 0,
  county_after_days INTEGER NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO request_category (code, name_zh_cn, name_zh_tw, name_en, time_limit_days, town_after_days, county_after_days, sort_order, builtin, created_at, updated_at) VALUES
  ('finance', '融资', '融資', 'Finance', 15, 0, 10, 10, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('land', '用地', '用地', 'Land', 20, 0, 10, 20, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('labour', '用工', '用工', 'Labour', 10, 0, 5, 30, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('approval', '审批', '審批', 'Approvals', 15, 0, 10, 40, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('infrastructure', '基础设施', '基礎設施', 'Infrastructure', 30, 0, 15, 50, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('policy', '政策咨询', '政策諮詢', 'Policy', 5, 0, 5, 60, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('dispute', '矛盾纠纷', '矛盾糾紛', 'Disputes', 15, 0, 5, 70, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'),
  ('other', '其他', '其他', 'Other', 15, 0, 10, 80, 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z');

-- The statuses, with their fixed type (open or closed); the flow between
-- them is the server's (requests/flow.cpp).
CREATE TABLE request_status (
  code {{text_c}} PRIMARY KEY,
  type {{text_c}} NOT NULL,
  name_zh_cn TEXT NOT NULL,
  name_zh_tw TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO request_status (code, type, name_zh_cn, name_zh_tw, name_en, sort_order) VALUES
  ('registered', 'open', '登记', '登記', 'Registered', 10),
  ('accepted', 'open', '受理', '受理', 'Accepted', 20),
  ('in_progress', 'open', '办理中', '辦理中', 'In progress', 30),
  ('reopened', 'open', '重办', '重辦', 'Reopened', 40),
  ('resolved', 'closed', '办结', '辦結', 'Resolved', 50),
  ('rated', 'closed', '已评价', '已評價', 'Rated', 60),
  ('withdrawn', 'closed', '已撤回', '已撤回', 'Withdrawn', 70);

-- A request. The requester is an enterprise or a person (neither only for
-- converted follow-ups of visits to a village or an organization); the owner
-- a person, or the town office when owner_person_id is NULL. is_open mirrors
-- the status's type; escalated counts manual escalations (1 town, 2
-- county); the derived escalation comes from due_on and the category.
CREATE TABLE request (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES region(id),
  region_path {{text_c}} NOT NULL,
  requester_enterprise_id BIGINT REFERENCES enterprise(id),
  requester_person_id BIGINT REFERENCES person(id),
  category {{text_c}} NOT NULL REFERENCES request_category(code),
  title TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  source {{text_c}} NOT NULL,
  contact_id BIGINT REFERENCES contact(id),
  event_id BIGINT REFERENCES event(id),
  raised_on {{text_c}} NOT NULL,
  owner_person_id BIGINT REFERENCES person(id),
  due_on {{text_c}},
  status {{text_c}} NOT NULL REFERENCES request_status(code),
  is_open INTEGER NOT NULL DEFAULT 1,
  escalated INTEGER NOT NULL DEFAULT 0,
  resolution TEXT NOT NULL DEFAULT '',
  resolved_on {{text_c}},
  rating {{text_c}},
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_on {{text_c}},
  reopened INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL,
  sort_key {{text_c}} NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_path ON request(region_path, raised_on);
CREATE INDEX request_open ON request(is_open, region_path, due_on);
CREATE INDEX request_owner ON request(owner_person_id, is_open, due_on);
CREATE INDEX request_enterprise ON request(requester_enterprise_id);
CREATE INDEX request_person ON request(requester_person_id);
CREATE INDEX request_contact ON request(contact_id);

-- Who a request was forwarded to: an organization or a person.
CREATE TABLE request_handler (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES request(id),
  organization_id BIGINT REFERENCES organization(id),
  person_id BIGINT REFERENCES person(id),
  added_on {{text_c}} NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_handler_request ON request_handler(request_id);
CREATE INDEX request_handler_person ON request_handler(person_id);
CREATE INDEX request_handler_org ON request_handler(organization_id);

-- The timeline: every action, who took it and when.
CREATE TABLE request_action (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES request(id),
  action {{text_c}} NOT NULL,
  from_status {{text_c}},
  to_status {{text_c}} NOT NULL,
  at TEXT NOT NULL,
  user_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  handler_kind {{text_c}},
  handler_id BIGINT,
  handler_name TEXT,
  rating {{text_c}},
  due_on {{text_c}}
);
CREATE INDEX request_action_request ON request_action(request_id, id);

-- Visits' follow-ups become requests: owned by the visitor, due on the
-- follow-up's date, resolved on the day it was done. search_text and
-- sort_key are filled in by the search index's step for this migration.
INSERT INTO request (region_id, region_path, requester_enterprise_id, requester_person_id, category, title, detail, source, contact_id, raised_on, owner_person_id, due_on, status, is_open, resolution, resolved_on, search_text, sort_key, created_by, created_at, updated_at)
  SELECT r.id, k.region_path,
         CASE WHEN k.target_kind = 'enterprise' THEN k.target_id END,
         CASE WHEN k.target_kind = 'person' THEN k.target_id END,
         'other', SUBSTR(k.follow_up, 1, 60), k.follow_up, 'visit', k.id, k.occurred_on, k.person_id,
         k.follow_up_due,
         CASE WHEN k.follow_up_done_on IS NULL THEN 'accepted' ELSE 'resolved' END,
         CASE WHEN k.follow_up_done_on IS NULL THEN 1 ELSE 0 END,
         CASE WHEN k.follow_up_done_on IS NULL THEN '' ELSE '走访跟进事项已办结' END,
         k.follow_up_done_on, '', '', k.created_by, k.created_at, k.updated_at
  FROM contact k JOIN region r ON r.path = k.region_path
  WHERE k.deleted_at IS NULL AND k.follow_up <> '';
INSERT INTO request_action (request_id, action, from_status, to_status, at, user_id, actor_name, note, due_on)
  SELECT q.id, 'create', NULL, 'accepted', q.created_at, q.created_by, COALESCE((SELECT u.display_name FROM app_user u WHERE u.id = q.created_by), ''), '', q.due_on
  FROM request q WHERE q.contact_id IS NOT NULL;
INSERT INTO request_action (request_id, action, from_status, to_status, at, user_id, actor_name, note)
  SELECT q.id, 'resolve', 'accepted', 'resolved', q.resolved_on || 'T00:00:00Z', q.created_by, COALESCE((SELECT u.display_name FROM app_user u WHERE u.id = q.created_by), ''), q.resolution
  FROM request q WHERE q.contact_id IS NOT NULL AND q.status = 'resolved';
-- Only the follow-ups that became requests (a deleted visit keeps its own).
UPDATE contact SET follow_up = '', follow_up_due = NULL, follow_up_done_on = NULL WHERE id IN (SELECT contact_id FROM request WHERE contact_id IS NOT NULL);
