#include "assign/options.hpp"

#include "core/date.hpp"
#include "core/handler.hpp"
#include "pairing/model.hpp"
#include "store/checks.hpp"

namespace sl::assign {

namespace {

std::optional<int> Small(FieldReader& in, const char* name) {
  auto v = in.Int(name, false);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 100000) {
    in.Fail(name, {"field_range", {}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace

Result<PlanOptions> ReadPlanOptions(const Json& body) {
  FieldReader in(body);
  PlanOptions o;
  o.level = Small(in, "level").value_or(0);
  if (!in.Has("level")) in.Fail("level", {"field_required", {}});
  if (in.Has("level") && !pairing::IsLevel(o.level)) in.Fail("level", {"pairing_level", {}});
  o.region = in.Str("region", true, 20).value_or("");
  o.date = in.Date("date", false).value_or("");
  if (!o.date.empty() && !IsIsoDate(o.date)) in.Fail("date", {"field_date", {}});
  if (auto v = Small(in, "keep_weight")) o.weights.keep = *v;
  if (auto v = Small(in, "distance_weight")) o.weights.distance = *v;
  if (auto v = Small(in, "load_weight")) o.weights.load = *v;
  if (auto v = Small(in, "industry_weight")) o.weights.industry = *v;
  if (auto v = Small(in, "min_load")) o.min_load = *v;
  if (in.Has("max_load") && !body.at("max_load").is_null()) o.max_load = Small(in, "max_load");
  // null: no maximum (read as an absent object, which marks the field seen).
  if (in.Has("max_load") && body.at("max_load").is_null()) (void)in.Object("max_load", false);
  if (auto caps = in.Object("capacities", false)) {
    // {"<person id>": {"min": 0..10000, "max": min..10000 or null}}
    auto bound = [](const Json& c, const char* key) -> std::optional<int64_t> {
      if (!c.contains(key) || c.at(key).is_null()) return std::nullopt;
      if (!c.at(key).is_number_integer()) return -1;
      return c.at(key).get<int64_t>();
    };
    for (const auto& [key, c] : caps->items()) {
      auto id = ParseInt(key);
      if (!id || !c.is_object()) {
        in.Fail("capacities", {"field_object", {}});
        break;
      }
      const auto min = bound(c, "min"), max = bound(c, "max");
      if (min.value_or(0) < 0 || min.value_or(0) > 10000 ||
          (max && (*max < min.value_or(0) || *max > 10000))) {
        in.Fail("capacities", {"field_range", {}});
        break;
      }
      o.capacities[*id] = {static_cast<int>(min.value_or(0)),
                           max ? std::optional<int>(static_cast<int>(*max)) : std::nullopt};
    }
  }
  if (auto ex = in.IntList("exclude", false)) o.exclude = *ex;
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return CheckPlanOptions(std::move(o));
}

Result<PlanOptions> CheckPlanOptions(PlanOptions o) {
  store::Fields errors;
  if (!pairing::IsLevel(o.level)) errors.emplace("level", Text{"pairing_level", {}});
  if (o.region.empty()) errors.emplace("region", Text{"field_required", {}});
  if (o.date.empty()) o.date = TodayInChina();
  if (!IsIsoDate(o.date)) errors.emplace("date", Text{"field_date", {}});
  for (auto [name, v] : {std::pair<const char*, int64_t>{"distance_weight", o.weights.distance},
                         {"keep_weight", o.weights.keep},
                         {"load_weight", o.weights.load},
                         {"industry_weight", o.weights.industry}})
    if (v < 0 || v > 100000) errors.emplace(name, Text{"field_range", {}});
  if (o.min_load < 0 || o.min_load > 10000) errors.emplace("min_load", Text{"field_range", {}});
  if (o.max_load && (*o.max_load < o.min_load || *o.max_load > 10000))
    errors.emplace("max_load", Text{"field_range", {}});
  for (const auto& [id, c] : o.capacities)
    if (c.first < 0 || (c.second && *c.second < c.first))
      errors.emplace("capacities", Text{"field_range", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return o;
}

Json PlanOptionsJson(const PlanOptions& o) {
  Json caps = Json::object();
  for (const auto& [id, c] : o.capacities)
    caps[std::to_string(id)] = {{"min", c.first}, {"max", c.second ? Json(*c.second) : Json()}};
  return {{"level", o.level},
          {"region", o.region},
          {"date", o.date},
          {"distance_weight", o.weights.distance},
          {"keep_weight", o.weights.keep},
          {"load_weight", o.weights.load},
          {"industry_weight", o.weights.industry},
          {"min_load", o.min_load},
          {"max_load", o.max_load ? Json(*o.max_load) : Json()},
          {"capacities", std::move(caps)},
          {"exclude", o.exclude}};
}

}  // namespace sl::assign
