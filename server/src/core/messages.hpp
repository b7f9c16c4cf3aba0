#pragma once
// The server's words for people, in Simplified Chinese, Traditional Chinese and
// English. A Text names a catalog entry and its arguments; Say() renders it.

#include <string>
#include <string_view>
#include <vector>

namespace sl {

enum class Lang { kZhCN, kZhTW, kEn };

struct Text {
  std::string key;
  std::vector<std::string> args;
  bool operator==(const Text&) const = default;
};

// Picks the language from an Accept-Language header value; zh-CN by default.
Lang LangFromAcceptLanguage(std::string_view header);
std::string_view LangTag(Lang lang);

// Renders a Text: "{0}", "{1}" in the catalog string are replaced by the
// arguments. An unknown key renders as the key itself.
std::string Say(const Text& text, Lang lang);

// Whether the catalog has `key` (tests use it to catch unknown keys).
bool HasMessage(std::string_view key);
// Every key of the catalog, with its three renderings (for tests).
struct CatalogEntry {
  std::string_view key, zh_cn, zh_tw, en;
};
std::vector<CatalogEntry> CatalogEntries();

}  // namespace sl
