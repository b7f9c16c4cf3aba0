#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "text/text.hpp"
#include "text/text_internal.hpp"

namespace sl::text {
namespace internal {
namespace {

// Lock-free lookups for CJK Extension A and the Unified Ideographs block, where
// nearly all name characters live; the rest go through a locked map. Entries
// are computed on first use (~7 us each through ICU): filling the whole block
// eagerly would cost ~0.2 s plus ~0.2 s to create the transliterator.
constexpr char32_t kFastFirst = 0x3400;
constexpr char32_t kFastLast = 0x9FFF;
constinit std::array<std::atomic<const PinyinEntry*>, kFastLast - kFastFirst + 1> g_fast{};

struct Cache {
  std::mutex mu;
  std::unique_ptr<icu::Transliterator> han_latin;
  std::string error;
  bool loaded = false;
  std::deque<PinyinEntry> entries;  // stable addresses
  std::unordered_map<char32_t, const PinyinEntry*> slow;
};

Cache& GetCache() {
  static Cache* const cache = new Cache;  // never freed: used until exit from any thread
  return *cache;
}

// Under cache.mu.
void LoadTransliterator(Cache& cache) {
  if (cache.loaded) return;
  cache.loaded = true;
  UErrorCode status = U_ZERO_ERROR;
  cache.han_latin.reset(icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !cache.han_latin) {
    cache.han_latin.reset();
    cache.error = std::string("ICU Han-Latin: ") + u_errorName(status);
  }
}

std::vector<std::string> SplitReadings(const char* list) {
  std::vector<std::string> out;
  std::string_view rest = list;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    out.emplace_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return out;
}

// "céng" -> "ceng", "lǚ" -> "lv"; empty unless the result is plain a-z.
std::string Toneless(const icu::UnicodeString& latin) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return {};
  const icu::UnicodeString decomposed = nfd->normalize(latin, status);
  if (U_FAILURE(status)) return {};
  std::string out;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    char16_t ch = decomposed.charAt(i);
    if (ch >= u'A' && ch <= u'Z') ch += u'a' - u'A';
    if (ch >= u'a' && ch <= u'z') {
      out += static_cast<char>(ch);
    } else if (ch == 0x0308 && !out.empty() && out.back() == 'u') {
      out.back() = 'v';  // ü
    } else if (ch >= 0x0300 && ch <= 0x036F) {
      continue;  // tone marks, and ê's circumflex
    } else {
      return {};  // no reading: Han-Latin returned the character itself
    }
  }
  return out;
}

// Under cache.mu.
std::vector<std::string> ComputeReadings(Cache& cache, char32_t c) {
  if (const char* curated = CuratedReadings(c)) return SplitReadings(curated);
  // A Traditional character reads as its Simplified form (長 as 长).
  std::string utf8;
  AppendUtf8(utf8, c);
  if (MayChangeInT2S(c)) {
    const std::string simplified = TraditionalToSimplified(utf8);
    std::size_t i = 0;
    const char32_t s = DecodeUtf8(simplified, i);
    if (i == simplified.size() && s != c) {
      if (const char* curated = CuratedReadings(s)) return SplitReadings(curated);
    }
  }
  LoadTransliterator(cache);
  if (!cache.han_latin) return {};
  icu::UnicodeString text(static_cast<UChar32>(c));
  cache.han_latin->transliterate(text);
  std::string reading = Toneless(text);
  if (reading.empty()) return {};
  return {std::move(reading)};
}

// Under cache.mu. nullptr when c has no reading.
const PinyinEntry* MakeEntry(Cache& cache, char32_t c) {
  std::vector<std::string> readings = ComputeReadings(cache, c);
  if (readings.empty()) return nullptr;
  PinyinEntry& entry = cache.entries.emplace_back();
  entry.spellings = readings;
  // Both ways people type ü: the v of pinyin keyboards and a plain u.
  for (const std::string& r : readings) {
    if (r.find('v') == std::string::npos) continue;
    std::string u = r;
    std::replace(u.begin(), u.end(), 'v', 'u');
    if (std::find(entry.spellings.begin(), entry.spellings.end(), u) == entry.spellings.end()) {
      entry.spellings.push_back(std::move(u));
    }
  }
  for (const char ch : readings.front()) {
    if (ch == 'v') {
      entry.sort_spelling += "\xC3\xBC";  // ü sorts right after u in the collator
    } else {
      entry.sort_spelling += ch;
    }
  }
  entry.readings = std::move(readings);
  return &entry;
}

// A sentinel meaning "looked up, no reading" in g_fast.
const PinyinEntry kNoReading;

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// Whether c is dropped from pinyin tokens: separators inside names
// (阿依古丽·买买提) that nobody types in a pinyin query.
bool IsDroppedFromPinyin(char32_t c) {
  return c == ' ' || c == 0xB7 || c == 0x2022 || c == 0x2027 || c == 0x30FB;
}

}  // namespace

const PinyinEntry* PinyinEntryFor(char32_t c) {
  if (c < 0x2E80) return nullptr;  // below the CJK radicals: no Han
  if (c >= kFastFirst && c <= kFastLast) {
    std::atomic<const PinyinEntry*>& slot = g_fast[c - kFastFirst];
    const PinyinEntry* entry = slot.load(std::memory_order_acquire);
    if (entry == nullptr) {
      Cache& cache = GetCache();
      const std::lock_guard lock(cache.mu);
      entry = slot.load(std::memory_order_relaxed);
      if (entry == nullptr) {
        entry = MakeEntry(cache, c);
        if (entry == nullptr) entry = &kNoReading;
        slot.store(entry, std::memory_order_release);
      }
    }
    return entry == &kNoReading ? nullptr : entry;
  }
  if (!IsHan(c)) return nullptr;
  Cache& cache = GetCache();
  const std::lock_guard lock(cache.mu);
  auto [it, inserted] = cache.slow.try_emplace(c, nullptr);
  if (inserted) it->second = MakeEntry(cache, c);
  return it->second;
}

std::string TransliteratorStatus() {
  Cache& cache = GetCache();
  const std::lock_guard lock(cache.mu);
  LoadTransliterator(cache);
  return cache.error;
}

}  // namespace internal

std::vector<std::string> PinyinReadings(char32_t c) {
  const internal::PinyinEntry* entry = internal::PinyinEntryFor(c);
  if (entry == nullptr) return {};
  return entry->readings;
}

namespace {

// A token of a name and where its characters start, so that suffixes can be
// taken at character (syllable) boundaries.
struct Spelled {
  std::string text;
  std::vector<std::size_t> starts;
};

// The tokens of SearchText(): the folded name first, then per reading
// combination its full pinyin and its initials, without repeats.
std::vector<Spelled> SearchSpellings(std::string_view name) {
  std::vector<Spelled> out;
  const std::string folded = Fold(name);
  if (folded.empty()) return out;

  // One slot per character: the spellings of a Han character, or the
  // character itself (with no spellings) passing through.
  struct Slot {
    const std::vector<std::string>* spellings = nullptr;
    std::size_t used = 1;            // how many spellings the combinations take
    std::size_t begin = 0, end = 0;  // the character's bytes in `folded`
  };
  std::vector<Slot> slots;
  slots.reserve(folded.size());
  Spelled name_token{folded, {}};
  std::size_t combinations = 1;
  bool any_reading = false;
  for (std::size_t i = 0; i < folded.size();) {
    Slot slot;
    slot.begin = i;
    name_token.starts.push_back(i);
    const char32_t c = internal::DecodeUtf8(folded, i);
    slot.end = i;
    if (internal::IsDroppedFromPinyin(c)) continue;
    if (const internal::PinyinEntry* entry = internal::PinyinEntryFor(c)) {
      slot.spellings = &entry->spellings;
      slot.used = std::clamp<std::size_t>(kMaxReadingCombinations / combinations, 1,
                                          entry->spellings.size());
      combinations *= slot.used;
      any_reading = true;
    }
    slots.push_back(slot);
  }
  out.push_back(std::move(name_token));
  if (slots.empty()) return out;
  out.reserve(1 + 2 * combinations);
  const auto add = [&](Spelled token) {
    for (const Spelled& t : out)
      if (t.text == token.text) return;
    out.push_back(std::move(token));
  };
  if (!any_reading) {
    // Only the dropped separators can differ from the name.
    Spelled joined;
    for (const Slot& s : slots) {
      joined.starts.push_back(joined.text.size());
      joined.text.append(folded, s.begin, s.end - s.begin);
    }
    add(std::move(joined));
    return out;
  }

  // Odometer over the chosen spellings; the last character turns fastest.
  std::vector<std::size_t> pick(slots.size(), 0);
  for (std::size_t n = 0; n < combinations; ++n) {
    Spelled full, initials;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const Slot& s = slots[k];
      full.starts.push_back(full.text.size());
      initials.starts.push_back(initials.text.size());
      if (s.spellings == nullptr) {
        full.text.append(folded, s.begin, s.end - s.begin);
        initials.text.append(folded, s.begin, s.end - s.begin);
      } else {
        const std::string& spelling = (*s.spellings)[pick[k]];
        full.text += spelling;
        initials.text += spelling.front();
      }
    }
    add(std::move(full));
    add(std::move(initials));
    for (std::size_t k = slots.size(); k-- > 0;) {
      if (++pick[k] < slots[k].used) break;
      pick[k] = 0;
    }
  }
  return out;
}

// The longest prefix of `s` of at most `max` bytes that ends on a character.
std::string_view Utf8Prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

std::string SearchText(std::string_view name) {
  std::string out;
  for (const Spelled& token : SearchSpellings(name)) {
    if (!out.empty()) out += kSearchTextSeparator;
    out += token.text;
  }
  return out;
}

std::vector<std::string> SearchTokens(std::string_view name) {
  std::vector<std::string> out;
  for (const Spelled& token : SearchSpellings(name)) {
    for (const std::size_t start : token.starts) {
      const std::string_view suffix = std::string_view(token.text).substr(start);
      if (suffix.empty() || suffix.front() == ' ') continue;
      out.emplace_back(Utf8Prefix(suffix, kSearchTokenMaxBytes));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string SearchStarts(const std::vector<std::string>& tokens) {
  std::vector<std::string_view> starts;
  starts.reserve(tokens.size());
  for (const std::string& token : tokens) starts.push_back(Utf8Prefix(token, kSearchStartBytes));
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  std::string out;
  for (std::string_view start : starts) {
    out += kSearchStartMark;
    out += start;
  }
  return out;
}

std::string SearchTokenPrefix(std::string_view folded_query) {
  return std::string(Utf8Prefix(folded_query, kSearchTokenMaxBytes));
}

}  // namespace sl::text
