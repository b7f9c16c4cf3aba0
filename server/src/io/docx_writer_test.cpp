#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/document.hpp"
#include "io/xml_parser.hpp"
#include "io/zip_archive.hpp"
#include "testing/expect.hpp"

namespace sl::io {
namespace {

using Kind = DocBlock::Kind;

// A realistic brief: what the sample (SL_DOCX_SAMPLE) shows in LibreOffice.
Document SampleBrief() {
  Document d;
  d.title = "楠市镇2022年党建+商会工作简报";
  d.subtitle = "（2022年1月1日至12月31日）";
  d.issuer = "中共楠市镇委员会";
  d.date = "2022年12月31日";
  d.blocks = {
      {Kind::kParagraph,
       "2022年，楠市镇党委坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精"
       "神，以“党建+商会”为抓手，推动基层党建与经济发展深度融合，全年各项工作取得明显成效。现将"
       "有关情况简报如下。",
       {}},
      {Kind::kHeading1, "一、党建引领", {}},
      {Kind::kHeading2, "（一）强化政治引领", {}},
      {Kind::kParagraph,
       "镇党委把商会党建纳入全镇党建工作总体布局，成立商会党支部3个，选派党建指导员6名，组织"
       "商会党员开展集中学习24次，覆盖会员企业128家。",
       {}},
      {Kind::kHeading2, "（二）夯实组织基础", {}},
      {Kind::kParagraph,
       "全年发展党员15名，其中商会会员企业负责人4名；建立“一企一档”党建台账，推动党的组织和工作"
       "在非公企业有效覆盖。",
       {}},
      {Kind::kHeading1, "二、商会服务", {}},
      {Kind::kParagraph,
       "镇商会围绕稳企业、保就业、促发展，组织银企对接会4场，协调融资2860万元；帮助会员企业招用"
       "本地劳动力312人。主要指标完成情况见下表。",
       {}},
      {Kind::kTable,
       {},
       {{"项目", "年度目标", "完成情况", "完成率"},
        {"新发展会员企业（家）", "20", "26", "130%"},
        {"银企对接融资（万元）", "2000", "2860", "143%"},
        {"带动本地就业（人）", "300", "312", "104%"},
        {"开展公益活动（次）", "10", "12", "120%"}}},
      {Kind::kHeading1, "三、下一步工作", {}},
      {Kind::kParagraph,
       "2023年，镇党委将继续深化“党建+商会”模式，健全联系服务企业机制，推动党建工作与企业发展"
       "同频共振，为全镇经济社会高质量发展提供坚强组织保证。",
       {}},
      {Kind::kParagraph,
       "一是加强商会党组织规范化建设；二是搭建政企沟通平台，每季度召开一次企业家座谈会；三是"
       "持续开展“党员示范岗”创建活动，力争全年新增示范岗20个。",
       {}},
  };
  return d;
}

struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;  // by local name
  std::string style;                         // the w:style it sits in, if any
  size_t paragraph = 0;                      // the w:p it sits in (1-based; 0: none)
};

// What a test looks at in one part: its elements, and the text of each w:p
// (w:t, with w:br as '\n' and w:tab as '\t') with its style.
struct Part {
  std::vector<Element> elements;
  std::vector<std::string> paragraphs;
  std::vector<std::string> paragraph_styles;

  std::vector<const Element*> All(std::string_view name) const {
    std::vector<const Element*> out;
    for (const auto& e : elements)
      if (e.name == name) out.push_back(&e);
    return out;
  }
  // The first `name` inside the style `style_id`.
  const Element* InStyle(std::string_view style_id, std::string_view name) const {
    for (const auto& e : elements)
      if (e.style == style_id && e.name == name) return &e;
    return nullptr;
  }
  std::string Attr(std::string_view name, std::string_view attr) const {
    for (const auto& e : elements)
      if (e.name == name) {
        auto it = e.attrs.find(std::string(attr));
        return it == e.attrs.end() ? "" : it->second;
      }
    return "";
  }
};

class Collect : public SaxHandler {
 public:
  Part part;
  void Start(XmlParser&, std::string_view name, const char** atts) override {
    Element e;
    e.name = name;
    for (const char** a = atts; *a != nullptr; a += 2) {
      std::string_view n = a[0];
      if (auto sep = n.rfind('\x01'); sep != std::string_view::npos) n.remove_prefix(sep + 1);
      e.attrs[std::string(n)] = a[1];
    }
    if (name == "style") style_ = e.attrs["styleId"];
    if (name == "p") {
      part.paragraphs.emplace_back();
      part.paragraph_styles.emplace_back();
      p_ = part.paragraphs.size();
    }
    if (name == "pStyle" && p_ != 0) part.paragraph_styles[p_ - 1] = e.attrs["val"];
    if (name == "br" && p_ != 0) part.paragraphs[p_ - 1] += '\n';
    if (name == "tab" && p_ != 0) part.paragraphs[p_ - 1] += '\t';
    in_text_ = name == "t" || name == "instrText";
    e.style = style_;
    e.paragraph = p_;
    part.elements.push_back(std::move(e));
  }
  void End(XmlParser&, std::string_view name) override {
    if (name == "style") style_.clear();
    if (name == "p") p_ = 0;
    in_text_ = false;
  }
  void Text(XmlParser&, std::string_view text) override {
    if (in_text_ && p_ != 0 && part.elements.back().name == "t")
      part.paragraphs[p_ - 1].append(text);
    if (in_text_ && part.elements.back().name == "instrText") instr_text.append(text);
  }
  std::string instr_text;

 private:
  std::string style_;
  size_t p_ = 0;
  bool in_text_ = false;
};

class Docx {
 public:
  explicit Docx(const Document& doc) : bytes_(ToDocx(doc)) {
    auto z = ZipArchive::OpenMemory(bytes_);
    EXPECT_TRUE(z.ok()) << (z.ok() ? "" : z.error().key);
    if (z.ok()) zip_ = std::move(z).value();
  }
  bool Has(std::string_view name) const { return zip_ != nullptr && zip_->Has(name); }
  // Parses a part; a part that is missing or not well-formed fails the test.
  Part Parse(const std::string& name, std::string* instr_text = nullptr) {
    Collect c;
    if (zip_ == nullptr) return {};
    XmlParser p(*zip_, name, c);
    Status st = p.Begin(16 << 20);
    if (st.ok()) st = p.Run();
    EXPECT_TRUE(st.ok()) << name << ": "
                         << (st.ok() ? "" : st.error().key + " " + st.error().detail);
    if (instr_text != nullptr) *instr_text = c.instr_text;
    return std::move(c.part);
  }
  std::string Raw(std::string_view name) {
    std::string out;
    if (zip_ == nullptr || !zip_->Open(name, 16 << 20).ok()) return out;
    char buf[4096];
    while (true) {
      auto n = zip_->Read(buf, sizeof buf);
      if (!n.ok() || *n == 0) break;
      out.append(buf, *n);
    }
    return out;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;  // must outlive zip_
  std::unique_ptr<ZipArchive> zip_;
};

TEST(Docx, IsAZipOfWellFormedParts) {
  Docx docx(SampleBrief());
  ASSERT_EQ(docx.bytes().substr(0, 4), std::string("PK\x03\x04", 4));
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
        "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
        "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"}) {
    ASSERT_TRUE(docx.Has(name)) << name;
    docx.Parse(name);
  }
  // Every part the content types name is there, and so is every target.
  const Part types = docx.Parse("[Content_Types].xml");
  EXPECT_EQ(types.All("Override").size(), 8u);
  for (const Element* o : types.All("Override"))
    EXPECT_TRUE(docx.Has(o->attrs.at("PartName").substr(1))) << o->attrs.at("PartName");
  const Part package_rels = docx.Parse("_rels/.rels");
  for (const Element* r : package_rels.All("Relationship"))
    EXPECT_TRUE(docx.Has(r->attrs.at("Target"))) << r->attrs.at("Target");
  const Part rels = docx.Parse("word/_rels/document.xml.rels");
  EXPECT_EQ(rels.All("Relationship").size(), 5u);
  for (const Element* r : rels.All("Relationship"))
    EXPECT_TRUE(docx.Has("word/" + r->attrs.at("Target"))) << r->attrs.at("Target");
}

TEST(Docx, WritesTheBlocksInOrderWithTheirStyles) {
  const Document d = SampleBrief();
  Docx docx(d);
  const Part doc = docx.Parse("word/document.xml");
  // Paragraphs outside the table, as (style, text).
  std::vector<std::pair<std::string, std::string>> got;
  for (size_t i = 0; i < doc.paragraphs.size(); ++i)
    if (doc.paragraph_styles[i] != "TableText")
      got.emplace_back(doc.paragraph_styles[i], doc.paragraphs[i]);
  std::vector<std::pair<std::string, std::string>> want = {
      {"Title", d.title}, {"Subtitle", d.subtitle}, {"", ""}};
  for (const DocBlock& b : d.blocks) {
    if (b.kind == Kind::kHeading1) want.emplace_back("Heading1", b.text);
    if (b.kind == Kind::kHeading2) want.emplace_back("Heading2", b.text);
    if (b.kind == Kind::kParagraph) want.emplace_back("BodyText", b.text);
  }
  want.emplace_back("", "");
  want.emplace_back("Signature", d.issuer);
  want.emplace_back("Signature", d.date);
  EXPECT_EQ(got, want);
}

TEST(Docx, StylesCarryTheGbFontsAndSizes) {
  Docx docx(SampleBrief());
  const Part styles = docx.Parse("word/styles.xml");
  struct Want {
    const char* style;
    const char* font;
    const char* size;
  };
  for (const Want& w : {Want{"Normal", "仿宋_GB2312", "32"}, Want{"Title", "方正小标宋简体", "44"},
                        Want{"Subtitle", "楷体_GB2312", "32"}, Want{"Heading1", "黑体", "32"},
                        Want{"Heading2", "楷体_GB2312", "32"}, Want{"TableText", "", "28"},
                        Want{"Footer", "宋体", "28"}}) {
    const Element* sz = styles.InStyle(w.style, "sz");
    ASSERT_NE(sz, nullptr) << w.style;
    EXPECT_EQ(sz->attrs.at("val"), w.size) << w.style;
    if (*w.font == '\0') continue;
    const Element* fonts = styles.InStyle(w.style, "rFonts");
    ASSERT_NE(fonts, nullptr) << w.style;
    EXPECT_EQ(fonts->attrs.at("eastAsia"), w.font) << w.style;
    EXPECT_EQ(fonts->attrs.at("ascii"), w.font) << w.style;
  }
  const Element* spacing = styles.InStyle("Normal", "spacing");
  ASSERT_NE(spacing, nullptr);
  EXPECT_EQ(spacing->attrs.at("line"), "579");
  EXPECT_EQ(spacing->attrs.at("lineRule"), "exact");
  for (const char* indented : {"BodyText", "Heading1", "Heading2"}) {
    const Element* ind = styles.InStyle(indented, "ind");
    ASSERT_NE(ind, nullptr) << indented;
    EXPECT_EQ(ind->attrs.at("firstLineChars"), "200") << indented;
  }
  EXPECT_EQ(styles.InStyle("Title", "jc")->attrs.at("val"), "center");
  EXPECT_EQ(styles.InStyle("Heading1", "outlineLvl")->attrs.at("val"), "0");
  EXPECT_EQ(styles.InStyle("Heading2", "outlineLvl")->attrs.at("val"), "1");

  // Missing fonts fall back through the alternates the font table names.
  std::map<std::string, std::string> alternates;
  const Part fonts = docx.Parse("word/fontTable.xml");
  std::string font;
  for (const Element& e : fonts.elements) {
    if (e.name == "font") font = e.attrs.at("name");
    if (e.name == "altName") alternates[font] = e.attrs.at("val");
  }
  EXPECT_EQ(alternates["方正小标宋简体"], "华文中宋,宋体,Noto Serif CJK SC");
  EXPECT_EQ(alternates["仿宋_GB2312"], "仿宋,FangSong,Noto Serif CJK SC");
  EXPECT_EQ(alternates["黑体"], "SimHei,Noto Sans CJK SC");
  EXPECT_EQ(alternates["楷体_GB2312"], "楷体,KaiTi,Noto Serif CJK SC");
  EXPECT_TRUE(fonts.All("embedRegular").empty());
}

TEST(Docx, PageIsA4WithTheGbMarginsAndGrid) {
  Docx docx(SampleBrief());
  const Part doc = docx.Parse("word/document.xml");
  EXPECT_EQ(doc.Attr("pgSz", "w"), "11906");
  EXPECT_EQ(doc.Attr("pgSz", "h"), "16838");
  EXPECT_EQ(doc.Attr("pgMar", "top"), "2098");     // 37 mm
  EXPECT_EQ(doc.Attr("pgMar", "bottom"), "1985");  // 35 mm
  EXPECT_EQ(doc.Attr("pgMar", "left"), "1588");    // 28 mm
  EXPECT_EQ(doc.Attr("pgMar", "right"), "1474");   // 26 mm
  EXPECT_EQ(doc.Attr("docGrid", "linePitch"), "579");
  std::map<std::string, std::string> footers;
  for (const Element* f : doc.All("footerReference"))
    footers[f->attrs.at("type")] = f->attrs.at("id");
  EXPECT_EQ(footers, (std::map<std::string, std::string>{{"default", "rIdFooterOdd"},
                                                         {"even", "rIdFooterEven"}}));
  EXPECT_EQ(docx.Parse("word/settings.xml").All("evenAndOddHeaders").size(), 1u);
}

TEST(Docx, FootersNumberThePagesOnTheOutsideEdge) {
  Docx docx(SampleBrief());
  for (const auto& [part, side] :
       {std::pair{"word/footer1.xml", "right"}, {"word/footer2.xml", "left"}}) {
    std::string instr;
    const Part footer = docx.Parse(part, &instr);
    EXPECT_EQ(instr, " PAGE ") << part;
    EXPECT_EQ(footer.All("fldChar").size(), 3u) << part;
    ASSERT_EQ(footer.paragraphs.size(), 1u) << part;
    EXPECT_EQ(footer.paragraphs[0], "— 1 —") << part;
    EXPECT_EQ(footer.Attr("jc", "val"), side) << part;
  }
}

TEST(Docx, EscapesMarkupAndDropsWhatXmlCannotCarry) {
  Document d;
  d.title =
      "A<b>&\"'c\x01\x0B\x1F\x7F\xC2\x85\xEF\xBF\xBE\xFF"
      "</w:t>";
  d.issuer = "]]><x/>";
  d.lang = "zh\"><evil";
  d.blocks = {{Kind::kParagraph, std::string("line\r\none\nline\rtwo\tx\0y", 22), {}},
              {Kind::kTable, {}, {{"<td>", "&amp;"}}}};
  Docx docx(d);
  const Part doc = docx.Parse("word/document.xml");
  ASSERT_GE(doc.paragraphs.size(), 5u);
  EXPECT_EQ(doc.paragraphs[0], "A<b>&\"'c\xEF\xBF\xBD</w:t>");
  EXPECT_EQ(doc.paragraphs[2], "line\none\nline\ntwo\txy");
  EXPECT_EQ(doc.paragraphs[3], "<td>");
  EXPECT_EQ(doc.paragraphs[4], "&amp;");
  EXPECT_EQ(doc.paragraphs.back(), "]]><x/>");
  EXPECT_NE(docx.Raw("word/document.xml").find("A&lt;b&gt;&amp;&quot;&#39;c"), std::string::npos);
  // A language tag that is not one falls back to zh-CN.
  const Part styles = docx.Parse("word/styles.xml");
  EXPECT_EQ(styles.Attr("lang", "eastAsia"), "zh-CN");
  for (const char* part : {"docProps/core.xml", "word/settings.xml"}) docx.Parse(part);
}

TEST(Docx, TablesHaveABoldHeaderRowThatRepeats) {
  Document d;
  d.blocks = {{Kind::kTable,
               {},
               {{"项目", "数量", "备注"}, {"会员企业", "26"}, {"党员", "15", "含预备党员"}}}};
  Docx docx(d);
  const Part doc = docx.Parse("word/document.xml");
  EXPECT_EQ(doc.All("tbl").size(), 1u);
  EXPECT_EQ(doc.All("gridCol").size(), 3u);
  EXPECT_EQ(doc.All("tr").size(), 3u);
  EXPECT_EQ(doc.All("tc").size(), 9u);  // the short row is padded
  EXPECT_EQ(doc.All("tblHeader").size(), 1u);
  EXPECT_EQ(doc.All("insideV").size(), 1u);
  std::vector<std::string> cells(doc.paragraphs.begin(), doc.paragraphs.begin() + 9);
  EXPECT_EQ(cells, (std::vector<std::string>{"项目", "数量", "备注", "会员企业", "26", "", "党员",
                                             "15", "含预备党员"}));
  // Bold runs are the header's three cells.
  std::vector<size_t> bold;
  for (const Element* b : doc.All("b")) bold.push_back(b->paragraph);
  EXPECT_EQ(bold, (std::vector<size_t>{1, 2, 3}));
  int widths = 0;
  for (const Element* c : doc.All("gridCol")) widths += std::stoi(c->attrs.at("w"));
  EXPECT_EQ(widths, 8844);  // the text's width, 156 mm
  // A table at the end is followed by a paragraph, as Word requires.
  EXPECT_EQ(doc.paragraphs.size(), 10u);
}

// GB/T 9704 7.3.5.2: the date starts two characters right of the issuer; the
// longer ends two characters from the right edge (of 28).
TEST(Docx, SignatureIndentsFollowTheStandard) {
  auto indents = [](const std::string& issuer, const std::string& date) {
    Document d;
    d.issuer = issuer;
    d.date = date;
    Docx docx(d);
    std::string out;
    const Part part = docx.Parse("word/document.xml");
    for (const Element* e : part.All("ind"))
      out += (out.empty() ? "" : " ") + e->attrs.at("leftChars");
    return out;
  };
  // 8 characters over 7 (digits are half-width): the date is the longer.
  EXPECT_EQ(indents("中共楠市镇委员会", "2022年12月31日"), "1700 1900");
  EXPECT_EQ(indents("楠市镇人民政府", "2022年12月31日"), "1700 1900");
  EXPECT_EQ(indents("中共楠市镇委员会楠市镇人民政府", "2022年1月5日"), "1100 1300");
  EXPECT_EQ(indents("楠市镇商会", ""), "2100");
  EXPECT_EQ(indents("", "2022年12月31日"), "1900");
}

TEST(Docx, AnEmptyDocumentStillHasAParagraph) {
  Docx docx(Document{});
  const Part doc = docx.Parse("word/document.xml");
  EXPECT_EQ(doc.paragraphs, std::vector<std::string>{""});
  EXPECT_EQ(doc.All("sectPr").size(), 1u);
}

TEST(Docx, SameDocumentSameBytes) { EXPECT_EQ(ToDocx(SampleBrief()), ToDocx(SampleBrief())); }

TEST(EscapeMarkup, EscapesAndCleans) {
  sl::testing::ExpectEach(
      [](const std::string& s) { return EscapeMarkup(s); },
      {{"<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"},
       {"楠市镇\t党建\n", "楠市镇\t党建\n"},
       {"a\x01\x08\x1B\x7F"
        "b",
        "ab"},
       {"\xC2\x9F\xEF\xBF\xBF\xEF\xBF\xBE", ""},
       {"bad\xC3(", "bad\xEF\xBF\xBD("},
       {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate
       {"emoji 😀", "emoji 😀"}});
}

// SL_DOCX_SAMPLE=/some/dir writes brief-sample.docx and brief-sample.html
// there, to look at in LibreOffice and a browser.
TEST(Docx, WritesTheSampleWhenAsked) {
  const char* dir = std::getenv("SL_DOCX_SAMPLE");
  if (dir == nullptr || *dir == '\0') GTEST_SKIP() << "set SL_DOCX_SAMPLE to a directory";
  const Document d = SampleBrief();
  for (const auto& [name, bytes] :
       {std::pair{"/brief-sample.docx", ToDocx(d)}, std::pair{"/brief-sample.html", ToHtml(d)}}) {
    std::ofstream out(std::string(dir) + name, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good()) << dir << name;
  }
}

}  // namespace
}  // namespace sl::io
