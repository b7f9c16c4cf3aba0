#pragma once
// Reading JSON request bodies into domain values with a message per bad field.

#include <nlohmann/json.hpp>

#include <concepts>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sl {

using Json = nlohmann::json;

// Appends `s` as a JSON string, as Json(s).dump() would write it: for answers
// written as text rather than built as a tree (`s` is valid UTF-8).
void AppendJsonString(std::string& out, std::string_view s);

// Values written as JSON text, as a tree's dump() would write them.
void AppendJson(std::string& out, int64_t n);
inline void AppendJson(std::string& out, int n) { AppendJson(out, int64_t{n}); }
void AppendJson(std::string& out, bool b);
inline void AppendJson(std::string& out, const std::string& s) { AppendJsonString(out, s); }
// (Not left to the bool overload, which a pointer converts to first.)
inline void AppendJson(std::string& out, const char* s) { AppendJsonString(out, s); }
// A value its own function writes (a nested object of a description).
template <class Write>
requires std::invocable<const Write&, std::string&>
void AppendJson(std::string& out, const Write& write) { write(out); }
template <class T>
void AppendJson(std::string& out, const std::optional<T>& v) {
  if (v) {
    AppendJson(out, *v);
  } else {
    out += "null";
  }
}
// The same values as a tree.
template <class T>
Json JsonOf(const T& v) {
  return Json(v);
}
template <class T>
Json JsonOf(const std::optional<T>& v) {
  return v ? JsonOf(*v) : Json();
}

// An object's fields described once and written either as a tree or straight
// as text (a page of a list, thousands a second: no tree, no map nodes):
//   template <class Fields> void Describe(Fields& f, const X& x) {
//     f("id", x.id)("name", x.name);
//   }
// A description names its fields in key order, as a tree writes them, so that
// both write the same text (each description's test checks it). Values are
// anything AppendJson and JsonOf take; a record's own parts (a region, a
// reference) add overloads of both beside their type.
class JsonTextFields {
 public:
  explicit JsonTextFields(std::string& out) : out_(out) { out_ += '{'; }
  ~JsonTextFields() { out_ += '}'; }
  JsonTextFields(const JsonTextFields&) = delete;
  JsonTextFields& operator=(const JsonTextFields&) = delete;

  template <class V>
  JsonTextFields& operator()(std::string_view key, const V& value) {
    if (!first_) out_ += ',';
    first_ = false;
    AppendJsonString(out_, key);
    out_ += ':';
    AppendJson(out_, value);
    return *this;
  }

 private:
  std::string& out_;
  bool first_ = true;
};

class JsonTreeFields {
 public:
  template <class V>
  JsonTreeFields& operator()(std::string_view key, const V& value) {
    json_[std::string(key)] = JsonOf(value);
    return *this;
  }
  Json Take() { return std::move(json_); }

 private:
  Json json_ = Json::object();
};

// Parses a request body that must be a JSON object: 400 invalid_json /
// expected_object otherwise.
Result<Json> ParseJsonObject(std::string_view body);

// Reads fields of a JSON object, collecting one message per bad field; Finish()
// answers 422 with all of them at once, so a form can mark every mistake.
class FieldReader {
 public:
  explicit FieldReader(const Json& object) : object_(object) {}

  bool Has(const char* name) const;
  // The raw value of a field read by hand (marked read), or null when absent.
  const Json* Raw(const char* name);
  std::optional<std::string> Str(const char* name, bool required, size_t max_chars = 200);
  std::optional<int64_t> Int(const char* name, bool required);
  std::optional<bool> Bool(const char* name, bool required);
  std::optional<std::vector<std::string>> StrList(const char* name, bool required);
  std::optional<std::vector<int64_t>> IntList(const char* name, bool required);
  // Reads a nested object: nullopt when absent or null.
  std::optional<Json> Object(const char* name, bool required);
  // Reads a string that may be null: nullopt when absent, "" for null.
  std::optional<std::string> NullableStr(const char* name, size_t max_chars = 200);
  // A date, strictly YYYY-MM-DD (spreadsheets read dates leniently; the API
  // does not guess).
  std::optional<std::string> Date(const char* name, bool required);
  // A date that may be null: nullopt when absent, "" for null.
  std::optional<std::string> NullableDate(const char* name);
  // An exact number: a decimal text ("450.25") or an integer, as text (a
  // floating-point JSON number is refused: it may not be exact).
  std::optional<std::string> Decimal(const char* name, bool required);

  void Fail(const std::string& name, Text message);
  bool failed(const std::string& name) const { return errors_.count(name) > 0; }
  // Marks every field not read so far as unknown.
  void RejectUnknown();
  Status Finish();

 private:
  const Json* Get(const char* name, bool required);
  // A value of one JSON type (`is`), or the message `wrong` for the field.
  template <class T>
  std::optional<T> Typed(const char* name, bool required, bool (Json::*is)() const noexcept,
                         const char* wrong) {
    const Json* v = Get(name, required);
    if (!v) return std::nullopt;
    if (!(v->*is)()) {
      Fail(name, {wrong, {}});
      return std::nullopt;
    }
    return v->get<T>();
  }
  const Json& object_;
  std::set<std::string> seen_;
  std::map<std::string, Text> errors_;
};

// Whether text holds control characters: C0 (but tab, newline and carriage
// return when `multiline`), DEL and C1. Refused in every text field: they are
// invisible, and NUL cuts the text short in exports.
bool HasControlCharacters(std::string_view s, bool multiline);
// Whether text holds bidirectional overrides or isolates (refused in names).
bool HasBidiControls(std::string_view s);

// Number of Unicode code points in a UTF-8 string.
size_t Utf8Length(std::string_view s);

}  // namespace sl
