// The brief's template language (brief.hpp): placeholders, optional clauses.

#include "figures/brief.hpp"

namespace sl::figures {

namespace {

// The placeholder at `text[at] == '{'`: its name and unit, and the index
// after its '}' (npos when it is not closed).
struct Placeholder {
  std::string_view name, unit;
  size_t end = std::string_view::npos;
};
Placeholder ReadPlaceholder(std::string_view text, size_t at) {
  Placeholder p;
  const size_t close = text.find('}', at);
  if (close == std::string_view::npos) return p;
  std::string_view inside = text.substr(at + 1, close - at - 1);
  if (const size_t bar = inside.find('|'); bar != std::string_view::npos) {
    p.unit = inside.substr(bar + 1);
    inside = inside.substr(0, bar);
  }
  p.name = inside;
  p.end = close + 1;
  return p;
}

// Renders a run without clauses. `complete` turns false when a value in it is
// missing or zero.
void RenderRun(std::string_view text, const Resolver& resolve, std::string& out, int& figures,
               bool& complete) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    out.append(text.substr(i, open == std::string_view::npos ? std::string_view::npos : open - i));
    if (open == std::string_view::npos) return;
    const Placeholder p = ReadPlaceholder(text, open);
    if (p.end == std::string_view::npos) {
      out.append(text.substr(open));
      return;
    }
    const auto value = resolve(p.name, p.unit);
    if (!value || !value->present) complete = false;
    if (value) {
      out.append(value->text);
      if (value->figure && value->present) ++figures;
    }
    i = p.end;
  }
}

// The punctuation a dropped clause leaves behind: "，。" and "。。" become
// "。", "。，" loses its comma, and so do "；。" and "、。".
std::string Tidy(std::string text) {
  static const std::pair<std::string_view, std::string_view> kFixes[] = {
      {"，。", "。"}, {"。。", "。"}, {"。，", "。"},
      {"；。", "。"}, {"、。", "。"}, {"，，", "，"}};
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [bad, good] : kFixes)
      for (size_t at = text.find(bad); at != std::string::npos; at = text.find(bad, at)) {
        text.replace(at, bad.size(), good);
        changed = true;
      }
  }
  return text;
}

}  // namespace

Rendered RenderTemplate(std::string_view text, const Resolver& resolve) {
  Rendered r;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('[', i);
    bool complete = true;
    RenderRun(text.substr(i, open == std::string_view::npos ? std::string_view::npos : open - i),
              resolve, r.text, r.figures, complete);
    if (open == std::string_view::npos) break;
    const size_t close = text.find(']', open);
    if (close == std::string_view::npos) {
      RenderRun(text.substr(open + 1), resolve, r.text, r.figures, complete);
      break;
    }
    std::string clause;
    int figures = 0;
    complete = true;
    RenderRun(text.substr(open + 1, close - open - 1), resolve, clause, figures, complete);
    if (complete) {
      r.text += clause;
      r.figures += figures;
    }
    i = close + 1;
  }
  r.text = Tidy(r.text);
  return r;
}

std::string CheckTemplate(std::string_view text) {
  bool in_clause = false, in_brace = false;
  for (char c : text) {
    if (c == '{') {
      if (in_brace) return "template_braces";
      in_brace = true;
    } else if (c == '}') {
      if (!in_brace) return "template_braces";
      in_brace = false;
    } else if (c == '[') {
      if (in_clause || in_brace) return "template_clauses";
      in_clause = true;
    } else if (c == ']') {
      if (!in_clause || in_brace) return "template_clauses";
      in_clause = false;
    }
  }
  if (in_brace) return "template_braces";
  if (in_clause) return "template_clauses";
  return "";
}

}  // namespace sl::figures
