// Localized error messages. Each error code has one template per language with {arg} placeholders
// filled from Error::args. Languages: zh-CN (default), zh-TW, en.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kehu::api {

// Picks the language from an Accept-Language header ("zh-TW,zh;q=0.9" -> "zh-TW"); zh-CN default.
std::string PickLanguage(std::string_view accept_language, std::string_view fallback = "zh-CN");

std::string Message(const std::string& code, const std::string& lang,
                    const std::map<std::string, std::string>& args = {});

}  // namespace kehu::api
