#pragma once
// The figures of a region and a period (统计): one definition per figure (its
// code, name, unit, how it rolls up, how exactly an official states it) and
// the query that computes it per town for a region subtree. A county's or a
// province's figures are the sum of their towns' (and of the records placed
// above town level), read from per-town aggregates that every write marks
// stale in its own transaction (figures/cache.cpp), so that a rollup reads
// about one row per town instead of the ledgers' raw rows.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"

namespace sl::figures {

// How a figure of a region follows from its towns'. Every kind adds up over
// towns; they differ in what one town's value is:
//  kSum      a count or amount of the period (events held, rent received);
//  kLatest   a state at the period's end (members, pairings in force);
//  kDistinct distinct people of the period within a town (one person who
//            attended in two towns counts in each).
enum class Rollup { kSum, kLatest, kDistinct };

struct Definition {
  std::string code;     // "chamber.members", "events.kind.farmer_training.count"
  std::string section;  // the brief's section and the home pages' group: chamber, pairing, ...
  std::string ledger;   // the ledger it is read from (a section without records is left out)
  std::string name_zh_cn, name_zh_tw, name_en;
  std::string unit_zh;  // as officials write it: 人, 次, 家, 元, 亩, %
  std::string unit_en;
  int scale = 0;  // value / 10^scale is the figure in its unit (money is kept in fen)
  Rollup rollup = Rollup::kSum;
  bool approximate = false;  // stated as officials round (近千万元, 30余人) rather than exactly
  // A ratio of two other figures (percent), computed after the rollup.
  std::string numerator, denominator;
  // The query's parameters as the brief's Excel sheet lists them ("present
  // attendance of events of kind farmer_training starting in the period").
  std::string query;

  std::string Name(Lang lang) const;
  std::string Unit(Lang lang) const;
};

// Values of one unit (a town, or a region above town level for the records
// placed there): figure code -> value in the figure's scale.
using Values = std::map<std::string, int64_t, std::less<>>;

// The span a computation covers: rows whose path lies in [lo, hi), grouped by
// the first `key_length` characters of their path (a town's path is 25 long:
// "43/4311/431127/431127103/"; a shorter path keeps its whole self).
struct Span {
  std::string code, level;  // the region the span is of
  std::string lo, hi;
  size_t key_length = 0;
  std::string from, to;  // the period, days in China, both included
  std::string as_of;     // the day states and lateness are judged on: min(to, today)
};

// Every definition: the fixed ones and those read from data (event kinds,
// project kinds, stages and indicators), in the order pages show them.
Result<std::vector<Definition>> Catalog(db::Tx& tx);

// The values of every unit of a span, computed from the ledgers' rows.
Result<std::unordered_map<std::string, Values>> Compute(db::Tx& tx, const Span& span);

// The unit key of a path for a key length.
std::string_view KeyOf(std::string_view path, size_t key_length);
inline constexpr size_t kTownKeyLength = 25;

struct Summary {
  Json region;  // {"code","name","level"}
  std::string from, to, as_of;
  Values whole;
  struct Child {
    Json region;
    Values values;
  };
  std::optional<std::vector<Child>> children;
  int64_t units_read = 0, units_computed = 0;  // aggregates read and (re)computed
};

// The figures of the region `code` (which the caller must see whole) over
// [from, to] ("" = this year); `by_child` adds each child region. Above town
// level the towns' aggregates serve; stale or missing ones are computed and
// stored (in a write transaction of their own).
Result<Summary> Summarize(db::Database& db, const Caller& caller, const std::string& code,
                          const std::string& from, const std::string& to, bool by_child);
// The same without the aggregates: every unit computed from the ledgers.
Result<Summary> SummarizeFresh(db::Database& db, const Caller& caller, const std::string& code,
                               const std::string& from, const std::string& to, bool by_child);

// {"code","name","unit","value","section","approximate","rollup","phrase"}
// for each figure with a value (derived ratios included).
Json FiguresJson(const std::vector<Definition>& catalog, const Values& values, Lang lang);
// A derived or stored figure's value in its unit (scale applied), or nullopt.
std::optional<double> ValueOf(const Definition& d, const Values& values,
                              const std::vector<Definition>& catalog);

// Whether the caller may see the figures of a ledger (its read permission),
// and the values of those it may see.
bool MaySee(const Caller& caller, const std::string& ledger);
Values VisibleTo(const Caller& caller, const std::vector<Definition>& catalog, const Values& v);

// Drops every stored aggregate and computes those of the periods that were
// stored again (the `figures rebuild` command). Answers how many it stored.
Result<int64_t> Rebuild(db::Database& db);

// GET /api/v1/stats/summary?region=&from=&to=[&by=child]
Result<Response> HandleSummary(db::Database& db, const Request& r);
// GET /api/v1/stats/figures: the catalog.
Result<Response> HandleCatalog(db::Database& db, const Request& r);

}  // namespace sl::figures
