#include "core/json.hpp"

namespace sl {

Result<Json> ParseJsonObject(std::string_view body) {
  Json j;
  try {
    j = Json::parse(body);
  } catch (const Json::exception& e) {
    // Only the position is shown: the library's text is English-only.
    const auto* pe = dynamic_cast<const Json::parse_error*>(&e);
    return Error::BadRequest("invalid_json", {pe ? "byte " + std::to_string(pe->byte) : ""});
  }
  if (!j.is_object()) return Error::BadRequest("expected_object");
  return j;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool FieldReader::Has(const char* name) const { return object_.contains(name); }

const Json* FieldReader::Get(const char* name, bool required) {
  seen_.insert(name);
  auto it = object_.find(name);
  if (it == object_.end() || (required && it->is_null())) {
    if (required) Fail(name, {"field_required", {}});
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::Str(const char* name, bool required, size_t max_chars) {
  const Json* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(name, {"field_string", {}});
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (Utf8Length(s) > max_chars) {
    Fail(name, {"field_too_long", {std::to_string(max_chars)}});
    return std::nullopt;
  }
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    Fail(name, {"field_required", {}});
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::NullableStr(const char* name, size_t max_chars) {
  if (Has(name) && object_.at(name).is_null()) {
    seen_.insert(name);
    return std::string();
  }
  return Str(name, false, max_chars);
}

std::optional<Json> FieldReader::Object(const char* name, bool required) {
  const Json* v = Get(name, required);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_object()) {
    Fail(name, {"field_object", {}});
    return std::nullopt;
  }
  return *v;
}

std::optional<int64_t> FieldReader::Int(const char* name, bool required) {
  return Typed<int64_t>(name, required, &Json::is_number_integer, "field_integer");
}

std::optional<bool> FieldReader::Bool(const char* name, bool required) {
  return Typed<bool>(name, required, &Json::is_boolean, "field_boolean");
}

std::optional<std::vector<std::string>> FieldReader::StrList(const char* name, bool required) {
  const Json* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    Fail(name, {"field_array", {}});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : *v) {
    if (!e.is_string()) {
      Fail(name, {"field_string", {}});
      return std::nullopt;
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::optional<std::vector<int64_t>> FieldReader::IntList(const char* name, bool required) {
  const Json* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    Fail(name, {"field_array", {}});
    return std::nullopt;
  }
  std::vector<int64_t> out;
  for (const auto& e : *v) {
    if (!e.is_number_integer()) {
      Fail(name, {"field_integer", {}});
      return std::nullopt;
    }
    out.push_back(e.get<int64_t>());
  }
  return out;
}

void FieldReader::Fail(const std::string& name, Text message) {
  errors_.emplace(name, std::move(message));  // the first message for a field wins
}

void FieldReader::RejectUnknown() {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (!seen_.count(it.key())) Fail(it.key(), {"field_unknown", {}});
}

Status FieldReader::Finish() {
  if (errors_.empty()) return OkStatus();
  return Error::Invalid(errors_);
}

}  // namespace sl
