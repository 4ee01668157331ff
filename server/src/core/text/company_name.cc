#include "core/text/company_name.h"

#include "core/text/chars.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace kehu::text {
namespace {

// Legal forms and their English equivalents, longest first so that 股份有限公司 wins over 公司.
constexpr std::string_view kLegalForms[] = {
    "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司",
    "有限公司", "集团公司", "分公司", "总公司", "公司", "集团",
    "corporation", "company", "limited", "coltd", "corp", "ltd", "inc", "co",
};

}  // namespace

std::string CompanyNameKey(std::string_view name) {
  std::string folded = Fold(name);
  std::string key;
  for (size_t pos = 0; pos < folded.size();) {
    size_t start = pos;
    char32_t cp = NextCodePoint(folded, pos);
    if (IsWordChar(cp)) key.append(folded, start, pos - start);
  }
  // Drop legal forms from the end, repeatedly: "网联科技集团有限公司" → "网联科技".
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (std::string_view form : kLegalForms) {
      if (key.ends_with(form)) {
        key.resize(key.size() - form.size());
        dropped = true;
        break;
      }
    }
  }
  return key;
}

}  // namespace kehu::text
