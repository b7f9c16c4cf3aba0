// ToDocx: a minimal WordprocessingML package, zipped in memory with minizip.
// Layout per GB/T 9704-2012; the measures are in twips (1/20 pt, mm * 56.7)
// and font sizes in half-points, as WordprocessingML counts them.
//
// Page numbers: "— 1 —" in 四号 宋体, odd pages on the right and even pages on
// the left, one character in from the edge of the text (w:evenAndOddHeaders).

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/document.hpp"
#include "text/utf8.hpp"

namespace sl::io {

namespace {

// A4 and the margins: 37 mm top, 35 mm bottom, 28 mm left (binding), 26 mm right.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 2098;
constexpr int kMarginBottom = 1985;
constexpr int kMarginLeft = 1588;
constexpr int kMarginRight = 1474;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 156 mm
constexpr int kLineChars = 28;
// 22 lines in the 225 mm text height: 28.95 pt each.
constexpr int kLinePitch = 579;
// 28 characters a line: 16 pt characters 0.25 pt closer (w:spacing, in
// twentieths of a point) fill the 442 pt line. A character grid
// (linesAndChars) would do it in Word, but LibreOffice spreads the text over it.
constexpr int kBodyTracking = -5;
// The page number's line starts 7 mm under the text: 28 mm above the page's
// edge, less its own 16 pt line.
constexpr int kFooterDistance = 1270;
constexpr int kBodySize = 32;              // 三号, 16 pt
constexpr int kTitleSize = 44;             // 二号, 22 pt
constexpr int kSmallSize = 28;             // 四号, 14 pt: tables and page numbers
constexpr int kBodyChar = kBodySize * 10;  // one body character, in twips

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

// A named font and what to use without it: Word reads the comma-separated
// alternates of w:altName and the family; LibreOffice asks fontconfig.
struct Font {
  const char* name;
  const char* alternates;
  const char* family;  // roman: serif; swiss: sans-serif
};
constexpr Font kTitleFont{"方正小标宋简体", "华文中宋,宋体,Noto Serif CJK SC", "roman"};
constexpr Font kBodyFont{"仿宋_GB2312", "仿宋,FangSong,Noto Serif CJK SC", "roman"};
constexpr Font kHeading1Font{"黑体", "SimHei,Noto Sans CJK SC", "swiss"};
constexpr Font kHeading2Font{"楷体_GB2312", "楷体,KaiTi,Noto Serif CJK SC", "roman"};
constexpr Font kNumberFont{"宋体", "SimSun,Noto Serif CJK SC", "roman"};
constexpr const Font* kFonts[] = {&kTitleFont, &kBodyFont, &kHeading1Font, &kHeading2Font,
                                  &kNumberFont};

std::string Fonts(const Font& f) {
  const std::string n = f.name;
  return "<w:rFonts w:ascii=\"" + n + "\" w:eastAsia=\"" + n + "\" w:hAnsi=\"" + n + "\" w:cs=\"" +
         n + "\"/>";
}

std::string Size(int half_points) {
  const std::string v = std::to_string(half_points);
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}

// w:lang: `lang` for East Asian text; Latin text (digits too) in English for
// Chinese, Japanese or Korean, as their versions of Word write it: a Chinese
// locale on Latin runs lets LibreOffice break lines inside numbers.
std::string LangAttrs(std::string_view lang) {
  const bool cjk = lang.starts_with("zh") || lang.starts_with("ja") || lang.starts_with("ko");
  return "w:val=\"" + std::string(cjk ? "en-US" : lang) + "\" w:eastAsia=\"" + std::string(lang) +
         "\"";
}

std::string ExactLines(int twips) {
  return "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" + std::to_string(twips) +
         "\" w:lineRule=\"exact\"/>";
}

// Runs for a text: '\n' (or "\r\n", '\r') becomes a line break, '\t' a tab.
std::string Runs(std::string_view text, std::string_view run_props = {}) {
  std::string out = "<w:r>";
  if (!run_props.empty()) out.append("<w:rPr>").append(run_props).append("</w:rPr>");
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = text.find_first_of("\r\n\t", i);
    const std::string_view piece = text.substr(i, end - i);
    if (!piece.empty()) {
      const std::string escaped = EscapeMarkup(piece);
      if (!escaped.empty()) out.append("<w:t xml:space=\"preserve\">").append(escaped) += "</w:t>";
    }
    if (end == std::string_view::npos) break;
    if (text[end] == '\t') {
      out += "<w:tab/>";
    } else {
      out += "<w:br/>";
    }
    i = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return out + "</w:r>";
}

std::string Paragraph(std::string_view style, std::string_view text,
                      std::string_view extra_props = {}, std::string_view run_props = {}) {
  std::string out = "<w:p><w:pPr><w:pStyle w:val=\"";
  out.append(style).append("\"/>").append(extra_props).append("</w:pPr>");
  if (!text.empty()) out += Runs(text, run_props);
  return out + "</w:p>";
}

// Width in half characters: CJK and full-width forms are 2, the rest 1.
int HalfWidths(std::string_view s) {
  int widest = 0, n = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = text::DecodeUtf8(s, i);
    if (c == '\n' || c == '\r') {
      widest = std::max(widest, n);
      n = 0;
    } else {
      n += c >= 0x1100 && !(c >= 0xFF61 && c <= 0xFFDC) ? 2 : 1;
    }
  }
  return std::max(widest, n);
}

// A left indent of `half_chars` half characters of the body (16 pt, tracked),
// and a line that may run two characters into the right margin rather than
// wrap when a stand-in font sets the digits wider than half a character.
std::string SignatureIndent(int half_chars) {
  return "<w:ind w:left=\"" + std::to_string(half_chars * (kBodyChar + kBodyTracking) / 2) +
         "\" w:leftChars=\"" + std::to_string(half_chars * 50) + "\" w:right=\"" +
         std::to_string(-2 * kBodyChar) + "\"/>";
}

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  if (cols == 0) return {};
  // Columns share the width by their widest text, within 2..12 characters.
  std::vector<int> weights(cols, 4);
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c)
      weights[c] = std::max(weights[c], std::min(HalfWidths(r[c]), 24));
  int total = 0;
  for (int w : weights) total += w;
  std::vector<int> widths(cols);
  int used = 0;
  for (size_t c = 0; c < cols; ++c) {
    widths[c] = c + 1 == cols ? kTextWidth - used : kTextWidth * weights[c] / total;
    used += widths[c];
  }

  const std::string border = " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  std::string out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"" +
                    std::to_string(kTextWidth) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out.append("<w:").append(side).append(border);
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" "
      "w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook "
      "w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
      "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool header = r == 0;
    out += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                  : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < cols; ++c) {
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(widths[c]) +
             "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
      const std::string_view text = c < rows[r].size() ? rows[r][c] : std::string_view();
      out += Paragraph("TableText", text, {}, header ? "<w:b/><w:bCs/>" : "");
      out += "</w:tc>";
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

std::string SectionProperties() {
  return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"
         "<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/><w:pgSz w:w=\"" +
         std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) +
         "\"/><w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" +
         std::to_string(kMarginRight) + "\" w:bottom=\"" + std::to_string(kMarginBottom) +
         "\" w:left=\"" + std::to_string(kMarginLeft) + "\" w:header=\"851\" w:footer=\"" +
         std::to_string(kFooterDistance) +
         "\" w:gutter=\"0\"/><w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"425\"/>"
         "<w:docGrid w:type=\"lines\" w:linePitch=\"" +
         std::to_string(kLinePitch) + "\"/></w:sectPr>";
}

std::string DocumentXml(const Document& doc) {
  std::string out = kXmlDecl;
  out.append("<w:document xmlns:w=\"").append(kW).append("\" xmlns:r=\"").append(kR);
  out += "\"><w:body>";
  const std::string blank = "<w:p/>";  // "空一行": an empty line of the grid
  if (!doc.title.empty()) out += Paragraph("Title", doc.title);
  if (!doc.subtitle.empty()) out += Paragraph("Subtitle", doc.subtitle);
  if (!doc.title.empty() || !doc.subtitle.empty()) out += blank;
  bool ends_with_table = false;
  for (const DocBlock& b : doc.blocks) {
    ends_with_table = false;
    switch (b.kind) {
      case DocBlock::Kind::kHeading1:
        out += Paragraph("Heading1", b.text);
        break;
      case DocBlock::Kind::kHeading2:
        out += Paragraph("Heading2", b.text);
        break;
      case DocBlock::Kind::kParagraph:
        out += Paragraph("BodyText", b.text);
        break;
      case DocBlock::Kind::kTable: {
        const std::string table = Table(b.rows);
        out += table;
        ends_with_table = !table.empty();
        break;
      }
    }
  }
  // The signature (GB/T 9704 7.3.5.2): a blank line under the text, then the
  // issuer, and under it the date, starting two characters further right; the
  // longer of the two ends two characters short of the right edge. Both are
  // placed by their start, so the two characters hold whatever the font's
  // digits measure.
  if (!doc.issuer.empty() || !doc.date.empty()) {
    out += blank;
    constexpr int kLine = 2 * kLineChars;  // half characters
    const int issuer = HalfWidths(doc.issuer), date = HalfWidths(doc.date);
    if (doc.issuer.empty()) {
      out += Paragraph("Signature", doc.date, SignatureIndent(std::max(0, kLine - 4 - date)));
    } else {
      const int issuer_left =
          std::max(0, kLine - 4 - (doc.date.empty() ? issuer : std::max(issuer, date + 4)));
      out += Paragraph("Signature", doc.issuer, SignatureIndent(issuer_left));
      if (!doc.date.empty())
        out += Paragraph("Signature", doc.date, SignatureIndent(issuer_left + 4));
    }
  } else if (ends_with_table || out.ends_with("<w:body>")) {
    out += blank;  // Word wants a paragraph before the section's end
  }
  out += SectionProperties();
  return out + "</w:body></w:document>";
}

std::string Style(std::string_view id, std::string_view name, std::string_view body,
                  std::string_view type = "paragraph") {
  std::string out = "<w:style w:type=\"";
  out.append(type).append("\" w:styleId=\"").append(id).append("\"><w:name w:val=\"");
  out.append(name).append("\"/>").append(body);
  return out + "</w:style>";
}

std::string StylesXml(std::string_view lang) {
  const std::string indent2 =
      "<w:ind w:firstLine=\"" + std::to_string(2 * kBodyChar) + "\" w:firstLineChars=\"200\"/>";
  const std::string heading_pr = "<w:keepNext/><w:keepLines/>" + ExactLines(kLinePitch) + indent2;
  const std::string border = " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  std::string grid_borders = "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    grid_borders.append("<w:").append(side).append(border);
  grid_borders += "</w:tblBorders>";

  std::string out = kXmlDecl;
  out.append("<w:styles xmlns:w=\"").append(kW).append("\">");
  out += "<w:docDefaults><w:rPrDefault><w:rPr>" + Fonts(kBodyFont) + "<w:kern w:val=\"2\"/>" +
         Size(kBodySize) + "<w:lang " + LangAttrs(lang) +
         " w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl "
         "w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  out +=
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/><w:pPr>" +
      ExactLines(kLinePitch) + "<w:jc w:val=\"both\"/></w:pPr><w:rPr>" + Fonts(kBodyFont) +
      "<w:spacing w:val=\"" + std::to_string(kBodyTracking) + "\"/>" + Size(kBodySize) +
      "</w:rPr></w:style>";
  out +=
      "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
      "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
      "<w:unhideWhenUsed/></w:style>";
  out += Style("BodyText", "Body Text",
               "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>" + indent2 + "</w:pPr>");
  out += Style("Title", "Title",
               "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>"
               "<w:keepNext/><w:keepLines/>" +
                   ExactLines(700) +
                   "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc "
                   "w:val=\"center\"/></w:pPr><w:rPr>" +
                   Fonts(kTitleFont) + Size(kTitleSize) + "</w:rPr>");
  out += Style("Subtitle", "Subtitle",
               "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>"
               "<w:keepNext/>" +
                   ExactLines(kLinePitch) +
                   "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc "
                   "w:val=\"center\"/></w:pPr><w:rPr>" +
                   Fonts(kHeading2Font) + Size(kBodySize) + "</w:rPr>");
  out +=
      Style("Heading1", "heading 1",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>" +
                heading_pr + "<w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>" + Fonts(kHeading1Font) +
                "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>" + Size(kBodySize) + "</w:rPr>");
  out +=
      Style("Heading2", "heading 2",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>" +
                heading_pr + "<w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>" + Fonts(kHeading2Font) +
                "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>" + Size(kBodySize) + "</w:rPr>");
  out += Style("TableText", "Table Text",
               "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:snapToGrid w:val=\"0\"/>" +
                   ExactLines(400) + "<w:jc w:val=\"center\"/></w:pPr><w:rPr>" + Size(kSmallSize) +
                   "</w:rPr>");
  out += Style("Signature", "Signature",
               "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>"
               "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:jc "
               "w:val=\"left\"/></w:pPr>");
  out += Style("Footer", "footer",
               "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>"
               "<w:pPr><w:snapToGrid w:val=\"0\"/>" +
                   ExactLines(320) + "</w:pPr><w:rPr>" + Fonts(kNumberFont) + Size(kSmallSize) +
                   "</w:rPr>");
  out += Style("TableNormal", "Normal Table",
               "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd "
               "w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left "
               "w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right "
               "w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>",
               "table");
  out += Style("TableGrid", "Table Grid",
               "<w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"59\"/><w:tblPr>" +
                   grid_borders + "</w:tblPr>",
               "table");
  return out + "</w:styles>";
}

// The page number: "— 1 —", one character in from the outside edge.
std::string FooterXml(bool odd) {
  std::string out = kXmlDecl;
  out.append("<w:ftr xmlns:w=\"").append(kW).append("\" xmlns:r=\"").append(kR).append("\">");
  out += std::string("<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>") +
         (odd ? "<w:ind w:right=\"280\" w:rightChars=\"100\"/><w:jc w:val=\"right\"/>"
              : "<w:ind w:left=\"280\" w:leftChars=\"100\"/><w:jc w:val=\"left\"/>") +
         "</w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
         "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p>";
  return out + "</w:ftr>";
}

std::string SettingsXml(std::string_view lang) {
  std::string out = kXmlDecl;
  out.append("<w:settings xmlns:w=\"").append(kW).append("\">");
  out +=
      "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
      "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting "
      "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
      "w:val=\"15\"/></w:compat><w:themeFontLang " +
      LangAttrs(lang) + "/>";
  return out + "</w:settings>";
}

std::string FontTableXml() {
  std::string out = kXmlDecl;
  out.append("<w:fonts xmlns:w=\"").append(kW).append("\">");
  for (const Font* f : kFonts) {
    out.append("<w:font w:name=\"").append(f->name).append("\"><w:altName w:val=\"");
    out.append(f->alternates).append("\"/><w:charset w:val=\"86\"/><w:family w:val=\"");
    out.append(f->family).append("\"/><w:pitch w:val=\"variable\"/></w:font>");
  }
  return out + "</w:fonts>";
}

std::string ContentTypesXml() {
  constexpr const char* kWml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  std::string out = kXmlDecl;
  out +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
  const std::pair<const char*, const char*> parts[] = {
      {"/word/document.xml", "document.main+xml"}, {"/word/styles.xml", "styles+xml"},
      {"/word/settings.xml", "settings+xml"},      {"/word/fontTable.xml", "fontTable+xml"},
      {"/word/footer1.xml", "footer+xml"},         {"/word/footer2.xml", "footer+xml"}};
  for (const auto& [part, type] : parts)
    out.append("<Override PartName=\"")
        .append(part)
        .append("\" ContentType=\"")
        .append(kWml)
        .append(type) += "\"/>";
  out +=
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";
  return out + "</Types>";
}

std::string Relationships(const std::vector<std::pair<std::string, std::string>>& rels) {
  std::string out = kXmlDecl;
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const auto& [id, type_and_target] : rels)
    out += "<Relationship Id=\"" + id + "\" " + type_and_target + "/>";
  return out + "</Relationships>";
}

std::string PackageRelsXml() {
  return Relationships(
      {{"rId1",
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"word/document.xml\""},
       {"rId2",
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
        "core-properties\" Target=\"docProps/core.xml\""},
       {"rId3",
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "extended-properties\" Target=\"docProps/app.xml\""}});
}

std::string DocumentRelsXml() {
  const std::string base =
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return Relationships({{"rIdStyles", base + "styles\" Target=\"styles.xml\""},
                        {"rIdSettings", base + "settings\" Target=\"settings.xml\""},
                        {"rIdFontTable", base + "fontTable\" Target=\"fontTable.xml\""},
                        {"rIdFooterOdd", base + "footer\" Target=\"footer1.xml\""},
                        {"rIdFooterEven", base + "footer\" Target=\"footer2.xml\""}});
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::string CoreXml(const Document& doc, std::string_view lang) {
  std::string out = kXmlDecl;
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  out += "<dc:title>" + EscapeMarkup(OneLine(doc.title)) + "</dc:title>";
  if (!doc.issuer.empty())
    out += "<dc:creator>" + EscapeMarkup(OneLine(doc.issuer)) + "</dc:creator>";
  out += "<dc:language>" + EscapeMarkup(lang) + "</dc:language>";
  return out + "</cp:coreProperties>";
}

std::string AppXml() {
  std::string out = kXmlDecl;
  out +=
      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "extended-properties\"><Application>Shuanglun</Application><DocSecurity>0</DocSecurity>"
      "</Properties>";
  return out;
}

// --- the zip, in memory -----------------------------------------------------

struct Sink {
  std::string bytes;
  uint64_t pos = 0;
};

voidpf ZCALLBACK SinkOpen(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK SinkRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* s = static_cast<Sink*>(stream);
  if (s->pos >= s->bytes.size()) return 0;
  const uint64_t n = std::min<uint64_t>(size, s->bytes.size() - s->pos);
  std::memcpy(buf, s->bytes.data() + s->pos, n);
  s->pos += n;
  return static_cast<uLong>(n);
}
uLong ZCALLBACK SinkWrite(voidpf, voidpf stream, const void* buf, uLong size) {
  auto* s = static_cast<Sink*>(stream);
  if (s->pos + size > s->bytes.size()) s->bytes.resize(s->pos + size);
  std::memcpy(s->bytes.data() + s->pos, buf, size);
  s->pos += size;
  return size;
}
ZPOS64_T ZCALLBACK SinkTell(voidpf, voidpf stream) { return static_cast<Sink*>(stream)->pos; }
long ZCALLBACK SinkSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<Sink*>(stream);
  uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = s->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = s->bytes.size();
      break;
    default:
      return -1;
  }
  s->pos = base + offset;
  return 0;
}
int ZCALLBACK SinkClose(voidpf, voidpf) { return 0; }
int ZCALLBACK SinkError(voidpf, voidpf) { return 0; }

// Writing to memory fails only when memory does: a broken invariant.
void Check(int err, std::string_view what) {
  if (err != ZIP_OK) throw std::runtime_error("docx zip: " + std::string(what));
}

std::string Zip(const std::vector<std::pair<const char*, std::string>>& parts) {
  Sink sink;
  zlib_filefunc64_def io{};
  io.zopen64_file = SinkOpen;
  io.zread_file = SinkRead;
  io.zwrite_file = SinkWrite;
  io.ztell64_file = SinkTell;
  io.zseek64_file = SinkSeek;
  io.zclose_file = SinkClose;
  io.zerror_file = SinkError;
  io.opaque = &sink;
  zipFile zf = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
  if (zf == nullptr) throw std::runtime_error("docx zip: open");
  zip_fileinfo info{};
  info.tmz_date.tm_mday = 1;  // a fixed date (1980-01-01): the same input, the same bytes
  info.tmz_date.tm_year = 1980;
  for (const auto& [name, bytes] : parts) {
    Check(zipOpenNewFileInZip64(zf, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                Z_DEFAULT_COMPRESSION, 0),
          name);
    for (size_t off = 0; off < bytes.size();) {
      const size_t n = std::min<size_t>(bytes.size() - off, 1u << 30);
      Check(zipWriteInFileInZip(zf, bytes.data() + off, static_cast<unsigned>(n)), name);
      off += n;
    }
    Check(zipCloseFileInZip(zf), name);
  }
  Check(zipClose(zf, nullptr), "close");
  sink.bytes.resize(sink.pos);
  return std::move(sink.bytes);
}

}  // namespace

// Also used by html_document.cpp.
std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t c = text::DecodeUtf8(text, i);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) ||
        c == 0xFFFE || c == 0xFFFF)
      continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case text::kReplacement:
        out += "\xEF\xBF\xBD";
        break;
      default:
        out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string ToDocx(const Document& doc) {
  std::string lang = doc.lang;
  if (lang.empty() || lang.size() > 35 || !std::all_of(lang.begin(), lang.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-';
      }))
    lang = "zh-CN";
  return Zip({{"[Content_Types].xml", ContentTypesXml()},
              {"_rels/.rels", PackageRelsXml()},
              {"word/document.xml", DocumentXml(doc)},
              {"word/styles.xml", StylesXml(lang)},
              {"word/settings.xml", SettingsXml(lang)},
              {"word/fontTable.xml", FontTableXml()},
              {"word/footer1.xml", FooterXml(true)},
              {"word/footer2.xml", FooterXml(false)},
              {"word/_rels/document.xml.rels", DocumentRelsXml()},
              {"docProps/core.xml", CoreXml(doc, lang)},
              {"docProps/app.xml", AppXml()}});
}

}  // namespace sl::io
