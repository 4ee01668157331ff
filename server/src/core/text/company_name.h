// The key under which two company names count as the same customer for 查重 (duplicate checks):
// folded (full/half width, case, 繁→简), only letters and digits kept, and the legal form at the
// end dropped, so 北京网联科技有限公司, 北京网联科技股份有限公司 and 北京網聯科技 (有限公司) share
// the key 北京网联科技. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kehu::text {

// Empty when nothing distinctive remains (e.g. the name is only "有限公司").
std::string CompanyNameKey(std::string_view name);

}  // namespace kehu::text
