#include "core/choice.hpp"

namespace sl {

std::optional<std::string> ChoiceId(const std::vector<Choice>& choices, std::string_view text) {
  for (const auto& c : choices)
    if (text == c.id || text == c.zh_cn || text == c.zh_tw || text == c.en)
      return std::string(c.id);
  return std::nullopt;
}

bool IsChoice(const std::vector<Choice>& choices, std::string_view id) {
  for (const auto& c : choices)
    if (c.id == id) return true;
  return false;
}

std::string_view ChoiceLabel(const std::vector<Choice>& choices, std::string_view id) {
  for (const auto& c : choices)
    if (c.id == id) return c.zh_cn;
  return id;
}

std::string ChoiceLabels(const std::vector<Choice>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : "、") + std::string(c.zh_cn);
  return out;
}

Json RegionJson(const RegionRef& r) { return Json{{"code", r.code}, {"name", r.name}}; }

void AppendJson(std::string& out, const RegionRef& r) {
  JsonTextFields f(out);
  f("code", r.code)("name", r.name);
}

void AppendJson(std::string& out, const Ref& r) {
  JsonTextFields f(out);
  f("id", r.id)("name", r.name);
}

Json RefJson(const std::optional<Ref>& r) {
  if (!r) return Json();
  return Json{{"id", r->id}, {"name", r->name}};
}

}  // namespace sl
