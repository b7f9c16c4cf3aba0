#pragma once
// What the events' own files share: the date-or-time field and the chamber
// rule. Used by events/ alone.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/events.hpp"
#include "store/checks.hpp"

namespace sl::events::internal {

// "2022-03-10", "2022-03-10T09:00" (or with a space, or with seconds, which
// are dropped) as stored: YYYY-MM-DD or YYYY-MM-DDTHH:MM; nullopt otherwise.
std::optional<std::string> NormalizeWhen(std::string_view s);
// The field check of a start or an end (event_when for a bad one).
void CheckWhen(std::optional<std::string>& value, const char* field, store::Fields& errors,
               store::Need need);
// Whether `a` is before `b`: a day alone is compared with the other's day.
bool Before(std::string_view a, std::string_view b);
// Whether a chamber is among the organizers.
bool ByChamber(const std::vector<OrgRef>& organizers);

}  // namespace sl::events::internal
