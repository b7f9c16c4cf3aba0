#include "text/text.hpp"
#include "text/text_internal.hpp"

namespace sl::text {

Status WarmUp() {
  std::string problems;
  for (const std::string& error :
       {internal::OpenCCStatus(), internal::TransliteratorStatus(), internal::CollatorStatus()}) {
    if (error.empty()) continue;
    if (!problems.empty()) problems += "; ";
    problems += error;
  }
  if (!problems.empty()) return Error::Internal(problems);
  return OkStatus();
}

}  // namespace sl::text
