// Generates people for the registry benchmarks (bench/registry-bench.sh).
//
//   bench_registry_gen xlsx FILE ROWS VILLAGES_CSV
//       An .xlsx with the people template's Chinese headers (姓名* 性别 出生日期
//       手机号码 身份证号码 所属区划* 标签 政治面貌 政治面貌起始日期 备注), for
//       `shuanglun import people FILE`.
//   bench_registry_gen csv FILE ROWS VILLAGES_CSV [FIRST]
//       The same people (rows FIRST .. FIRST+ROWS-1) as CSV for a bulk insert
//       with SQL: name,gender,birth_date,phone,region_code,search_text,sort_key
//       where search_text and sort_key come from sl::text::SearchText / SortKey,
//       the functions the server fills those columns with.
//
// Row i is a pure function of i: a 3-character name (surname, two given-name
// characters; 100 x 100 x 100 combinations, so the names of the first
// 1,000,000 rows are all different and no row is taken for an update of an
// earlier one by the importer's natural key), a birth date in 1950..2004, a
// village of 楠市镇 (431127103xxx, from VILLAGES_CSV; every 4th row by its short name,
// the others by code), an ID card number (MakeIdCard, unique: birth date and
// sequence differ) and a mobile number on even rows, a tag on every 10th row,
// 正式党员 on every 20th row.

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "io/xlsx_writer.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace {

// Common surnames (张 first: the search benchmark asks for "zjl" and "张").
const char* const kSurnames[100] = {
    "张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤"};
const char* const kGiven1[100] = {
    "佳", "建", "家", "俊", "嘉", "金", "晶", "静", "国", "志", "明", "文", "永", "海", "春",
    "红", "秀", "丽", "玉", "晓", "子", "思", "雨", "欣", "宇", "浩", "天", "伟", "小", "德",
    "新", "振", "立", "学", "光", "利", "庆", "宏", "桂", "兰", "美", "淑", "雪", "婷", "梦",
    "梓", "一", "亚", "云", "长", "世", "正", "成", "传", "昌", "大", "东", "凤", "福", "富",
    "贵", "汉", "和", "华", "辉", "继", "杰", "军", "开", "康", "乐", "力", "良", "林", "龙",
    "茂", "敏", "鹏", "平", "其", "启", "清", "仁", "荣", "瑞", "胜", "守", "树", "双", "顺",
    "泰", "卫", "先", "祥", "兴", "秋", "彦", "银", "远", "中"};
const char* const kGiven2[100] = {
    "丽", "玲", "龙", "林", "磊", "亮", "琳", "莉", "兰", "丹", "华", "军", "伟", "强", "平",
    "明", "芳", "娟", "敏", "静", "霞", "燕", "艳", "红", "英", "峰", "勇", "杰", "涛", "斌",
    "超", "鹏", "辉", "刚", "健", "波", "宁", "凯", "浩", "婷", "雪", "琴", "萍", "梅", "云",
    "莲", "鑫", "洋", "东", "翔", "博", "宇", "阳", "飞", "帆", "晨", "瑶", "怡", "欣", "悦",
    "彤", "涵", "轩", "睿", "泽", "航", "然", "昊", "哲", "铭", "豪", "源", "文", "武", "生",
    "发", "贵", "福", "财", "宝", "山", "水", "根", "香", "桃", "菊", "秀", "珍", "凤", "仙",
    "荣", "华", "清", "成", "全", "德", "才", "旺", "顺", "安"};
const char* const kTags[4] = {"致富能手", "种养殖能人", "返乡创业", "企业家"};

struct Village {
  std::string code, name;
};

std::vector<Village> ReadVillages(const std::string& path) {
  std::ifstream in(path);
  std::vector<Village> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("431127103", 0) != 0) continue;
    const auto c1 = line.find(',');
    const auto c2 = line.find(',', c1 + 1);
    std::string name = line.substr(c1 + 1, c2 - c1 - 1);
    if (name.size() >= 2 && name.front() == '"') name = name.substr(1, name.size() - 2);
    // The database keeps the short names: 朋佳村委会 -> 朋佳村, 镇东社区居委会 -> 镇东社区.
    for (const std::string suffix : {"居委会", "委会"}) {
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        name.resize(name.size() - suffix.size());
        break;
      }
    }
    out.push_back({line.substr(0, c1), name});
  }
  return out;
}

// Days since 1970-01-01 to y, m, d (H. Hinnant's civil_from_days).
void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

struct Person {
  std::string name, gender, birth, phone, id_card, region_code, region_cell, tags, stage,
      stage_since;
};

Person Make(int64_t i, const std::vector<Village>& villages) {
  Person p;
  // A bijection of 0..999999 scatters the names (7919 is prime to 10^6).
  const int64_t k = (i * 7919 + 12345) % 1000000;
  p.name = std::string(kSurnames[k / 10000]) + kGiven1[(k / 100) % 100] + kGiven2[k % 100];
  // Birth dates: 20,000 days from 1950-01-01 (-7305 days); with the sequence
  // below, (birth date, sequence) differs for the first 20,000,000 rows.
  const int64_t day = i % 20000;
  int y, m, d;
  CivilFromDays(-7305 + day, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  p.birth = buf;
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  const int64_t seq = (i / 20000) % 1000;
  const bool male = seq % 2 == 1;
  p.gender = male ? "男" : "女";
  const Village& v = villages[i % villages.size()];
  p.region_code = v.code;
  p.region_cell = i % 4 == 3 ? v.name : v.code;
  if (i % 2 == 0) {
    char s3[16];
    std::snprintf(s3, sizeof s3, "%03d", static_cast<int>(seq));
    p.id_card = sl::registry::MakeIdCard("431127", buf, s3);
    char phone[32];
    std::snprintf(phone, sizeof phone, "138%08lld", static_cast<long long>(i % 100000000));
    p.phone = phone;
  }
  if (i % 10 == 1) p.tags = kTags[(i / 10) % 4];
  if (i % 20 == 5) {
    p.stage = "正式党员";
    p.stage_since = "2015-07-01";
  }
  return p;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int WriteXlsx(const std::string& file, int64_t rows, const std::vector<Village>& villages) {
  auto book = sl::io::XlsxWriter::Create(file);
  if (!book.ok()) {
    std::cerr << "cannot create " << file << "\n";
    return 1;
  }
  auto sheet = (*book)->AddSheet("人员");
  if (!sheet.ok()) return 1;
  const std::vector<std::string> header = {
      "姓名*",     "性别", "出生日期", "手机号码",         "身份证号码",
      "所属区划*", "标签", "政治面貌", "政治面貌起始日期", "备注"};
  if (!(*sheet)->WriteHeader(header).ok()) return 1;
  using sl::io::XlsxCell;
  auto text = [](const std::string& s) { return s.empty() ? XlsxCell() : XlsxCell::Text(s); };
  std::vector<XlsxCell> cells;
  for (int64_t i = 0; i < rows; ++i) {
    const Person p = Make(i, villages);
    cells.clear();
    cells.push_back(text(p.name));
    cells.push_back(text(p.gender));
    cells.push_back(text(p.birth));
    cells.push_back(text(p.phone));
    cells.push_back(text(p.id_card));
    cells.push_back(text(p.region_cell));
    cells.push_back(text(p.tags));
    cells.push_back(text(p.stage));
    cells.push_back(text(p.stage_since));
    cells.push_back(XlsxCell());
    if (!(*sheet)->WriteRow(cells).ok()) return 1;
  }
  if (!(*book)->Close().ok()) {
    std::cerr << "cannot write " << file << "\n";
    return 1;
  }
  return 0;
}

int WriteCsv(const std::string& file, int64_t first, int64_t rows,
             const std::vector<Village>& villages) {
  std::ofstream out(file, std::ios::binary);
  for (int64_t i = first; i < first + rows; ++i) {
    const Person p = Make(i, villages);
    out << CsvField(p.name) << ',' << (p.gender == "男" ? "male" : "female") << ',' << p.birth
        << ',' << p.phone << ',' << p.region_code << ',' << CsvField(sl::text::SearchText(p.name))
        << ',' << sl::text::SortKey(p.name) << '\n';
  }
  return out.good() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 1) {
    // scripts/bench-all runs every bench_* program without arguments: this one
    // is a generator, not a benchmark; bench/registry-bench.sh runs it.
    std::cout
        << "bench_registry_gen: data generator for bench/registry-bench.sh (nothing to measure)\n";
    return 0;
  }
  if (argc < 5) {
    std::cerr << "usage: bench_registry_gen xlsx|csv FILE ROWS VILLAGES_CSV [FIRST]\n";
    return 2;
  }
  const std::string mode = argv[1], file = argv[2];
  const int64_t rows = std::stoll(argv[3]);
  const auto villages = ReadVillages(argv[4]);
  if (villages.size() != 18) {
    std::cerr << "expected the 18 villages of 楠市镇 in " << argv[4] << ", found "
              << villages.size() << "\n";
    return 1;
  }
  if (mode == "xlsx") return WriteXlsx(file, rows, villages);
  if (mode == "csv") return WriteCsv(file, argc > 5 ? std::stoll(argv[5]) : 0, rows, villages);
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
