#pragma once
// A small document model for a work brief (工作简报) and its two renderings,
// .docx and print-ready HTML, both laid out as a party/government document per
// GB/T 9704-2012: A4, margins 37/26/35/28 mm (top/right/bottom/left), 22 lines
// of 28 characters, title in 二号 小标宋, body in 三号 仿宋, headings in 黑体
// (一、) and 楷体 ((一)), issuer and date at the end, page numbers "— 1 —"
// at the bottom, outside edge (odd pages right, even pages left). Fonts are
// named with fallbacks, never embedded.

#include <string>
#include <string_view>
#include <vector>

namespace sl::io {

struct DocBlock {
  enum class Kind { kHeading1, kHeading2, kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  // Headings and paragraphs. The text carries its own numbering ("一、",
  // "（一）"); a '\n' is a line break within the block.
  std::string text;
  // Tables: the first row is the header; short rows are padded with empty cells.
  std::vector<std::vector<std::string>> rows;
};

struct Document {
  std::string title;     // centered; '\n' breaks a long title
  std::string subtitle;  // optional line under the title, e.g. "2022年1月1日至12月31日"
  std::vector<DocBlock> blocks;
  std::string issuer;  // e.g. 中共楠市镇委员会; empty: no signature line
  std::string date;    // e.g. 2022年12月31日
  // BCP 47 tag of the text; anything but letters, digits and '-' means zh-CN.
  std::string lang = "zh-CN";
};

// The bytes of a .docx (WordprocessingML) with named styles Title, Subtitle,
// Heading1, Heading2, BodyText, TableText, Signature and Footer, so that a
// person editing it in Word or WPS keeps the layout.
std::string ToDocx(const Document& doc);

// A complete HTML page (UTF-8): self-contained CSS, no scripts, an A4 sheet on
// screen and the GB/T 9704 page in print (margins, page numbers by @page).
std::string ToHtml(const Document& doc);

// Text as both renderings write it: valid UTF-8 (bad bytes become U+FFFD),
// without the characters XML 1.0 forbids nor C1 controls, and & < > " '
// escaped. Tabs and line breaks are kept: callers split lines first.
std::string EscapeMarkup(std::string_view text);

}  // namespace sl::io
