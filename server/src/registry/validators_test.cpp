#include "registry/validators.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/messages.hpp"
#include "testing/expect.hpp"

namespace sl::registry {
namespace {

using sl::testing::ExpectAll;
using sl::testing::ExpectEach;

// The message a rejected value gets for `field`, or a Text with key "(ok)".
template <class T>
Text FieldText(const Result<T>& r, const std::string& field) {
  if (r.ok()) return Text{"(ok)", {}};
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().fields.size(), 1u);
  auto it = r.error().fields.find(field);
  if (it == r.error().fields.end()) return Text{"(no message for " + field + ")", {}};
  return it->second;
}
Text IdError(std::string_view in, std::string_view today = "2025-06-30") {
  return FieldText(ParseIdCard(in, "id_card", today), "id_card");
}
Text UsccError(std::string_view in) { return FieldText(ParseUscc(in), "uscc"); }
Text PhoneError(std::string_view in) { return FieldText(ParsePhone(in), "phone"); }

// ID card numbers -------------------------------------------------------------

// GB 11643-1999, appendix A: 北京市朝阳区, born 1949-12-31, a woman.
constexpr char kStandardSample[] = "11010519491231002X";

TEST(IdCard, TheStandardsSampleParsesIntoItsParts) {
  auto r = ParseIdCard(kStandardSample);
  ASSERT_TRUE(r.ok()) << FieldText(r, "id_card").key;
  EXPECT_EQ(r->number, "11010519491231002X");
  EXPECT_EQ(r->region, "110105");
  EXPECT_EQ(r->birth_date, "1949-12-31");
  EXPECT_EQ(r->gender, "female");
  EXPECT_EQ(r->masked, "110105********002X");
  EXPECT_EQ(IdCardCheckChar("11010519491231002").value_or('?'), 'X');
}

TEST(IdCard, GeneratedNumbersParseWithTheirBirthDateAndGender) {
  // 蓝山县 (the demo county): a man and a woman, and every check character.
  const std::string man = MakeIdCard("431127", "19900101", "123");
  auto r = ParseIdCard(man);
  ASSERT_TRUE(r.ok()) << FieldText(r, "id_card").key;
  EXPECT_EQ(r->number, man);
  EXPECT_EQ(r->region, "431127");
  EXPECT_EQ(r->birth_date, "1990-01-01");
  EXPECT_EQ(r->gender, "male");
  EXPECT_EQ(r->masked, "431127********123" + man.substr(17));

  EXPECT_EQ(ParseIdCard(MakeIdCard("431127", "19851130", "024"))->gender, "female");
  EXPECT_EQ(ParseIdCard(MakeIdCard("431127", "20000229", "000"))->birth_date, "2000-02-29");

  std::string checks;
  for (int seq = 0; seq < 200; ++seq) {
    const std::string n = MakeIdCard("431127", "19700315", std::to_string(1000 + seq).substr(1));
    auto parsed = ParseIdCard(n);
    ASSERT_TRUE(parsed.ok()) << n << " " << FieldText(parsed, "id_card").key;
    EXPECT_EQ(parsed->gender, seq % 2 == 1 ? "male" : "female");
    if (checks.find(n[17]) == std::string::npos) checks += n[17];
  }
  EXPECT_EQ(checks.size(), 11u) << "all of 0-9 and X occur: " << checks;
}

TEST(IdCard, EveryProvinceCodeIsAcceptedAndOthersAreNot) {
  for (const char* p : {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                        "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"})
    EXPECT_TRUE(ParseIdCard(MakeIdCard(std::string(p) + "0102", "19800101", "001")).ok()) << p;
  for (const char* p : {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60",
                        "66", "70", "72", "80", "84", "90", "99"})
    EXPECT_EQ(IdError(MakeIdCard(std::string(p) + "0102", "19800101", "001")),
              (Text{"id_card_region", {p}}))
        << p;
}

TEST(IdCard, LowercaseFullWidthAndSurroundingSpacesAreNormalized) {
  for (const char* in : {"11010519491231002x", "  11010519491231002X  ", "\t11010519491231002x\r\n",
                         "１１０１０５１９４９１２３１００２Ｘ",
                         "１１０１０５１９４９１２３１００２ｘ", "\u300011010519491231002X\u3000",
                         "\xEF\xBB\xBF"
                         "11010519491231002X"}) {
    auto r = ParseIdCard(in);
    ASSERT_TRUE(r.ok()) << in << " " << FieldText(r, "id_card").key;
    EXPECT_EQ(r->number, kStandardSample) << in;
  }
}

TEST(IdCard, LengthAndCharacterErrorsSayWhatIsWrong) {
  EXPECT_EQ(IdError(""), (Text{"id_card_length", {"0"}}));
  EXPECT_EQ(IdError("1101051949123100"), (Text{"id_card_length", {"16"}}));
  EXPECT_EQ(IdError("11010519491231002X1"), (Text{"id_card_length", {"19"}}));
  // Length counts characters, not bytes.
  EXPECT_EQ(IdError("１１０１０５１９４９１２３１００２"), (Text{"id_card_length", {"17"}}));
  // A 15-digit first-generation number is refused by length.
  EXPECT_EQ(IdError("110105491231002"), (Text{"id_card_length", {"15"}}));

  EXPECT_EQ(IdError("11010519491231002Y"), (Text{"id_card_characters", {"18", "Y"}}));
  EXPECT_EQ(IdError("1101051949123100XX"), (Text{"id_card_characters", {"17", "X"}}));
  EXPECT_EQ(IdError("110105 9491231002X"), (Text{"id_card_characters", {"7", " "}}));
  EXPECT_EQ(IdError("110105194912310０2号"), (Text{"id_card_characters", {"18", "号"}}));
  EXPECT_EQ(IdError("x1010519491231002X"), (Text{"id_card_characters", {"1", "x"}}));
  // Invalid UTF-8 is reported as U+FFFD, never echoed raw.
  EXPECT_EQ(IdError("11010519491231002\xFF"), (Text{"id_card_characters", {"18", "\uFFFD"}}));
}

TEST(IdCard, BirthDatesMustExist) {
  EXPECT_EQ(IdError(MakeIdCard("431127", "19900229", "001")),
            (Text{"id_card_birth_date", {"1990-02-29"}}));
  EXPECT_EQ(IdError(MakeIdCard("431127", "19000229", "001")),
            (Text{"id_card_birth_date", {"1900-02-29"}}));  // 1900 was not a leap year
  EXPECT_TRUE(ParseIdCard(MakeIdCard("431127", "19920229", "001")).ok());
  EXPECT_TRUE(ParseIdCard(MakeIdCard("431127", "20000229", "001")).ok());  // but 2000 was
  EXPECT_EQ(IdError(MakeIdCard("431127", "19901301", "001")),
            (Text{"id_card_birth_date", {"1990-13-01"}}));
  EXPECT_EQ(IdError(MakeIdCard("431127", "19900001", "001")),
            (Text{"id_card_birth_date", {"1990-00-01"}}));
  EXPECT_EQ(IdError(MakeIdCard("431127", "19900100", "001")),
            (Text{"id_card_birth_date", {"1990-01-00"}}));
  EXPECT_EQ(IdError(MakeIdCard("431127", "19900431", "001")),
            (Text{"id_card_birth_date", {"1990-04-31"}}));
  EXPECT_EQ(IdError(MakeIdCard("431127", "19901232", "001")),
            (Text{"id_card_birth_date", {"1990-12-32"}}));
}

TEST(IdCard, BirthDatesRunFrom1900ToToday) {
  EXPECT_TRUE(ParseIdCard(MakeIdCard("431127", "19000101", "001"), "id_card", "2025-06-30").ok());
  EXPECT_EQ(IdError(MakeIdCard("431127", "18991231", "001")),
            (Text{"id_card_birth_early", {"1899-12-31"}}));
  // The standard's other sample (广东省汕头市潮阳县, born 1880-01-01) has a right
  // check digit but is before 1900: nobody alive was born then.
  EXPECT_EQ(IdCardCheckChar("44052418800101001").value_or('?'), '4');
  EXPECT_EQ(IdError("440524188001010014"), (Text{"id_card_birth_early", {"1880-01-01"}}));

  EXPECT_TRUE(ParseIdCard(MakeIdCard("431127", "20250630", "001"), "id_card", "2025-06-30").ok());
  EXPECT_EQ(IdError(MakeIdCard("431127", "20250701", "001"), "2025-06-30"),
            (Text{"id_card_birth_future", {"2025-07-01"}}));
  // Without a date given, "today" is today in China.
  EXPECT_EQ(FieldText(ParseIdCard(MakeIdCard("431127", "29991231", "001")), "id_card"),
            (Text{"id_card_birth_future", {"2999-12-31"}}));
}

TEST(IdCard, AWrongCheckCharacterSaysWhatItShouldBe) {
  EXPECT_EQ(IdError("110105194912310021"), (Text{"id_card_check_digit", {"X"}}));
  const std::string n = MakeIdCard("431127", "19900101", "123");
  std::string wrong = n;
  wrong[17] = n[17] == '0' ? '1' : '0';
  EXPECT_EQ(IdError(wrong), (Text{"id_card_check_digit", {std::string(1, n[17])}}));
  // The field name is the caller's.
  auto r = ParseIdCard(wrong, "spouse_id_card");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("spouse_id_card"), 1u);
}

// Whether the weighted sum of all 18 characters (X = 10, the check position
// weighing 1) is 1 mod 11: the MOD 11-2 condition, for any characters.
bool Mod11_2Holds(const std::string& n) {
  static constexpr int kWeights[18] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, 1};
  int sum = 0;
  for (int i = 0; i < 18; ++i) sum += (n[i] == 'X' ? 10 : n[i] - '0') * kWeights[i];
  return sum % 11 == 1;
}

std::vector<std::string> IdCardSamples() {
  std::vector<std::string> out = {kStandardSample};
  for (const char* seq : {"123", "456", "789", "000", "999", "314"})
    out.push_back(MakeIdCard("431127", "19880808", seq));
  out.push_back(MakeIdCard("650102", "20101231", "017"));
  return out;
}

TEST(IdCard, EverySingleCharacterSubstitutionIsRejected) {
  // The weights are non-zero mod 11 and 11 is prime, so changing one character
  // by a difference of 1..10 always moves the sum: MOD 11-2 alone catches all.
  int tried = 0;
  for (const std::string& base : IdCardSamples()) {
    ASSERT_TRUE(ParseIdCard(base).ok()) << base;
    ASSERT_TRUE(Mod11_2Holds(base)) << base;
    for (int pos = 0; pos < 18; ++pos) {
      for (char c : std::string("0123456789X")) {
        if (c == base[pos]) continue;
        std::string m = base;
        m[pos] = c;
        EXPECT_FALSE(Mod11_2Holds(m)) << m;
        EXPECT_FALSE(ParseIdCard(m).ok()) << m;
        ++tried;
      }
    }
  }
  EXPECT_GT(tried, 8 * 17 * 10);
}

TEST(IdCard, TranspositionsAreCaughtExceptTenPlacesApart) {
  // Position i weighs 2^(18-i) mod 11, and 2 has order 10 mod 11: swapping two
  // different characters is caught unless they are exactly 10 places apart
  // (1<->11, 2<->12, ..., 8<->18), where the weights are equal.
  int undetected = 0;
  for (const std::string& base : IdCardSamples()) {
    for (int i = 0; i < 18; ++i) {
      for (int j = i + 1; j < 18; ++j) {
        if (base[i] == base[j]) continue;
        std::string m = base;
        std::swap(m[i], m[j]);
        if (j - i == 10) {
          EXPECT_TRUE(Mod11_2Holds(m)) << m;
          ++undetected;
        } else {
          EXPECT_FALSE(Mod11_2Holds(m)) << base << " swap " << i + 1 << "," << j + 1;
          EXPECT_FALSE(ParseIdCard(m).ok()) << m;
        }
      }
    }
  }
  EXPECT_GT(undetected, 0);
  // Such a swap can slip through the whole validator: the 3rd digit (in the
  // city code) and the 13th (the tens of the day) of 432127 19900101 123x.
  const std::string a = MakeIdCard("432127", "19900101", "123");
  std::string b = a;
  std::swap(b[2], b[12]);
  ASSERT_TRUE(ParseIdCard(a).ok());
  auto swapped = ParseIdCard(b);
  ASSERT_TRUE(swapped.ok()) << b << " is the 10-apart blind spot";
  EXPECT_EQ(swapped->region, "430127");
  EXPECT_EQ(swapped->birth_date, "1990-01-21");
}

TEST(IdCard, MasksShowRegionAndLastFour) {
  ExpectEach(MaskIdCard, {{"431127199001011234", "431127********1234"},
                          {" 11010519491231002x ", "110105********002X"},
                          {"110105491231002", "***********1002"},
                          {"123", "***"},
                          {"", ""}});
}

TEST(IdCard, MakeIdCardRefusesMalformedParts) {
  EXPECT_THROW(MakeIdCard("43112", "19900101", "123"), std::invalid_argument);
  EXPECT_THROW(MakeIdCard("431127", "1990011", "123"), std::invalid_argument);
  EXPECT_THROW(MakeIdCard("431127", "19900101", "12a"), std::invalid_argument);
}

// Unified social credit codes --------------------------------------------------

struct Published {
  const char* code;
  const char* what;
};
// Real codes, each passing both checks (a random 18 characters would pass both
// with odds of 1 in 341). Sources in the comments.
const Published kPublished[] = {
    // The worked example of GB 32100-2015 (its steps compute the check 3 for
    // 91350100M000100Y4); cited by hutool's and util-helpers' tests.
    {"91350100M000100Y43", "GB 32100-2015 example"},
    // zh.wikipedia.org, 華為 infobox (機構代碼).
    {"914403001922038216", "华为技术有限公司"},
    // check-china.com example report: Unified social credit code.
    {"91440300708461136T", "深圳市腾讯计算机系统有限公司"},
    // blog.csdn.net/ellasun_web/article/details/130267762.
    {"91110000101623741K", "全聚德"},
    {"911101066976941872", "北京长峰医院"},
    // Issuing-authority prefix of national e-licence type codes
    // ("11100000000013338W032"): a national organ, region 100000.
    {"11100000000013338W", "中华人民共和国住房和城乡建设部"},
    {"12100000000018032A", "a national public institution (12, region 100000)"},
    // A list of real codes in a public validator's sources: individual
    // business (92), private non-enterprise unit (52), organ (11) whose
    // organization code check is X, and an enterprise with both checks X.
    {"92510100MA61WJ3204", "个体工商户, 成都"},
    {"52610500MJU60350X1", "民办非企业单位, 渭南"},
    {"1134082855783407XL", "机关, 安庆"},
    {"91341000MA2N0ABGXX", "企业, 黄山"},
};

TEST(Uscc, PublishedCodesPass) {
  for (const auto& p : kPublished) {
    auto r = ParseUscc(p.code);
    EXPECT_TRUE(r.ok()) << p.code << " (" << p.what << "): " << FieldText(r, "uscc").key;
  }
  auto r = ParseUscc("91350100M000100Y43");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->code, "91350100M000100Y43");
  EXPECT_EQ(r->authority, "9");
  EXPECT_EQ(r->category, "1");
  EXPECT_EQ(r->region, "350100");
  EXPECT_EQ(r->org_code, "M000100Y4");
  EXPECT_EQ(r->check, "3");
}

TEST(Uscc, CheckCharactersMatchTheStandardsWorkedExamples) {
  // GB 32100-2015: the sum for 91350100M000100Y4 is 1640, 1640 mod 31 = 28,
  // 31 - 28 = 3.
  EXPECT_EQ(UsccCheckChar("91350100M000100Y4").value_or('?'), '3');
  // GB 11714-1997 appendix B: body D2143569 has check X.
  EXPECT_EQ(OrgCodeCheckChar("D2143569").value_or('?'), 'X');
  EXPECT_EQ(OrgCodeCheckChar("M000100Y").value_or('?'), '4');
  // The standard's counter-example ends in Z, which the alphabet lacks.
  EXPECT_EQ(UsccError("91350100M000100Y4Z"), (Text{"uscc_characters", {"18", "Z"}}));
  EXPECT_FALSE(UsccCheckChar("91350100M000100Y").has_value());
  EXPECT_FALSE(UsccCheckChar("91350100M000100YI").has_value());
  EXPECT_FALSE(OrgCodeCheckChar("D214356").has_value());
  EXPECT_FALSE(IdCardCheckChar("1101051949123100X").has_value());
}

TEST(Uscc, LowercaseFullWidthAndSpacesAreNormalized) {
  for (const char* in :
       {"91350100m000100y43", "  91350100M000100Y43\n", "９１３５０１００Ｍ０００１００Ｙ４３",
        "　９１３５０１００ｍ０００１００ｙ４３　"}) {
    auto r = ParseUscc(in);
    ASSERT_TRUE(r.ok()) << in << " " << FieldText(r, "uscc").key;
    EXPECT_EQ(r->code, "91350100M000100Y43");
  }
}

TEST(Uscc, ErrorsSayWhatIsWrong) {
  EXPECT_EQ(UsccError(""), (Text{"uscc_length", {"0"}}));
  EXPECT_EQ(UsccError("91350100M000100Y4"), (Text{"uscc_length", {"17"}}));
  EXPECT_EQ(UsccError("91350100M000100Y433"), (Text{"uscc_length", {"19"}}));
  for (char c : std::string("IOZSV"))
    EXPECT_EQ(UsccError(std::string("91350100M000100") + c + "43"),
              (Text{"uscc_characters", {"16", std::string(1, c)}}));
  EXPECT_EQ(UsccError("91350100M000100o43"), (Text{"uscc_characters", {"16", "O"}}));
  EXPECT_EQ(UsccError("91350100M000-00Y43"), (Text{"uscc_characters", {"13", "-"}}));
  EXPECT_EQ(UsccError("9135A100M000100Y43"), (Text{"uscc_region", {"5", "A"}}));
  EXPECT_EQ(UsccError("01350100M000100Y43"), (Text{"uscc_authority", {"0"}}));
  EXPECT_EQ(UsccError("B1350100M000100Y43"), (Text{"uscc_authority", {"B"}}));
  // A wrong last character: the message names the right one.
  EXPECT_EQ(UsccError("91350100M000100Y44"), (Text{"uscc_check", {"3"}}));
  EXPECT_EQ(UsccError("914403001922038217"), (Text{"uscc_check", {"6"}}));
  // A typo in the organization code: said as such, not as a wrong last character.
  EXPECT_EQ(UsccError("91350100M000200Y43"), (Text{"uscc_org_check", {"X"}}));
  EXPECT_EQ(UsccError("91350100M000100Y53"), (Text{"uscc_org_check", {"4"}}));
  auto r = ParseUscc("91350100M000100Y44", "credit_code");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("credit_code"), 1u);
}

// Whether the MOD 31 condition holds: sum of value * 3^(i-1) over positions
// 1-17 plus the check value is 0 mod 31.
bool Mod31Holds(const std::string& code) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kUsccAlphabet.find(code[i])) * kWeights[i];
  return (sum + static_cast<int>(kUsccAlphabet.find(code[17]))) % 31 == 0;
}

std::vector<std::string> UsccSamples() {
  std::vector<std::string> out;
  for (const auto& p : kPublished) out.push_back(p.code);
  out.push_back(MakeUscc("N2", "431127", "MA4QWE7Y"));
  out.push_back(MakeUscc("54", "431127", "K1234567"));
  return out;
}

TEST(Uscc, EverySingleCharacterSubstitutionIsRejected) {
  // 31 is prime, every weight 3^(i-1) is non-zero mod 31 and values differ by
  // 1..30: one changed character always breaks the MOD 31 check.
  int tried = 0;
  const auto samples = UsccSamples();
  for (const std::string& base : samples) {
    ASSERT_TRUE(ParseUscc(base).ok()) << base;
    ASSERT_TRUE(Mod31Holds(base)) << base;
    for (int pos = 0; pos < 18; ++pos) {
      for (char c : kUsccAlphabet) {
        if (c == base[pos]) continue;
        std::string m = base;
        m[pos] = c;
        EXPECT_FALSE(Mod31Holds(m)) << m;
        EXPECT_FALSE(ParseUscc(m).ok()) << m;
        ++tried;
      }
      for (char c : std::string("IOSVZ-")) {
        std::string m = base;
        m[pos] = c;
        EXPECT_FALSE(ParseUscc(m).ok()) << m;
      }
    }
  }
  EXPECT_EQ(tried, static_cast<int>(samples.size()) * 18 * 30);
}

TEST(Uscc, TranspositionsAreCaughtExceptFirstWithLast) {
  // Positions 1-17 weigh 3^0..3^16, all different mod 31 (3 has order 30),
  // so swapping two of them is caught. The check character weighs 1 like
  // position 1: swapping the first and the last character is not caught.
  for (const std::string& base : UsccSamples()) {
    for (int i = 0; i < 18; ++i) {
      for (int j = i + 1; j < 18; ++j) {
        if (base[i] == base[j]) continue;
        std::string m = base;
        std::swap(m[i], m[j]);
        if (i == 0 && j == 17) {
          EXPECT_TRUE(Mod31Holds(m)) << m;
        } else {
          EXPECT_FALSE(Mod31Holds(m)) << base << " swap " << i + 1 << "," << j + 1;
          EXPECT_FALSE(ParseUscc(m).ok()) << m;
        }
      }
    }
  }
  // The blind spot in practice: when the check character is also a
  // registration authority, the swapped code passes everything.
  EXPECT_TRUE(ParseUscc("614403001922038219").ok());
  // Usually it is not: the authority check rejects most of them.
  EXPECT_EQ(UsccError("K1110000101623741"
                      "9"),
            (Text{"uscc_authority", {"K"}}));
}

TEST(Uscc, PreStandardPilotCodesFailTheCheckAndAreRejected) {
  // Codes issued in Fujian's 2014-2015 pilot, before GB 32100-2015, quoted as
  // real but failing MOD 31 (their GB 11714 part passes). We reject them
  // like any other; the registry needs a way to record such an entity.
  EXPECT_EQ(UsccError("91350211M0000XUF46"), (Text{"uscc_check", {"R"}}));
  EXPECT_EQ(UsccError("91350200M000000510"), (Text{"uscc_check", {"D"}}));
  EXPECT_EQ(UsccError("91350128M00000019A"), (Text{"uscc_check", {"F"}}));
}

TEST(Uscc, MadeCodesValidate) {
  EXPECT_EQ(MakeUscc("91", "350100", "M000100Y"), "91350100M000100Y43");
  EXPECT_EQ(MakeUscc("91", "440300", "19220382"), "914403001922038216");
  std::mt19937 rng(20151001);
  std::uniform_int_distribution<size_t> any(0, kUsccAlphabet.size() - 1);
  const std::string authorities = "123456789ANY";
  const std::string categories = "1234589";
  for (int k = 0; k < 2000; ++k) {
    std::string ac{authorities[k % authorities.size()], categories[k % categories.size()]};
    std::string org;
    for (int i = 0; i < 8; ++i) org += kUsccAlphabet[any(rng)];
    const std::string code = MakeUscc(ac, "431127", org);
    auto r = ParseUscc(code);
    ASSERT_TRUE(r.ok()) << code << " " << FieldText(r, "uscc").key;
    EXPECT_EQ(r->org_code.substr(0, 8), org);
  }
  EXPECT_THROW(MakeUscc("01", "431127", "12345678"), std::invalid_argument);
  EXPECT_THROW(MakeUscc("91", "43112A", "12345678"), std::invalid_argument);
  EXPECT_THROW(MakeUscc("91", "431127", "1234567I"), std::invalid_argument);
  EXPECT_THROW(MakeUscc("91", "431127", "1234567"), std::invalid_argument);
}

// Phones ----------------------------------------------------------------------

TEST(Phone, MobileNumbersAreNormalized) {
  for (const char* in :
       {"13812345678", "138 1234 5678", "138-1234-5678", " 138 1234-5678 ", "+86 138 1234 5678",
        "+8613812345678", "0086 13812345678", "(+86) 138-1234-5678", "１３８１２３４５６７８",
        "＋８６　１３８１２３４５６７８"}) {
    auto r = ParsePhone(in);
    ASSERT_TRUE(r.ok()) << in << " " << FieldText(r, "phone").key;
    EXPECT_EQ(r->number, "13812345678") << in;
    EXPECT_EQ(r->kind, "mobile");
    EXPECT_EQ(r->area_code, "");
  }
  for (const char* in : {"13012345678", "14512345678", "15012345678", "16612345678", "17012345678",
                         "18812345678", "19912345678"})
    EXPECT_TRUE(ParsePhone(in).ok()) << in;
}

TEST(Phone, LandlinesKeepTheirAreaCode) {
  struct Case {
    const char* in;
    const char* number;
  };
  for (const Case& c : {
           Case{"0746-7654321", "0746-7654321"},
           Case{"07467654321", "0746-7654321"},
           Case{"(0746) 7654321", "0746-7654321"},
           Case{"（０７４６）７６５４３２１", "0746-7654321"},
           Case{"0746 76543210", "0746-76543210"},
           Case{"010-62345678", "010-62345678"},
           Case{"01062345678", "010-62345678"},
           Case{"021 6123 4567", "021-61234567"},
           Case{"+86 10 62345678", "010-62345678"},
           Case{"+86 746 7654321", "0746-7654321"},
           Case{"0086-21-61234567", "021-61234567"},
           Case{"0746-7654321-801", "0746-7654321-801"},
           Case{"0746-7654321转801", "0746-7654321-801"},
           Case{"0746-7654321 分机 801", "0746-7654321-801"},
           Case{"0746-7654321 ext. 801", "0746-7654321-801"},
           Case{"0746-7654321x801", "0746-7654321-801"},
           Case{"010-62345678#8001", "010-62345678-8001"},
           Case{"010 6234 5678 8001", "010-62345678-8001"},
       }) {
    auto r = ParsePhone(c.in);
    ASSERT_TRUE(r.ok()) << c.in << " " << FieldText(r, "phone").key;
    EXPECT_EQ(r->number, c.number) << c.in;
    EXPECT_EQ(r->kind, "landline");
  }
  auto r = ParsePhone("0746-7654321转801");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->area_code, "0746");
  EXPECT_EQ(r->local, "7654321");
  EXPECT_EQ(r->extension, "801");
}

TEST(Phone, ErrorsSayWhatIsWrong) {
  EXPECT_EQ(PhoneError(""), (Text{"phone_format", {}}));
  EXPECT_EQ(PhoneError("1381234567"), (Text{"phone_mobile", {}}));
  EXPECT_EQ(PhoneError("138123456789"), (Text{"phone_mobile", {}}));
  EXPECT_EQ(PhoneError("12812345678"), (Text{"phone_mobile", {}}));
  EXPECT_EQ(PhoneError("11012345678"), (Text{"phone_mobile", {}}));
  EXPECT_EQ(PhoneError("7654321"), (Text{"phone_area_code", {}}));
  EXPECT_EQ(PhoneError("6123 4567"), (Text{"phone_area_code", {}}));
  EXPECT_EQ(PhoneError("010-6234567"), (Text{"phone_landline", {}}));      // Beijing has 8
  EXPECT_EQ(PhoneError("0746-654321"), (Text{"phone_landline", {}}));      // too short
  EXPECT_EQ(PhoneError("0746-0654321"), (Text{"phone_landline", {}}));     // local starts with 0
  EXPECT_EQ(PhoneError("0746-1654321"), (Text{"phone_landline", {}}));     // or with 1
  EXPECT_EQ(PhoneError("010-12345678"), (Text{"phone_landline", {}}));     // nor does a local 1
  EXPECT_EQ(PhoneError("011-62345678"), (Text{"phone_landline", {}}));     // 010 is the only 01x
  EXPECT_EQ(PhoneError("074676543218001"), (Text{"phone_landline", {}}));  // where's the split?
  EXPECT_EQ(PhoneError("138 1234 5678 转 8"), (Text{"phone_extension", {}}));
  EXPECT_EQ(PhoneError("0746-7654321转"), (Text{"phone_extension", {}}));
  EXPECT_EQ(PhoneError("0746-7654321转1234567"), (Text{"phone_extension", {}}));
  EXPECT_EQ(PhoneError("0746-7654321转8a"), (Text{"phone_extension", {}}));
  EXPECT_EQ(PhoneError("+1 202 555 0100"), (Text{"phone_country", {}}));
  EXPECT_EQ(PhoneError("tel 13812345678"), (Text{"phone_characters", {}}));
  EXPECT_EQ(PhoneError("138/1234/5678"), (Text{"phone_characters", {}}));
  EXPECT_EQ(PhoneError("+86"), (Text{"phone_format", {}}));
  EXPECT_EQ(PhoneError("12345"), (Text{"phone_mobile", {}}));
  EXPECT_EQ(PhoneError("987654321"), (Text{"phone_format", {}}));
  auto r = ParsePhone("123", "contact_phone");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("contact_phone"), 1u);
}

TEST(Phone, MasksKeepTheFirstThreeOrTheAreaCodeAndTheLastFour) {
  ExpectEach(MaskPhone, {{"13812345678", "138****5678"},
                         {"+86 138-1234-5678", "138****5678"},
                         {"0746-7654321", "0746-***4321"},
                         {"010-62345678", "010-****5678"},
                         {"0746-7654321转801", "0746-***4321-801"},
                         {"not a phone", "*******hone"},
                         {"12", "**"}});
}

// Messages ----------------------------------------------------------------------

TEST(ValidatorMessages, EveryKeyIsInTheCatalogAndNamesTheCheckCharacter) {
  for (const char* key :
       {"id_card_length",      "id_card_characters",   "id_card_region",      "id_card_birth_date",
        "id_card_birth_early", "id_card_birth_future", "id_card_check_digit", "uscc_length",
        "uscc_characters",     "uscc_region",          "uscc_authority",      "uscc_org_check",
        "uscc_check",          "phone_characters",     "phone_country",       "phone_mobile",
        "phone_landline",      "phone_area_code",      "phone_extension",     "phone_format"})
    EXPECT_TRUE(HasMessage(key)) << key;
  const Text t = IdError("110105194912310021");
  EXPECT_EQ(Say(t, Lang::kZhCN), "校验码不符：按前 17 位计算，最后一位应为 X，请核对号码");
  EXPECT_EQ(Say(t, Lang::kZhTW), "檢查碼不符：依前 17 位計算，最後一位應為 X，請核對號碼");
  EXPECT_EQ(Say(t, Lang::kEn),
            "The check character does not match: from the first 17 digits the last one should "
            "be X; please check the number");
  EXPECT_EQ(Say(UsccError("91350100M000100Y44"), Lang::kZhCN),
            "校验码不符：按前 17 位计算，最后一位应为 3，请核对代码");
}

}  // namespace
}  // namespace sl::registry
