// Fuzz target: the CSV reader (region code lists, imports).
#include <cstdint>
#include <sstream>
#include <string>

#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  sl::io::CsvReader reader(in);
  std::vector<std::string> fields;
  for (int records = 0; records < 100000; ++records) {
    auto more = reader.Next(fields);
    if (!more.ok() || !*more) break;
  }
  return 0;
}
