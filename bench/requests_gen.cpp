// Generates a province's requests (诉求) for the requests and to-do
// benchmark (bench/requests-bench.sh, issue 15), straight into a database
// with the db layer's bulk insert (a reused prepared statement on SQLite,
// COPY on PostgreSQL).
//
//   bench_requests_gen URL PROVINCE EXPECT_JSON
//
// URL is a database made by `shuanglun init` whose regions include PROVINCE
// (`shuanglun regions import FOLDER --under 43`) and that holds no people
// yet. For Hunan (2,008 towns, 29,534 villages):
// - every town: a leader (a person with a town_leader post in the leadership
//   team), a chamber of commerce, six offices requests are forwarded to
//   (自然资源所, 财政所, …: organizations of kind 'government');
// - every village (a town without villages: the town): an entrepreneur (a
//   chamber member, tagged entrepreneur) with an enterprise he represents,
//   paired at level 1 to the town's leader, and three villagers, one of them
//   a wealth creator;
// - the province's rules: level 1 exactly one leader; the leadership team
//   contacts 3 wealth creators and 4 villages a year. Each leader visited 2
//   wealth creators and 4 villages in 2024 (one wealth creator short);
// - every town: 100 requests a year of 2022, 2023 and 2024 (602,400 for
//   Hunan), raised on days spread over the year and over its villages: 40 %
//   by an enterprise, 10 % by its entrepreneur (owned by the leader, as
//   requests::DefaultOwner decides: the level-1 leader; 70 % raised on a
//   visit, a contact row of the leader's), 50 % by a villager (owned by the
//   town office: no resident cadre is paired). Categories by who asks; due
//   on raised_on + the category's time limit in working days (the
//   holiday table's calendar, requests::IsWorkingDay). On 2024-12-31: of
//   those raised in the last 45 days about 75 % open (registered, accepted,
//   in progress, some reopened), the rest resolved (half of them rated when
//   resolved 5 days before); of older ones 1.5 % left open (late, a third
//   escalated by hand), 3 % withdrawn, 3 % resolved and never rated, the
//   rest rated (85 % satisfied, 10 % basic, 5 % unsatisfied: reopened,
//   resolved again and rated again); a tenth resolved after the due date.
//   Each request has its timeline (request_action: create, accept, forward
//   to an office or progress, …, resolve, rate; about 5 rows a request) and,
//   when forwarded, a request_handler row. search_text and sort_key of the
//   title as store::NameColumns makes them; no search_token rows (the list
//   is not measured), no audit rows.
//
// Everything is a pure function of the region list. EXPECT_JSON receives
// what the routes must answer on 2024-12-31: the to-do count and list of the
// leader of the town 431127103 (or the province's first town), the to-do
// list of that town's office, and GET /api/v1/stats/requests for 2024 for the
// town, its county and the province.

#include <algorithm>
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
#include <vector>

#include "core/date.hpp"
#include "core/json.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "db/scope.hpp"
#include "registry/validators.hpp"
#include "requests/requests.hpp"
#include "store/write.hpp"

namespace {

using sl::db::Params;
using sl::db::Value;

constexpr const char* kStamp = "2021-09-01T00:00:00Z";
constexpr const char* kDate = "2024-12-31";  // the day the routes are asked about
constexpr const char* kFrom = "2024-01-01";  // the figures' period
constexpr const char* kTo = "2024-12-31";
constexpr int kFirstYear = 2022, kYears = 3, kPerYear = 100;
constexpr int kSoonDays = 3;  // as server/src/requests/todo.cpp
constexpr int kListLimit = 100;

const char* const kSurnames[50] = {"陈", "李", "黄",   "曾", "谭", "刘", "周", "王", "张", "雷",
                                   "邓", "唐", "欧阳", "蒋", "何", "胡", "廖", "彭", "罗", "梁",
                                   "邹", "肖", "钟",   "盘", "杨", "赵", "吴", "徐", "孙", "朱",
                                   "郭", "高", "林",   "郑", "谢", "宋", "许", "韩", "冯", "曹",
                                   "田", "袁", "潘",   "蔡", "余", "贺", "龙", "易", "文", "伍"};
const char* const kGiven[40] = {"文", "辉", "进", "龙", "凌", "家", "鑫", "金", "发", "勤",
                                "锋", "建", "华", "志", "强", "春", "梅", "秀", "英", "国",
                                "平", "海", "军", "小", "红", "桂", "芳", "德", "明", "永",
                                "清", "新", "民", "丽", "娟", "杰", "峰", "成", "兰", "佳"};
const char* const kFirmWords[8] = {"农业开发", "生态养殖",   "茶业", "米业",
                                   "食品加工", "中草药种植", "果蔬", "乡村旅游"};
const char* const kFirmIndustry[8] = {"agriculture",   "agriculture",   "agriculture",
                                      "manufacturing", "manufacturing", "agriculture",
                                      "agriculture",   "culture"};

// The offices requests are forwarded to, by category (policy and other stay
// with the owner).
struct Office {
  const char* category;
  const char* suffix;
};
const Office kOffices[6] = {{"land", "自然资源所"},           {"finance", "财政所"},
                            {"labour", "人社服务站"},         {"approval", "政务服务中心"},
                            {"infrastructure", "村镇建设办"}, {"dispute", "司法所"}};

struct Titles {
  const char* category;
  std::vector<const char*> titles;
};
const std::vector<Titles>& TitlesOf() {
  static const std::vector<Titles> k = {
      {"finance", {"申请创业担保贷款", "贷款贴息申请", "产业发展资金申请", "信用贷款额度咨询"}},
      {"land", {"晾晒棚用地审批", "设施农用地备案", "厂房扩建用地", "土地流转手续办理"}},
      {"labour", {"季节性用工招聘", "技能培训需求", "务工人员社保办理", "招聘本地工人"}},
      {"approval", {"食品经营许可证办理", "环评手续办理", "营业执照变更", "取水许可申请"}},
      {"infrastructure",
       {"通组道路硬化", "灌溉水渠维修", "路灯安装", "饮水管网改造", "厂区电力增容"}},
      {"policy", {"惠农补贴政策咨询", "产业奖补政策咨询", "税收优惠政策咨询"}},
      {"dispute", {"邻里宅基地纠纷", "山林界址纠纷", "拖欠工资纠纷", "用水纠纷调解"}},
      {"other", {"反映村容村貌问题", "建议增设快递网点", "垃圾清运不及时"}},
  };
  return k;
}
const std::vector<const char*>& TitleList(const std::string& category) {
  for (const auto& t : TitlesOf())
    if (category == t.category) return t.titles;
  return TitlesOf().back().titles;
}

// Who asks what (weights out of 100).
const std::pair<const char*, int> kFirmAsks[7] = {
    {"finance", 22},        {"land", 18},   {"labour", 14}, {"approval", 18},
    {"infrastructure", 12}, {"policy", 10}, {"other", 6}};
const std::pair<const char*, int> kVillagerAsks[6] = {{"dispute", 25}, {"infrastructure", 30},
                                                      {"policy", 15},  {"land", 10},
                                                      {"labour", 8},   {"other", 12}};

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
int64_t DayOf(const std::string& date) {
  return DaysFromCivil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
                       std::stoi(date.substr(8, 2)));
}

// The working-day calendar as day numbers: the server's rule
// (requests::IsWorkingDay over the holiday table) evaluated once per day.
class WorkDays {
 public:
  WorkDays(const sl::requests::Calendar& cal, int64_t first, int64_t last)
      : first_(first), names_(static_cast<size_t>(last - first + 1)) {
    working_.resize(names_.size());
    for (int64_t d = first; d <= last; ++d) {
      names_[static_cast<size_t>(d - first)] = DateOf(d);
      working_[static_cast<size_t>(d - first)] =
          sl::requests::IsWorkingDay(cal, names_[static_cast<size_t>(d - first)]);
    }
  }
  const std::string& Name(int64_t d) const { return names_.at(static_cast<size_t>(d - first_)); }
  // The n-th working day after d (d itself when n is 0), as AddWorkingDays.
  int64_t Add(int64_t d, int n) const {
    while (n > 0) {
      ++d;
      if (working_.at(static_cast<size_t>(d - first_))) --n;
    }
    return d;
  }

 private:
  int64_t first_;
  std::vector<std::string> names_;
  std::vector<bool> working_;
};

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

// What GET /api/v1/stats/requests counts (server/src/requests/stats.cpp).
struct Counts {
  int64_t total = 0, open = 0, overdue = 0, resolved = 0, on_time = 0, rated = 0, satisfied = 0;
  std::vector<int> days;
  void Add(bool is_open, bool overdue_on, const std::string& resolved_on, const std::string& due,
           const std::string& rating, int days_to_resolve) {
    ++total;
    if (is_open) ++open;
    if (overdue_on) ++overdue;
    if (!resolved_on.empty()) {
      ++resolved;
      if (due.empty() || resolved_on <= due) ++on_time;
      days.push_back(days_to_resolve);
    }
    if (!rating.empty()) {
      ++rated;
      if (rating != "unsatisfied") ++satisfied;
    }
  }
  sl::Json ToJson() {
    sl::Json median;
    if (!days.empty()) {
      std::sort(days.begin(), days.end());
      const size_t n = days.size();
      if (n % 2 == 1) {
        median = days[n / 2];
      } else {
        const double m = (days[n / 2 - 1] + days[n / 2]) / 2.0;
        median = m == static_cast<double>(static_cast<int64_t>(m))
                     ? sl::Json(static_cast<int64_t>(m))
                     : sl::Json(m);
      }
    }
    return {{"total", total},         {"open", open},
            {"overdue", overdue},     {"resolved", resolved},
            {"on_time", on_time},     {"rated", rated},
            {"satisfied", satisfied}, {"median_days_to_resolve", median}};
  }
};
struct Scope {
  std::string code;
  std::string path;  // its region's path; a child is the next segment
  Counts whole;
  std::map<std::string, Counts> by_category, by_child;
  sl::Json ToJson() {
    sl::Json out = whole.ToJson();
    sl::Json cats = sl::Json::array(), children = sl::Json::array();
    for (auto& [code, c] : by_category) {
      sl::Json j = c.ToJson();
      j["category"] = code;
      cats.push_back(std::move(j));
    }
    for (auto& [code, c] : by_child) {
      sl::Json j = c.ToJson();
      j["code"] = code;
      children.push_back(std::move(j));
    }
    out["by_category"] = std::move(cats);
    out["by_child"] = std::move(children);
    return out;
  }
};

// A to-do list as the checks compare it: items by kind and severity, links.
struct TodoTally {
  std::map<std::string, int64_t> kinds, severities;
  std::vector<std::string> links;
  void Add(const std::string& kind, const std::string& severity, const std::string& link) {
    ++kinds[kind];
    ++severities[severity];
    links.push_back(link);
  }
  sl::Json ToJson() {
    std::sort(links.begin(), links.end());
    return {{"count", static_cast<int64_t>(links.size())},
            {"kinds", kinds},
            {"severities", severities},
            {"links", links}};
  }
};

class Generator {
 public:
  explicit Generator(sl::db::Database& db) : db_(db) {}
  int Run(const std::string& province, const std::string& expect_file);

 private:
  Table& T(const std::string& name) { return tables_.at(name); }
  int64_t Add(const std::string& table, Params row) {
    Table& t = T(table);
    const int64_t id = ++t.last_id;
    row.insert(row.begin(), Value(id));
    t.rows.push_back(std::move(row));
    ++pending_;
    return id;
  }
  sl::Status Flush() {
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
  std::string PersonName() {
    const int64_t n = person_n_++;
    const int64_t k = (n * 7919 + 104729) % 80000;  // 50 x 40 x 40
    std::string name = kSurnames[k % 50];
    name += kGiven[(k / 50) % 40];
    if ((k / 2000) % 3 != 0) name += kGiven[(k / 50 + k / 2000 + 7) % 40];
    return name;
  }
  int64_t Person(const Place& home, const std::string& tag, std::string* name_out = nullptr) {
    const std::string name = PersonName();
    if (name_out) *name_out = name;
    auto cols = sl::store::NameColumns(name);
    const int64_t id = Add("person", {name, home.id, home.path, std::string(), cols.at(0).second,
                                      cols.at(1).second, kStamp, kStamp, int64_t{1}});
    if (!tag.empty()) Add("person_tag", {id, tag, std::string("2020-01-01"), Value()});
    return id;
  }
  int64_t Org(const std::string& kind, const std::string& name, const Place& at) {
    auto cols = sl::store::NameColumns(name);
    return Add("organization", {kind, name, at.id, at.path, cols.at(0).second, cols.at(1).second,
                                kStamp, kStamp, int64_t{1}});
  }
  std::pair<Value, Value> TitleColumns(const std::string& title) {
    auto hit = title_cols_.find(title);
    if (hit == title_cols_.end()) {
      auto cols = sl::store::NameColumns(title);
      hit = title_cols_.emplace(title, std::make_pair(cols.at(0).second, cols.at(1).second)).first;
    }
    return hit->second;
  }

  sl::db::Database& db_;
  std::unique_ptr<sl::db::Tx> tx_;
  std::map<std::string, Table> tables_;
  std::vector<std::string> order_;  // parents first
  size_t pending_ = 0;
  int64_t person_n_ = 0, enterprise_n_ = 0;
  std::map<std::string, std::pair<Value, Value>> title_cols_;
};

// One step of a request's timeline.
struct Step {
  const char* action;
  const char* from;  // nullptr for create
  const char* to;
  int64_t day;
  bool handler = false;
  const char* rating = nullptr;
  int64_t due = 0;  // a new due date (create, reopen)
  const char* note = "";
};

int Generator::Run(const std::string& province, const std::string& expect_file) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto fail = [](const sl::Error& e) {
    std::cerr << "bench_requests_gen: " << sl::Say(e.message, sl::Lang::kEn) << " " << e.detail
              << "\n";
    return 1;
  };
  const std::vector<std::pair<std::string, std::vector<std::string>>> defs = {
      {"person",
       {"id", "name", "region_id", "region_path", "notes", "search_text", "sort_key", "created_at",
        "updated_at", "version"}},
      {"organization",
       {"id", "kind", "name", "region_id", "region_path", "search_text", "sort_key", "created_at",
        "updated_at", "version"}},
      {"person_tag", {"id", "person_id", "tag", "valid_from", "valid_to"}},
      {"post",
       {"id", "person_id", "kind", "region_id", "region_path", "title", "leadership_team",
        "valid_from", "valid_to"}},
      {"enterprise",
       {"id", "name", "uscc", "legal_representative_id", "industry", "registered_capital_fen",
        "region_id", "region_path", "founded_on", "search_text", "sort_key", "created_at",
        "updated_at", "version"}},
      {"chamber_membership",
       {"id", "chamber_id", "person_id", "enterprise_id", "post", "joined_on", "left_on",
        "dues_status", "region_path", "created_at", "updated_at", "version"}},
      {"pairing",
       {"id", "level", "source_person_id", "target_kind", "target_id", "region_path", "valid_from",
        "valid_to", "origin", "created_at", "updated_at", "version"}},
      {"contact",
       {"id", "person_id", "target_kind", "target_id", "region_path", "occurred_on", "kind",
        "place", "notes", "created_at", "updated_at", "version"}},
      {"coverage_rule",
       {"id", "region_id", "region_path", "level", "min_sources", "max_sources", "valid_from",
        "valid_to", "notes", "created_at", "updated_at", "version"}},
      {"quota_rule",
       {"id", "region_id", "region_path", "source_filter", "target_filter", "min_contacts",
        "period", "valid_from", "valid_to", "notes", "created_at", "updated_at", "version"}},
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
        "escalated",
        "resolution",
        "resolved_on",
        "rating",
        "rating_comment",
        "rated_on",
        "reopened",
        "search_text",
        "sort_key",
        "created_at",
        "updated_at",
        "version"}},
      {"request_handler", {"id", "request_id", "organization_id", "person_id", "added_on", "note"}},
      {"request_action",
       {"id", "request_id", "action", "from_status", "to_status", "at", "user_id", "actor_name",
        "note", "handler_kind", "handler_id", "handler_name", "rating", "due_on"}},
  };
  {
    auto tx = db_.Begin(sl::db::Mode::kWrite);
    if (!tx.ok()) return fail(tx.error());
    tx_ = std::move(*tx);
  }
  for (const auto& [name, columns] : defs) {
    Table t{name, columns, {}, 0, 0};
    auto max = tx_->QueryOne("SELECT COALESCE(MAX(id), 0) FROM " + name);
    if (!max.ok()) return fail(max.error());
    t.last_id = (*max)->Int(0);
    tables_.emplace(name, std::move(t));
    order_.push_back(name);
  }
  for (const char* table : {"person", "request"}) {
    auto n = tx_->QueryOne(std::string("SELECT COUNT(*) FROM ") + table);
    if (!n.ok()) return fail(n.error());
    if ((*n)->Int(0) != 0) {
      std::cerr << "bench_requests_gen: the database already has rows in " << table
                << "; use a new one\n";
      return 1;
    }
  }

  // The calendar and the categories, as the server reads them.
  auto cal = sl::requests::LoadCalendar(*tx_);
  if (!cal.ok()) return fail(cal.error());
  const int64_t day_first = DaysFromCivil(kFirstYear - 1, 12, 1);
  const WorkDays work(*cal, day_first, DaysFromCivil(2026, 12, 31));
  // The table against the server's own function, a few days.
  for (int64_t d = day_first; d < day_first + 1200; d += 37)
    for (int n : {0, 1, 3, 5, 20, 30})
      if (work.Name(work.Add(d, n)) != sl::requests::AddWorkingDays(*cal, work.Name(d), n)) {
        std::cerr << "bench_requests_gen: working days disagree on " << work.Name(d) << "\n";
        return 1;
      }
  std::map<std::string, sl::requests::Limits> limits;
  {
    auto rows = tx_->Query(
        "SELECT code, time_limit_days, town_after_days, county_after_days FROM request_category");
    if (!rows.ok()) return fail(rows.error());
    for (const auto& r : *rows)
      limits[r.Str(0)] = {static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)),
                          static_cast<int>(r.Int(3))};
  }
  for (const auto& t : TitlesOf())
    if (!limits.count(t.category)) {
      std::cerr << "bench_requests_gen: no request category " << t.category << "\n";
      return 1;
    }
  const int64_t date = DayOf(kDate);
  const std::string soon = work.Name(work.Add(date, kSoonDays));
  const std::string follow_cutoff = sl::requests::WorkingCutoff(*cal, kDate, kSoonDays);

  // The province, its towns and villages.
  auto prov = tx_->QueryOne("SELECT id, code, name, path FROM region WHERE code = ?", {province});
  if (!prov.ok()) return fail(prov.error());
  if (!*prov) {
    std::cerr << "bench_requests_gen: no region " << province << "; import the regions first\n";
    return 1;
  }
  const Place top{(*prov)->Int(0), (*prov)->Str(1), (*prov)->Str(2), (*prov)->Str(3)};
  const std::string upper = sl::db::PrefixUpperBound(top.path);
  std::vector<Town> towns;
  size_t village_count = 0;
  {
    std::map<std::string, size_t> town_at;
    auto rows = tx_->Query(
        "SELECT id, code, name, path FROM region WHERE path >= ? AND path < ? AND level = 'town' "
        "ORDER BY code",
        {top.path, upper});
    if (!rows.ok()) return fail(rows.error());
    for (const auto& r : *rows) {
      town_at[r.Str(1)] = towns.size();
      towns.push_back({{r.Int(0), r.Str(1), r.Str(2), r.Str(3)}, {}});
    }
    auto vs = tx_->Query(
        "SELECT id, code, name, path, parent_code FROM region WHERE path >= ? AND path < ? AND "
        "level = 'village' ORDER BY code",
        {top.path, upper});
    if (!vs.ok()) return fail(vs.error());
    for (const auto& r : *vs) {
      auto hit = town_at.find(r.Str(4));
      if (hit == town_at.end()) continue;
      towns[hit->second].villages.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3)});
      ++village_count;
    }
  }
  if (towns.empty()) {
    std::cerr << "bench_requests_gen: no towns under " << province << "\n";
    return 1;
  }

  // The scopes checked: the demo's town (or the first), its county, the province.
  std::string sample = "431127103";
  if (std::none_of(towns.begin(), towns.end(),
                   [&](const Town& t) { return t.place.code == sample; }))
    sample = towns.front().place.code;
  Scope scopes[3];
  scopes[0].code = sample;
  scopes[1].code = sample.substr(0, 6);
  scopes[2].code = province;
  for (Scope& s : scopes) {
    auto row = tx_->QueryOne("SELECT path FROM region WHERE code = ?", {s.code});
    if (!row.ok()) return fail(row.error());
    if (!*row) {
      std::cerr << "bench_requests_gen: no region " << s.code << "\n";
      return 1;
    }
    s.path = (*row)->Str(0);
  }
  TodoTally leader_todo, office_todo;
  int64_t count_all = 0, count_late = 0;
  int64_t sample_leader = 0;
  std::string sample_leader_name;
  int64_t sample_requests = 0;

  // The province's rules (as the seed's; server/src/demo/pairing_demo.cpp).
  const std::string from_rules = "2022-01-01";
  Add("coverage_rule",
      {top.id, top.path, int64_t{1}, int64_t{1}, int64_t{1}, from_rules, Value(),
       std::string("每位企业家由一名班子成员点对点服务"), kStamp, kStamp, int64_t{1}});
  Add("quota_rule",
      {top.id, top.path, std::string("leadership_team"), std::string("wealth_creator"), int64_t{3},
       std::string("year"), from_rules, Value(), std::string("班子成员每年至少联系3户致富能手"),
       kStamp, kStamp, int64_t{1}});
  Add("quota_rule", {top.id, top.path, std::string("leadership_team"), std::string("village"),
                     int64_t{4}, std::string("year"), from_rules, Value(),
                     std::string("班子成员每年至少走访4个村"), kStamp, kStamp, int64_t{1}});

  auto at = [](int64_t day, const char* time) { return DateOf(day) + "T" + time + "Z"; };
  int64_t n_requests = 0, n_open = 0, n_late = 0;

  for (size_t ti = 0; ti < towns.size(); ++ti) {
    const Town& town = towns[ti];
    const uint64_t seed = Mix(static_cast<uint64_t>(ti) * 1000003ULL + 17);
    const bool is_sample = town.place.code == sample;
    // The places of the town's people: its villages, or the town itself.
    std::vector<Place> homes = town.villages;
    if (homes.empty()) homes.push_back(town.place);
    const std::string county6 = town.place.code.substr(0, 6);

    // The leader, the chamber, the offices.
    std::string leader_name;
    const int64_t leader = Person(town.place, "", &leader_name);
    Add("post", {leader, std::string("town_leader"), town.place.id, town.place.path,
                 std::string("党委副书记、镇长"), int64_t{1}, std::string("2021-09-01"), Value()});
    const std::string office_name = town.place.name + "人民政府办公室";
    if (is_sample) {
      sample_leader = leader;
      sample_leader_name = leader_name;
    }
    const int64_t chamber = Org("chamber", town.place.name + "商会", town.place);
    std::map<std::string, std::pair<int64_t, std::string>> offices;  // category -> org
    for (const Office& o : kOffices) {
      const std::string name = town.place.name + o.suffix;
      offices[o.category] = {Org("government", name, town.place), name};
    }

    // Each home: an entrepreneur with his enterprise, three villagers.
    struct Home {
      int64_t entrepreneur = 0, enterprise = 0;
      std::array<int64_t, 3> villagers{};
    };
    std::vector<Home> people(homes.size());
    std::vector<int64_t> wealth;  // one per home
    for (size_t h = 0; h < homes.size(); ++h) {
      const Place& home = homes[h];
      Home& p = people[h];
      p.entrepreneur = Person(home, "entrepreneur");
      const int64_t e = enterprise_n_++;
      const size_t word = static_cast<size_t>(Mix(seed ^ (h * 31 + 7)) % 8);
      const std::string firm = home.name + kFirmWords[word] +
                               (h % 3 == 0   ? "有限公司"
                                : h % 3 == 1 ? "专业合作社"
                                             : "经营部");
      std::string org8 = "MA";
      for (int64_t x = e, c = 0; c < 6; ++c, x /= 31)
        org8 += sl::registry::kUsccAlphabet[static_cast<size_t>(x % 31)];
      auto cols = sl::store::NameColumns(firm);
      p.enterprise =
          Add("enterprise", {firm, sl::registry::MakeUscc("93", county6, org8), p.entrepreneur,
                             std::string(kFirmIndustry[word]),
                             int64_t{(20 + static_cast<int64_t>(h % 30) * 10) * 1000000}, home.id,
                             home.path, std::string("2015-05-20"), cols.at(0).second,
                             cols.at(1).second, kStamp, kStamp, int64_t{1}});
      const std::string joined = DateOf(DaysFromCivil(2018 + static_cast<int>(h % 3), 3, 1) +
                                        static_cast<int64_t>(h % 200));
      Add("chamber_membership",
          {chamber, p.entrepreneur, p.enterprise, std::string("member"), joined, Value(),
           std::string("paid"), town.place.path, kStamp, kStamp, int64_t{1}});
      Add("pairing",
          {int64_t{1}, leader, std::string("person"), p.entrepreneur, town.place.path,
           std::string("2021-09-01"), Value(), std::string("import"), kStamp, kStamp, int64_t{1}});
      for (int v = 0; v < 3; ++v) p.villagers[v] = Person(home, v == 0 ? "wealth_creator" : "");
      wealth.push_back(p.villagers[0]);
    }
    // The leader's visits of 2024 for his quotas: 2 wealth creators (one
    // short of 3), 4 villages (or every one there is).
    for (size_t w = 0; w < 2 && w < wealth.size(); ++w)
      Add("contact",
          {leader, std::string("person"), wealth[w], homes[w].path,
           DateOf(DaysFromCivil(2024, 4 + static_cast<int>(w) * 3, 10)), std::string("visit"),
           std::string(), std::string("走访致富能手"), kStamp, kStamp, int64_t{1}});
    for (size_t v = 0; v < 4 && v < town.villages.size(); ++v)
      Add("contact",
          {leader, std::string("region"), town.villages[v].id, town.villages[v].path,
           DateOf(DaysFromCivil(2024, 3 + static_cast<int>(v) * 2, 18)), std::string("visit"),
           std::string(), std::string("驻村走访"), kStamp, kStamp, int64_t{1}});

    // The requests.
    for (int y = 0; y < kYears; ++y) {
      const int year = kFirstYear + y;
      const int64_t jan1 = DaysFromCivil(year, 1, 1);
      const int64_t days_in_year = DaysFromCivil(year + 1, 1, 1) - jan1;
      for (int k = 0; k < kPerYear; ++k) {
        const uint64_t h = Mix(seed ^ static_cast<uint64_t>(year * 1000 + k));
        const uint64_t h2 = Mix(h), h3 = Mix(h2);
        const int64_t raised =
            jan1 + (k * days_in_year + static_cast<int64_t>(h % days_in_year)) / kPerYear;
        const size_t hi = static_cast<size_t>((h >> 16) % homes.size());
        const Place& place = homes[hi];
        const Home& who = people[hi];
        const int ask = static_cast<int>((h >> 24) % 100);
        const bool firm = ask < 40, entrepreneur = ask >= 40 && ask < 50;
        const bool leader_owns = firm || entrepreneur;
        // The category.
        std::string category;
        {
          int pick = static_cast<int>((h >> 32) % 100);
          if (leader_owns) {
            for (const auto& [c, w] : kFirmAsks)
              if ((pick -= w) < 0) {
                category = c;
                break;
              }
          } else {
            for (const auto& [c, w] : kVillagerAsks)
              if ((pick -= w) < 0) {
                category = c;
                break;
              }
          }
        }
        const sl::requests::Limits lim = limits.at(category);
        const auto& titles = TitleList(category);
        const std::string title = titles[static_cast<size_t>((h >> 40) % titles.size())];
        const int64_t due0 = work.Add(raised, lim.time_limit_days);
        const int64_t age = date - raised;
        const int r = static_cast<int>(h2 % 1000);

        // What became of it by the date.
        enum class Fate { kOpen, kWithdrawn, kResolved, kRated } fate;
        if (age <= 45)
          fate = r < 750 ? Fate::kOpen : Fate::kResolved;
        else
          fate = r < 15   ? Fate::kOpen
                 : r < 45 ? Fate::kWithdrawn
                 : r < 75 ? Fate::kResolved
                          : Fate::kRated;
        // Resolution: within the time limit, one in ten after it.
        const bool late_fix = (h2 >> 20) % 10 == 0;
        const int wd = late_fix ? lim.time_limit_days + 1 + static_cast<int>((h2 >> 24) % 10)
                                : 1 + static_cast<int>((h2 >> 24) % lim.time_limit_days);
        int64_t resolved = work.Add(raised, wd);
        if ((fate == Fate::kResolved || fate == Fate::kRated) && resolved > date)
          fate = Fate::kOpen;
        int64_t rated = resolved + 1 + static_cast<int64_t>((h2 >> 32) % 10);
        if (fate == Fate::kResolved && age <= 45 && rated <= date - 5 && (h2 >> 40) % 2 == 0)
          fate = Fate::kRated;
        if (fate == Fate::kRated && rated > date) fate = Fate::kResolved;
        const int q = static_cast<int>(h3 % 100);
        const char* rating = q < 85 ? "satisfied" : q < 95 ? "basic" : "unsatisfied";

        // The timeline, and the request's final state.
        const bool forwarded = offices.count(category) && (h3 >> 8) % 4 != 0;
        std::vector<Step> steps;
        steps.push_back({"create", nullptr, "registered", raised, false, nullptr, due0});
        std::string status = "registered";
        int64_t due = due0;
        int escalated = 0, reopened = 0;
        int64_t resolved_on = 0, rated_on = 0;
        std::string final_rating;
        // Working up to `end`: accept, forward or progress, maybe progress again.
        auto work_on = [&](int64_t from, int64_t end, bool again) {
          const int64_t span = std::max<int64_t>(0, end - from);
          steps.push_back({"accept", "registered", "accepted", from + span / 8});
          if (forwarded)
            steps.push_back({"forward", "accepted", "in_progress", from + span / 4, true, nullptr,
                             0, "请协助办理"});
          else
            steps.push_back({"progress", "accepted", "in_progress", from + span / 4, false, nullptr,
                             0, "已联系申请人了解情况"});
          if (again)
            steps.push_back({"progress", "in_progress", "in_progress", from + span / 2, false,
                             nullptr, 0, "正在协调办理"});
          status = "in_progress";
        };
        const bool again = (h3 >> 16) % 3 == 0;
        if (fate == Fate::kOpen) {
          const int kind = static_cast<int>((h3 >> 24) % 10);
          if (age <= 45 && age <= 3 && kind < 4) {
            // Just registered.
          } else if (age <= 45 && kind < 6) {
            steps.push_back(
                {"accept", "registered", "accepted", raised + std::min<int64_t>(age, 1)});
            status = "accepted";
          } else {
            work_on(raised, date, again);
            if (age > 45 && (h3 >> 28) % 3 == 0) {
              steps.push_back({"escalate", "in_progress", "in_progress",
                               std::max(due + 1, date - 20), false, nullptr, 0,
                               "逾期未办结，提请镇里督办"});
              escalated = 1;
            }
          }
        } else if (fate == Fate::kWithdrawn) {
          const int64_t end = raised + std::min<int64_t>(20, age);
          work_on(raised, end, false);
          steps.push_back({"withdraw", "in_progress", "withdrawn", end, false, nullptr, 0,
                           "申请人已自行解决，撤回"});
          status = "withdrawn";
        } else {
          work_on(raised, resolved, again);
          steps.push_back({"resolve", "in_progress", "resolved", resolved, false, nullptr, 0,
                           "已办结，答复申请人"});
          status = "resolved";
          resolved_on = resolved;
          if (fate == Fate::kRated) {
            steps.push_back({"rate", "resolved",
                             std::string(rating) == "unsatisfied" ? "reopened" : "rated", rated,
                             false, rating, 0, ""});
            if (std::string(rating) == "unsatisfied") {
              // Reopened: a new due date, done again, rated again (when
              // there was time), else still open.
              reopened = 1;
              due = work.Add(rated, lim.time_limit_days);
              steps.back().due = due;
              resolved_on = 0;
              status = "reopened";
              // The rating stays on the request until it is rated again (as
              // requests::Act leaves it).
              rated_on = rated;
              final_rating = rating;
              const int64_t again_on = work.Add(rated, 1 + static_cast<int>((h3 >> 32) % 8));
              const int64_t rated2 = again_on + 2;
              if (rated2 <= date) {
                steps.push_back({"resolve", "reopened", "resolved", again_on, false, nullptr, 0,
                                 "重新办理，已办结"});
                steps.push_back({"rate", "resolved", "rated", rated2, false,
                                 (h3 >> 40) % 3 == 0 ? "basic" : "satisfied", 0, ""});
                status = "rated";
                resolved_on = again_on;
                rated_on = rated2;
                final_rating = steps.back().rating;
              } else if (again_on <= date) {
                steps.push_back({"resolve", "reopened", "resolved", again_on, false, nullptr, 0,
                                 "重新办理，已办结"});
                status = "resolved";
                resolved_on = again_on;
              }
            } else {
              status = "rated";
              rated_on = rated;
              final_rating = rating;
            }
          }
        }
        const bool open = sl::requests::IsOpenStatus(status);

        // The rows.
        const int64_t owner = leader_owns ? leader : 0;
        const std::string actor = leader_owns ? leader_name : office_name;
        Value contact;
        std::string source = "direct";
        if (leader_owns && (h3 >> 48) % 10 < 7) {
          source = "visit";
          contact = Add("contact",
                        {leader, std::string(firm ? "enterprise" : "person"),
                         firm ? who.enterprise : who.entrepreneur, place.path, DateOf(raised),
                         std::string("visit"), std::string(),
                         std::string("走访企业，了解生产经营困难"), kStamp, kStamp, int64_t{1}});
        } else if (!leader_owns && (h3 >> 48) % 10 < 4) {
          source = "meeting";
        }
        const auto [search, sort] = TitleColumns(title);
        const int64_t id =
            Add("request",
                {place.id,
                 place.path,
                 firm ? Value(who.enterprise) : Value(),
                 firm ? Value()
                      : Value(leader_owns ? who.entrepreneur
                                          : who.villagers[static_cast<size_t>((h >> 56) % 3)]),
                 category,
                 title,
                 std::string("申请人反映：") + title + "，请协调解决。",
                 source,
                 contact,
                 DateOf(raised),
                 owner ? Value(owner) : Value(),
                 DateOf(due),
                 status,
                 int64_t{open ? 1 : 0},
                 int64_t{escalated},
                 resolved_on ? std::string("已办结，答复申请人") : std::string(),
                 resolved_on ? Value(DateOf(resolved_on)) : Value(),
                 final_rating.empty() ? Value() : Value(final_rating),
                 std::string(final_rating.empty()            ? ""
                             : final_rating == "unsatisfied" ? "问题没有解决，不满意"
                             : final_rating == "basic"       ? "基本满意"
                                                             : "满意"),
                 rated_on ? Value(DateOf(rated_on)) : Value(),
                 int64_t{reopened},
                 search,
                 sort,
                 at(raised, "01:30:00"),
                 at(steps.back().day, "08:00:00"),
                 static_cast<int64_t>(steps.size())});
        for (const Step& s : steps) {
          Value hk, hid, hname;
          if (s.handler) {
            const auto& office = offices.at(category);
            hk = std::string("organization");
            hid = office.first;
            hname = office.second;
            Add("request_handler", {id, office.first, Value(), DateOf(s.day), std::string(s.note)});
          }
          Add("request_action",
              {id, std::string(s.action), s.from ? Value(std::string(s.from)) : Value(),
               std::string(s.to), at(s.day, "02:00:00"), Value(), actor, std::string(s.note), hk,
               hid, hname, s.rating ? Value(std::string(s.rating)) : Value(),
               s.due ? Value(DateOf(s.due)) : Value()});
        }
        ++n_requests;
        if (open) ++n_open;
        if (open && due < date) ++n_late;

        // What the routes must answer.
        const std::string due_s = DateOf(due), link = "/requests/" + std::to_string(id);
        const std::string resolved_s = resolved_on ? DateOf(resolved_on) : std::string();
        if (is_sample) {
          ++sample_requests;
          const std::string severity = due < date ? "late" : due_s <= soon ? "soon" : "normal";
          if (leader_owns) {
            // The leader's: open ones due soon or late; resolved ones
            // awaiting a rating (回访).
            if (open && due_s <= soon) {
              ++count_all;
              if (due < date) ++count_late;
              leader_todo.Add("request", severity, link);
            }
            if (status == "resolved" && resolved_s < follow_cutoff) {
              ++count_all;
              leader_todo.Add("follow_up", "soon", link);
            }
            // The town office's: those that came up to the town (late by the
            // category's town_after_days, or escalated by hand).
            const std::string town_cut =
                sl::requests::WorkingCutoff(*cal, kDate, lim.town_after_days);
            if (open && (due_s < town_cut || escalated >= 1))
              office_todo.Add("request", "late", link);
          } else {
            if (open && due_s <= soon) office_todo.Add("request", severity, link);
            if (status == "resolved" && resolved_s < follow_cutoff)
              office_todo.Add("follow_up", "soon", link);
          }
        }
        const std::string raised_s = DateOf(raised);
        if (raised_s >= kFrom && raised_s <= kTo) {
          const bool overdue = open && due < date;
          const int days = resolved_on ? static_cast<int>(resolved_on - raised) : 0;
          for (Scope& s : scopes) {
            if (place.path.rfind(s.path, 0) != 0) continue;
            s.whole.Add(open, overdue, resolved_s, due_s, final_rating, days);
            s.by_category[category].Add(open, overdue, resolved_s, due_s, final_rating, days);
            // As store::Subtree::ChildOf: the path's next segment.
            const size_t end = place.path.find('/', s.path.size());
            if (place.path.size() > s.path.size() && end != std::string::npos)
              s.by_child[place.path.substr(s.path.size(), end - s.path.size())].Add(
                  open, overdue, resolved_s, due_s, final_rating, days);
          }
        }
      }
    }
    if (pending_ >= 200000) {
      if (auto st = Flush(); !st.ok()) return fail(st.error());
    }
  }
  if (auto st = Flush(); !st.ok()) return fail(st.error());
  if (auto st = tx_->Commit(); !st.ok()) return fail(st.error());
  tx_.reset();
  // PostgreSQL: the sequences after the ids written, so that the product's
  // own inserts (the users, a new request) go on from there.
  if (db_.dialect() == sl::db::Dialect::kPostgres) {
    auto seq = db_.Begin(sl::db::Mode::kWrite);
    if (!seq.ok()) return fail(seq.error());
    for (const std::string& table : order_) {
      auto st = (*seq)->Query("SELECT setval(pg_get_serial_sequence('" + table +
                              "', 'id'), (SELECT MAX(id) FROM " + table + "))");
      if (!st.ok()) return fail(st.error());
    }
    if (auto st = (*seq)->Commit(); !st.ok()) return fail(st.error());
  }

  // The leader's quotas on the date: wealth creators 2 of 3 (one item,
  // "soon": the period ends within 30 days); villages 4 of 4, unless the
  // town has fewer.
  for (const Town& town : towns)
    if (town.place.code == sample) {
      leader_todo.Add("quota", "soon", "/compliance?region=" + sample);
      ++count_all;
      if (town.villages.size() < 4) {
        leader_todo.Add("quota", "soon", "/compliance?region=" + sample);
        ++count_all;
      }
    }
  auto requests_of = [](const TodoTally& t) {
    auto it = t.kinds.find("request");
    return it == t.kinds.end() ? int64_t{0} : it->second;
  };
  if (requests_of(leader_todo) > kListLimit || requests_of(office_todo) > kListLimit) {
    std::cerr << "bench_requests_gen: more than " << kListLimit << " to-do items of a group\n";
    return 1;
  }

  sl::Json rows = sl::Json::object();
  int64_t total_rows = 0;
  for (const std::string& name : order_) {
    rows[name] = T(name).written;
    total_rows += T(name).written;
  }
  sl::Json expect = {{"towns", static_cast<int64_t>(towns.size())},
                     {"villages", static_cast<int64_t>(village_count)},
                     {"date", std::string(kDate)},
                     {"soon", soon},
                     {"follow_up_cutoff", follow_cutoff},
                     {"from", std::string(kFrom)},
                     {"to", std::string(kTo)},
                     {"town_code", scopes[0].code},
                     {"county_code", scopes[1].code},
                     {"province_code", scopes[2].code},
                     {"leader", {{"person_id", sample_leader}, {"name", sample_leader_name}}},
                     {"town_requests", sample_requests},
                     {"rows", rows},
                     {"total_rows", total_rows},
                     {"requests", {{"total", n_requests}, {"open", n_open}, {"late", n_late}}},
                     {"todo_count", {{"count", count_all}, {"late", count_late}}},
                     {"leader_todo", leader_todo.ToJson()},
                     {"office_todo", office_todo.ToJson()},
                     {"stats",
                      {{"town", scopes[0].ToJson()},
                       {"county", scopes[1].ToJson()},
                       {"province", scopes[2].ToJson()}}}};
  std::ofstream(expect_file) << expect.dump() << "\n";
  const double s = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf(
      "bench_requests_gen: %zu towns, %zu villages: %lld requests (%lld open, %lld late), %lld "
      "timeline rows, %lld handlers, %lld contacts; %lld rows in %.1f s\n",
      towns.size(), village_count, static_cast<long long>(n_requests),
      static_cast<long long>(n_open), static_cast<long long>(n_late),
      static_cast<long long>(T("request_action").written),
      static_cast<long long>(T("request_handler").written),
      static_cast<long long>(T("contact").written), static_cast<long long>(total_rows), s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_requests_gen URL PROVINCE EXPECT_JSON\n";
    return 2;
  }
  auto db = sl::db::Database::Open(argv[1]);
  if (!db.ok()) {
    std::cerr << "bench_requests_gen: " << sl::Say(db.error().message, sl::Lang::kEn) << "\n";
    return 1;
  }
  Generator g(**db);
  return g.Run(argv[2], argv[3]);
}
