// Mail templates: every built-in renders in every language, plain text stays plain (no HTML
// escaping), empty parameters drop their lines, and admin texts are checked before saving.
#include "mail/templates.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kehu::mail {
namespace {
namespace json = boost::json;

TEST(MailTemplates, EveryBuiltinRendersInEveryLocaleWithItsParameters) {
  for (const auto& name : TemplateNames()) {
    for (const auto& locale : TemplateLocales()) {
      SCOPED_TRACE(name + "/" + locale);
      const TemplateText* t = BuiltinTemplate(name, locale);
      ASSERT_NE(t, nullptr);
      EXPECT_TRUE(ValidateTemplate(*t).ok());
      json::object params = SampleParams(name, locale);
      auto out = Render(*t, params);
      ASSERT_TRUE(out.ok());
      EXPECT_FALSE(out->subject.empty());
      EXPECT_EQ(out->subject.find('\n'), std::string::npos);
      EXPECT_EQ(out->body.find("{{"), std::string::npos);
      // Every parameter the template declares shows up in the text.
      for (const auto& p : TemplateParams(name)) {
        std::string value = params[p].is_string() ? std::string(params[p].get_string())
                                                  : json::serialize(params[p]);
        EXPECT_NE((out->subject + out->body).find(value), std::string::npos) << p;
      }
    }
  }
}

TEST(MailTemplates, ChineseTextsAreInTheirScript) {
  auto cn = Render(*BuiltinTemplate("approval_requested", "zh-CN"),
                   SampleParams("approval_requested", "zh-CN"));
  auto tw = Render(*BuiltinTemplate("approval_requested", "zh-TW"),
                   SampleParams("approval_requested", "zh-TW"));
  auto en = Render(*BuiltinTemplate("approval_requested", "en"),
                   SampleParams("approval_requested", "en"));
  ASSERT_TRUE(cn.ok() && tw.ok() && en.ok());
  EXPECT_EQ(cn->subject, "【待审批】客户：北京网联科技有限公司");
  EXPECT_NE(tw->subject.find("簽核"), std::string::npos);
  EXPECT_EQ(en->subject, "Approval needed: customer Beijing Wanglian Technology Co., Ltd.");
  EXPECT_NE(cn->body.find("张伟 提交了客户「北京网联科技有限公司」，等待您审批。"),
            std::string::npos);
}

TEST(MailTemplates, PlainTextIsNotHtmlEscaped) {
  TemplateText t{"{{title}}", "{{title}} <{{url}}> \"{{comment}}\""};
  json::object p{
      {"title", "A & B <Ltd>"}, {"url", "https://x.cn/a?b=1&c=2"}, {"comment", "it's \"ok\""}};
  auto out = Render(t, p);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->subject, "A & B <Ltd>");
  EXPECT_EQ(out->body, "A & B <Ltd> <https://x.cn/a?b=1&c=2> \"it's \"ok\"\"");
}

TEST(MailTemplates, EmptyOrMissingCommentLeavesNoLine) {
  const TemplateText* t = BuiltinTemplate("approval_rejected", "zh-CN");
  json::object p{{"title", "客户甲"},
                 {"actor", "李娜"},
                 {"entityLabel", "客户"},
                 {"comment", ""},
                 {"url", nullptr}};
  auto out = Render(*t, p);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->body.find("驳回原因"), std::string::npos) << out->body;
  EXPECT_EQ(out->body.find("修改后可重新提交"), std::string::npos) << out->body;
  EXPECT_EQ(out->body.find("\n\n\n"), std::string::npos) << out->body;
  p["comment"] = "信用代码有误";
  out = Render(*t, p);
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->body.find("驳回原因：信用代码有误\n"), std::string::npos) << out->body;
}

TEST(MailTemplates, SubjectLineBreaksFromParametersBecomeSpaces) {
  auto out =
      Render(TemplateText{"Re: {{title}}", "x"}, json::object{{"title", "a\r\nBcc: evil@x.cn"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->subject, "Re: a  Bcc: evil@x.cn");
}

TEST(MailTemplates, NumbersListsAndNestedValuesRender) {
  auto out =
      Render(TemplateText{"{{n}}", "{{#items}}- {{name}}\n{{/items}}{{a.b}}"},
             json::object{
                 {"n", 42},
                 {"items", json::array{json::object{{"name", "甲"}}, json::object{{"name", "乙"}}}},
                 {"a", json::object{{"b", true}}}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->subject, "42");
  EXPECT_EQ(out->body.rfind("- 甲\n- 乙\n", 0), 0u) << out->body;
}

TEST(MailTemplates, ValidateRejectsOversizedBrokenAndMultiLineTexts) {
  auto fields = [](const TemplateText& t) {
    Status s = ValidateTemplate(t);
    return s.ok() ? std::map<std::string, std::string>{} : s.error().fields;
  };
  std::string long_subject;
  for (int i = 0; i < 501; ++i) long_subject += "字";
  EXPECT_EQ(fields({long_subject, "x"}).at("subject"), "too_long");
  std::string ok_subject;
  for (int i = 0; i < 500; ++i) ok_subject += "字";  // 500 characters, 1500 bytes: allowed
  EXPECT_TRUE(fields({ok_subject, "x"}).empty());
  EXPECT_EQ(fields({"s", std::string(kMaxBodyBytes + 1, 'a')}).at("body"), "too_long");
  EXPECT_EQ(fields({"{{#a}}x", "b"}).at("subject"), "template_syntax");
  EXPECT_EQ(fields({"s", "{{#a}}x{{/b}}"}).at("body"), "template_syntax");
  EXPECT_EQ(fields({"s", "{{unclosed"}).at("body"), "template_syntax");
  EXPECT_EQ(fields({"a\nb", "x"}).at("subject"), "single_line");
  EXPECT_EQ(fields({"", "x"}).at("subject"), "required");
  EXPECT_EQ(fields({"s", " \n"}).at("body"), "required");
  EXPECT_EQ(fields({"s", std::string("\xff\xfe")}).at("body"), "invalid_utf8");
  auto both = fields({"{{", "{{/x}}"});
  EXPECT_EQ(both.size(), 2u);
}

TEST(MailTemplates, LocalesFoldToTheThreeWeHave) {
  EXPECT_EQ(NormalizeLocale("zh-CN"), "zh-CN");
  EXPECT_EQ(NormalizeLocale("zh_tw"), "zh-TW");
  EXPECT_EQ(NormalizeLocale("zh-Hant-HK"), "zh-TW");
  EXPECT_EQ(NormalizeLocale("zh-HK"), "zh-TW");
  EXPECT_EQ(NormalizeLocale("en-US"), "en");
  EXPECT_EQ(NormalizeLocale(""), "zh-CN");
  EXPECT_EQ(NormalizeLocale("fr"), "zh-CN");
  EXPECT_EQ(BuiltinTemplate("approval_requested", "fr"), nullptr);
  EXPECT_EQ(BuiltinTemplate("nope", "en"), nullptr);
}

TEST(MailTemplates, ArgTextHasNoPlaceholderBraces) {
  EXPECT_EQ(ArgText("{name}"), "(name)");
  EXPECT_LE(ArgText(std::string(500, 'x')).size(), 200u);
}

}  // namespace
}  // namespace kehu::mail
