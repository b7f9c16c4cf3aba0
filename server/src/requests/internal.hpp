#pragma once
// What the requests feature's files share: the record query, visibility, the
// calendar and categories a batch of records is judged with.

#include <map>
#include <string>

#include "requests/requests.hpp"
#include "store/query.hpp"

namespace sl::requests::internal {

const store::RecordQuery<Record>& Requests();

// Rows the caller sees (alias q): the view scope (or, for the chamber, its
// members' and their enterprises'), and what the caller owns or handles.
void Visible(const Caller& caller, const std::string& today, store::Where& w);

// The categories by code.
Result<std::map<std::string, Category>> CategoryMap(db::Tx& tx);

// Fills in handlers and the figures on `date` (overdue, escalation).
Status Complete(db::Tx& tx, std::vector<Record>& batch, const std::string& date,
                const Calendar& cal, const std::map<std::string, Category>& categories);

// The condition "open and escalated to at least `level` on `date`" (alias q),
// exact per category: manual escalations, or late by the category's limits.
std::string EscalatedCondition(int level, const std::string& date, const Calendar& cal,
                               const std::map<std::string, Category>& categories,
                               db::Params& params);

// Whether the caller may act on the request: its owner, a handler (a person,
// or a member of a handling organization), or the town office.
Result<bool> MayAct(db::Tx& tx, const Caller& caller, const Record& r, const std::string& today);

std::string DateOr(const std::string& date);

}  // namespace sl::requests::internal
