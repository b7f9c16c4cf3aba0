// Fuzz target: a brief's section template as an admin writes it (any bytes):
// checked, then rendered with a resolver that knows some names, and the
// document made from it rendered as docx and HTML.
#include <cstdint>
#include <string>
#include <string_view>

#include "figures/brief.hpp"
#include "io/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)sl::figures::CheckTemplate(input);
  const auto resolve = [](std::string_view name,
                          std::string_view unit) -> std::optional<sl::figures::Resolved> {
    if (name.empty()) return std::nullopt;
    if (name == "region") return sl::figures::Resolved{"楠市镇", false, true};
    if (name.size() % 3 == 0) return sl::figures::Resolved{"0", true, false};
    return sl::figures::Resolved{"31" + std::string(unit), true, true};
  };
  const sl::figures::Rendered r = sl::figures::RenderTemplate(input, resolve);
  sl::io::Document doc;
  doc.title = std::string(input.substr(0, 64));
  doc.blocks.push_back({sl::io::DocBlock::Kind::kParagraph, r.text, {}});
  doc.blocks.push_back({sl::io::DocBlock::Kind::kTable, "", {{r.text}, {std::string(input)}}});
  (void)sl::io::ToDocx(doc);
  (void)sl::io::ToHtml(doc);
  return 0;
}
