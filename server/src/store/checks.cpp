#include "store/checks.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "core/json.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::store {

namespace {

void Trim(std::string& s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
}

// False when the value is absent or empty (after recording field_required
// where the field needs a value).
bool Present(const std::optional<std::string>& value, const char* field, Fields& errors,
             Need need) {
  if (value && !value->empty()) return true;
  if (need == Need::kRequired || (need == Need::kNotEmpty && value))
    errors.emplace(field, Text{"field_required", {}});
  return false;
}

}  // namespace

void CheckText(std::optional<std::string>& value, const char* field, Fields& errors, size_t max,
               Need need) {
  if (value) Trim(*value);
  if (!Present(value, field, errors, need)) return;
  if (HasControlCharacters(*value, /*multiline=*/true))
    errors.emplace(field, Text{"field_control_chars", {}});
  else if (HasControlCharacters(*value, /*multiline=*/false) || HasBidiControls(*value))
    errors.emplace(field, Text{"field_line", {}});
  else if (Utf8Length(*value) > max)
    errors.emplace(field, Text{"field_too_long", {std::to_string(max)}});
}

void CheckNotes(std::optional<std::string>& value, const char* field, Fields& errors, size_t max) {
  if (value) Trim(*value);
  if (!Present(value, field, errors, Need::kOptional)) return;
  if (HasControlCharacters(*value, /*multiline=*/true))
    errors.emplace(field, Text{"field_control_chars", {}});
  else if (Utf8Length(*value) > max)
    errors.emplace(field, Text{"field_too_long", {std::to_string(max)}});
}

void CheckDate(std::optional<std::string>& value, const char* field, Fields& errors, Need need) {
  if (!Present(value, field, errors, need)) return;
  auto parsed = ParseDate(*value);
  if (!parsed) {
    errors.emplace(field, Text{"field_date", {}});
    return;
  }
  *value = *parsed;
}

void CheckChoice(std::optional<std::string>& value, const std::vector<Choice>& choices,
                 const char* field, Fields& errors, Need need) {
  if (!Present(value, field, errors, need)) return;
  std::string v = *value;
  Trim(v);
  auto id = ChoiceId(choices, v);
  if (!id) id = ChoiceId(choices, text::Fold(v));  // FULL, 正式黨員
  if (!id) {
    errors.emplace(field, Text{"field_choice", {ChoiceLabels(choices)}});
    return;
  }
  *value = *id;
}

void CheckNotNegative(const std::optional<int64_t>& value, const char* field, Fields& errors) {
  if (value && *value < 0) errors.emplace(field, Text{"field_not_negative", {}});
}

void CheckInterval(std::optional<std::string>& from, std::optional<std::string>& to, bool create,
                   const std::string& old_from, Fields& errors) {
  CheckDate(from, "valid_from", errors, create ? Need::kRequired : Need::kOptional);
  CheckDate(to, "valid_to", errors);
  const std::string start = from && !from->empty() ? *from : old_from;
  if (to && !to->empty() && *to <= start) errors.emplace("valid_to", Text{"field_date_order", {}});
}

Result<std::optional<RegionRef>> RegionForWrite(db::Tx& tx, const Caller& caller,
                                                const std::string& code, const char* field,
                                                Fields& errors) {
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, code));
  if (!region) {
    errors.emplace(field, Text{"field_region_unknown", {}});
    return std::optional<RegionRef>();
  }
  if (!caller.capture.Contains(region->path)) {
    errors.emplace(field, Text{"out_of_scope", {}});
    return std::optional<RegionRef>();
  }
  return std::optional<RegionRef>(RegionRef{region->id, region->code, region->name, region->path});
}

Result<std::optional<RegionRef>> CheckRegion(db::Tx& tx, const Caller& caller,
                                             const std::optional<std::string>& code,
                                             const char* field, Fields& errors, Need need) {
  if (!Present(code, field, errors, need)) return std::optional<RegionRef>();
  return RegionForWrite(tx, caller, *code, field, errors);
}

Status CheckCapture(const Caller& caller, const std::string& path) {
  if (!caller.capture.Contains(path)) return Error::Forbidden("out_of_scope");
  return OkStatus();
}

Status CheckVersion(const std::optional<int64_t>& given, int64_t current) {
  if (given && *given != current) return Error::Conflict("version_conflict");
  return OkStatus();
}

Status Finish(Fields& errors) {
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

bool IsCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 40 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace sl::store
