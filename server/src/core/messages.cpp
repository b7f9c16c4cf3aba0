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
      // Registry.
      {"field_date",
       {"日期格式应为 2022-10-20", "日期格式應為 2022-10-20", "Write the date as 2022-10-20"}},
      {"field_date_future",
       {"日期不能晚于今天", "日期不能晚於今天", "The date cannot be after today"}},
      {"field_date_order",
       {"结束日期应晚于开始日期", "結束日期應晚於開始日期", "The end must come after the start"}},
      {"field_choice", {"应为以下之一：{0}", "應為以下之一：{0}", "Must be one of: {0}"}},
      {"field_object", {"格式有误", "格式有誤", "Must be an object"}},
      {"field_not_negative", {"不能为负数", "不能為負數", "Cannot be negative"}},
      {"person_not_found", {"找不到该人员", "找不到該人員", "No such person"}},
      {"person_gender_mismatch",
       {"与身份证号码中的性别不符", "與身分證號碼中的性別不符",
        "Does not match the gender in the ID-card number"}},
      {"person_birth_mismatch",
       {"与身份证号码中的出生日期（{0}）不符", "與身分證號碼中的出生日期（{0}）不符",
        "Does not match the birth date in the ID-card number ({0})"}},
      {"person_id_card_taken",
       {"已有人员使用这个身份证号码", "已有人員使用這個身分證號碼",
        "Another person has this ID-card number"}},
      {"person_id_card_deleted",
       {"这个身份证号码属于一位已删除的人员", "這個身分證號碼屬於一位已刪除的人員",
        "This ID-card number belongs to a deleted person"}},
      {"post_not_found", {"找不到该职务", "找不到該職務", "No such post"}},
      {"party_stage_skip",
       {"从“{0}”不能直接到“{1}”，下一步应为“{2}”", "從「{0}」不能直接到「{1}」，下一步應為「{2}」",
        "From \"{0}\" a person cannot go straight to \"{1}\"; the next stage is \"{2}\""}},
      {"party_stage_backward",
       {"当前已是“{0}”，不能退回", "目前已是「{0}」，不能退回",
        "Already \"{0}\"; stages only move forward"}},
      {"party_stage_none",
       {"此人还没有入党阶段记录", "此人還沒有入黨階段記錄",
        "This person has no party stage to end"}},
      {"party_stage_date",
       {"日期不能早于当前阶段的开始日期 {0}", "日期不能早於目前階段的開始日期 {0}",
        "The date cannot be before the current stage began ({0})"}},
      {"party_stage_form",
       {"请填写阶段和起始日期", "請填寫階段和起始日期", "Give the stage and the date it began"}},
      {"organization_not_found", {"找不到该组织", "找不到該組織", "No such organization"}},
      {"organization_parent_self",
       {"上级组织不能是它自己", "上級組織不能是它自己",
        "An organization cannot be its own parent"}},
      {"organization_taken",
       {"该区划已有同名同类组织", "該區劃已有同名同類組織",
        "This region already has an organization of that kind and name"}},
      {"member_not_found", {"找不到该成员记录", "找不到該成員記錄", "No such member record"}},
      {"member_already", {"此人已经是成员", "此人已經是成員", "This person is already a member"}},
      {"field_range", {"数值超出范围", "數值超出範圍", "Out of range"}},
      {"project_not_found", {"找不到该项目", "找不到該項目", "No such project"}},
      {"pairing_not_found", {"找不到该包保记录", "找不到該包保記錄", "No such pairing"}},
      {"pairing_level", {"包保层级应为 1 至 6", "包保層級應為 1 至 6", "The level is 1 to 6"}},
      {"pairing_target_not_found", {"找不到包保对象", "找不到包保對象", "No such target"}},
      {"pairing_target_not_entrepreneur",
       {"此人当天不是商会会员（企业家）", "此人當天不是商會會員（企業家）",
        "This person is not a chamber member (entrepreneur) on that date"}},
      {"pairing_target_not_village",
       {"第二级包保的对象应为村（社区）", "第二級包保的對象應為村（社區）",
        "Level 2 pairs with a village"}},
      {"pairing_target_not_group",
       {"第三级包保的对象应为村民小组", "第三級包保的對象應為村民小組",
        "Level 3 pairs with a villager group"}},
      {"pairing_source_not_leader",
       {"只有本镇领导班子成员可以包保企业家", "只有本鎮領導班子成員可以包保企業家",
        "Only a member of the town's leadership team can answer for an entrepreneur"}},
      {"pairing_source_not_resident_cadre",
       {"只有驻该村或本镇的驻村干部可以包保村", "只有駐該村或本鎮的駐村幹部可以包保村",
        "Only a resident cadre of this village or town can answer for a village"}},
      {"pairing_source_not_village_cadre",
       {"村干部只能包保本村的村民小组", "村幹部只能包保本村的村民小組",
        "A village cadre answers only for groups of their own village"}},
      {"pairing_source_not_entrepreneur",
       {"只有本镇商会的企业家可以包保项目", "只有本鎮商會的企業家可以包保項目",
        "Only an entrepreneur of this town's chamber can answer for a project"}},
      {"post_county_cadre_region",
       {"县直干部应任职于县（市、区）或以上", "縣直幹部應任職於縣（市、區）或以上",
        "A county cadre's post is at a county or above"}},
      {"pairing_target_not_activist",
       {"此人当天不是入党积极分子或发展对象", "此人當天不是入黨積極分子或發展對象",
        "This person is not a party activist or candidate on that date"}},
      {"pairing_source_not_party_member",
       {"培养联系人应为同一乡镇的正式党员", "培養聯繫人應為同一鄉鎮的正式黨員",
        "A mentor is a full party member of the same town"}},
      {"pairing_source_not_county_cadre",
       {"只有企业所在县的县直干部可以联系企业", "只有企業所在縣的縣直幹部可以聯繫企業",
        "Only a county cadre of the enterprise's county can answer for it"}},
      {"pairing_duplicate",
       {"此人在这段时间已经包保该对象", "此人在這段時間已經包保該對象",
        "This person already answers for this target then"}},
      {"pairing_before_start",
       {"不能早于原包保开始日期 {0}", "不能早於原包保開始日期 {0}",
        "Cannot be before the pairing's start, {0}"}},
      {"pairing_after_end",
       {"不能晚于原包保结束日期 {0}", "不能晚於原包保結束日期 {0}",
        "Cannot be after the pairing's end, {0}"}},
      {"plan_not_found", {"找不到这个分配方案", "找不到這個分配方案", "No such assignment plan"}},
      {"plan_applied",
       {"这个方案已经应用过了", "這個方案已經套用過了", "This plan has already been applied"}},
      {"plan_stale",
       {"方案生成后人员、对象或包保关系有变动，请重新生成",
        "方案產生後人員、對象或包保關係有變動，請重新產生",
        "People, targets or pairings changed since the plan was made; make a new plan"}},
      {"plan_infeasible",
       {"方案不能满足全部规则，不能应用；请先按建议调整",
        "方案不能滿足全部規則，不能套用；請先按建議調整",
        "The plan cannot meet every rule and cannot be applied; make the suggested changes first"}},
      {"pairing_sheet_target_fixed",
       {"编号对应的包保对象或层级与此行不同；换对象请新增一行",
        "編號對應的包保對象或層級與此列不同；換對象請新增一列",
        "The pairing with this ID has another target or level; add a new row for a new target"}},
      {"pairing_start_fixed",
       {"开始日期不能修改；如需更换包保人，请指定新的包保人",
        "開始日期不能修改；如需更換包保人，請指定新的包保人",
        "The start cannot change; to re-pair, name the new person"}},
      {"rule_not_found", {"找不到该规则", "找不到該規則", "No such rule"}},
      {"rule_max_below_min",
       {"上限不能小于下限", "上限不能小於下限", "The maximum cannot be below the minimum"}},
      {"rule_filter", {"筛选条件无效", "篩選條件無效", "Not a valid filter"}},
      {"contact_not_found", {"找不到该联系记录", "找不到該聯繫記錄", "No such contact"}},
      {"enterprise_not_found", {"找不到该企业", "找不到該企業", "No such enterprise"}},
      {"enterprise_uscc_taken",
       {"已有企业使用这个统一社会信用代码", "已有企業使用這個統一社會信用代碼",
        "Another enterprise has this credit code"}},
      {"membership_not_found", {"找不到该会员记录", "找不到該會員記錄", "No such membership"}},
      {"chamber_not_found", {"找不到该商会", "找不到該商會", "No such chamber of commerce"}},
      // Spreadsheets.
      {"sheet_region_unknown",
       {"找不到区划“{0}”，请从下拉列表选择或填写区划代码",
        "找不到區劃「{0}」，請從下拉清單選擇或填寫區劃代碼",
        "No region \"{0}\": pick one from the list or give its code"}},
      {"sheet_ambiguous",
       {"“{0}”不止一个，请写成“名称（编号）”", "「{0}」不止一個，請寫成「名稱（編號）」",
        "More than one \"{0}\": write it as name (ID)"}},
      {"sheet_not_found", {"找不到“{0}”", "找不到「{0}」", "Cannot find \"{0}\""}},
      {"sheet_money",
       {"应为金额（万元），如 50 或 12.5", "應為金額（萬元），如 50 或 12.5",
        "Must be an amount in 10,000 yuan, such as 50 or 12.5"}},
      {"sheet_empty", {"文件是空的", "檔案是空的", "The file is empty"}},
      {"sheet_no_rows", {"文件里没有数据行", "檔案裡沒有資料列", "The file has no data rows"}},
      {"sheet_column_missing", {"缺少“{0}”列", "缺少「{0}」欄", "The column \"{0}\" is missing"}},
      {"sheet_no_file", {"没有收到文件", "沒有收到檔案", "No file was received"}},
      {"sheet_choose", {"请从下拉列表中选择", "請從下拉清單中選擇", "Choose from the list"}},
      {"sheet_help_name", {"说明", "說明", "Instructions"}},
      {"sheet_help_intro",
       {"填写第一个工作表后导入。带 * 的列必填；第 2 "
        "行是示例，可以保留或删除。导入前会先检查，有错误时不会保存任何数据。",
        "填寫第一個工作表後匯入。帶 * 的欄必填；第 2 "
        "列是範例，可以保留或刪除。匯入前會先檢查，有錯誤時不會儲存任何資料。",
        "Fill in the first sheet and import it. Columns marked * are required; row 2 is an example "
        "you may keep or delete. The file is checked first; if any row is wrong, nothing is "
        "saved."}},
      {"sheet_name_people", {"人员台账", "人員台帳", "People"}},
      {"sheet_name_organizations", {"组织台账", "組織台帳", "Organizations"}},
      {"sheet_name_enterprises", {"企业台账", "企業台帳", "Enterprises"}},
      {"sheet_name_memberships", {"商会会员台账", "商會會員台帳", "Chamber members"}},
      {"sheet_name_pairings", {"包保台账", "包保台帳", "Pairings"}},
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
      // Spreadsheet and text files (io): reading uploads, writing exports.
      {"csv_record_too_large",
       {"第 {0} 行的记录过长，可能是引号没有配对", "第 {0} 行的記錄過長，可能是引號沒有配對",
        "Line {0}: the record is too long; perhaps a quote is never closed"}},
      {"io_open_failed", {"无法打开文件 {0}", "無法開啟檔案 {0}", "Cannot open the file {0}"}},
      {"encoding_invalid",
       {"第 {0} 行不是有效的 {1} 文字，请在 Excel 中另存为“CSV UTF-8”后再试",
        "第 {0} 行不是有效的 {1} 文字，請在 Excel 中另存為「CSV UTF-8」後再試",
        "Line {0} is not valid {1} text; save the file as \"CSV UTF-8\" in Excel and try again"}},
      {"table_xls_unsupported",
       {"{0} 是旧版 .xls 或加了密码的 Excel 文件，请在 Excel 中另存为 .xlsx（不设密码）后再导入",
        "{0} 是舊版 .xls 或設有密碼的 Excel 檔案，請在 Excel 中另存為 .xlsx（不設密碼）後再匯入",
        "{0} is an old .xls or a password-protected workbook; save it as .xlsx without a "
        "password and import that"}},
      {"table_format_unsupported",
       {"无法读取 {0}：请上传 .xlsx 或 .csv 文件（可在 Excel 或 WPS 中另存为 .xlsx）",
        "無法讀取 {0}：請上傳 .xlsx 或 .csv 檔案（可在 Excel 或 WPS 中另存為 .xlsx）",
        "Cannot read {0}: upload an .xlsx or .csv file (Excel and WPS can save as .xlsx)"}},
      {"xlsx_not_zip",
       {"文件不是有效的 .xlsx 工作簿，可能已损坏", "檔案不是有效的 .xlsx 活頁簿，可能已損壞",
        "The file is not a valid .xlsx workbook; it may be damaged"}},
      {"xlsx_corrupt",
       {"Excel 文件已损坏（{0}）", "Excel 檔案已損壞（{0}）", "The workbook is damaged ({0})"}},
      {"xlsx_missing_part",
       {"Excel 文件不完整：缺少 {0}", "Excel 檔案不完整：缺少 {0}",
        "The workbook is incomplete: {0} is missing"}},
      {"xlsx_encrypted",
       {"Excel 文件中有加密的内容，请取消密码后再导入",
        "Excel 檔案中有加密的內容，請取消密碼後再匯入",
        "Part of the workbook is encrypted; remove the password and try again"}},
      {"xlsx_part_too_large",
       {"Excel 文件中的 {0} 解压后超过 {1} 字节，无法读取",
        "Excel 檔案中的 {0} 解壓縮後超過 {1} 位元組，無法讀取",
        "{0} in the workbook is larger than {1} bytes uncompressed"}},
      {"xlsx_too_many_strings",
       {"Excel 文件中的文字超过 {0} 条，无法读取", "Excel 檔案中的文字超過 {0} 筆，無法讀取",
        "The workbook has more than {0} distinct texts"}},
      {"xlsx_too_many_sheets",
       {"Excel 文件中的工作表超过 {0} 个", "Excel 檔案中的工作表超過 {0} 個",
        "The workbook has more than {0} sheets"}},
      {"xlsx_string_too_long",
       {"Excel 文件中第 {0} 条文字超过 {1} 字节", "Excel 檔案中第 {0} 筆文字超過 {1} 位元組",
        "Text number {0} of the workbook is longer than {1} bytes"}},
      {"xlsx_malformed_xml",
       {"Excel 文件已损坏：{0} 第 {1} 行格式有误（{2}）",
        "Excel 檔案已損壞：{0} 第 {1} 行格式有誤（{2}）",
        "The workbook is damaged: {0}, line {1}: {2}"}},
      {"xlsx_cell_too_long",
       {"工作表“{0}”的单元格 {1} 内容超过 {2} 字节",
        "工作表「{0}」的儲存格 {1} 內容超過 {2} 位元組",
        "Sheet \"{0}\", cell {1}: more than {2} bytes"}},
      {"xlsx_row_too_large",
       {"工作表“{0}”第 {1} 行的内容过多", "工作表「{0}」第 {1} 列的內容過多",
        "Sheet \"{0}\", row {1}: too much content"}},
      {"xlsx_bad_row_number",
       {"工作表“{0}”的行号 {1} 无效", "工作表「{0}」的列號 {1} 無效",
        "Sheet \"{0}\": {1} is not a valid row number"}},
      {"xlsx_bad_cell_ref",
       {"工作表“{0}”的单元格位置 {1} 无效", "工作表「{0}」的儲存格位置 {1} 無效",
        "Sheet \"{0}\": {1} is not a valid cell reference"}},
      {"xlsx_too_many_columns",
       {"工作表“{0}”第 {1} 行超过 16384 列", "工作表「{0}」第 {1} 列超過 16384 欄",
        "Sheet \"{0}\", row {1}: more than 16384 columns"}},
      {"xlsx_bad_shared_string",
       {"工作表“{0}”的单元格 {1} 引用了不存在的文字",
        "工作表「{0}」的儲存格 {1} 參照了不存在的文字",
        "Sheet \"{0}\", cell {1} refers to a text that does not exist"}},
      {"xlsx_no_sheets",
       {"Excel 文件中没有可见的工作表", "Excel 檔案中沒有可見的工作表",
        "The workbook has no visible worksheet"}},
      {"xlsx_sheet_not_found",
       {"找不到工作表“{0}”", "找不到工作表「{0}」", "No sheet named \"{0}\""}},
      {"xlsx_sheet_name",
       {"工作表名称“{0}”无效：最多 31 个字符，不能含 [ ] : * ? / \\，不能重名",
        "工作表名稱「{0}」無效：最多 31 個字元，不能含 [ ] : * ? / \\，不能重複",
        "Sheet name \"{0}\" is not valid: at most 31 characters, none of [ ] : * ? / \\, "
        "and unique"}},
      {"xlsx_write_failed",
       {"生成 Excel 文件失败：{0}", "產生 Excel 檔案失敗：{0}",
        "Could not write the workbook: {0}"}},
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
      // Registry validators: ID card numbers, unified social credit codes, phones.
      {"id_card_length",
       {"身份证号应为 18 位，现在是 {0} 位", "身分證號碼應為 18 位，現在是 {0} 位",
        "An ID card number has 18 characters, not {0}"}},
      {"id_card_characters",
       {"第 {0} 位“{1}”有误：前 17 位应为数字，最后一位为数字或 X",
        "第 {0} 位「{1}」有誤：前 17 位應為數字，最後一位為數字或 X",
        "Character {0} (\"{1}\") is wrong: the first 17 are digits, the last a digit or X"}},
      {"id_card_region",
       {"前两位 {0} 不是省级行政区划代码", "前兩位 {0} 不是省級行政區劃代碼",
        "The first two digits, {0}, are not a province code"}},
      {"id_card_birth_date",
       {"第 7–14 位的出生日期 {0} 不存在", "第 7–14 位的出生日期 {0} 不存在",
        "Digits 7 to 14 give the birth date {0}, which does not exist"}},
      {"id_card_birth_early",
       {"出生日期 {0} 早于 1900 年", "出生日期 {0} 早於 1900 年",
        "The birth date {0} is before 1900"}},
      {"id_card_birth_future",
       {"出生日期 {0} 晚于今天", "出生日期 {0} 晚於今天", "The birth date {0} is after today"}},
      {"id_card_check_digit",
       {"校验码不符：按前 17 位计算，最后一位应为 {0}，请核对号码",
        "檢查碼不符：依前 17 位計算，最後一位應為 {0}，請核對號碼",
        "The check character does not match: from the first 17 digits the last one "
        "should be {0}; please check the number"}},
      {"uscc_length",
       {"统一社会信用代码应为 18 位，现在是 {0} 位", "統一社會信用代碼應為 18 位，現在是 {0} 位",
        "A unified social credit code has 18 characters, not {0}"}},
      {"uscc_characters",
       {"第 {0} 位“{1}”不能用：只用数字和大写字母，不用 I、O、Z、S、V",
        "第 {0} 位「{1}」不能用：只用數字和大寫字母，不用 I、O、Z、S、V",
        "Character {0} (\"{1}\") is not allowed: use digits and capital letters "
        "except I, O, Z, S and V"}},
      {"uscc_region",
       {"第 3–8 位是登记机关的行政区划代码，应为数字，第 {0} 位却是“{1}”",
        "第 3–8 位是登記機關的行政區劃代碼，應為數字，第 {0} 位卻是「{1}」",
        "Characters 3 to 8 are the registering authority's region code and must be digits; "
        "character {0} is \"{1}\""}},
      {"uscc_authority",
       {"第 1 位“{0}”不是登记管理部门代码（1–9、A、N、Y）",
        "第 1 位「{0}」不是登記管理部門代碼（1–9、A、N、Y）",
        "The first character, \"{0}\", is not a registration authority (1-9, A, N, Y)"}},
      {"uscc_org_check",
       {"第 9–17 位（组织机构代码）有误：按第 9–16 位计算，第 17 位应为 {0}，请核对代码",
        "第 9–17 位（組織機構代碼）有誤：依第 9–16 位計算，第 17 位應為 {0}，請核對代碼",
        "Characters 9 to 17 (the organization code) do not match: from characters 9 to 16 "
        "the 17th should be {0}; please check the code"}},
      {"uscc_check",
       {"校验码不符：按前 17 位计算，最后一位应为 {0}，请核对代码",
        "檢查碼不符：依前 17 位計算，最後一位應為 {0}，請核對代碼",
        "The check character does not match: from the first 17 characters the last one "
        "should be {0}; please check the code"}},
      {"phone_characters",
       {"电话号码只能包含数字、空格、横线、括号和开头的 +86",
        "電話號碼只能包含數字、空格、橫線、括號和開頭的 +86",
        "A phone number may contain only digits, spaces, dashes, parentheses and a leading +86"}},
      {"phone_country",
       {"只支持中国大陆的号码（+86）", "只支援中國大陸的號碼（+86）",
        "Only mainland China numbers (+86) are accepted"}},
      {"phone_mobile",
       {"手机号应为 11 位数字，以 13–19 开头", "手機號碼應為 11 位數字，以 13–19 開頭",
        "A mobile number has 11 digits and starts with 13 to 19"}},
      {"phone_landline",
       {"固定电话应为区号加 7–8 位号码，例如 0746-7654321",
        "市話應為區碼加 7–8 位號碼，例如 0746-7654321",
        "A landline number is an area code and 7 or 8 digits, such as 0746-7654321"}},
      {"phone_area_code",
       {"固定电话请加区号，例如 0746-7654321", "市話請加上區碼，例如 0746-7654321",
        "Add the area code to a landline number, such as 0746-7654321"}},
      {"phone_extension",
       {"分机号应为 1–6 位数字，且只能跟在固定电话后", "分機號碼應為 1–6 位數字，且只能接在市話後",
        "An extension has 1 to 6 digits and only follows a landline number"}},
      {"phone_format",
       {"请填写 11 位手机号或带区号的固定电话", "請填寫 11 位手機號碼或含區碼的市話",
        "Enter an 11-digit mobile number or a landline number with its area code"}},
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
    // Built in steps: g++ 12 at -O3 warns (-Wrestrict) on "{" + to_string + "}".
    std::string marker(1, '{');
    marker += std::to_string(i);
    marker += '}';
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
