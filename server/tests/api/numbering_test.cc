// Numbering rules: 客户代码 from a pattern, unique under concurrency, never issued twice; admins
// change the rule, bad rules are refused and change nothing.
#include <mutex>
#include <set>
#include <thread>

#include "harness.h"

namespace kehu::apitest {
namespace {

class NumberingTest : public ApiTest {};

TEST_F(NumberingTest, CustomersWithoutACodeGetTheNextNumberOfTheDefaultRule) {
  HttpResponse rule = admin->Get("/api/v1/numbering/customers");
  ASSERT_EQ(rule.status, 200) << rule.Describe();
  EXPECT_EQ(Str(rule.json, "pattern"), "KH{yyyy}{MM}-{seq:5}");
  EXPECT_EQ(Str(rule.json, "reset"), "monthly");
  std::string next = Str(rule.json, "next");
  json::object c = CreateCustomer({{"name", "编号公司甲"}});
  EXPECT_EQ(Str(c, "code"), next) << "the preview is what the next create gets";
  ASSERT_EQ(next.size(), std::string("KH202611-00001").size());
  EXPECT_EQ(next.substr(0, 2), "KH");
  EXPECT_EQ(next.substr(8), "-00001");
  json::object typed = CreateCustomer({{"name", "编号公司乙"}, {"code", "MY-OWN-1"}});
  EXPECT_EQ(Str(typed, "code"), "MY-OWN-1") << "a code the user typed is kept";
  EXPECT_EQ(Str(CreateCustomer({{"name", "编号公司丙"}}), "code").substr(8), "-00002");
}

TEST_F(NumberingTest, SixtyFourConcurrentCreatesGetSixtyFourDistinctNumbers) {
  std::mutex mu;
  std::set<std::string> codes;
  int failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto c = NewAdminClient();
      for (int i = 0; i < 8; ++i) {
        HttpResponse r = c->Post("/api/v1/customers", json::object{{"name", "并发编号 " + std::to_string(t) + "-" + std::to_string(i)}});
        std::lock_guard<std::mutex> lock(mu);
        if (r.status == 201) codes.insert(Str(r.json, "code")); else ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(codes.size(), 64u);
}

TEST_F(NumberingTest, AnAdminsRuleReplacesTheDefaultAndSkipsNumbersInUse) {
  CreateCustomer({{"name", "占号公司"}, {"code", "C-0001"}});
  HttpResponse put = admin->Send("PUT", "/api/v1/numbering/customers", R"({"pattern":"C-{seq:4}","reset":"never"})");
  ASSERT_EQ(put.status, 200) << put.Describe();
  EXPECT_EQ(Str(put.json, "pattern"), "C-{seq:4}");
  EXPECT_EQ(Str(CreateCustomer({{"name", "新规则公司"}}), "code"), "C-0002") << "C-0001 was typed by hand: skipped";
}

TEST_F(NumberingTest, BadRulesAndNonAdminsAreRefusedAndChangeNothing) {
  for (const char* body : {R"({"pattern":"KH{yyyy}","reset":"never"})", R"({"pattern":"KH{seq:5}","reset":"daily"})",
                           R"({"pattern":"KH{hh}{seq:5}","reset":"never"})", R"({"pattern":"KH{seq:5}","reset":"weekly"})",
                           R"({"pattern":"KH{seq:40}","reset":"never"})"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(admin->Send("PUT", "/api/v1/numbering/customers", body).status, 422);
  }
  EXPECT_EQ(admin->Send("PUT", "/api/v1/numbering/customers", R"({"pattern":5})").status, 400);
  EXPECT_EQ(admin->Send("PUT", "/api/v1/numbering/customers", R"({"pattern":"X{seq:3}","color":"red"})").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/numbering/contacts").status, 404) << "contacts have no numbering rule";
  EXPECT_EQ(admin->Get("/api/v1/numbering/nothing").status, 404);
  EXPECT_EQ(Str(admin->Get("/api/v1/numbering/customers").json, "pattern"), "KH{yyyy}{MM}-{seq:5}");

  ASSERT_EQ(admin->Post("/api/v1/users", json::object{{"username", "numrep"}, {"displayName", "编号业务员"},
                                                       {"password", "numrep-Pass-2026"}, {"roles", json::array{"sales_rep"}}}).status, 201);
  auto rep = NewClient();
  ASSERT_EQ(rep->Login("numrep", "numrep-Pass-2026").status, 200);
  EXPECT_EQ(rep->Get("/api/v1/numbering/customers").status, 403);
  EXPECT_EQ(rep->Send("PUT", "/api/v1/numbering/customers", R"({"pattern":"R{seq:3}","reset":"never"})").status, 403);
}

}  // namespace
}  // namespace kehu::apitest
