#pragma once
// The field checks of forms and spreadsheet rows: each validates (and
// normalizes) one value in place and records a message for its field, so that
// a form is answered with every field's problem at once (422).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/messages.hpp"
#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::store {

using Fields = std::map<std::string, Text>;

// Whether a field must be given: always (a new record), never, or not emptied
// when given (an update keeps an absent field as it is, but a name cannot be
// cleared).
enum class Need { kOptional, kRequired, kNotEmpty };
// kRequired when creating, else kNotEmpty.
inline Need RequiredOnCreate(bool create) { return create ? Need::kRequired : Need::kNotEmpty; }

// A trimmed line of text (a name, a title, a place) of at most `max`
// characters: no control characters, line breaks, tabs or bidirectional
// overrides.
void CheckText(std::optional<std::string>& value, const char* field, Fields& errors, size_t max,
               Need need = Need::kOptional);
// Free text (notes) of at most `max` characters: tabs and line breaks are
// allowed, other control characters not.
void CheckNotes(std::optional<std::string>& value, const char* field, Fields& errors, size_t max);
// A date (ledger spellings such as 2022/3/10 or 2022年3月10日 normalized).
void CheckDate(std::optional<std::string>& value, const char* field, Fields& errors,
               Need need = Need::kOptional);
// One of `choices` (ids or labels accepted), replaced by its id.
void CheckChoice(std::optional<std::string>& value, const std::vector<Choice>& choices,
                 const char* field, Fields& errors, Need need = Need::kOptional);
// An amount that may not be negative (money in fen, areas, counts).
void CheckNotNegative(const std::optional<int64_t>& value, const char* field, Fields& errors);
// A validity interval: valid_to after valid_from (or after `old_from` when
// valid_from is not given).
void CheckInterval(std::optional<std::string>& from, std::optional<std::string>& to, bool create,
                   const std::string& old_from, Fields& errors);
// A region named by code: must exist and lie inside the caller's capture
// scope; otherwise a message for `field` and nullopt. Absent or empty: nullopt,
// with field_required when `need` is kRequired.
Result<std::optional<RegionRef>> CheckRegion(db::Tx& tx, const Caller& caller,
                                             const std::optional<std::string>& code,
                                             const char* field, Fields& errors,
                                             Need need = Need::kOptional);
// The same for a code that is given.
Result<std::optional<RegionRef>> RegionForWrite(db::Tx& tx, const Caller& caller,
                                                const std::string& code, const char* field,
                                                Fields& errors);
// Forbidden unless the caller may change records at `path`.
Status CheckCapture(const Caller& caller, const std::string& path);
// Conflict (version_conflict) when a form names a version that is not the record's.
Status CheckVersion(const std::optional<int64_t>& given, int64_t current);
// Whether `s` is a code of data an admin adds (an event kind, an
// indicator): 2–40 lower-case letters, digits and underscores, a letter first.
bool IsCode(std::string_view s);
// Invalid with the messages, or Ok when there are none.
Status Finish(Fields& errors);

}  // namespace sl::store
