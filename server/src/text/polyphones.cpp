// Readings of polyphonic characters common in Chinese personal and place names.
// ICU Han-Latin gives one reading per character, the most frequent in running
// text (曾 ceng, 长 zhang, 地 de, 都 dou), which is often not the one a name
// uses. The first reading here is the most common in names and places; it
// decides the sort order and the readings kept past kMaxReadingCombinations.

#include <string_view>

#include "text/text_internal.hpp"

namespace sl::text::internal {
namespace {

struct Polyphone {
  char32_t c;
  const char* readings;
};

constexpr Polyphone kPolyphones[] = {
    // Surnames.
    {U'曾', "zeng ceng"},
    {U'单', "shan dan chan"},
    {U'解', "xie jie"},
    {U'朴', "piao pu"},
    {U'仇', "qiu chou"},
    {U'查', "zha cha"},
    {U'沈', "shen chen"},
    {U'盖', "ge gai"},
    {U'折', "she zhe"},
    {U'尉', "wei yu"},  // 尉氏, surname Wei; 尉迟 Yuchi
    {U'缪', "miao mou"},
    {U'翟', "zhai di"},
    {U'覃', "qin tan"},
    {U'召', "shao zhao"},
    {U'员', "yuan yun"},  // surname Yun is rare; 员 in names is mostly yuan
    {U'华', "hua"},
    {U'石', "shi dan"},
    {U'万', "wan mo"},  // 万俟 Moqi
    {U'柏', "bai bo"},
    {U'宁', "ning"},
    {U'芮', "rui"},
    {U'卜', "bu bo"},
    {U'刀', "dao diao"},
    {U'牟', "mou mu"},
    {U'秘', "mi bi"},
    {U'繁', "fan po"},
    {U'隗', "wei kui"},
    {U'谌', "chen shen"},
    {U'佴', "nai er"},
    {U'郇', "xun huan"},
    {U'乜', "nie mie"},
    {U'颉', "xie jie"},
    {U'祭', "ji zhai"},
    {U'宓', "mi fu"},
    {U'炅', "gui jiong"},
    {U'褚', "chu zhu"},
    {U'洗', "xi xian"},
    {U'还', "huan hai"},
    {U'燕', "yan"},
    {U'葛', "ge"},
    {U'任', "ren"},
    {U'纪', "ji"},
    // Given names.
    {U'乐', "le yue"},  // 乐山 Leshan, 乐清 Yueqing
    {U'大', "da dai"},
    {U'会', "hui kuai"},  // 会稽 Kuaiji
    {U'家', "jia"},
    {U'阿', "a e"},
    {U'茜', "qian xi"},
    {U'筠', "yun jun"},  // 筠连 Junlian
    {U'靓', "jing liang"},
    {U'种', "zhong chong"},
    {U'著', "zhu zhe"},
    {U'似', "si shi"},
    {U'参', "can shen cen"},
    {U'角', "jiao jue"},
    {U'朝', "chao zhao"},
    // Places.
    {U'长', "chang zhang"},
    {U'区', "qu ou"},  // 社区, 城区; surname Ou
    {U'重', "chong zhong"},
    {U'行', "xing hang"},
    {U'都', "du dou"},
    {U'藏', "zang cang"},
    {U'堡', "bao pu bu"},  // 十里堡 pu, 吴堡 bu
    {U'厦', "xia sha"},
    {U'广', "guang an"},
    {U'地', "di de"},
    {U'峙', "zhi shi"},
    {U'粘', "nian zhan"},
    {U'莘', "shen xin"},
    {U'蚌', "beng bang"},  // 蚌埠 Bengbu
    {U'六', "liu lu"},     // 六安 Lu'an
    {U'番', "fan pan"},    // 番禺 Panyu
    {U'铅', "qian yan"},   // 铅山 Yanshan
    {U'浒', "hu xu"},
    {U'涌', "yong chong"},
    {U'枞', "zong cong"},
    {U'圩', "wei xu"},
    {U'荥', "xing ying"},
    {U'蔚', "wei yu"},  // 蔚县 Yuxian
    {U'栎', "li yue"},
    {U'蕃', "fan bo"},
    {U'洞', "dong tong"},  // 洪洞 Hongtong
    {U'埔', "pu bu"},      // 大埔 Dabu
    {U'泊', "bo po"},
    {U'句', "ju gou"},
    {U'弄', "nong long"},
    {U'什', "shi shen"},  // 什邡 Shifang
    {U'歙', "she xi"},
    {U'犍', "qian jian"},  // 犍为 Qianwei
    {U'莞', "guan wan"},
    {U'柞', "zuo zha"},  // 柞水 Zhashui
};

}  // namespace

const char* CuratedReadings(char32_t c) {
  for (const Polyphone& p : kPolyphones) {
    if (p.c == c) return p.readings;
  }
  return nullptr;
}

}  // namespace sl::text::internal
