// Fuzz target: text uploads in any encoding (UTF-8, UTF-16, GB18030) read as
// a table: encoding detection, the streaming iconv decoder, the CSV reader.
#include <cstdint>
#include <sstream>
#include <string>

#include "io/encoding.hpp"
#include "io/table_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)sl::io::DetectAndDecode(bytes);
  // The path of an upload held in memory (encoding judged on all of it)...
  auto table = sl::io::OpenTableBytes(bytes, "upload.csv");
  if (table.ok()) {
    sl::io::TableRow row;
    for (int rows = 0; rows < 100000; ++rows) {
      auto more = (*table)->Next(row);
      if (!more.ok() || !*more) break;
    }
  }
  // ...and of a file read as a stream (encoding judged as it comes).
  std::istringstream src(bytes);
  sl::io::DecodingIstream in(src);
  std::string out;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) out.append(buf, in.gcount());
  return 0;
}
