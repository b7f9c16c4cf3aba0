#include "text/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>
#include "testing/expect.hpp"

namespace sl::text {
namespace {

using sl::testing::ExpectAll;
using sl::testing::ExpectEach;

// What the store does: search_text LIKE '%' || query || '%'.
bool Finds(std::string_view name, std::string_view query) {
  const std::string q = FoldQuery(query);
  return !q.empty() && SearchText(name).find(q) != std::string::npos;
}

std::vector<std::string> Tokens(const std::string& search_text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= search_text.size()) {
    const std::size_t end =
        std::min(search_text.find(kSearchTextSeparator, start), search_text.size());
    out.push_back(search_text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> SortedByKey(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return SortKey(a) < SortKey(b); });
  return names;
}

TEST(Text, WarmUpLoadsTheLibraries) {
  const Status status = WarmUp();
  EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().detail);
}

TEST(Fold, TraditionalBecomesSimplified) {
  ExpectEach(Fold,
             {{"楠市鎮", "楠市镇"}, {"鄉", "乡"}, {"瀋陽市", "沈阳市"}, {"楠市镇", "楠市镇"}});
  // Simplified names t2s would damage: 乾县 is not 干县.
  EXPECT_EQ(Fold("乾县"), "乾县");
  EXPECT_EQ(Fold("乾縣"), "乾县");
}

TEST(Fold, WidthCaseAndWhitespace) {
  ExpectEach(Fold, {{"ＡＢＣ１２３", "abc123"},
                    {"NSZ", "nsz"},
                    {"  Ａ座　 2号\t\n", "a座 2号"},
                    {"a\t\t b", "a b"}});
  EXPECT_EQ(Fold("\xEF\xBB\xBF楠\xE2\x80\x8B市"), "楠市");  // BOM, zero-width space
  EXPECT_EQ(Fold(""), "");
  EXPECT_EQ(Fold(" \t　"), "");
}

TEST(Fold, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(Fold("\xFF楠"), "\xEF\xBF\xBD楠");
  EXPECT_EQ(Fold("楠\xE5\xB8"), "楠\xEF\xBF\xBD");          // truncated 市
  EXPECT_EQ(Fold("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(Fold("\xED\xA0\x80").size(), 9u);               // a surrogate
  EXPECT_EQ(Fold(std::string_view("a\0b", 3)), "a b");      // NUL is a control
}

TEST(Fold, IsIdempotent) {
  for (const char* s : {"楠市鎮 Ａ座", "  長沙　2號 ", "乾縣", "\xFF\xFE"}) {
    EXPECT_EQ(Fold(Fold(s)), Fold(s)) << s;
  }
}

TEST(Pinyin, PolyphonicNameCharactersHaveEveryReading) {
  using V = std::vector<std::string>;
  EXPECT_EQ(PinyinReadings(U'曾'), (V{"zeng", "ceng"}));
  EXPECT_EQ(PinyinReadings(U'长'), (V{"chang", "zhang"}));
  EXPECT_EQ(PinyinReadings(U'单'), (V{"shan", "dan", "chan"}));
  const std::pair<char32_t, V> expected[] = {
      {U'区', {"ou", "qu"}},       {U'解', {"xie", "jie"}},
      {U'朴', {"piao", "pu"}},     {U'仇', {"qiu", "chou"}},
      {U'乐', {"yue", "le"}},      {U'查', {"zha", "cha"}},
      {U'重', {"chong", "zhong"}}, {U'行', {"xing", "hang"}},
      {U'都', {"du", "dou"}},      {U'藏', {"zang", "cang"}},
      {U'沈', {"shen", "chen"}},   {U'盖', {"ge", "gai"}},
      {U'折', {"she", "zhe"}},     {U'尉', {"yu", "wei"}},
      {U'缪', {"miao", "mou"}},    {U'翟', {"zhai", "di"}},
      {U'覃', {"qin", "tan"}},     {U'召', {"shao", "zhao"}},
      {U'员', {"yun", "yuan"}},    {U'华', {"hua"}},
      {U'石', {"shi", "dan"}},     {U'大', {"da", "dai"}},
      {U'万', {"wan", "mo"}},      {U'柏', {"bai", "bo"}},
      {U'宁', {"ning"}},           {U'芮', {"rui"}},
      {U'会', {"hui", "kuai"}},    {U'家', {"jia"}},
      {U'堡', {"bao", "pu"}},      {U'厦', {"xia", "sha"}},
      {U'广', {"guang", "an"}},    {U'阿', {"a", "e"}},
      {U'地', {"di", "de"}},
  };
  for (const auto& [c, readings] : expected) {
    const V got = PinyinReadings(c);
    for (const std::string& r : readings) {
      EXPECT_NE(std::find(got.begin(), got.end(), r), got.end())
          << "U+" << std::hex << static_cast<unsigned>(c) << " lacks " << r;
    }
  }
}

TEST(Pinyin, OrdinaryAndOtherCharacters) {
  using V = std::vector<std::string>;
  EXPECT_EQ(PinyinReadings(U'楠'), V{"nan"});
  EXPECT_EQ(PinyinReadings(U'镇'), V{"zhen"});
  EXPECT_EQ(PinyinReadings(U'吕'), V{"lv"});
  EXPECT_EQ(PinyinReadings(U'長'), (V{"chang", "zhang"}));  // Traditional reads as 长
  EXPECT_EQ(PinyinReadings(U'鎮'), V{"zhen"});
  EXPECT_EQ(PinyinReadings(U'〇'), V{"ling"});
  EXPECT_EQ(PinyinReadings(U'㐀'), V{"qiu"});         // Extension A
  EXPECT_EQ(PinyinReadings(U'\U00020000'), V{"he"});  // Extension B, the slow path
  EXPECT_TRUE(PinyinReadings(U'A').empty());
  EXPECT_TRUE(PinyinReadings(U'\U0001F600').empty());
  EXPECT_TRUE(PinyinReadings(U'가').empty());
  EXPECT_TRUE(PinyinReadings(0xFFFD).empty());
}

TEST(SearchText, FindsNameByCharactersPinyinAndInitials) {
  EXPECT_EQ(SearchText("楠市镇"), "楠市镇 nanshizhen nsz");
  for (const char* q : {"楠市镇", "楠市", "市镇", "楠市鎮", "nanshizhen", "nanshi", "shizhen",
                        "nsz", "NSZ", "ns", "ＮＳＺ", "nan shi zhen"}) {
    EXPECT_TRUE(Finds("楠市镇", q)) << q;
  }
  for (const char* q : {"nanshizhenn", "nzs", "楠镇", "南市镇"}) {
    EXPECT_FALSE(Finds("楠市镇", q)) << q;
  }
  EXPECT_TRUE(Finds("楠市鎮", "nsz"));  // a Traditional name is folded first
  EXPECT_TRUE(Finds("朋佳村", "pjc"));
  EXPECT_TRUE(Finds("朋佳村", "pengjiacun"));
}

using V = std::vector<std::string>;

// What the store does with the index: some token starts with the query.
bool IndexFinds(std::string_view name, std::string_view query) {
  const std::string q = SearchTokenPrefix(FoldQuery(query));
  if (q.empty()) return false;
  for (const std::string& token : SearchTokens(name)) {
    if (token.compare(0, q.size(), q) == 0) return true;
  }
  return false;
}

TEST(SearchTokens, SuffixesOfEveryTokenAtCharacterStarts) {
  EXPECT_EQ(SearchTokens("张佳丽"),
            (V{"jiali", "jl", "l", "li", "zhangjiali", "zjl", "丽", "佳丽", "张佳丽"}));
  EXPECT_EQ(SearchTokens("A座"), (V{"az", "azuo", "a座", "z", "zuo", "座"}));  // byte order
  EXPECT_TRUE(SearchTokens("").empty());
  EXPECT_TRUE(SearchTokens("  ").empty());
}

TEST(SearchTokens, FindWhatSearchTextFinds) {
  // Every substring of the name, every substring of the initials, every part
  // of the full pinyin that starts on a syllable.
  for (const char* name : {"楠市镇", "长沙", "曾长单区解", "A 座", "12号楼", "吕家村", "張佳麗",
                           "湖南省楠市镇朋佳村农业专业合作社有限公司"}) {
    for (const char* q : {"楠市",
                          "市镇",
                          "nanshi",
                          "shizhen",
                          "nsz",
                          "sz",
                          "cs",
                          "zs",
                          "changsha",
                          "zhangsha",
                          "a 座",
                          "azuo",
                          "12hl",
                          "hl",
                          "lvjiacun",
                          "lujiacun",
                          "jiacun",
                          "佳丽",
                          "zhangjiali",
                          "jl",
                          "pengjiacun",
                          "hunanshengnanshizhen",
                          "nongyezhuanyehezuoshe"}) {
      if (Finds(name, q)) {
        EXPECT_TRUE(IndexFinds(name, q)) << name << " / " << q;
      }
      if (IndexFinds(name, q) && FoldQuery(q).size() <= kSearchTokenMaxBytes) {
        EXPECT_TRUE(Finds(name, q)) << name << " / " << q;
      }
    }
  }
  EXPECT_TRUE(IndexFinds("張佳麗", "张佳"));
  EXPECT_TRUE(IndexFinds("张佳丽", "張"));
  EXPECT_FALSE(IndexFinds("张佳丽", "angji"));  // not on a syllable: LIKE would find it
  // Long tokens are cut on a character, so a long query is looked up by its
  // first kSearchTokenMaxBytes and confirmed against search_text.
  for (const std::string& token : SearchTokens("湖南省楠市镇朋佳村农业专业合作社有限公司")) {
    EXPECT_LE(token.size(), kSearchTokenMaxBytes);
    EXPECT_EQ(Fold(token), token) << "cut inside a character";
  }
  EXPECT_EQ(SearchTokenPrefix("湖南省楠市镇朋佳村农业"), "湖南省楠市镇朋佳");
}

// The starts a broad search tests one record at a time by answer "does an
// index row start with q" exactly, for every query of at most
// kSearchStartBytes: every letter and pair of letters, and every character
// and pair of characters of the names.
TEST(SearchStarts, FindExactlyWhatTheIndexFinds) {
  const char* names[] = {"张佳丽",
                         "长沙",
                         "曾长单区解",
                         "A 座",
                         "12号楼",
                         "吕家村",
                         "湖南省楠市镇朋佳村农业专业合作社有限公司",
                         "欧阳zh海"};
  for (const char* name : names) {
    const std::string starts = SearchStarts(SearchTokens(name));
    std::vector<std::string> queries;
    for (char a = 'a'; a <= 'z'; ++a) {
      queries.emplace_back(1, a);
      for (char b = 'a'; b <= 'z'; ++b) queries.push_back(std::string{a, b});
    }
    for (const char* other : names) {
      const std::string folded = Fold(other);
      for (size_t i = 0; i < folded.size(); ++i) {
        for (size_t n : {1, 2, 3, 6}) {
          const std::string q = folded.substr(i, n);
          if (Fold(q) == q && !q.empty() && q.front() != ' ') queries.push_back(q);
        }
      }
    }
    int found = 0;
    for (const std::string& q : queries) {
      ASSERT_LE(q.size(), kSearchStartBytes);
      const bool starts_find = starts.find(kSearchStartMark + q) != std::string::npos;
      EXPECT_EQ(starts_find, IndexFinds(name, q)) << name << " " << q;
      found += starts_find;
    }
    EXPECT_GT(found, 3) << name;
  }
  EXPECT_EQ(SearchStarts(SearchTokens("张佳丽")),
            "\x1fjiali\x1fjl\x1fl\x1fli\x1fzhangj\x1fzjl\x1f丽\x1f佳丽\x1f张佳");
}

TEST(SearchText, EveryReadingOfPolyphonicCharacters) {
  for (const char* q : {"zeng", "z", "ceng", "c", "曾"}) EXPECT_TRUE(Finds("曾", q)) << q;
  for (const char* q : {"changsha", "zhangsha", "cs", "zs", "长沙", "長沙"}) {
    EXPECT_TRUE(Finds("长沙", q)) << q;
    EXPECT_TRUE(Finds("長沙", q)) << q;
  }
  EXPECT_TRUE(Finds("成都", "chengdu"));
  EXPECT_TRUE(Finds("重庆", "chongqing"));
  EXPECT_TRUE(Finds("厦门", "xiamen"));
  EXPECT_TRUE(Finds("乾县", "qianxian"));
  // ü typed as v (pinyin keyboards) or as u.
  EXPECT_TRUE(Finds("吕家村", "lvjiacun"));
  EXPECT_TRUE(Finds("吕家村", "lujiacun"));
}

TEST(SearchText, NoMatchAcrossTokens) {
  // "shanzhen sz": the full pinyin ends in n and the initials start with sz.
  EXPECT_EQ(SearchText("山镇"), "山镇 shanzhen sz");
  EXPECT_FALSE(Finds("山镇", "nsz"));
  for (const char* name : {"楠市镇", "长沙", "A座", "曾长单区解"}) {
    for (const std::string& token : Tokens(SearchText(name))) {
      EXPECT_FALSE(token.empty()) << name;
    }
  }
}

TEST(SearchText, MixedText) {
  EXPECT_EQ(SearchText("A座"), "a座 azuo az");
  for (const char* q : {"A座", "a座", "azuo", "az", "座"}) EXPECT_TRUE(Finds("A座", q)) << q;
  for (const char* q : {"2号", "2hao", "2h", "号"}) EXPECT_TRUE(Finds("2号", q)) << q;
  EXPECT_TRUE(Finds("12号楼", "12hl"));
  EXPECT_EQ(SearchText("Zeta"), "zeta");
  // Separators inside names are not typed in pinyin queries.
  EXPECT_TRUE(Finds("A 座", "a 座"));
  EXPECT_TRUE(Finds("A 座", "azuo"));
  EXPECT_TRUE(Finds("阿依古丽·买买提", "ayigulimaimaiti"));
  EXPECT_TRUE(Finds("阿依古丽·买买提", "阿依古丽·买买提"));
}

TEST(SearchText, EmptyAndInvalidInput) {
  EXPECT_EQ(SearchText(""), "");
  EXPECT_EQ(SearchText(" 　\t"), "");
  const std::string broken = SearchText("\xFF楠市\xE5\xB8");
  EXPECT_NE(broken.find("nanshi"), std::string::npos) << broken;
  EXPECT_FALSE(SearchText("\xC0\x80\xF5\xFF").empty());
}

TEST(SearchText, ReadingCombinationsAreBounded) {
  // 2 * 2 * 3 * 2 * 2 * ... readings: far more than the bound if unbounded.
  const std::string name = "曾长单区解朴仇乐查重行都藏沈盖折";
  const std::vector<std::string> tokens = Tokens(SearchText(name));
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.front(), name);
  // Each combination gives a full pinyin token and an initials token.
  EXPECT_LE(tokens.size(), 1 + 2 * kMaxReadingCombinations);
  std::size_t full = 0;
  for (const std::string& t : tokens) full += t.size() > 16 ? 1 : 0;
  EXPECT_LE(full, kMaxReadingCombinations);
  EXPECT_GE(full, 8u);
  // The first characters vary; the later ones keep their first reading.
  EXPECT_TRUE(Finds(name, "zengchangshan"));
  EXPECT_TRUE(Finds(name, "cengzhangdan"));
  EXPECT_TRUE(Finds(name, "zengchangshanquxie"));
  EXPECT_TRUE(Finds(name, "geshe"));  // only the first readings at the end
  EXPECT_FALSE(Finds(name, "gaishe"));
  EXPECT_FALSE(Finds(name, "gezhe"));
  const std::size_t bytes = SearchText(name).size();
  EXPECT_LT(bytes, 2000u);
}

TEST(SortKey, PinyinOrder) {
  EXPECT_EQ(SortedByKey({"朋佳村", "甘溪村", "上下村", "镇东社区", "阿"}),
            (std::vector<std::string>{"阿", "甘溪村", "朋佳村", "上下村", "镇东社区"}));
  // Polyphonic characters sort by their first reading: plain ICU would file 长沙
  // under zhang and 曾 under ceng.
  EXPECT_EQ(SortedByKey({"镇东社区", "长沙", "成都", "曾家", "常德", "张家界"}),
            (std::vector<std::string>{"常德", "长沙", "成都", "曾家", "张家界", "镇东社区"}));
  // Syllable by syllable: xi an before xian.
  EXPECT_EQ(SortedByKey({"先锋村", "西安村"}), (std::vector<std::string>{"西安村", "先锋村"}));
  // Numbers by value: 村民小组 are often named 1组, 2组, ... 10组.
  EXPECT_EQ(SortedByKey({"10组", "2组", "1组"}), (std::vector<std::string>{"1组", "2组", "10组"}));
}

TEST(SortKey, HexAndFolded) {
  const std::string key = SortKey("楠市镇");
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key.size() % 2, 0u);
  EXPECT_TRUE(std::all_of(key.begin(), key.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
  })) << key;
  EXPECT_EQ(SortKey("楠市鎮"), key);
  EXPECT_EQ(SortKey(" 楠市镇 "), key);
  EXPECT_LT(SortKey(""), SortKey("阿"));
  EXPECT_FALSE(SortKey("\xFF\xFE").empty());
}

TEST(Query, PinyinQueries) {
  ExpectAll(IsPinyinQuery, true, {"nsz", "xi'an", "nan shi"});
  ExpectAll(IsPinyinQuery, false, {"楠市", "2hao", "", " '"});
  EXPECT_EQ(FoldQuery(" Xi'an "), "xian");
  EXPECT_EQ(FoldQuery("A 座"), "a 座");
  EXPECT_EQ(FoldQuery("楠市鎮"), "楠市镇");
}

TEST(Text, ConcurrentCallsAgree) {
  // Extension A characters no other test touched: the threads fill the cache.
  std::vector<std::string> names;
  for (char32_t c = 0x3500; c < 0x3500 + 3 * 400; c += 3) {
    std::string name;
    for (char32_t k = c; k < c + 3; ++k) {
      name += static_cast<char>(0xE0 | (k >> 12));
      name += static_cast<char>(0x80 | ((k >> 6) & 0x3F));
      name += static_cast<char>(0x80 | (k & 0x3F));
    }
    names.push_back(name + "鎮");
  }
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&names, &result] {
      for (const std::string& n : names) result.push_back(SearchText(n) + "|" + SortKey(n));
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string expected = SearchText(names[i]) + "|" + SortKey(names[i]);
    for (const auto& result : results) ASSERT_EQ(result[i], expected) << i;
  }
}

// Not a benchmark, and no assertion: prints the cost of the hot paths. The
// sanitizer build is several times slower than a release build.
TEST(TextSpeed, Report) {
  const std::u32string pool =
      U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
      U"程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
      U"毛郝龚邵万钱严覃武戴莫孔向汤伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"
      U"村镇乡社区街道东西南北上下新中长山水河湖江塘坪冲岭桥湾溪家坊屯堡寨营坝沟口";
  std::vector<std::string> names;
  names.reserve(100000);
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int i = 0; i < 100000; ++i) {
    std::string name;
    for (int k = 0; k < 3; ++k) {
      const char32_t c = pool[next() % pool.size()];
      name += static_cast<char>(0xE0 | (c >> 12));
      name += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      name += static_cast<char>(0x80 | (c & 0x3F));
    }
    names.push_back(std::move(name));
  }
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
  };
  std::size_t sink = 0;
  auto start = Clock::now();
  for (const std::string& n : names) sink += SearchText(n).size();
  std::printf("[speed] SearchText, 100k 3-character names: %.0f ms\n", ms(start));
  start = Clock::now();
  for (const std::string& n : names) sink += SortKey(n).size();
  std::printf("[speed] SortKey, 100k names: %.0f ms\n", ms(start));
  start = Clock::now();
  for (const std::string& n : names) sink += Fold(n).size();
  std::printf("[speed] Fold, 100k Simplified names: %.0f ms\n", ms(start));
  start = Clock::now();
  for (int i = 0; i < 100000; ++i) sink += Fold("楠市鎮").size();
  std::printf("[speed] Fold, 100k Traditional names (OpenCC): %.0f ms\n", ms(start));
  start = Clock::now();
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) sink += PinyinReadings(c).size();
  std::printf("[speed] readings of the rest of U+4E00..U+9FFF, cold: %.0f ms\n", ms(start));
  EXPECT_GT(sink, 0u);
}

}  // namespace
}  // namespace sl::text
