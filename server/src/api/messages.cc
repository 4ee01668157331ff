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
    for (size_t p; (p = text.find(placeholder)) != std::string::npos;) text.replace(p, placeholder.size(), value);
  }
  return text;
}

}  // namespace kehu::api
