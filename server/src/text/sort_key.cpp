#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "text/text.hpp"
#include "text/text_internal.hpp"

namespace sl::text {
namespace internal {
namespace {

struct Prototype {
  std::unique_ptr<icu::Collator> collator;
  std::string error;
};

const Prototype& GetPrototype() {
  static const Prototype* const instance = [] {
    auto* p = new Prototype;  // never freed: threads clone it until exit
    UErrorCode status = U_ZERO_ERROR;
    p->collator.reset(icu::Collator::createInstance(icu::Locale("zh@collation=pinyin"), status));
    // A fallback to the root collation would sort Han by code point.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || !p->collator) {
      p->collator.reset();
      p->error = std::string("ICU collator zh@collation=pinyin: ") + u_errorName(status);
      return p;
    }
    // Numbers by value: 2组 before 10组.
    p->collator->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
    return p;
  }();
  return *instance;
}

// ICU does not promise that one Collator may serve several threads at once;
// a clone per thread is cheap and sidesteps the question.
icu::Collator* ThreadCollator() {
  thread_local std::unique_ptr<icu::Collator> collator;
  if (!collator) {
    const Prototype& p = GetPrototype();
    if (p.collator) collator.reset(p.collator->clone());
  }
  return collator.get();
}

constexpr char kHex[] = "0123456789abcdef";

// Appends the hex sort key of `text`; keep_terminator keeps the final 00 so that
// a second key can follow without changing the order of the first.
void AppendKey(icu::Collator& collator, const std::string& text, bool keep_terminator,
               std::string& out) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  uint8_t stack[128];
  std::unique_ptr<uint8_t[]> heap;
  uint8_t* key = stack;
  int32_t size = collator.getSortKey(u, stack, sizeof stack);
  if (size > static_cast<int32_t>(sizeof stack)) {
    heap = std::make_unique<uint8_t[]>(size);
    key = heap.get();
    size = collator.getSortKey(u, key, size);
  }
  if (size > 0 && !keep_terminator) --size;
  for (int32_t i = 0; i < size; ++i) {
    out += kHex[key[i] >> 4];
    out += kHex[key[i] & 0xF];
  }
}

}  // namespace

std::string CollatorStatus() { return GetPrototype().error; }

}  // namespace internal

std::string SortKey(std::string_view name) {
  const std::string folded = Fold(name);
  // The first reading of each Han character, each followed by a space so that
  // syllables compare one by one (西安 xi an before 先 xian).
  std::string spelled;
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t begin = i;
    const char32_t c = internal::DecodeUtf8(folded, i);
    if (const internal::PinyinEntry* entry = internal::PinyinEntryFor(c)) {
      spelled += entry->sort_spelling;
      spelled += ' ';
    } else {
      spelled.append(folded, begin, i - begin);
    }
  }
  std::string out;
  icu::Collator* collator = internal::ThreadCollator();
  if (collator == nullptr) {
    // Degraded: code-point order of the spelling (UTF-8 bytes keep it).
    for (const unsigned char b : spelled) {
      out += internal::kHex[b >> 4];
      out += internal::kHex[b & 0xF];
    }
    return out;
  }
  internal::AppendKey(*collator, spelled, /*keep_terminator=*/true, out);
  internal::AppendKey(*collator, folded, /*keep_terminator=*/false, out);
  return out;
}

}  // namespace sl::text
