// ToHtml: the brief as one self-contained page. On screen it is an A4 sheet;
// printed, @page gives the GB/T 9704 margins and puts "— 1 —" at the bottom,
// odd pages right and even pages left, as the .docx does.

#include <algorithm>
#include <string>
#include <string_view>

#include "io/document.hpp"

namespace sl::io {

namespace {

// Font lists: the font GB/T 9704 names, its Windows and macOS stand-ins, then
// the Noto CJK fonts of Linux.
constexpr const char* kCss = R"css(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right {
  @bottom-right { content: "— " counter(page) " —"; vertical-align: top; padding-top: 7mm;
    margin-right: 14pt; font: 14pt/1 "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; }
}
@page :left {
  @bottom-left { content: "— " counter(page) " —"; vertical-align: top; padding-top: 7mm;
    margin-left: 14pt; font: 14pt/1 "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; }
}
html { background: #e8e8e8; }
body { margin: 0; padding: 16px 0; }
.sheet {
  box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto;
  padding: 37mm 26mm 35mm 28mm; background: #fff; color: #000;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3);
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong",
    "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 28.95pt; text-align: justify;
  letter-spacing: -0.25pt; /* 28 characters a line, as in the .docx */
}
.sheet p, .sheet h1, .sheet h2, .sheet h3 { margin: 0; font-size: 16pt; font-weight: normal; }
.sheet p, .sheet h2, .sheet h3 { text-indent: 2em; }
.sheet h1 {
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun",
    "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 22pt; line-height: 35pt; text-align: center; text-indent: 0;
}
.sheet .subtitle, .sheet h3 {
  font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC",
    "Source Han Serif SC", serif;
}
.sheet .subtitle { text-align: center; text-indent: 0; }
.sheet h2 {
  font-family: "黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
}
.sheet h2, .sheet h3 { break-after: avoid; page-break-after: avoid; }
.sheet .blank { height: 28.95pt; }
.sheet table {
  width: 100%; border-collapse: collapse; font-size: 14pt; line-height: 20pt;
  text-align: center; margin: 0;
}
.sheet th, .sheet td {
  border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: middle; font-weight: normal;
}
.sheet th { font-weight: bold; }
.sheet thead { display: table-header-group; }
.sheet tr { break-inside: avoid; page-break-inside: avoid; }
.sheet .signature {
  display: table; margin: 0 2em 0 auto; break-inside: avoid; page-break-inside: avoid;
}
.sheet .signature p { text-indent: 0; text-align: left; white-space: nowrap; }
.sheet .signature .date { padding-left: 2em; }
@media print {
  html { background: none; }
  body { padding: 0; }
  .sheet { width: auto; min-height: 0; padding: 0; box-shadow: none; }
}
)css";

// Escaped text with its line breaks as <br>.
std::string Lines(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (true) {
    const size_t end = text.find_first_of("\r\n", i);
    out += EscapeMarkup(text.substr(i, end - i));
    if (end == std::string_view::npos) break;
    out += "<br>";
    i = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return out;
}

std::string OneLine(std::string_view text) {
  std::string s(text);
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return EscapeMarkup(s);
}

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  if (cols == 0) return {};
  std::string out = "<table>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    const char* cell = r == 0 ? "th" : "td";
    if (r == 0) out += "<thead>";
    if (r == 1) out += "<tbody>";
    out += "<tr>";
    for (size_t c = 0; c < cols; ++c) {
      out.append("<").append(cell).append(r == 0 ? " scope=\"col\">" : ">");
      if (c < rows[r].size()) out += Lines(rows[r][c]);
      out.append("</").append(cell).append(">");
    }
    out += "</tr>";
    if (r == 0) out += "</thead>\n";
  }
  if (rows.size() > 1) out += "</tbody>\n";
  return out + "</table>\n";
}

}  // namespace

std::string ToHtml(const Document& doc) {
  std::string lang = doc.lang;
  if (lang.empty() || lang.size() > 35 || !std::all_of(lang.begin(), lang.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-';
      }))
    lang = "zh-CN";

  std::string out = "<!DOCTYPE html>\n<html lang=\"" + lang +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    OneLine(doc.title) + "</title>\n<style>" + kCss +
                    "</style>\n</head>\n<body>\n<article class=\"sheet\">\n";
  if (!doc.title.empty()) out += "<h1>" + Lines(doc.title) + "</h1>\n";
  if (!doc.subtitle.empty()) out += "<p class=\"subtitle\">" + Lines(doc.subtitle) + "</p>\n";
  if (!doc.title.empty() || !doc.subtitle.empty()) out += "<div class=\"blank\"></div>\n";
  for (const DocBlock& b : doc.blocks) {
    switch (b.kind) {
      case DocBlock::Kind::kHeading1:
        out += "<h2>" + Lines(b.text) + "</h2>\n";
        break;
      case DocBlock::Kind::kHeading2:
        out += "<h3>" + Lines(b.text) + "</h3>\n";
        break;
      case DocBlock::Kind::kParagraph:
        out += "<p>" + Lines(b.text) + "</p>\n";
        break;
      case DocBlock::Kind::kTable:
        out += Table(b.rows);
        break;
    }
  }
  // The signature (GB/T 9704 7.3.5.2): a blank line, the issuer, and the date
  // two characters further right; the box ends two characters from the right.
  if (!doc.issuer.empty() || !doc.date.empty()) {
    out += "<div class=\"blank\"></div>\n<div class=\"signature\">";
    if (!doc.issuer.empty()) out += "<p class=\"issuer\">" + Lines(doc.issuer) + "</p>";
    if (!doc.date.empty()) out += "<p class=\"date\">" + Lines(doc.date) + "</p>";
    out += "</div>\n";
  }
  return out + "</article>\n</body>\n</html>\n";
}

}  // namespace sl::io
