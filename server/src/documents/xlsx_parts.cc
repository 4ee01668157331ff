#include "documents/xlsx_parts.h"

#include <cstdlib>
#include <map>
#include <sstream>

#include "documents/xlsx_cells.h"
#include "documents/xlsx_xml.h"

namespace kehu::documents {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct Relationship {
  std::string type;
  std::string target;
};

class RelsHandler : public XmlHandler {
 public:
  std::map<std::string, Relationship> by_id;

  // The target of the first relationship whose type ends with `/type_suffix`, or "".
  std::string TargetOfType(std::string_view type_suffix) const {
    for (const auto& [id, rel] : by_id)
      if (EndsWith(rel.type, type_suffix)) return rel.target;
    return {};
  }

  void OnStart(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    by_id[id] = {type, target};
  }
  void OnEnd(std::string_view) override {}
};

class WorkbookHandler : public XmlHandler {
 public:
  std::string first_sheet_rel;
  bool date1904 = false;

  void OnStart(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet" && first_sheet_rel.empty()) {
      const char* id = Attr(attrs, "id");  // r:id
      if (id) first_sheet_rel = id;
    }
  }
  void OnEnd(std::string_view) override {}
};

class StylesHandler : public XmlHandler {
 public:
  std::map<int, std::string> custom_formats;
  std::vector<int> cell_formats;  // numFmtId by cellXfs index

  void OnStart(std::string_view name, const char** attrs) override {
    if (name == "cellXfs") in_cell_xfs_ = true;
    if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (id && code) custom_formats[std::atoi(id)] = code;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      cell_formats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string> strings;

  void OnStart(std::string_view name, const char**) override {
    if (name == "si")
      current_.clear();
    else if (name == "rPh")
      ++phonetic_depth_;  // furigana runs are not part of the value
    else if (name == "t")
      in_text_ = phonetic_depth_ == 0;
  }
  void OnEnd(std::string_view name) override {
    if (name == "si")
      strings.push_back(UnescapeOoxml(current_));
    else if (name == "rPh")
      --phonetic_depth_;
    else if (name == "t")
      in_text_ = false;
  }
  void OnText(std::string_view text) override {
    if (in_text_) current_.append(text);
  }

 private:
  std::string current_;
  int phonetic_depth_ = 0;
  bool in_text_ = false;
};

std::string DirOf(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string RelsPartOf(const std::string& part) {
  size_t slash = part.rfind('/');
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + file + ".rels";
}

Result<RelsHandler> LoadRels(ZipReader& zip, const std::string& part, uint64_t& budget) {
  RelsHandler rels;
  if (zip.Has(part)) KEHU_TRY(ParseXmlPart(zip, part, budget, rels));
  return rels;
}

Status LoadStyles(ZipReader& zip, const std::string& part, uint64_t& budget,
                  XlsxWorkbookInfo& info) {
  StylesHandler styles;
  KEHU_TRY(ParseXmlPart(zip, part, budget, styles));
  for (int id : styles.cell_formats) {
    auto custom = styles.custom_formats.find(id);
    info.date_styles.push_back(
        IsDateFormat(id, custom == styles.custom_formats.end() ? "" : custom->second));
  }
  return Ok();
}

}  // namespace

std::string ResolvePartName(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string seg; std::getline(in, seg, '/');) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

Result<XlsxWorkbookInfo> LoadWorkbookInfo(ZipReader& zip, uint64_t& budget) {
  KEHU_ASSIGN(RelsHandler root, LoadRels(zip, "_rels/.rels", budget));
  std::string workbook = root.TargetOfType("/officeDocument");
  workbook = workbook.empty() ? "xl/workbook.xml" : ResolvePartName("", workbook);
  if (!zip.Has(workbook)) return InvalidInput("not_xlsx").Detail("no workbook part");

  WorkbookHandler wb;
  KEHU_TRY(ParseXmlPart(zip, workbook, budget, wb));
  KEHU_ASSIGN(RelsHandler rels, LoadRels(zip, RelsPartOf(workbook), budget));
  auto sheet = rels.by_id.find(wb.first_sheet_rel);
  if (sheet == rels.by_id.end()) return InvalidInput("not_xlsx").Detail("no worksheet");

  XlsxWorkbookInfo info;
  info.date1904 = wb.date1904;
  std::string dir = DirOf(workbook);
  info.first_sheet_part = ResolvePartName(dir, sheet->second.target);
  if (std::string ss = rels.TargetOfType("/sharedStrings"); !ss.empty()) {
    SharedStringsHandler strings;
    KEHU_TRY(ParseXmlPart(zip, ResolvePartName(dir, ss), budget, strings));
    info.shared_strings = std::move(strings.strings);
  }
  if (std::string styles = rels.TargetOfType("/styles"); !styles.empty())
    KEHU_TRY(LoadStyles(zip, ResolvePartName(dir, styles), budget, info));
  return info;
}

}  // namespace kehu::documents
