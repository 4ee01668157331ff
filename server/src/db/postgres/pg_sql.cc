#include "db/postgres/pg_sql.h"

#include <charconv>
#include <cmath>

namespace kehu::db::pg {
namespace {

bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentChar(char c) { return IsTagChar(c) || c == '$'; }

// Each Skip* gets the position of the opening character and returns the position just past the
// construct (or the end of the text when it is unterminated).
size_t SkipQuoted(std::string_view s, size_t i, char quote, bool backslash_escapes) {
  for (++i; i < s.size(); ++i) {
    if (backslash_escapes && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      // A doubled quote is an escaped quote, not the end.
      if (i + 1 < s.size() && s[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return s.size();
}

size_t SkipLineComment(std::string_view s, size_t i) {
  size_t end = s.find('\n', i);
  return end == std::string_view::npos ? s.size() : end + 1;
}

// Block comments nest in PostgreSQL.
size_t SkipBlockComment(std::string_view s, size_t i) {
  int depth = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (s.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return s.size();
}

// `$tag$ ... $tag$` (tag may be empty). Returns npos when `$` does not open one (e.g. `$1`).
size_t SkipDollarQuoted(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] >= '0' && s[j] <= '9') return std::string_view::npos;
  while (j < s.size() && IsTagChar(s[j])) ++j;
  if (j >= s.size() || s[j] != '$') return std::string_view::npos;
  std::string_view tag = s.substr(i, j - i + 1);
  size_t end = s.find(tag, j + 1);
  return end == std::string_view::npos ? s.size() : end + tag.size();
}

}  // namespace

TranslatedSql TranslatePlaceholders(std::string_view s) {
  TranslatedSql out;
  out.sql.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    size_t next = i + 1;
    if (c == '\'') {
      bool escapes =
          i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') && (i < 2 || !IsIdentChar(s[i - 2]));
      next = SkipQuoted(s, i, '\'', escapes);
    } else if (c == '"') {
      next = SkipQuoted(s, i, '"', false);
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      next = SkipLineComment(s, i);
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      next = SkipBlockComment(s, i);
    } else if (c == '$' && (i == 0 || !IsIdentChar(s[i - 1]))) {
      size_t end = SkipDollarQuoted(s, i);
      if (end != std::string_view::npos) next = end;
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      i = next;
      continue;
    }
    out.sql.append(s.substr(i, next - i));
    i = next;
  }
  return out;
}

std::string TextArrayLiteral(const std::vector<std::string>& elements) {
  std::string out = "{";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : elements[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string DoubleText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, end);
}

}  // namespace kehu::db::pg
