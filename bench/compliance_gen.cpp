// Generates a province-sized pairing data set for the compliance benchmark
// (bench/compliance-bench.sh), straight into a database with the db layer's
// bulk insert (a reused prepared statement on SQLite, COPY on PostgreSQL).
//
//   bench_compliance_gen URL PROVINCE PEOPLE EVERY EXPECT_JSON
//
// URL is a database made by `shuanglun init` whose regions include PROVINCE
// (`shuanglun regions import FOLDER --under 43`) and that holds no people yet.
// Every EVERYth town (by code; 1 = all) gets a complete four-level setup:
//
//   the town: a party committee with a leadership team of 10 (town_leader
//     posts, leadership_team, full party members, home in the first village),
//     a chamber of commerce with 30 entrepreneur members (an enterprise each,
//     a third of them party members in the chamber's party branch), 5 projects;
//   each village: 3-8 groups (region rows of level 'group', code VILLAGE-NN, as
//     regions::AddGroup makes them), a party branch, a collective, a secretary
//     and 3 village cadres, a resident cadre from the town (a party member in
//     two villages of three; every 20th village changed its resident cadre on
//     2022-07-01), 3-4 wealth creators, an activist, an applicant in every
//     other village, and ordinary villagers (some party members, some tagged)
//     so that the province has about PEOPLE people;
//   pairings: level 1 every entrepreneur one leader (some re-paired on
//     2022-06-01), level 2 every village its resident cadre, level 3 every group
//     a cadre of its village, level 4 every project an entrepreneur;
//   2022 contacts: each leader visits his paired entrepreneurs monthly, meets
//     two village branches twice and visits three wealth creators; each
//     resident cadre visits the village monthly, two wealth creators and (a
//     party member) the activist; each village cadre visits each of his groups
//     six times; each project's entrepreneur visits it quarterly; every 10th
//     contact has a follow-up, done in time.
//
// The rules are the seed's, on the province: level 1 exactly one leader,
// levels 2-4 at least one source; leaders contact 2 village branches and 3
// wealth creators a year, party-member resident cadres 1 activist. Towns with
// one village have their own rule of 1 branch (the deepest rule governs).
//
// Gap towns: every 25th included town (position 3, 28, 53, ...) has g = 1..4
// (cycling) planted gaps: g entrepreneurs unpaired, one entrepreneur with two
// leaders (every other gap town), the last village without a resident cadre
// (g >= 2), the first group of g villages without a cadre, one project without
// an entrepreneur (g >= 3), leader 0 short of wealth creators, leader 1 short
// of branches (g >= 2), one party-member resident cadre without an activist
// contact (g = 4), one overdue follow-up.
//
// Everything is a pure function of the region list, PEOPLE and EVERY: person n
// (in generation order) has name n, ids continue after the tables' largest.
// No ID cards, no search-index rows (`shuanglun reindex` builds those), no
// audit rows: the compliance view reads none of them.
//
// EXPECT_JSON receives what compliance on 2022-12-31 must answer: per-level
// totals for the province and, per town, its rollup line (uncovered per
// level, over, quotas failing, overdue, gaps), plus sample towns.

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "db/scope.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace {

using sl::db::Params;
using sl::db::Value;

constexpr const char* kStamp = "2022-01-01T00:00:00Z";
constexpr int kLeaders = 10, kEntrepreneurs = 30, kProjects = 5;

const char* const kSurnames[50] = {"陈", "李", "黄",   "曾", "谭", "刘", "周", "王", "张", "雷",
                                   "邓", "唐", "欧阳", "蒋", "何", "胡", "廖", "彭", "罗", "梁",
                                   "邹", "肖", "钟",   "盘", "杨", "赵", "吴", "徐", "孙", "朱",
                                   "郭", "高", "林",   "郑", "谢", "宋", "许", "韩", "冯", "曹",
                                   "田", "袁", "潘",   "蔡", "余", "贺", "龙", "易", "文", "伍"};
const char* const kGiven[80] = {
    "文", "辉", "进", "龙", "凌", "家", "鑫", "金", "发", "勤", "锋", "建", "华", "志", "强", "春",
    "梅", "秀", "英", "国", "平", "海", "军", "小", "红", "桂", "芳", "德", "明", "永", "清", "新",
    "民", "丽", "娟", "杰", "峰", "成", "兰", "佳", "俊", "静", "晓", "思", "雨", "欣", "宇", "浩",
    "天", "伟", "学", "光", "利", "庆", "宏", "美", "雪", "婷", "云", "世", "正", "昌", "东", "凤",
    "福", "贵", "和", "辉", "继", "康", "乐", "良", "茂", "敏", "鹏", "荣", "瑞", "胜", "双", "顺"};
const char* const kFirmWords[10] = {"农业开发", "食品加工", "生态养殖", "建筑工程", "商贸",
                                    "物流",     "茶业",     "米业",     "电子商务", "旅游开发"};
const char* const kFirmIndustry[10] = {
    "agriculture", "manufacturing", "agriculture",   "construction", "wholesale_retail",
    "transport",   "agriculture",   "manufacturing", "it",           "culture"};

uint64_t Mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Days since 1970-01-01 and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
std::string DateOf(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
std::string Date(int y, int m, int d) { return DateOf(DaysFromCivil(y, m, d)); }

struct Place {
  int64_t id = 0;
  std::string code, name, path;
};
struct Town {
  Place place;
  std::vector<Place> villages;
};

// One table's pending rows; ids continue after the table's largest.
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<Params> rows;
  int64_t last_id = 0, written = 0;
};

class Generator {
 public:
  Generator(sl::db::Database& db, int64_t people, int every)
      : db_(db), people_target_(people), every_(every) {}

  int Run(const std::string& province, const std::string& expect_file);

 private:
  Table& T(const std::string& name) { return tables_.at(name); }
  // Adds a row (without its id, which it gets here) and returns the id.
  int64_t Add(const std::string& table, Params row) {
    Table& t = T(table);
    const int64_t id = ++t.last_id;
    row.insert(row.begin(), Value(id));
    t.rows.push_back(std::move(row));
    ++pending_;
    return id;
  }
  sl::Status Flush();
  sl::Status Begin();
  sl::Status Commit();

  int64_t Person(const Place& home, int birth_year, const std::string& tag,
                 const std::string& stage, const std::string& stage_since, int64_t branch);
  int64_t Org(const std::string& kind, const std::string& name, const Place& at, int64_t parent,
              const std::string& founded);
  void Post(int64_t person, const std::string& kind, const Place& at, const std::string& title,
            bool leadership, const std::string& from, const std::string& to = "");
  void Pair(int level, int64_t source, const std::string& kind, int64_t target,
            const std::string& path, const std::string& from, const std::string& to = "");
  void Contact(int64_t person, const std::string& kind, int64_t target, const std::string& path,
               int64_t day, const std::string& how, const char* notes, bool overdue = false);

  sl::Json TownOf(const Town& town, size_t pos, bool included);

  sl::db::Database& db_;
  std::unique_ptr<sl::db::Tx> tx_;
  int64_t people_target_;
  int every_;
  std::map<std::string, Table> tables_;
  std::vector<std::string> order_;  // foreign keys first
  size_t pending_ = 0;
  int64_t person_n_ = 0, enterprise_n_ = 0, contact_n_ = 0;
  // Ordinary villagers still to place, by included village.
  int64_t villagers_total_ = 0, village_k_ = 0, villages_included_ = 0, villagers_placed_ = 0;
  int64_t global_village_ = 0;  // villages seen so far (for every-20th changes)
  std::map<int, std::string> group_text_, group_key_;
  std::unordered_map<std::string, int64_t> region_id_;  // ids of towns, villages, groups by path
};

sl::Status Generator::Flush() {
  for (const std::string& name : order_) {
    Table& t = T(name);
    if (t.rows.empty()) continue;
    SL_TRY(tx_->BulkInsert(t.name, t.columns, t.rows));
    t.written += static_cast<int64_t>(t.rows.size());
    t.rows.clear();
  }
  pending_ = 0;
  return sl::OkStatus();
}

sl::Status Generator::Begin() {
  SL_ASSIGN_OR_RETURN(tx_, db_.Begin(sl::db::Mode::kWrite));
  return sl::OkStatus();
}

sl::Status Generator::Commit() {
  SL_TRY(Flush());
  SL_TRY(tx_->Commit());
  tx_.reset();
  return sl::OkStatus();
}

int64_t Generator::Person(const Place& home, int birth_year, const std::string& tag,
                          const std::string& stage, const std::string& stage_since,
                          int64_t branch) {
  const int64_t n = person_n_++;
  // A bijection of 0..199999 scatters the names (50 x 80 x 80 = 320,000 > 200,000;
  // 7919 is prime to 200,000), a third of them with one given character.
  const int64_t k = (n * 7919 + 104729) % 200000;
  std::string name = kSurnames[k % 50];
  name += kGiven[(k / 50) % 80];
  if ((k / 4000) % 3 != 0) name += kGiven[(k / 50 + k / 4000 + 7) % 80];
  const uint64_t h = Mix(static_cast<uint64_t>(n));
  const std::string birth = DateOf(DaysFromCivil(birth_year, 1, 1) + static_cast<int64_t>(h % 365));
  char phone[32];
  std::snprintf(phone, sizeof phone, "139%08lld", static_cast<long long>(n % 100000000));
  const int64_t id = Add("person", {name, std::string(h % 2 ? "male" : "female"), birth,
                                    n % 3 == 0 ? Value() : Value(std::string(phone)), home.id,
                                    home.path, std::string(), sl::text::SearchText(name),
                                    sl::text::SortKey(name), kStamp, kStamp, int64_t{1}});
  if (!tag.empty()) Add("person_tag", {id, tag, std::string("2020-01-01"), Value()});
  if (!stage.empty())
    Add("party_stage", {id, stage, branch ? Value(branch) : Value(), stage_since, Value()});
  return id;
}

int64_t Generator::Org(const std::string& kind, const std::string& name, const Place& at,
                       int64_t parent, const std::string& founded) {
  return Add("organization", {kind, name, at.id, at.path, parent ? Value(parent) : Value(), founded,
                              sl::text::SearchText(name), sl::text::SortKey(name), kStamp, kStamp,
                              Value(), int64_t{1}});
}

void Generator::Post(int64_t person, const std::string& kind, const Place& at,
                     const std::string& title, bool leadership, const std::string& from,
                     const std::string& to) {
  Add("post", {person, kind, at.id, at.path, title, int64_t{leadership}, from,
               to.empty() ? Value() : Value(to)});
}

void Generator::Pair(int level, int64_t source, const std::string& kind, int64_t target,
                     const std::string& path, const std::string& from, const std::string& to) {
  Add("pairing",
      {int64_t{level}, source, kind, target, path, from, to.empty() ? Value() : Value(to),
       std::string("import"), kStamp, kStamp, int64_t{1}});
}

void Generator::Contact(int64_t person, const std::string& kind, int64_t target,
                        const std::string& path, int64_t day, const std::string& how,
                        const char* notes, bool overdue) {
  const int64_t n = contact_n_++;
  Value follow, due, done;
  std::string follow_text;
  if (overdue) {
    follow_text = "协调解决厂房用电增容问题";
    due = DateOf(day + 30);
  } else if (n % 10 == 0) {
    follow_text = "跟进反映的问题";
    due = DateOf(day + 30);
    done = DateOf(day + 10);
  }
  const int64_t id = Add(
      "contact", {person, kind, target, path, DateOf(day), how, std::string(), std::string(notes),
                  follow_text, due, done, kStamp, kStamp, Value(), int64_t{1}});
  if (follow_text.empty()) return;
  // The follow-up as the request (诉求) the server tracks it by, as migration
  // 0017 turns a visit's follow-up into one: owned by the visitor, due on the
  // follow-up's day, resolved on the day it was done.
  const bool open = std::holds_alternative<std::monostate>(done);
  Add("request", {region_id_.at(path),
                  path,
                  kind == "enterprise" ? Value(target) : Value(),
                  kind == "person" ? Value(target) : Value(),
                  std::string("other"),
                  follow_text,
                  follow_text,
                  std::string("visit"),
                  id,
                  DateOf(day),
                  person,
                  due,
                  std::string(open ? "accepted" : "resolved"),
                  int64_t{open ? 1 : 0},
                  std::string(open ? "" : "走访跟进事项已办结"),
                  done,
                  std::string(),
                  std::string(),
                  kStamp,
                  kStamp,
                  int64_t{1}});
}

int Generator::Run(const std::string& province, const std::string& expect_file) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto fail = [](const sl::Error& e) {
    std::cerr << "bench_compliance_gen: " << sl::Say(e.message, sl::Lang::kEn) << " " << e.detail
              << "\n";
    return 1;
  };
  auto defs = std::vector<std::pair<std::string, std::vector<std::string>>>{
      {"region",
       {"id", "code", "name", "official_name", "level", "parent_code", "path", "search_text",
        "sort_key"}},
      {"person",
       {"id", "name", "gender", "birth_date", "phone", "region_id", "region_path", "notes",
        "search_text", "sort_key", "created_at", "updated_at", "version"}},
      {"organization",
       {"id", "kind", "name", "region_id", "region_path", "parent_id", "founded_on", "search_text",
        "sort_key", "created_at", "updated_at", "deleted_at", "version"}},
      {"person_tag", {"id", "person_id", "tag", "valid_from", "valid_to"}},
      {"party_stage", {"id", "person_id", "stage", "organization_id", "valid_from", "valid_to"}},
      {"post",
       {"id", "person_id", "kind", "region_id", "region_path", "title", "leadership_team",
        "valid_from", "valid_to"}},
      {"org_member", {"id", "organization_id", "person_id", "post", "valid_from", "valid_to"}},
      {"enterprise",
       {"id", "name", "uscc", "legal_representative_id", "industry", "registered_capital_fen",
        "region_id", "region_path", "founded_on", "search_text", "sort_key", "created_at",
        "updated_at", "version"}},
      {"chamber_membership",
       {"id", "chamber_id", "person_id", "enterprise_id", "post", "joined_on", "left_on",
        "dues_status", "region_path", "created_at", "updated_at", "version"}},
      {"project",
       {"id", "kind", "name", "region_id", "region_path", "stage", "intended_investment_fen",
        "started_on", "search_text", "sort_key", "created_at", "updated_at", "version"}},
      {"pairing",
       {"id", "level", "source_person_id", "target_kind", "target_id", "region_path", "valid_from",
        "valid_to", "origin", "created_at", "updated_at", "version"}},
      {"contact",
       {"id", "person_id", "target_kind", "target_id", "region_path", "occurred_on", "kind",
        "place", "notes", "follow_up", "follow_up_due", "follow_up_done_on", "created_at",
        "updated_at", "deleted_at", "version"}},
      {"request",
       {"id",
        "region_id",
        "region_path",
        "requester_enterprise_id",
        "requester_person_id",
        "category",
        "title",
        "detail",
        "source",
        "contact_id",
        "raised_on",
        "owner_person_id",
        "due_on",
        "status",
        "is_open",
        "resolution",
        "resolved_on",
        "search_text",
        "sort_key",
        "created_at",
        "updated_at",
        "version"}},
      {"coverage_rule",
       {"id", "region_id", "region_path", "level", "min_sources", "max_sources", "valid_from",
        "valid_to", "notes", "created_at", "updated_at", "version"}},
      {"quota_rule",
       {"id", "region_id", "region_path", "source_filter", "target_filter", "min_contacts",
        "period", "valid_from", "valid_to", "notes", "created_at", "updated_at", "version"}},
  };
  if (auto st = Begin(); !st.ok()) return fail(st.error());
  for (auto& [name, columns] : defs) {
    Table t{name, columns, {}, 0, 0};
    auto max = tx_->QueryOne("SELECT COALESCE(MAX(id), 0) FROM " + name);
    if (!max.ok()) return fail(max.error());
    t.last_id = (*max)->Int(0);
    tables_.emplace(name, std::move(t));
    order_.push_back(name);
  }
  {
    auto n = tx_->QueryOne("SELECT COUNT(*) FROM person");
    if (!n.ok()) return fail(n.error());
    if ((*n)->Int(0) != 0) {
      std::cerr << "bench_compliance_gen: the database already has people; use a new one\n";
      return 1;
    }
  }

  // The province, its towns and villages, by code.
  auto prov = tx_->QueryOne("SELECT id, code, name, path FROM region WHERE code = ?", {province});
  if (!prov.ok()) return fail(prov.error());
  if (!*prov) {
    std::cerr << "bench_compliance_gen: no region " << province << "; import the regions first\n";
    return 1;
  }
  const Place top{(*prov)->Int(0), (*prov)->Str(1), (*prov)->Str(2), (*prov)->Str(3)};
  const std::string upper = sl::db::PrefixUpperBound(top.path);
  std::vector<Town> towns;
  std::map<std::string, size_t> town_at;
  {
    auto rows = tx_->Query(
        "SELECT id, code, name, path FROM region WHERE path >= ? AND path < ? AND level = 'town' "
        "ORDER BY code",
        {top.path, upper});
    if (!rows.ok()) return fail(rows.error());
    for (const auto& r : *rows) {
      town_at[r.Str(1)] = towns.size();
      region_id_[r.Str(3)] = r.Int(0);
      towns.push_back({{r.Int(0), r.Str(1), r.Str(2), r.Str(3)}, {}});
    }
    auto vs = tx_->Query(
        "SELECT id, code, name, path, parent_code FROM region WHERE path >= ? AND path < ? AND "
        "level = 'village' ORDER BY code",
        {top.path, upper});
    if (!vs.ok()) return fail(vs.error());
    for (const auto& r : *vs) {
      auto hit = town_at.find(r.Str(4));
      region_id_[r.Str(3)] = r.Int(0);
      if (hit != town_at.end())
        towns[hit->second].villages.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3)});
    }
    auto groups = tx_->QueryOne(
        "SELECT COUNT(*) FROM region WHERE path >= ? AND path < ? AND level = 'group'",
        {top.path, upper});
    if (!groups.ok()) return fail(groups.error());
    if ((*groups)->Int(0) != 0) {
      std::cerr << "bench_compliance_gen: the province already has groups; use a new database\n";
      return 1;
    }
  }
  if (towns.empty()) {
    std::cerr << "bench_compliance_gen: no towns under " << province << "\n";
    return 1;
  }

  // People in roles, to leave the rest of PEOPLE to ordinary villagers.
  int64_t villages_all = 0, roles = 0;
  for (size_t t = 0; t < towns.size(); ++t) {
    villages_all += static_cast<int64_t>(towns[t].villages.size());
    if (t % every_ != 0) continue;
    roles += kLeaders + kEntrepreneurs;
    for (size_t v = 0; v < towns[t].villages.size(); ++v) {
      ++villages_included_;
      // resident, secretary, 3 cadres, 3-4 wealth creators, activist, applicant
      roles += 1 + 1 + 3 + (3 + static_cast<int64_t>(v % 2)) + 1 + (v % 2 == 0 ? 1 : 0);
    }
  }
  const int64_t included_people =
      villages_all ? people_target_ * villages_included_ / villages_all : 0;
  villagers_total_ = std::max<int64_t>(0, included_people - roles);

  // The rules, on the province.
  const std::string from2022 = "2022-01-01";
  for (int level = 1; level <= 4; ++level) {
    static const char* const notes[4] = {"每位企业家由一名班子成员点对点服务", "每个村有驻村干部",
                                         "每个村民小组有村干部包保", "每个项目有企业家负责"};
    Add("coverage_rule",
        {top.id, top.path, int64_t{level}, int64_t{1}, level == 1 ? Value(int64_t{1}) : Value(),
         from2022, Value(), std::string(notes[level - 1]), kStamp, kStamp, int64_t{1}});
  }
  auto quota = [&](const Place& at, const char* source, const char* target, int min,
                   const char* notes) {
    Add("quota_rule",
        {at.id, at.path, std::string(source), std::string(target), int64_t{min},
         std::string("year"), from2022, Value(), std::string(notes), kStamp, kStamp, int64_t{1}});
  };
  quota(top, "leadership_team", "village_branch", 2, "班子成员每年至少联系2个村党支部");
  quota(top, "leadership_team", "wealth_creator", 3, "班子成员每年至少联系3户致富能手");
  quota(top, "party_member resident_cadre", "activist", 1, "党员驻村干部至少联系1名入党积极分子");

  sl::Json expect_towns = sl::Json::object();
  int64_t pos = -1;  // position among included towns
  std::array<int64_t, 4> targets{}, uncovered{};
  int64_t over_total = 0, quotas_total = 0, quotas_failing = 0, overdue_total = 0;
  std::string sample_ok, sample_gap;
  int sample_gap_g = 0;
  for (size_t t = 0; t < towns.size(); ++t) {
    const Town& town = towns[t];
    const int64_t nv = static_cast<int64_t>(town.villages.size());
    targets[1] += nv;
    if (t % every_ != 0) {
      // Not generated: its villages are level-2 targets nobody answers for.
      uncovered[1] += nv;
      expect_towns[town.place.code] = {{"uncovered", {0, nv, 0, 0}},
                                       {"over", 0},
                                       {"quotas_failing", 0},
                                       {"overdue", 0},
                                       {"gaps", nv}};
      global_village_ += nv;
      continue;
    }
    ++pos;
    const bool gap = pos % 25 == 3;
    const int g = gap ? 1 + static_cast<int>((pos / 25) % 4) : 0;
    const bool over = gap && (pos / 25) % 2 == 0;
    std::array<int64_t, 4> town_uncovered{};
    int64_t town_failing = 0;
    const uint64_t seed = Mix(static_cast<uint64_t>(t) + 1);
    auto day = [&](int month, uint64_t salt) {
      return DaysFromCivil(2022, month, 1) + static_cast<int64_t>(Mix(seed ^ salt) % 28);
    };
    const Place& seat = town.villages.empty() ? town.place : town.villages.front();
    const std::string county6 = town.place.code.substr(0, 6);

    // The party committee and its leadership team.
    const int64_t committee =
        Org("party_committee", "中共" + town.place.name + "委员会", town.place, 0, "1956-01-01");
    static const char* const titles[kLeaders] = {
        "党委书记", "党委副书记、镇长", "党委副书记", "人大主席", "纪委书记",
        "组织委员", "宣传委员",         "武装部长",   "副镇长",   "副镇长"};
    std::vector<int64_t> leaders;
    for (int i = 0; i < kLeaders; ++i) {
      const int64_t p = Person(seat, 1968 + i * 2, "", "full", "1998-07-01", committee);
      Post(p, "town_leader", town.place, titles[i], true, "2021-09-01");
      Add("org_member", {committee, p,
                         std::string(i == 0  ? "secretary"
                                     : i < 3 ? "deputy_secretary"
                                             : "committee_member"),
                         std::string("2021-09-01"), Value()});
      leaders.push_back(p);
    }

    // Villages.
    struct Village {
      const Place* place;
      int64_t branch = 0, resident = 0, activist = 0;
      bool resident_party = false;
      std::vector<int64_t> cadres, wealth;
      std::vector<Place> groups;
    };
    std::vector<Village> villages;
    for (int64_t v = 0; v < nv; ++v, ++global_village_) {
      const Place& vp = town.villages[v];
      Village& vil = villages.emplace_back();
      vil.place = &vp;
      const int ngroups = 3 + static_cast<int>((global_village_ * 7 + t) % 6);
      for (int gi = 1; gi <= ngroups; ++gi) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-%02d", gi);
        const std::string code = vp.code + suffix, name = std::to_string(gi) + "组";
        if (!group_text_.count(gi)) {
          group_text_[gi] = sl::text::SearchText(name);
          group_key_[gi] = sl::text::SortKey(name);
        }
        const std::string path = vp.path + code + "/";
        const int64_t id = Add("region", {code, name, name, std::string("group"), vp.code, path,
                                          group_text_[gi], group_key_[gi]});
        vil.groups.push_back({id, code, name, path});
        region_id_[path] = id;
      }
      targets[2] += ngroups;
      vil.branch = Org("party_branch", vp.name + "党支部", vp, committee, "1958-01-01");
      Org("collective", vp.name + "股份经济合作社", vp, 0, "2020-06-01");
      const int64_t secretary = Person(vp, 1966 + v % 10, "", "full", "1995-07-01", vil.branch);
      Post(secretary, "village_secretary", vp, "党支部书记、村委会主任", false, "2021-01-01");
      Add("org_member",
          {vil.branch, secretary, std::string("secretary"), std::string("2021-01-01"), Value()});
      vil.cadres.push_back(secretary);
      for (int c = 0; c < 3; ++c) {
        const bool member = c != 2;
        const int64_t cadre = Person(vp, 1975 + c * 5, "", member ? "full" : "",
                                     member ? "2008-07-01" : "", vil.branch);
        Post(cadre, "village_cadre", vp, c == 0 ? "村委副主任" : "村委委员", false, "2021-01-01");
        if (member)
          Add("org_member", {vil.branch, cadre, std::string("committee_member"),
                             std::string("2021-01-01"), Value()});
        vil.cadres.push_back(cadre);
      }
      // The resident cadre: from the town, a party member in two villages of three.
      const bool changed = global_village_ % 20 == 0;
      vil.resident_party = global_village_ % 3 != 0;
      if (changed) {
        const int64_t former = Person(seat, 1980, "", "full", "2006-07-01", committee);
        Post(former, "resident_cadre", vp, "驻村干部", false, "2020-09-01", "2022-07-01");
        Pair(2, former, "region", vp.id, vp.path, "2020-09-01", "2022-07-01");
        for (int m = 1; m <= 6; ++m)
          Contact(former, "region", vp.id, vp.path, day(m, 700 + v), "visit", "驻村走访");
      }
      vil.resident = Person(seat, 1985 + v % 8, "", vil.resident_party ? "full" : "",
                            vil.resident_party ? "2012-07-01" : "", committee);
      Post(vil.resident, "resident_cadre", vp, "驻村干部", false,
           changed ? "2022-07-01" : "2021-09-01");
      for (int w = 0; w < 3 + static_cast<int>(v % 2); ++w)
        vil.wealth.push_back(Person(vp, 1968 + w * 4, "wealth_creator", "", "", 0));
      vil.activist =
          Person(vp, 1992 + v % 6, "skilled_farmer", "activist", "2021-06-01", vil.branch);
      if (v % 2 == 0) Person(vp, 1996, "", "applicant", "2022-05-01", vil.branch);
      // Ordinary villagers: an even share of what PEOPLE leaves.
      const int64_t share = villagers_total_ * (village_k_ + 1) / villages_included_ -
                            villagers_total_ * village_k_ / villages_included_;
      ++village_k_;
      for (int64_t i = 0; i < share; ++i) {
        const int64_t n = person_n_;
        const char* tag = n % 40 == 7 ? "skilled_farmer" : n % 40 == 17 ? "returnee" : "";
        const bool party = n % 16 == 5;
        Person(vp, 1940 + static_cast<int>(Mix(n) % 66), tag, party ? "full" : "",
               party ? "2003-07-01" : "", party ? vil.branch : 0);
      }
      villagers_placed_ += share;
    }

    // The chamber, its party branch, entrepreneurs and their enterprises.
    const int64_t chamber = Org("chamber", town.place.name + "商会", town.place, 0, "2016-03-18");
    const int64_t chamber_branch =
        Org("party_branch", town.place.name + "商会党支部", town.place, committee, "2018-07-01");
    std::vector<int64_t> entrepreneurs;
    std::vector<std::string> joined;
    for (int j = 0; j < kEntrepreneurs; ++j) {
      const Place& home = nv ? town.villages[j % nv] : town.place;
      const bool party = j % 3 == 0;
      const int64_t p = Person(home, 1965 + j % 25, "entrepreneur", party ? "full" : "",
                               "2010-07-01", party ? chamber_branch : 0);
      if (party)
        Add("org_member",
            {chamber_branch, p, std::string("member"), std::string("2018-07-01"), Value()});
      const int64_t e = enterprise_n_++;
      const std::string name = town.place.name + kFirmWords[j % 10] +
                               (j < 10   ? "有限公司"
                                : j < 20 ? "专业合作社"
                                         : "经营部");
      std::string org8 = "MA";
      for (int64_t x = e, c = 0; c < 6; ++c, x /= 31)
        org8 += sl::registry::kUsccAlphabet[static_cast<size_t>(x % 31)];
      const int64_t ent =
          Add("enterprise",
              {name, sl::registry::MakeUscc("91", county6, org8), p,
               std::string(kFirmIndustry[j % 10]), int64_t{(50 + j * 10) * 1000000}, home.id,
               home.path, Date(2008 + j % 14, 1 + j % 12, 15), sl::text::SearchText(name),
               sl::text::SortKey(name), kStamp, kStamp, int64_t{1}});
      const std::string on = Date(2016 + j % 6, 1 + (j * 5) % 12, 1 + static_cast<int>(t % 28));
      Add("chamber_membership", {chamber, p, ent,
                                 std::string(j == 0   ? "president"
                                             : j < 4  ? "vice_president"
                                             : j < 11 ? "director"
                                                      : "member"),
                                 on, Value(), std::string(j % 9 == 8 ? "unpaid" : "paid"),
                                 town.place.path, kStamp, kStamp, int64_t{1}});
      entrepreneurs.push_back(p);
      joined.push_back(on);
    }
    targets[0] += kEntrepreneurs;

    // Projects.
    std::vector<int64_t> projects;
    std::vector<std::string> project_path, project_start;
    static const char* const kinds[kProjects] = {"investment", "investment", "industry", "industry",
                                                 "welfare"};
    static const char* const stages[kProjects] = {"negotiating", "signed", "producing", "building",
                                                  ""};
    static const char* const starts[kProjects] = {"2021-03-01", "2021-08-01", "2020-05-01",
                                                  "2022-03-15", "2022-07-20"};
    static const char* const names[kProjects] = {"招商引资：农产品加工项目",
                                                 "招商引资：电子配件项目", "特色种植基地",
                                                 "乡村旅游开发", "公益课堂"};
    for (int p = 0; p < kProjects; ++p) {
      const Place& at = p < 2 || nv == 0 ? town.place : town.villages[(p * 3) % nv];
      const std::string name = town.place.name + names[p];
      projects.push_back(Add("project", {std::string(kinds[p]), name, at.id, at.path,
                                         *stages[p] ? Value(std::string(stages[p])) : Value(),
                                         p < 2 ? Value(int64_t{(p + 1) * 100000000}) : Value(),
                                         std::string(starts[p]), sl::text::SearchText(name),
                                         sl::text::SortKey(name), kStamp, kStamp, int64_t{1}}));
      project_path.push_back(at.path);
      project_start.push_back(starts[p]);
    }
    targets[3] += kProjects;

    // Level 1: entrepreneur j answers to leader j % 10; j % 10 == 9 were
    // re-paired on 2022-06-01; gap towns leave the first g unpaired, and in
    // some entrepreneur 29 has a second leader.
    for (int j = 0; j < kEntrepreneurs; ++j) {
      if (j < g) {
        ++town_uncovered[0];
        continue;
      }
      const int64_t target = entrepreneurs[j];
      if (j % 10 == 9) {
        Pair(1, leaders[(j + 1) % 10], "person", target, town.place.path, joined[j], "2022-06-01");
        Pair(1, leaders[j % 10], "person", target, town.place.path, "2022-06-01");
      } else {
        Pair(1, leaders[j % 10], "person", target, town.place.path, joined[j]);
      }
      if (over && j == kEntrepreneurs - 1)
        Pair(1, leaders[(j + 2) % 10], "person", target, town.place.path, "2022-09-01");
    }
    // Level 2 and 3.
    for (int64_t v = 0; v < nv; ++v) {
      const Village& vil = villages[v];
      const bool changed = (global_village_ - nv + v) % 20 == 0;
      if (g >= 2 && v == nv - 1)
        ++town_uncovered[1];
      else
        Pair(2, vil.resident, "region", vil.place->id, vil.place->path,
             changed ? "2022-07-01" : "2021-09-01");
      for (size_t gi = 0; gi < vil.groups.size(); ++gi) {
        if (gi == 0 && v < g) {
          ++town_uncovered[2];
          continue;
        }
        Pair(3, vil.cadres[gi % vil.cadres.size()], "region", vil.groups[gi].id,
             vil.groups[gi].path, "2021-01-01");
      }
    }
    // Level 4: project p to entrepreneur 7p mod 30.
    for (int p = 0; p < kProjects; ++p) {
      if (g >= 3 && p == 4) {
        ++town_uncovered[3];
        continue;
      }
      Pair(4, entrepreneurs[(p * 7) % kEntrepreneurs], "project", projects[p], project_path[p],
           project_start[p]);
    }

    // A town of one village asks its leaders for one branch.
    if (nv == 1)
      quota(town.place, "leadership_team", "village_branch", 1,
            "本镇仅一个村：班子成员每年至少联系1个村党支部");
    const int branch_min = nv == 1 ? 1 : 2;

    // 2022 contacts. Leaders.
    for (int i = 0; i < kLeaders; ++i) {
      const int64_t leader = leaders[i];
      for (int j = i; j < kEntrepreneurs; j += 10) {
        const int64_t target = entrepreneurs[j];
        const Place& home = nv ? town.villages[j % nv] : town.place;
        for (int m = 1; m <= 12; ++m)
          Contact(leader, "person", target, home.path, day(m, 1000 + j * 16 + m), "visit",
                  "走访企业，了解生产经营情况");
      }
      if (gap && i == 0)  // a follow-up nobody did
        Contact(leader, "person", entrepreneurs[g],
                nv ? town.villages[g % nv].path : town.place.path, DaysFromCivil(2022, 10, 15),
                "visit", "企业反映厂房用电不足", true);
      // Branches: two (one in a town of one village), each met twice; leader 1
      // of a gap town with g >= 2 meets only one.
      std::set<int64_t> branches;
      const int nb = (g >= 2 && i == 1) ? 1 : 2;
      for (int b = 0; b < nb && nv; ++b) {
        const Village& vil = villages[(2 * i + b) % nv];
        branches.insert(vil.branch);
        for (int r = 0; r < 2; ++r)
          Contact(leader, "organization", vil.branch, vil.place->path,
                  day(3 + b * 4 + r * 2, 2000 + i * 8 + b * 2 + r), "meeting",
                  "参加支部主题党日，听取村级发展情况汇报");
      }
      // Wealth creators: three; leader 0 of a gap town visits one.
      std::set<int64_t> wealth;
      const int nw = (gap && i == 0) ? 1 : 3;
      for (int k = 0; k < nw && nv; ++k) {
        const Village& vil = villages[(3 * i + k) % nv];
        const int64_t target = vil.wealth[k % vil.wealth.size()];
        wealth.insert(target);
        Contact(leader, "person", target, vil.place->path, day(5 + k * 2, 3000 + i * 4 + k),
                "visit", "走访致富能手，了解种养规模和带动农户情况");
      }
      quotas_total += 2;
      town_failing += static_cast<int64_t>(branches.size()) < branch_min;
      town_failing += wealth.size() < 3;
    }
    // Resident cadres, village cadres, project entrepreneurs.
    bool activist_skipped = false;
    for (int64_t v = 0; v < nv; ++v) {
      const Village& vil = villages[v];
      const bool changed = (global_village_ - nv + v) % 20 == 0;
      for (int m = changed ? 7 : 1; m <= 12; ++m)
        Contact(vil.resident, "region", vil.place->id, vil.place->path, day(m, 4000 + v * 16 + m),
                "visit", "驻村走访，了解村情民意");
      for (int k = 0; k < 2; ++k)
        Contact(vil.resident, "person", vil.wealth[k], vil.place->path, day(4 + k * 5, 5000 + v),
                "visit", "走访致富能手");
      if (vil.resident_party) {
        ++quotas_total;
        if (g == 4 && !activist_skipped) {
          activist_skipped = true;
          ++town_failing;
        } else {
          Contact(vil.resident, "person", vil.activist, vil.place->path, day(9, 6000 + v), "visit",
                  "与入党积极分子谈心谈话");
        }
      }
      for (size_t gi = 0; gi < vil.groups.size(); ++gi) {
        const int64_t cadre = vil.cadres[gi % vil.cadres.size()];
        for (int m = 1; m <= 12; m += 2)
          Contact(cadre, "region", vil.groups[gi].id, vil.groups[gi].path,
                  day(m, 7000 + v * 256 + gi * 16 + m), "visit", "入组走访");
      }
    }
    for (int p = 0; p < kProjects; ++p)
      for (int q = 0; q < 4; ++q) {
        const int month = 3 * q + 3;
        if (Date(2022, month, 28) < project_start[p]) continue;
        Contact(entrepreneurs[(p * 7) % kEntrepreneurs], "project", projects[p], project_path[p],
                day(month, 8000 + p * 4 + q), "visit", "项目现场调度");
      }

    const int64_t town_over = over ? 1 : 0, town_overdue = gap ? 1 : 0;
    int64_t gaps = town_over + town_failing + town_overdue;
    for (int l = 0; l < 4; ++l) {
      gaps += town_uncovered[l];
      uncovered[l] += town_uncovered[l];
    }
    over_total += town_over;
    quotas_failing += town_failing;
    overdue_total += town_overdue;
    expect_towns[town.place.code] = {
        {"uncovered", {town_uncovered[0], town_uncovered[1], town_uncovered[2], town_uncovered[3]}},
        {"over", town_over},
        {"quotas_failing", town_failing},
        {"overdue", town_overdue},
        {"gaps", gaps}};
    if (gaps == 0 && (sample_ok.empty() || town.place.code == "431127103"))
      sample_ok = town.place.code;
    // The sample gap town: the first with g = 3 (every kind of gap but the
    // activist's), else the first.
    if (gap && (sample_gap.empty() || (g == 3 && sample_gap_g != 3))) {
      sample_gap = town.place.code;
      sample_gap_g = g;
    }

    if (pending_ >= 50000) {
      if (auto st = Flush(); !st.ok()) return fail(st.error());
    }
    if (pos % 100 == 99) {
      if (auto st = Commit(); !st.ok()) return fail(st.error());
      if (auto st = Begin(); !st.ok()) return fail(st.error());
      std::cerr << "  " << (t + 1) << " of " << towns.size() << " towns, " << person_n_
                << " people, " << contact_n_ << " contacts\n";
    }
  }
  if (auto st = Flush(); !st.ok()) return fail(st.error());
  if (db_.dialect() == sl::db::Dialect::kPostgres) {
    // Explicit ids leave the identity sequences behind.
    for (const std::string& name : order_) {
      auto r = tx_->Query("SELECT setval(pg_get_serial_sequence('" + name +
                          "', 'id'), (SELECT COALESCE(MAX(id), 1) FROM " + name + "))");
      if (!r.ok()) return fail(r.error());
    }
  }
  if (auto st = Commit(); !st.ok()) return fail(st.error());

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  sl::Json counts = sl::Json::object();
  int64_t rows = 0;
  for (const auto& [name, t] : tables_) {
    counts[name] = t.written;
    rows += t.written;
  }
  sl::Json expect = {
      {"province", top.code},
      {"date", "2022-12-31"},
      {"every", every_},
      {"towns_total", towns.size()},
      {"villages_total", villages_all},
      {"people", person_n_},
      {"rows", rows},
      {"seconds", seconds},
      {"counts", counts},
      {"levels",
       {{{"level", 1}, {"targets", targets[0]}, {"uncovered_total", uncovered[0]}},
        {{"level", 2}, {"targets", targets[1]}, {"uncovered_total", uncovered[1]}},
        {{"level", 3}, {"targets", targets[2]}, {"uncovered_total", uncovered[2]}},
        {{"level", 4}, {"targets", targets[3]}, {"uncovered_total", uncovered[3]}}}},
      {"over_total", over_total},
      {"quotas_total", quotas_total},
      {"quotas_failing", quotas_failing},
      {"overdue_total", overdue_total},
      {"sample_ok_town", sample_ok},
      {"sample_gap_town", sample_gap},
      {"towns", expect_towns},
  };
  std::ofstream out(expect_file);
  out << expect.dump(1) << "\n";
  if (!out.good()) {
    std::cerr << "bench_compliance_gen: cannot write " << expect_file << "\n";
    return 1;
  }
  std::cerr << "bench_compliance_gen: " << person_n_ << " people, " << rows << " rows in "
            << seconds << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 1) {
    // scripts/bench-all runs every bench_* program without arguments: this one
    // is a generator, not a benchmark; bench/compliance-bench.sh runs it.
    std::cout << "bench_compliance_gen: data generator for bench/compliance-bench.sh (nothing to "
                 "measure)\n";
    return 0;
  }
  if (argc != 6) {
    std::cerr << "usage: bench_compliance_gen URL PROVINCE PEOPLE EVERY EXPECT_JSON\n";
    return 2;
  }
  const int every = std::stoi(argv[4]);
  if (every < 1) {
    std::cerr << "EVERY must be 1 or more\n";
    return 2;
  }
  auto db = sl::db::Database::Open(argv[1]);
  if (!db.ok()) {
    std::cerr << "bench_compliance_gen: " << sl::Say(db.error().message, sl::Lang::kEn) << " "
              << db.error().detail << "\n";
    return 1;
  }
  Generator gen(**db, std::stoll(argv[3]), every);
  return gen.Run(argv[2], argv[5]);
}
