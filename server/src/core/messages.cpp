#include "core/messages.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace sl {

namespace {

struct Entry {
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
};

// Keep keys sorted by area. Every key used with Error or Text belongs here;
// messages_test.cpp checks that each entry has all three languages.
const std::unordered_map<std::string_view, Entry>& Catalog() {
  static const std::unordered_map<std::string_view, Entry> kCatalog = {
      // General request errors.
      {"invalid",
       {"提交的内容有误，请检查标出的字段", "提交的內容有誤，請檢查標出的欄位",
        "Some fields are not valid; see each field"}},
      {"invalid_json",
       {"请求内容不是有效的 JSON：{0}", "請求內容不是有效的 JSON：{0}",
        "The request body is not valid JSON: {0}"}},
      {"expected_object",
       {"请求内容应为 JSON 对象", "請求內容應為 JSON 物件",
        "The request body must be a JSON object"}},
      {"payload_too_large",
       {"请求内容过大（上限 {0} 字节）", "請求內容過大（上限 {0} 位元組）",
        "The request body is too large (limit {0} bytes)"}},
      {"bad_query", {"查询参数 {0} 无效", "查詢參數 {0} 無效", "Query parameter {0} is not valid"}},
      {"not_found", {"找不到请求的内容", "找不到請求的內容", "Not found"}},
      {"method_not_allowed", {"不支持此操作", "不支援此操作", "Method not allowed"}},
      {"internal",
       {"服务器内部错误，请稍后再试", "伺服器內部錯誤，請稍後再試",
        "Internal server error; please try again later"}},
      {"unavailable", {"服务暂时不可用", "服務暫時無法使用", "The service is unavailable"}},
      // Database.
      {"db_unique", {"该记录已存在", "該記錄已存在", "A record with this key already exists"}},
      {"db_foreign_key",
       {"引用的记录不存在或仍被引用", "引用的記錄不存在或仍被引用",
        "A referenced record is missing, or this record is still referenced"}},
      {"bad_db_url",
       {"数据库地址无效，应为 sqlite:路径 或 postgresql://…",
        "資料庫位址無效，應為 sqlite:路徑 或 postgresql://…",
        "The database URL is not valid; use sqlite:PATH or postgresql://..."}},
      {"schema_outdated",
       {"数据库结构版本为 {0}，本程序需要 {1}，请先运行 shuanglun init 升级",
        "資料庫結構版本為 {0}，本程式需要 {1}，請先執行 shuanglun init 升級",
        "The database schema is at version {0} but this program needs {1}; "
        "run shuanglun init to upgrade it"}},
      {"schema_newer",
       {"数据库结构版本 {0} 高于本程序支持的 {1}，请换用新版程序",
        "資料庫結構版本 {0} 高於本程式支援的 {1}，請改用新版程式",
        "The database schema is at version {0}, newer than this program's {1}; "
        "use a newer version of the program"}},
      // Field messages.
      {"field_required", {"必填", "必填", "Required"}},
      {"field_string", {"应为文本", "應為文字", "Must be text"}},
      {"field_integer", {"应为整数", "應為整數", "Must be a whole number"}},
      {"field_boolean", {"应为是或否", "應為是或否", "Must be true or false"}},
      {"field_array", {"应为列表", "應為清單", "Must be a list"}},
      {"field_too_long", {"不能超过 {0} 个字符", "不能超過 {0} 個字元", "At most {0} characters"}},
      {"field_too_short", {"至少 {0} 个字符", "至少 {0} 個字元", "At least {0} characters"}},
      {"field_unknown", {"不认识的字段", "不認識的欄位", "Unknown field"}},
      {"field_region_unknown", {"没有这个区划代码", "沒有這個區劃代碼", "No such region code"}},
      // Sessions and permissions.
      {"unauthenticated", {"请先登录", "請先登入", "Please log in"}},
      {"bad_credentials",
       {"用户名或密码错误", "使用者名稱或密碼錯誤", "Wrong username or password"}},
      {"account_disabled", {"账号已停用", "帳號已停用", "This account is disabled"}},
      {"too_many_attempts",
       {"尝试次数过多，请 {0} 秒后再试", "嘗試次數過多，請 {0} 秒後再試",
        "Too many attempts; try again in {0} seconds"}},
      {"csrf_missing",
       {"请求缺少 X-Requested-With 头，已拒绝", "請求缺少 X-Requested-With 標頭，已拒絕",
        "Refused: the X-Requested-With header is missing"}},
      {"forbidden",
       {"没有权限执行此操作", "沒有權限執行此操作", "You do not have permission to do this"}},
      {"out_of_scope",
       {"超出您的管辖范围", "超出您的管轄範圍", "Outside your area of responsibility"}},
      // Users.
      {"user_not_found", {"找不到该用户", "找不到該使用者", "No such user"}},
      {"username_taken", {"用户名已被使用", "使用者名稱已被使用", "This username is taken"}},
      {"username_format",
       {"只能用小写字母、数字、点、横线和下划线，3 到 32 个字符",
        "只能用小寫字母、數字、點、橫線和底線，3 到 32 個字元",
        "3 to 32 lowercase letters, digits, dots, dashes or underscores"}},
      {"password_weak",
       {"密码至少 8 个字符", "密碼至少 8 個字元", "The password needs at least 8 characters"}},
      {"role_unknown", {"没有这个角色：{0}", "沒有這個角色：{0}", "No such role: {0}"}},
      {"cannot_disable_self",
       {"不能停用自己的账号", "不能停用自己的帳號", "You cannot disable your own account"}},
      // Regions and audit.
      {"region_not_found", {"找不到区划 {0}", "找不到區劃 {0}", "No region with code {0}"}},
      {"region_files_missing",
       {"{0} 里没有区划代码文件（provinces.csv 等）", "{0} 裡沒有區劃代碼檔案（provinces.csv 等）",
        "No region code files (provinces.csv ...) in {0}"}},
      {"region_file_malformed",
       {"{0} 第 {1} 行格式有误", "{0} 第 {1} 行格式有誤", "{0}, line {1}: malformed CSV"}},
      {"region_code_malformed",
       {"{0} 第 {1} 行：{2} 不是区划代码", "{0} 第 {1} 行：{2} 不是區劃代碼",
        "{0}, line {1}: {2} is not a region code"}},
      {"csv_unterminated_quote",
       {"第 {0} 行的引号没有结束", "第 {0} 行的引號沒有結束", "Line {0}: a quote is never closed"}},
      {"csv_stray_quote",
       {"第 {0} 行有多余的引号", "第 {0} 行有多餘的引號", "Line {0}: a stray quote"}},
      {"version_conflict",
       {"这条记录已被别人修改，请刷新后再试", "這筆記錄已被別人修改，請重新整理後再試",
        "Someone else changed this record; reload and try again"}},
      {"listen_failed",
       {"无法在 {0} 监听：{1}", "無法在 {0} 監聽：{1}", "Cannot listen on {0}: {1}"}},
      {"bad_listen",
       {"监听地址应为 主机:端口，而不是 {0}", "監聽位址應為 主機:連接埠，而不是 {0}",
        "--listen must be host:port, not {0}"}},
      {"audit_entity_unknown",
       {"没有这种记录类型：{0}", "沒有這種記錄類型：{0}", "No such kind of record: {0}"}},
  };
  return kCatalog;
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // The first tag we know wins; q-values are honoured only by order, which is
  // what browsers send.
  std::string h(header);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t pos = 0;
  while (pos < h.size()) {
    size_t end = h.find(',', pos);
    if (end == std::string::npos) end = h.size();
    std::string tag = h.substr(pos, end - pos);
    tag = tag.substr(0, tag.find(';'));
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (tag == "zh-tw" || tag == "zh-hk" || tag == "zh-mo" || tag == "zh-hant" ||
        tag.rfind("zh-hant-", 0) == 0)
      return Lang::kZhTW;
    if (tag.rfind("zh", 0) == 0) return Lang::kZhCN;
    if (tag.rfind("en", 0) == 0) return Lang::kEn;
    pos = end + 1;
  }
  return Lang::kZhCN;
}

std::string_view LangTag(Lang lang) {
  switch (lang) {
    case Lang::kZhTW:
      return "zh-TW";
    case Lang::kEn:
      return "en";
    case Lang::kZhCN:
      break;
  }
  return "zh-CN";
}

std::string Say(const Text& text, Lang lang) {
  const auto& catalog = Catalog();
  auto it = catalog.find(text.key);
  if (it == catalog.end()) return text.key;
  std::string s = lang == Lang::kZhTW ? it->second.zh_tw
                  : lang == Lang::kEn ? it->second.en
                                      : it->second.zh_cn;
  for (size_t i = 0; i < text.args.size(); ++i) {
    const std::string marker = "{" + std::to_string(i) + "}";
    for (size_t p = s.find(marker); p != std::string::npos; p = s.find(marker, p)) {
      s.replace(p, marker.size(), text.args[i]);
      p += text.args[i].size();
    }
  }
  return s;
}

bool HasMessage(std::string_view key) { return Catalog().count(key) > 0; }

std::vector<CatalogEntry> CatalogEntries() {
  std::vector<CatalogEntry> out;
  for (const auto& [key, e] : Catalog()) out.push_back({key, e.zh_cn, e.zh_tw, e.en});
  return out;
}

}  // namespace sl
