#include "api/messages.h"

#include <array>

namespace kehu::api {
namespace {

struct Template {
  const char* code;
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
};

constexpr Template kMessages[] = {
    {"not_found", "记录不存在或无权查看", "記錄不存在或無權查看", "Not found"},
    {"method_not_allowed", "不支持该请求方法", "不支援該請求方法", "Method not allowed"},
    {"unauthenticated", "请先登录", "請先登入", "Please log in"},
    {"invalid_credentials", "用户名或密码错误", "使用者名稱或密碼錯誤", "Wrong username or password"},
    {"too_many_attempts", "登录失败次数过多，请 {retryAfter} 秒后再试", "登入失敗次數過多，請 {retryAfter} 秒後再試",
     "Too many failed attempts; try again in {retryAfter} seconds"},
    {"csrf_failed", "安全校验失败，请刷新页面后重试", "安全校驗失敗，請重新整理頁面後重試",
     "Security check failed; reload the page and try again"},
    {"forbidden", "没有执行此操作的权限", "沒有執行此操作的權限", "You are not allowed to do this"},
    {"validation_failed", "请检查标记的字段", "請檢查標記的欄位", "Please check the marked fields"},
    {"confirmation_required", "请确认以下提示后再保存", "請確認以下提示後再儲存", "Please confirm the warnings and save again"},
    {"numbering_exhausted", "编号规则的序号已用尽，请修改编号规则", "編號規則的序號已用盡，請修改編號規則",
     "The numbering rule has run out of numbers; change the rule"},
    {"version_conflict", "该记录已被他人修改，请重新加载", "該記錄已被他人修改，請重新載入",
     "Someone else changed this record; reload it"},
    {"version_required", "缺少版本号 version", "缺少版本號 version", "The record version is missing"},
    {"wrong_type", "字段类型不正确", "欄位類型不正確", "A field has the wrong type"},
    {"unknown_field", "未知字段：{field}", "未知欄位：{field}", "Unknown field: {field}"},
    {"read_only_field", "字段不可修改：{field}", "欄位不可修改：{field}", "Field is read-only: {field}"},
    {"unknown_operator", "未知的筛选运算符：{operator}", "未知的篩選運算子：{operator}", "Unknown filter operator: {operator}"},
    {"operator_not_supported", "字段 {field} 不支持运算符 {operator}", "欄位 {field} 不支援運算子 {operator}",
     "Operator {operator} does not apply to {field}"},
    {"unknown_sort_field", "无法按该字段排序：{field}", "無法按該欄位排序：{field}", "Cannot sort by: {field}"},
    {"unknown_parameter", "未知参数：{parameter}", "未知參數：{parameter}", "Unknown parameter: {parameter}"},
    {"bad_parameter", "参数值无效：{parameter}", "參數值無效：{parameter}", "Invalid parameter: {parameter}"},
    {"bad_filter_value", "筛选值无效：{field}", "篩選值無效：{field}", "Invalid filter value for {field}"},
    {"unknown_label_layout", "未知的标签规格：{layout}", "未知的標籤規格：{layout}", "Unknown label layout: {layout}"},
    {"too_many_labels", "一次最多打印 {max} 张标签，请缩小筛选范围", "一次最多列印 {max} 張標籤，請縮小篩選範圍",
     "At most {max} labels can be printed at once; narrow the filter"},
    {"too_many_rows", "一次最多输出 {max} 条记录，请缩小筛选范围", "一次最多輸出 {max} 筆記錄，請縮小篩選範圍",
     "At most {max} records can be printed or exported at once; narrow the filter"},
    {"bad_id", "无效的记录编号", "無效的記錄編號", "Invalid record id"},
    {"unknown_entity", "未知的数据类型", "未知的資料類型", "Unknown entity"},
    {"not_searchable", "该数据类型不支持搜索", "該資料類型不支援搜尋", "This entity is not searchable"},
    {"malformed_json", "请求内容不是有效的 JSON", "請求內容不是有效的 JSON", "The request body is not valid JSON"},
    {"json_object_expected", "请求内容必须是 JSON 对象", "請求內容必須是 JSON 物件", "The request body must be a JSON object"},
    {"unsupported_media_type", "请求内容类型必须是 application/json", "請求內容類型必須是 application/json",
     "Content-Type must be application/json"},
    {"payload_too_large", "请求内容过大", "請求內容過大", "The request body is too large"},
    {"invalid_utf8", "请求中含有无效的 UTF-8 文本", "請求中含有無效的 UTF-8 文字", "The request contains invalid UTF-8 text"},
    {"bad_request", "请求无效", "請求無效", "Bad request"},
    {"not_deleted", "记录不在回收站中", "記錄不在回收站中", "The record is not in the recycle bin"},
    {"has_related_records", "仍有关联的{entity}记录，无法彻底删除", "仍有關聯的{entity}記錄，無法徹底刪除",
     "Related {entity} records still point at this record"},
    {"unique_violation", "数据重复，已存在相同的记录", "資料重複，已存在相同的記錄", "A record with the same value exists"},
    {"file_name_required", "请提供文件名", "請提供檔案名稱", "A file name is required"},
    {"file_name_too_long", "文件名过长，最多 {max} 个字符", "檔案名稱過長，最多 {max} 個字元",
     "The file name is too long (at most {max} characters)"},
    {"file_name_invalid", "文件名不能包含斜杠、反斜杠或控制字符", "檔案名稱不能包含斜線、反斜線或控制字元",
     "The file name may not contain slashes, backslashes or control characters"},
    {"file_empty", "文件内容为空", "檔案內容為空", "The file is empty"},
    {"file_too_large", "文件过大，单个文件不能超过 {max} MB", "檔案過大，單一檔案不能超過 {max} MB",
     "The file is too large (at most {max} MB per file)"},
    {"bad_content_type", "文件类型（Content-Type）无效", "檔案類型（Content-Type）無效", "The Content-Type is not a valid media type"},
    {"overloaded", "服务器繁忙，请稍后再试", "伺服器繁忙，請稍後再試", "The server is busy; try again shortly"},
    {"db_unavailable", "数据库暂时不可用", "資料庫暫時無法使用", "The database is unavailable"},
    // Imports (api/import_routes.cc) and the documents library's file errors.
    {"unknown_encoding", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿",
     "無法識別檔案編碼，請另存為 UTF-8 或 Big5 編碼的 CSV，或 Excel 活頁簿",
     "The file's text encoding is not recognized; save it as UTF-8 CSV or as an Excel workbook"},
    {"csv_unterminated_quote", "CSV 格式错误：第 {row} 行的引号没有闭合", "CSV 格式錯誤：第 {row} 行的引號沒有閉合",
     "Malformed CSV: a quote opened on line {row} is never closed"},
    {"csv_field_too_large", "CSV 格式错误：第 {row} 行有单元格内容过长", "CSV 格式錯誤：第 {row} 行有儲存格內容過長",
     "Malformed CSV: a cell on line {row} is too long"},
    {"csv_too_many_columns", "CSV 第 {row} 行的列数过多（最多 {max} 列）", "CSV 第 {row} 行的欄數過多（最多 {max} 欄）",
     "Line {row} of the CSV has too many columns (at most {max})"},
    {"csv_ragged_row", "CSV 第 {row} 行的列数与表头不一致", "CSV 第 {row} 行的欄數與表頭不一致",
     "Line {row} of the CSV has a different number of columns than the header"},
    {"not_xlsx", "文件不是有效的 Excel 工作簿（.xlsx）", "檔案不是有效的 Excel 活頁簿（.xlsx）",
     "The file is not a valid Excel workbook (.xlsx)"},
    {"xlsx_malformed", "Excel 工作簿已损坏，无法读取", "Excel 活頁簿已損毀，無法讀取", "The Excel workbook is damaged and cannot be read"},
    {"xlsx_too_large", "Excel 工作簿解压后过大", "Excel 活頁簿解壓後過大", "The Excel workbook is too large when unpacked"},
    {"xlsx_too_many_rows", "工作表行数过多（最多 {max} 行）", "工作表列數過多（最多 {max} 列）",
     "The worksheet has too many rows (at most {max})"},
    {"xlsx_too_many_columns", "工作表列数过多", "工作表欄數過多", "The worksheet has too many columns"},
    {"import_empty", "文件为空或没有表头行", "檔案為空或沒有表頭列", "The file is empty or has no header row"},
    {"import_no_rows", "文件只有表头，没有数据行", "檔案只有表頭，沒有資料列", "The file has a header row but no data rows"},
    {"import_too_many_rows", "数据行过多，一次最多导入 {max} 行", "資料列過多，一次最多匯入 {max} 列",
     "Too many rows: at most {max} per import"},
    {"missing_column", "缺少必填列：{column}", "缺少必填欄：{column}", "A required column is missing: {column}"},
    {"duplicate_column", "有多列对应同一字段：{column}", "有多欄對應同一欄位：{column}", "Several columns fill the same field: {column}"},
    {"imports_busy", "导入任务过多，请稍后再试", "匯入工作過多，請稍後再試", "Too many imports are waiting; try again shortly"},
    {"import_interrupted", "导入因服务器停止而中断，已写入的批次保留", "匯入因伺服器停止而中斷，已寫入的批次保留",
     "The import was interrupted by a server stop; batches already written are kept"},
    {"import_rows_failed", "写入时有行被拒绝（数据在校验后被修改），之前的批次已写入",
     "寫入時有列被拒絕（資料在校驗後被修改），之前的批次已寫入",
     "Rows were rejected while writing (data changed after validation); earlier batches were written"},
    {"import_template_name", "{entity}导入模板", "{entity}匯入範本", "{entity} import template"},
    {"import_rejected_name", "{entity}导入未通过的行", "{entity}匯入未通過的列", "{entity} rows not imported"},
    {"import_reason_header", "错误原因", "錯誤原因", "Reason"},
    {"import_row_skipped", "已跳过（疑似重复）：", "已略過（疑似重複）：", "Skipped (likely duplicate): "},
    // Field error codes, as an import reports them per row.
    {"required", "必填", "必填", "required"},
    {"unique", "已存在相同的值", "已存在相同的值", "the same value exists already"},
    {"duplicate", "与已有记录疑似重复", "與既有記錄疑似重複", "looks like an existing record"},
    {"duplicate_in_file", "与文件中前面的行重复", "與檔案中前面的列重複", "repeats an earlier row of the file"},
    {"ambiguous", "匹配到多条记录，请改用编号或代码", "匹配到多筆記錄，請改用編號或代碼", "matches several records; use the code or id"},
    {"checksum_mismatch", "校验位不正确", "校驗位不正確", "the check character does not match"},
    {"too_long", "内容过长", "內容過長", "too long"},
    {"invalid_phone", "电话号码格式不正确", "電話號碼格式不正確", "not a valid phone number"},
    {"invalid_email", "电子邮件格式不正确", "電子郵件格式不正確", "not a valid email address"},
    {"invalid_url", "网址格式不正确", "網址格式不正確", "not a valid web address"},
    {"invalid_option", "不是可选的值", "不是可選的值", "not one of the options"},
    {"invalid_boolean", "应为“是”或“否”", "應為「是」或「否」", "should be yes or no"},
    {"invalid_date", "日期格式不正确（如 2026-01-05）", "日期格式不正確（如 2026-01-05）", "not a valid date (e.g. 2026-01-05)"},
    {"invalid_datetime", "时间格式不正确（如 2026-01-05 09:30）", "時間格式不正確（如 2026-01-05 09:30）",
     "not a valid date and time (e.g. 2026-01-05 09:30)"},
    {"invalid_amount", "金额格式不正确", "金額格式不正確", "not a valid amount"},
    {"invalid_currency", "币种不正确", "幣別不正確", "not a valid currency"},
    {"invalid_number", "不是有效的数字", "不是有效的數字", "not a valid number"},
    {"invalid_region", "无法识别的地区", "無法識別的地區", "not a known region"},
    {"invalid_credit_code", "统一社会信用代码格式不正确", "統一社會信用代碼格式不正確", "not a valid unified social credit code"},
    {"invalid_postal_code", "邮政编码应为 6 位数字", "郵遞區號應為 6 位數字", "a postal code has 6 digits"},
    {"unknown_job", "没有这个后台任务", "沒有這個背景工作", "No such job"},
    {"invalid_schedule", "任务计划格式不正确：{schedule}", "工作排程格式不正確：{schedule}",
     "Invalid job schedule: {schedule}"},
    {"scheduler_not_running", "后台任务调度未运行", "背景工作排程未執行", "The job scheduler is not running"},
    {"too_many_reminders", "未触发的提醒过多，请先删除一些", "未觸發的提醒過多，請先刪除一些",
     "Too many pending reminders; delete some first"},
    {"invalid_time_zone", "不是有效的时区（如 Asia/Shanghai）", "不是有效的時區（如 Asia/Taipei）",
     "not a valid time zone (e.g. Asia/Shanghai)"},
    {"too_many_streams", "打开的实时通知连接过多，请关闭一些页面后重试",
     "開啟的即時通知連線過多，請關閉一些頁面後重試",
     "Too many live notification connections are open; close some tabs and try again"},
    {"unknown_template", "邮件模板不存在：{name}", "郵件範本不存在：{name}", "No such mail template: {name}"},
    {"template_invalid", "邮件模板有语法错误", "郵件範本有語法錯誤", "The mail template has a syntax error"},
    {"mail_not_configured", "尚未设置发件服务器和发件人", "尚未設定寄件伺服器和寄件人",
     "Set up the mail server and sender first"},
    {"smtp_failed", "邮件发送失败：{error}", "郵件寄送失敗：{error}", "Sending the mail failed: {error}"},
    {"invalid_smtp_url", "SMTP 地址格式不正确", "SMTP 位址格式不正確", "Not a valid SMTP URL"},
    {"template_syntax", "模板语法错误（检查 {{ }} 是否成对）", "範本語法錯誤（檢查 {{ }} 是否成對）",
     "template syntax error (check that {{ }} tags match)"},
    {"single_line", "不能换行", "不能換行", "must be a single line"},
    {"invalid_port", "端口应在 1–65535 之间", "連接埠應在 1–65535 之間", "a port is between 1 and 65535"},
    {"invalid_host", "主机名格式不正确", "主機名稱格式不正確", "not a valid host name"},
    {"invalid_value", "含有不允许的字符", "含有不允許的字元", "contains characters that are not allowed"},
    {"webhooks_unavailable", "推送服务未运行", "推送服務未執行", "The webhook service is not running"},
    {"unknown_event", "未知的事件（应为 实体.事件，如 customers.created）", "未知的事件（應為 實體.事件，如 customers.created）",
     "unknown event (expected entity.event, e.g. customers.created)"},
    {"too_short", "内容过短", "內容過短", "too short"},
    {"approval_pending", "该记录正在审批中，审批完成或撤回后才能修改", "該記錄正在審批中，審批完成或撤回後才能修改",
     "This record is pending approval; change it after the decision or withdraw it"},
    {"approval_not_pending", "该记录当前没有进行中的审批", "該記錄目前沒有進行中的審批",
     "This record has no approval in progress"},
    {"no_approval_flow", "没有适用于该记录的审批流程，请联系管理员配置", "沒有適用於該記錄的審批流程，請聯絡管理員設定",
     "No approval flow applies to this record; ask an administrator to set one up"},
    {"no_approver", "审批流程第 {step} 步找不到可以审批该记录的人", "審批流程第 {step} 步找不到可以審批該記錄的人",
     "Nobody who may see this record can approve step {step} of the approval flow"},
    {"manager_cycle", "上级关系出现循环，无法确定审批人，请联系管理员", "上級關係出現循環，無法確定審批人，請聯絡管理員",
     "The reporting line loops back on itself; the approvers cannot be found. Ask an administrator"},
    {"already_decided", "您已经处理过这一步审批", "您已經處理過這一步審批", "You have already decided on this step"},
    // The fallback for unknown codes stays last.
    {"internal_error", "服务器内部错误", "伺服器內部錯誤", "Internal server error"},
};

}  // namespace

std::string PickLanguage(std::string_view header, std::string_view fallback) {
  // First listed language we support wins (clients list in preference order).
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(',', pos);
    std::string_view tag = header.substr(pos, end == header.npos ? header.npos : end - pos);
    tag = tag.substr(0, tag.find(';'));
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    std::string lower;
    for (char c : tag) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "zh-tw" || lower == "zh-hk" || lower == "zh-hant" || lower.starts_with("zh-hant")) return "zh-TW";
    if (lower.starts_with("zh")) return "zh-CN";
    if (lower.starts_with("en")) return "en";
    if (end == header.npos) break;
    pos = end + 1;
  }
  return std::string(fallback);
}

std::string Message(const std::string& code, const std::string& lang,
                    const std::map<std::string, std::string>& args) {
  const Template* t = nullptr;
  for (const auto& m : kMessages)
    if (code == m.code) t = &m;
  if (!t) t = &kMessages[std::size(kMessages) - 1];
  std::string text = lang == "en" ? t->en : lang == "zh-TW" ? t->zh_tw : t->zh_cn;
  for (const auto& [key, value] : args) {
    std::string placeholder = "{" + key + "}";
    // Search on after the inserted value: a value may itself contain the placeholder.
    for (size_t p = 0; (p = text.find(placeholder, p)) != std::string::npos; p += value.size())
      text.replace(p, placeholder.size(), value);
  }
  return text;
}

}  // namespace kehu::api
