// Fuzz target: search text from users (any bytes, not always UTF-8).
#include <cstdint>
#include <string_view>

#include "text/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)sl::text::Fold(input);
  (void)sl::text::FoldQuery(input);
  (void)sl::text::SearchText(input);
  (void)sl::text::SortKey(input);
  return 0;
}
