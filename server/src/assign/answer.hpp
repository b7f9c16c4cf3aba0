#pragma once
// A plan's answer as JSON text, written item by item and never held as a JSON
// tree (a province's level 1 is 35 MB of text, and was several times that as
// a tree): the assignments with why each pair was chosen and its next best,
// what changes against today, the loads, and for an infeasible plan which
// targets fall short and what would fix it.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assign/problem.hpp"
#include "core/json.hpp"

namespace sl::assign {

// The answer of a solved problem (`solve_us`: how long solving took);
// `summary`, when given, gets what PlanSummary would read of it.
std::string Answer(const Problem& p, const PlanOptions& o, const Solution& s, int64_t solve_us,
                   Json* summary = nullptr);

// `text` (an answer) with its record: id, when made and applied (and, after
// applying, what was done).
std::string WithRecord(std::string text, int64_t id, const std::string& created_at,
                       const std::optional<std::string>& applied_at, Json applied = Json());

// `head` (an object) with more members whose values are JSON texts.
std::string Compose(const Json& head, std::vector<std::pair<const char*, std::string>> parts);

}  // namespace sl::assign
