#include "core/messages.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace sl {

namespace {

struct Entry {
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
};

// Each feature keeps its messages beside it (<feature>/messages.inc); they
// are assembled here, so that Say() needs no registration and a test of any
// module renders them. Every key used with Error or Text belongs to one;
// messages_test.cpp checks that each entry has all three languages.
const std::unordered_map<std::string_view, Entry>& Catalog() {
  static const std::unordered_map<std::string_view, Entry> kCatalog = {
// clang-format off
#include "core/messages.inc"
#include "auth/messages.inc"
#include "http/messages.inc"
#include "regions/messages.inc"
#include "audit/messages.inc"
#include "io/messages.inc"
#include "sheets/messages.inc"
#include "registry/messages.inc"
#include "pairing/messages.inc"
#include "events/messages.inc"
#include "projects/messages.inc"
#include "land/messages.inc"
#include "jobs/messages.inc"
#include "assign/messages.inc"
#include "requests/messages.inc"
#include "figures/messages.inc"
      // clang-format on
  };
  return kCatalog;
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // The first tag we know wins; q-values are honoured only by order, which is
  // what browsers send.
  std::string h(header);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t pos = 0;
  while (pos < h.size()) {
    size_t end = h.find(',', pos);
    if (end == std::string::npos) end = h.size();
    std::string tag = h.substr(pos, end - pos);
    tag = tag.substr(0, tag.find(';'));
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (tag == "zh-tw" || tag == "zh-hk" || tag == "zh-mo" || tag == "zh-hant" ||
        tag.rfind("zh-hant-", 0) == 0)
      return Lang::kZhTW;
    if (tag.rfind("zh", 0) == 0) return Lang::kZhCN;
    if (tag.rfind("en", 0) == 0) return Lang::kEn;
    pos = end + 1;
  }
  return Lang::kZhCN;
}

std::string_view LangTag(Lang lang) {
  switch (lang) {
    case Lang::kZhTW:
      return "zh-TW";
    case Lang::kEn:
      return "en";
    case Lang::kZhCN:
      break;
  }
  return "zh-CN";
}

std::string Say(const Text& text, Lang lang) {
  const auto& catalog = Catalog();
  auto it = catalog.find(text.key);
  if (it == catalog.end()) return text.key;
  std::string s = lang == Lang::kZhTW ? it->second.zh_tw
                  : lang == Lang::kEn ? it->second.en
                                      : it->second.zh_cn;
  for (size_t i = 0; i < text.args.size(); ++i) {
    // Built in steps: g++ 12 at -O3 warns (-Wrestrict) on "{" + to_string + "}".
    std::string marker(1, '{');
    marker += std::to_string(i);
    marker += '}';
    for (size_t p = s.find(marker); p != std::string::npos; p = s.find(marker, p)) {
      s.replace(p, marker.size(), text.args[i]);
      p += text.args[i].size();
    }
  }
  return s;
}

bool HasMessage(std::string_view key) { return Catalog().count(key) > 0; }

std::vector<CatalogEntry> CatalogEntries() {
  std::vector<CatalogEntry> out;
  for (const auto& [key, e] : Catalog()) out.push_back({key, e.zh_cn, e.zh_tw, e.en});
  return out;
}

}  // namespace sl
