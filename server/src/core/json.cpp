#include "core/json.hpp"

#include <charconv>

#include "core/date.hpp"

namespace sl {

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // where the run of characters copied as they are starts
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[(c >> 4) & 0xf];
        out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

void AppendJson(std::string& out, int64_t n) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  (void)ec;  // 24 bytes hold any int64_t
  out.append(buf, end);
}

void AppendJson(std::string& out, bool b) { out += b ? "true" : "false"; }

Result<Json> ParseJsonObject(std::string_view body) {
  // A raw NUL is never JSON; the parser would stop at it and take the rest
  // for the end of the text.
  if (const size_t nul = body.find('\0'); nul != std::string_view::npos)
    return Error::BadRequest("invalid_json", {"byte " + std::to_string(nul + 1)});
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

const Json* FieldReader::Raw(const char* name) {
  seen_.insert(name);
  auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

const Json* FieldReader::Get(const char* name, bool required) {
  seen_.insert(name);
  auto it = object_.find(name);
  if (it == object_.end() || (required && it->is_null())) {
    if (required) Fail(name, {"field_required", {}});
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::Decimal(const char* name, bool required) {
  const Json* v = Get(name, required);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->dump();
  if (!v->is_string()) {
    Fail(name, {"field_decimal", {}});
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (s.size() > 40) {
    Fail(name, {"field_decimal", {}});
    return std::nullopt;
  }
  if (required && s.empty()) {
    Fail(name, {"field_required", {}});
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::Str(const char* name, bool required, size_t max_chars) {
  const Json* v = Get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(name, {"field_string", {}});
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (HasControlCharacters(s, /*multiline=*/true)) {
    Fail(name, {"field_control_chars", {}});
    return std::nullopt;
  }
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

std::optional<std::string> FieldReader::Date(const char* name, bool required) {
  auto s = Str(name, required, 10);
  if (s && !IsIsoDate(*s)) {
    if (!failed(name)) Fail(name, {"field_date", {}});
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::NullableDate(const char* name) {
  auto s = NullableStr(name, 10);
  if (s && !s->empty() && !IsIsoDate(*s)) {
    if (!failed(name)) Fail(name, {"field_date", {}});
    return std::nullopt;
  }
  return s;
}

bool HasControlCharacters(std::string_view s, bool multiline) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      if (!multiline) return true;
    } else if (c < 0x20 || c == 0x7F) {
      return true;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      return true;  // C1 controls U+0080..U+009F
    }
  }
  return false;
}

bool HasBidiControls(std::string_view s) {
  // U+202A..U+202E (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9): they
  // make a name read differently from what it is.
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) != 0xE2) continue;
    const auto b = static_cast<unsigned char>(s[i + 1]), c = static_cast<unsigned char>(s[i + 2]);
    if ((b == 0x80 && c >= 0xAA && c <= 0xAE) || (b == 0x81 && c >= 0xA6 && c <= 0xA9)) return true;
  }
  return false;
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
