#include "documents/csv_reader.h"

#include <algorithm>

namespace kehu::documents {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsBreak(char c) { return c == '\r' || c == '\n'; }

}  // namespace

bool CsvRow::IsBlank() const {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

char SniffDelimiter(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: no change
    if (quoted) continue;
    if (IsBreak(c)) break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma && semicolon > tab) return ';';
  return ',';
}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : text_(text),
      options_(options),
      delimiter_(options.delimiter ? options.delimiter : SniffDelimiter(text)) {
  if (text_.substr(0, kUtf8Bom.size()) == kUtf8Bom) pos_ = kUtf8Bom.size();
}

bool CsvReader::AtLineBreak() const { return pos_ < text_.size() && IsBreak(text_[pos_]); }

void CsvReader::ConsumeLineBreak() {
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

// Line breaks inside a quoted field still count as physical lines; CRLF counts once.
void CsvReader::CountLineBreaks(std::string_view chunk) {
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (chunk[i] == '\n') ++line_;
    if (chunk[i] == '\r' && (i + 1 == chunk.size() || chunk[i + 1] != '\n')) ++line_;
  }
}

Error CsvReader::Fail(std::string code, int64_t row_line) {
  pos_ = text_.size();
  return InvalidInput(std::move(code)).Arg("row", std::to_string(row_line));
}

Status CsvReader::ReadField(std::string& field, int64_t row_line) {
  field.clear();
  if (pos_ < text_.size() && text_[pos_] == '"') {
    ++pos_;
    for (;;) {
      size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) return Fail("csv_unterminated_quote", row_line);
      std::string_view chunk = text_.substr(pos_, quote - pos_);
      CountLineBreaks(chunk);
      field.append(chunk);
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {  // "" inside quotes is one quote
        field += '"';
        ++pos_;
        continue;
      }
      break;
    }
  }
  // Unquoted text, or whatever follows a closing quote up to the delimiter or the line's end.
  size_t end = pos_;
  while (end < text_.size() && text_[end] != delimiter_ && !IsBreak(text_[end])) ++end;
  field.append(text_.substr(pos_, end - pos_));
  pos_ = end;
  if (field.size() > options_.max_field_bytes) return Fail("csv_field_too_large", row_line);
  return Ok();
}

Result<bool> CsvReader::Next(CsvRow& row) {
  while (AtLineBreak()) ConsumeLineBreak();  // empty lines, and the final line break
  if (pos_ >= text_.size()) return false;
  row.line = line_;
  row.index = ++index_;
  size_t count = 0;
  for (;;) {
    if (count == options_.max_columns)
      return Fail("csv_too_many_columns", row.line).Arg("max", std::to_string(count));
    if (row.fields.size() <= count) row.fields.emplace_back();
    KEHU_TRY(ReadField(row.fields[count], row.line));
    ++count;
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    if (AtLineBreak()) ConsumeLineBreak();
    break;
  }
  row.fields.resize(count);
  if (row.index == 1) expected_fields_ = count;
  if (options_.reject_ragged && count != expected_fields_) {
    return Fail("csv_ragged_row", row.line)
        .Arg("expected", std::to_string(expected_fields_))
        .Arg("found", std::to_string(count));
  }
  return true;
}

Status ReadCsv(std::string_view text, const CsvOptions& options,
               const std::function<Status(const CsvRow&)>& fn) {
  CsvReader reader(text, options);
  CsvRow row;
  for (;;) {
    KEHU_ASSIGN(bool more, reader.Next(row));
    if (!more) return Ok();
    KEHU_TRY(fn(row));
  }
}

}  // namespace kehu::documents
