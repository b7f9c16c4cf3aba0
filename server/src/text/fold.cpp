#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Lexicon.hpp>

#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>

#include "text/text.hpp"
#include "text/text_internal.hpp"

namespace sl::text {
namespace internal {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

struct OpenCC {
  std::shared_ptr<opencc::Converter> converter;
  // One bit per code point: appears in the key of an entry that changes text.
  // Most names are Simplified already; this lets Fold skip OpenCC (~2.7 us a
  // name) for them.
  std::vector<std::uint64_t> may_change;
  std::string error;
};

void MarkKeys(const opencc::DictPtr& dict, std::vector<std::uint64_t>& bits) {
  if (auto group = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
    for (const auto& d : group->GetDicts()) MarkKeys(d, bits);
    return;
  }
  for (const auto& entry : *dict->GetLexicon()) {
    const std::string key = entry->Key();
    if (entry->GetDefault() == key) continue;  // conversion uses the default only
    for (std::size_t i = 0; i < key.size();) {
      const char32_t c = DecodeUtf8(key, i);
      bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
  }
}

const OpenCC& GetOpenCC() {
  static const OpenCC* const instance = [] {
    auto* o = new OpenCC;  // never freed: used until exit from any thread
    // OpenCC reports a missing or broken config by throwing.
    try {
      opencc::Config config;
      o->converter = config.NewFromFile("t2s.json");
      o->may_change.assign((kMaxCodePoint >> 6) + 1, 0);
      for (const auto& conversion : o->converter->GetConversionChain()->GetConversions()) {
        MarkKeys(conversion->GetDict(), o->may_change);
      }
    } catch (const std::exception& e) {
      o->converter.reset();
      o->may_change.clear();
      o->error = std::string("OpenCC t2s.json: ") + e.what();
    }
    return o;
  }();
  return *instance;
}

bool IsSpace(char32_t c) {
  return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Valid Simplified characters that t2s rewrites although names keep them:
// 乾县 and 乾安 are Simplified official names, yet t2s gives 干县 (gan xian).
bool IsKeptInT2S(char32_t c) { return c == U'乾'; }

// t2s of the pieces between kept characters.
std::string ConvertKeeping(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (!IsKeptInT2S(DecodeUtf8(s, i))) continue;
    if (at > start) out += TraditionalToSimplified(s.substr(start, at - start));
    out.append(s, at, i - at);
    start = i;
  }
  if (start < s.size()) out += TraditionalToSimplified(s.substr(start));
  return out;
}

bool IsInvisible(char32_t c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

}  // namespace

std::string TraditionalToSimplified(const std::string& s) {
  const OpenCC& o = GetOpenCC();
  if (!o.converter) return s;
  return o.converter->Convert(s);
}

bool MayChangeInT2S(char32_t c) {
  const OpenCC& o = GetOpenCC();
  if (o.may_change.empty() || c > kMaxCodePoint) return false;
  return (o.may_change[c >> 6] >> (c & 63)) & 1;
}

std::string OpenCCStatus() { return GetOpenCC().error; }

}  // namespace internal

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  bool traditional = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = internal::DecodeUtf8(s, i);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (internal::IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (internal::IsInvisible(c)) continue;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (c >= 0x80 && !traditional && !internal::IsKeptInT2S(c)) {
      traditional = internal::MayChangeInT2S(c);
    }
    internal::AppendUtf8(out, c);
  }
  if (traditional) out = internal::ConvertKeeping(out);
  return out;
}

bool IsPinyinQuery(std::string_view folded) {
  bool letter = false;
  for (const char ch : folded) {
    if (ch >= 'a' && ch <= 'z') {
      letter = true;
    } else if (ch != ' ' && ch != '\'') {
      return false;
    }
  }
  return letter;
}

std::string FoldQuery(std::string_view query) {
  std::string folded = Fold(query);
  if (!IsPinyinQuery(folded)) return folded;
  std::erase_if(folded, [](char ch) { return ch == ' ' || ch == '\''; });
  return folded;
}

}  // namespace sl::text
