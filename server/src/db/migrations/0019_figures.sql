-- The figures' per-unit aggregates (figures/summary.cpp). A unit is a town,
-- or a region above town level for the records placed there; its key is its
-- path cut at town depth ("" for records without a place). Every audited
-- write bumps the version of the units it touched, in its own transaction
-- (audit.cpp), and an aggregate serves only while it carries its unit's
-- stamp (the sum of its version and its ancestors'): never stale, and a
-- rollup of a province reads one row per town.
CREATE TABLE figure_version (
  path {{text_c}} PRIMARY KEY,
  version BIGINT NOT NULL
);
-- One row per unit and period ("2022-01-01..2022-12-31@2022-12-31": from, to,
-- and the day states and lateness are judged on); body "code=value;...".
CREATE TABLE figure_cache (
  period {{text_c}} NOT NULL,
  path {{text_c}} NOT NULL,
  version BIGINT NOT NULL, -- the unit's stamp when computed
  body TEXT NOT NULL,
  PRIMARY KEY (period, path)
);

-- The work brief's templates (figures/brief.hpp): its sections in order, each
-- a heading and a text whose placeholders name figures, and the item
-- templates that write one sentence per project or land contract. An admin
-- edits them; the figures are always filled in from the records.
CREATE TABLE brief_template (
  section {{text_c}} PRIMARY KEY,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO brief_template (section, kind, position, heading, body, updated_at) VALUES
  ('intro', 'section', 10, '',
   '{period}，{region}坚持“党建+商会”双轮驱动，以党建引领商会发展、以商会助推乡村振兴，凝聚力量一齐干，锚定目标走到底。现将有关情况简报如下。',
   '2022-01-01T00:00:00Z'),
  ('towns', 'section', 15, '各地主要指标对比', '{table:children}', '2022-01-01T00:00:00Z'),
  ('chamber', 'section', 20, '强化基层组织，夯实“堡垒”根基',
   '成立商会党支部，引领和推动商会发展，凝心聚力服务企业，用心用情当好“村民、企业、商会”纽带。[截至{as_of}，{region}商会共有会员{chamber.members}][，党员{chamber.party_members}][，注册企业{chamber.enterprises}][，注册资本{chamber.registered_capital}]。',
   '2022-01-01T00:00:00Z'),
  ('pairing', 'section', 30, '强化示范引领，提升“服务”能力',
   '[召开党委会、商会骨干座谈会和村民代表会等会议{events.group.meeting.count}，专题研究商会的发展和存在的现实困境。]建立“镇领导包企业家、驻村干部包村、村干部包组包片、企业家包项目”的四级包保制度[，一级包保{pairing.level1.pairings}][、二级包保{pairing.level2.pairings}][、三级包保{pairing.level3.pairings}][、四级包保{pairing.level4.pairings}][，{pairing.level1.covered|位}企业家纳入点对点服务，覆盖率{pairing.level1.coverage}]。[全年走访联系{pairing.contacts}。][受理企业诉求{requests.total}，办结{requests.resolved}][，按期办结率{requests.on_time_rate}][，满意率{requests.satisfaction_rate}]。',
   '2022-01-01T00:00:00Z'),
  ('projects', 'section', 40, '强化扶持力度，增强“输血”功能',
   '“走出去与引回来”并轨，支持商会“走出去见世界，引回来谋发展”。[组织考察{events.kind.study_trip.count}，][引回项目{projects.kind.investment.new}][，意向投资{projects.indicator.investment_intended_fen}]。',
   '2022-01-01T00:00:00Z'),
  ('training', 'section', 50, '提高能力素质，抓好人才培训',
   '[组织“党建+乡村振兴高素质农民培育”专题培训班{events.kind.farmer_training.count}，培养种养殖能人{events.kind.farmer_training.people}。][牵头组织“支部书记党建培训会”“发展党员培训会”{events.kind.party_training.count}，培训人次{events.kind.party_training.attendances|人}，提高乡村种养殖能人思想和技术水平。]',
   '2022-01-01T00:00:00Z'),
  ('industry', 'section', 60, '发展特色产业，推动市场化转型', '{items:industry}{items:tourism}',
   '2022-01-01T00:00:00Z'),
  ('land', 'section', 70, '盘活土地资源，壮大村集体经济', '{items:land}[全年村集体收入{income.total}。]',
   '2022-01-01T00:00:00Z'),
  ('welfare', 'section', 80, '热心公益事业，回报桑梓', '{items:welfare}', '2022-01-01T00:00:00Z'),
  ('next', 'section', 90, '下一步工作打算',
   '下一步，{region}将继续坚持党建引领，为商会汇聚资源、资金和产业信息，让企业家、致富能人铆足干劲谋发展，助推乡村振兴，让小山头种出大产业、小村庄串起大园区、小乡镇连接大都市。',
   '2022-01-01T00:00:00Z'),
  ('item.industry', 'item', 0, '',
   '{place}{name}[，规模{area_mu}][，{workshops}][，年产{output_kg}][，年产值{output_value_fen}][，预计年产值{output_value_fen.expected}][，带动就业{jobs|人}][，带动农户{households}][，村集体增收{collective_income_fen}]。',
   '2022-01-01T00:00:00Z'),
  ('item.tourism', 'item', 0, '',
   '{place}{name}[，占地{area_mu}][，投资{investment_actual_fen}][，年吸引游客{visitors|人}]。',
   '2022-01-01T00:00:00Z'),
  ('item.welfare', 'item', 0, '', '{place}{name}[，受益群众{beneficiaries|名}]。',
   '2022-01-01T00:00:00Z'),
  ('item.land', 'item', 0, '',
   '{place}将{area}{land_type}流转给{transferee}[，期限{years|年}][，年租金{rent|元/年}][，带动就业{jobs}]。',
   '2022-01-01T00:00:00Z');
