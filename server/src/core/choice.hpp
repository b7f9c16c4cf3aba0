#pragma once
// Enumerations with their labels (as the town office writes them in its Excel
// ledgers), and the references records make to each other: what every
// feature's model and every form check speak.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace sl {

// An enumeration value: its identifier in the API and its labels.
struct Choice {
  std::string_view id;
  std::string_view zh_cn;
  std::string_view zh_tw;
  std::string_view en;
};

// The identifier of a choice given by its id or any of its labels (imports
// accept 正式党员 as well as full); nullopt when none matches.
std::optional<std::string> ChoiceId(const std::vector<Choice>& choices, std::string_view text);
bool IsChoice(const std::vector<Choice>& choices, std::string_view id);
std::string_view ChoiceLabel(const std::vector<Choice>& choices, std::string_view id);
// The Simplified Chinese labels joined with 、 (a field message's list of what is allowed).
std::string ChoiceLabels(const std::vector<Choice>& choices);

// A record named by id (a person, an organization).
struct Ref {
  int64_t id = 0;
  std::string name;
};

// A region as records carry it: id, official code, name, materialized path.
struct RegionRef {
  int64_t id = 0;
  std::string code, name, path;
};

// {"code", "name"}; {"id", "name"} or null.
Json RegionJson(const RegionRef& r);
Json RefJson(const std::optional<Ref>& r);
// A text or null.
inline Json OptJson(const std::optional<std::string>& s) { return s ? Json(*s) : Json(); }
// The same as fields of a description (core/json.hpp: JsonTextFields).
void AppendJson(std::string& out, const RegionRef& r);
void AppendJson(std::string& out, const Ref& r);
inline Json JsonOf(const RegionRef& r) { return RegionJson(r); }
inline Json JsonOf(const Ref& r) { return RefJson(r); }

}  // namespace sl
