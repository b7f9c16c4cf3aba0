#include <gtest/gtest.h>

#include <string>

#include "io/document.hpp"

namespace sl::io {
namespace {

using Kind = DocBlock::Kind;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Document Brief() {
  Document d;
  d.title = "楠市镇2022年党建+商会工作简报";
  d.subtitle = "2022年1月1日至12月31日";
  d.issuer = "中共楠市镇委员会";
  d.date = "2022年12月31日";
  d.blocks = {{Kind::kHeading1, "一、党建引领", {}},
              {Kind::kHeading2, "（一）强化政治引领", {}},
              {Kind::kParagraph, "成立商会党支部3个。", {}},
              {Kind::kTable, {}, {{"项目", "完成"}, {"会员企业", "26"}}}};
  return d;
}

TEST(Html, IsAPrintReadyPageInTheBriefsOrder) {
  const std::string html = ToHtml(Brief());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0u);
  EXPECT_TRUE(Contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(Contains(html, "<title>楠市镇2022年党建+商会工作简报</title>"));
  EXPECT_TRUE(Contains(html, "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"));
  EXPECT_TRUE(Contains(html, "counter(page)"));
  EXPECT_TRUE(Contains(html, "@media print"));
  EXPECT_TRUE(Contains(html, "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\""));
  EXPECT_TRUE(Contains(html, "\"方正小标宋简体\""));
  EXPECT_TRUE(Contains(html, "\"黑体\", \"SimHei\""));
  EXPECT_TRUE(Contains(html, "\"楷体_GB2312\""));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<link"));
  size_t at = 0;
  for (const char* part :
       {"<h1>楠市镇2022年党建+商会工作简报</h1>",
        "<p class=\"subtitle\">2022年1月1日至12月31日</p>", "<h2>一、党建引领</h2>",
        "<h3>（一）强化政治引领</h3>", "<p>成立商会党支部3个。</p>",
        "<thead><tr><th scope=\"col\">项目</th><th scope=\"col\">完成</th></tr></thead>",
        "<tbody><tr><td>会员企业</td><td>26</td></tr>", "<p class=\"issuer\">中共楠市镇委员会</p>",
        "<p class=\"date\">2022年12月31日</p>", "</html>\n"}) {
    const size_t next = html.find(part, at);
    ASSERT_NE(next, std::string::npos) << part;
    at = next;
  }
}

TEST(Html, EscapesEveryText) {
  Document d;
  d.title = "</title><script>alert(1)</script>";
  d.subtitle = "<img src=x onerror=alert(1)>";
  d.issuer = "\"><iframe>";
  d.date = "'&";
  d.lang = "zh\" onload=\"alert(1)";
  d.blocks = {{Kind::kHeading1, "<b>", {}},
              {Kind::kParagraph, "a\x01<br>b\nc\x7F", {}},
              {Kind::kTable, {}, {{"<th>"}, {"</td></tr></table><script>"}}}};
  const std::string html = ToHtml(d);
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<img"));
  EXPECT_FALSE(Contains(html, "<iframe"));
  EXPECT_FALSE(Contains(html, "onload"));
  EXPECT_FALSE(Contains(html, "\x01"));
  EXPECT_FALSE(Contains(html, "\x7F"));
  EXPECT_TRUE(Contains(html, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(Contains(html, "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  EXPECT_TRUE(Contains(html, "<h2>&lt;b&gt;</h2>"));
  EXPECT_TRUE(Contains(html, "<p>a&lt;br&gt;b<br>c</p>"));
  EXPECT_TRUE(Contains(html, "<th scope=\"col\">&lt;th&gt;</th>"));
  EXPECT_TRUE(Contains(html, "<td>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;</td>"));
  EXPECT_TRUE(Contains(html, "<p class=\"issuer\">&quot;&gt;&lt;iframe&gt;</p>"));
  EXPECT_TRUE(Contains(html, "<p class=\"date\">&#39;&amp;</p>"));
}

TEST(Html, KeepsAValidLanguageTagAndSkipsWhatIsEmpty) {
  Document d;
  d.lang = "zh-Hant-TW";
  d.blocks = {{Kind::kParagraph, "正文", {}}, {Kind::kTable, {}, {}}};
  const std::string html = ToHtml(d);
  EXPECT_TRUE(Contains(html, "<html lang=\"zh-Hant-TW\">"));
  EXPECT_FALSE(Contains(html, "<h1>"));
  EXPECT_FALSE(Contains(html, "<table"));
  EXPECT_FALSE(Contains(html, "class=\"signature\""));
  EXPECT_FALSE(Contains(html, "class=\"blank\""));
}

}  // namespace
}  // namespace sl::io
