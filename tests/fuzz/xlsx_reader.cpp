// Fuzz target: the .xlsx reader (uploaded workbooks). The bytes are opened as
// an in-memory workbook and every row of every sheet is read.
#include <cstdint>
#include <string_view>

#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sl::io::XlsxLimits limits;
  // Small caps keep a run fast; the code paths are the same.
  limits.max_part_bytes = 16 << 20;
  limits.max_shared_strings = 100000;
  limits.max_shared_string_bytes = 16 << 20;
  auto reader = sl::io::XlsxReader::OpenMemory(
      std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!reader.ok()) return 0;
  (void)(*reader)->FirstVisibleSheet();
  for (size_t i = 0; i < (*reader)->sheets().size() && i < 16; ++i) {
    if (!(*reader)->OpenSheet(i).ok()) continue;
    sl::io::XlsxRow row;
    for (int rows = 0; rows < 100000; ++rows) {
      auto more = (*reader)->Next(row);
      if (!more.ok() || !*more) break;
    }
  }
  return 0;
}
