// The data requests are judged by: categories with their time limits, and the
// holidays of the working-day calendar. The admin edits both.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "requests/requests.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::requests {

using store::Fields;
using store::Need;

namespace {

constexpr const char* kCategoryColumns =
    "code, name_zh_cn, name_zh_tw, name_en, time_limit_days, town_after_days, "
    "county_after_days, sort_order, builtin, version";

Category CategoryOf(const db::Row& r) {
  Category c;
  c.code = r.Str(0);
  c.name_zh_cn = r.Str(1);
  c.name_zh_tw = r.Str(2);
  c.name_en = r.Str(3);
  c.limits = {static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5)), static_cast<int>(r.Int(6))};
  c.sort_order = static_cast<int>(r.Int(7));
  c.builtin = r.Int(8) != 0;
  c.version = r.Int(9);
  return c;
}

Result<std::optional<Category>> FindCategory(db::Tx& tx, const std::string& code) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kCategoryColumns +
                                                " FROM request_category WHERE code = ?",
                                            {code}));
  if (!row) return std::optional<Category>();
  return std::optional<Category>(CategoryOf(*row));
}

void CheckDays(const std::optional<int64_t>& v, const char* field, int64_t min, Fields& errors) {
  if (v && (*v < min || *v > 365))
    errors.emplace(field, Text{"request_days", {std::to_string(min)}});
}

}  // namespace

Result<std::vector<Category>> ListCategories(db::Tx& tx) {
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCategoryColumns +
                                          " FROM request_category ORDER BY sort_order, code"));
  std::vector<Category> out;
  for (const auto& r : rows) out.push_back(CategoryOf(r));
  return out;
}

namespace {

// The checks of a category form; `before` null on create.
Status CheckCategory(CategoryInput& in, const Category* before, Fields& errors) {
  const Need need = before ? Need::kNotEmpty : Need::kRequired;
  store::CheckText(in.name_zh_cn, "name_zh_cn", errors, 20, need);
  store::CheckText(in.name_zh_tw, "name_zh_tw", errors, 20, need);
  store::CheckText(in.name_en, "name_en", errors, 40, need);
  if (!before && !in.time_limit_days) errors.emplace("time_limit_days", Text{"field_required", {}});
  if (!before && !in.county_after_days)
    errors.emplace("county_after_days", Text{"field_required", {}});
  CheckDays(in.time_limit_days, "time_limit_days", 1, errors);
  CheckDays(in.town_after_days, "town_after_days", 0, errors);
  CheckDays(in.county_after_days, "county_after_days", 0, errors);
  const int64_t town = in.town_after_days.value_or(before ? before->limits.town_after_days : 0);
  const int64_t county =
      in.county_after_days.value_or(before ? before->limits.county_after_days : 0);
  if (!errors.count("county_after_days") && (in.county_after_days || in.town_after_days) &&
      county < town)
    errors.emplace("county_after_days", Text{"request_county_after_town", {}});
  return OkStatus();
}

}  // namespace

Result<Category> CreateCategory(db::Tx& tx, const Caller& caller, const CategoryInput& input) {
  CategoryInput in = input;
  Fields errors;
  if (!in.code || in.code->empty())
    errors.emplace("code", Text{"field_required", {}});
  else if (!store::IsCode(*in.code))
    errors.emplace("code", Text{"request_category_code", {}});
  else {
    SL_ASSIGN_OR_RETURN(auto found, FindCategory(tx, *in.code));
    if (found) errors.emplace("code", Text{"request_category_exists", {}});
  }
  SL_TRY(CheckCategory(in, nullptr, errors));
  SL_TRY(store::Finish(errors));
  const std::string now = NowUtc();
  SL_TRY(
      tx.Exec("INSERT INTO request_category (code, name_zh_cn, name_zh_tw, name_en, "
              "time_limit_days, town_after_days, county_after_days, sort_order, builtin, "
              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
              {*in.code, *in.name_zh_cn, *in.name_zh_tw, *in.name_en, *in.time_limit_days,
               in.town_after_days.value_or(0), *in.county_after_days, in.sort_order.value_or(100),
               now, now}));
  SL_ASSIGN_OR_RETURN(auto c, FindCategory(tx, *in.code));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "request_category", 0, "create", Json(),
                       ToJson(*c), ""));
  return *c;
}

Result<Category> UpdateCategory(db::Tx& tx, const Caller& caller, const std::string& code,
                                const CategoryInput& input) {
  SL_ASSIGN_OR_RETURN(auto before, FindCategory(tx, code));
  if (!before) return Error::NotFound("request_category_not_found");
  SL_TRY(store::CheckVersion(input.version, before->version));
  CategoryInput in = input;
  Fields errors;
  if (in.code && *in.code != code) errors.emplace("code", Text{"request_category_code_fixed", {}});
  SL_TRY(CheckCategory(in, &*before, errors));
  SL_TRY(store::Finish(errors));
  const Category& b = *before;
  SL_TRY(tx.Exec(
      "UPDATE request_category SET name_zh_cn = ?, name_zh_tw = ?, name_en = ?, "
      "time_limit_days = ?, town_after_days = ?, county_after_days = ?, sort_order = "
      "?, updated_at = ?, version = version + 1 WHERE code = ?",
      {in.name_zh_cn.value_or(b.name_zh_cn), in.name_zh_tw.value_or(b.name_zh_tw),
       in.name_en.value_or(b.name_en), in.time_limit_days.value_or(b.limits.time_limit_days),
       in.town_after_days.value_or(b.limits.town_after_days),
       in.county_after_days.value_or(b.limits.county_after_days),
       in.sort_order.value_or(b.sort_order), NowUtc(), code}));
  SL_ASSIGN_OR_RETURN(auto after, FindCategory(tx, code));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "request_category", 0, "update", ToJson(b),
                       ToJson(*after), ""));
  return *after;
}

}  // namespace sl::requests
