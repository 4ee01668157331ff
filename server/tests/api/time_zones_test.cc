// Users' time zones over HTTP (issue #8 item 6): timeZone and locale on /auth/me and /users, a
// user changing their own, refused bad zones; reminders stored at the right UTC instant for
// Asia/Shanghai and America/New_York across the US daylight-saving change, fired by the job.
#include <chrono>
#include <thread>

#include "access_helpers.h"

namespace kehu::apitest {
namespace {

class TimeZonesTest : public AccessTest {
 protected:
  std::unique_ptr<Client> UserIn(const std::string& username, const std::string& zone, json::value* id = nullptr) {
    std::string password = GoodPassword();
    json::object user = CreateUser(username, password, {"sales_rep"}, {{"timeZone", zone}});
    EXPECT_EQ(Str(user, "timeZone"), zone);
    if (id) *id = user["id"];
    return LoginAs(username, password);
  }

  static std::string FireAt(Client& c, const std::string& at, const std::string& title) {
    HttpResponse r = c.Post("/api/v1/reminders", json::object{{"at", at}, {"title", title}});
    EXPECT_EQ(r.status, 201) << r.Describe();
    return Str(r.json, "fireAt");
  }
};

TEST_F(TimeZonesTest, MeSpeaksTimeZoneAndLocale) {
  HttpResponse me = admin->Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.Describe();
  EXPECT_EQ(Str(At(me.json, "user"), "timeZone"), "Asia/Shanghai");
  EXPECT_EQ(Str(At(me.json, "user"), "locale"), "zh-CN");
  EXPECT_EQ(Str(At(me.json, "user"), "today").size(), 10u);
  HttpResponse patched = admin->Patch("/api/v1/auth/me", json::object{{"timeZone", "America/New_York"}, {"locale", "en"}});
  ASSERT_EQ(patched.status, 200) << patched.Describe();
  EXPECT_EQ(Str(At(patched.json, "user"), "timeZone"), "America/New_York");
  me = admin->Get("/api/v1/auth/me");
  EXPECT_EQ(Str(At(me.json, "user"), "timeZone"), "America/New_York");
  EXPECT_EQ(Str(At(me.json, "user"), "locale"), "en");
  HttpResponse user = admin->Get("/api/v1/users/" + IdStr(At(me.json, "user").at("id")));
  EXPECT_EQ(Str(user.json, "timeZone"), "America/New_York");
}

TEST_F(TimeZonesTest, BadZonesAndLocalesAreRefusedAndNothingIsSaved) {
  std::string before = admin->Get("/api/v1/auth/me").body;
  for (const char* zone : {"Mars/Olympus", "", "UTC+8", "asia/shanghai "}) {
    HttpResponse r = admin->Patch("/api/v1/auth/me", json::object{{"timeZone", zone}});
    EXPECT_EQ(r.status, 422) << zone << ": " << r.Describe();
    EXPECT_EQ(FieldError(r, "timeZone"), "invalid_time_zone") << zone;
  }
  HttpResponse locale = admin->Patch("/api/v1/auth/me", json::object{{"locale", "fr"}});
  EXPECT_EQ(locale.status, 422) << locale.Describe();
  EXPECT_EQ(FieldError(locale, "locale"), "invalid_option");
  EXPECT_EQ(admin->Patch("/api/v1/auth/me", json::object{{"timeZone", 8}}).status, 400);
  EXPECT_EQ(admin->Patch("/api/v1/auth/me", json::object{{"roles", json::array{"admin"}}}).status, 400);
  EXPECT_EQ(admin->Patch("/api/v1/auth/me", json::object{{"version", 1}}).status, 400);
  EXPECT_EQ(admin->Get("/api/v1/auth/me").body, before);
  HttpResponse create = admin->Post("/api/v1/users", json::object{{"username", "tz_bad"}, {"displayName", "x"},
                                                                  {"password", GoodPassword()},
                                                                  {"timeZone", "Nowhere/Land"}});
  EXPECT_EQ(create.status, 422) << create.Describe();
  EXPECT_EQ(FieldError(create, "timeZone"), "invalid_time_zone");
  EXPECT_EQ(admin->Get("/api/v1/users" + Query({{"q", "tz_bad"}})).json.at("total"), json::value(0));
}

TEST_F(TimeZonesTest, UsersChangeTheirOwnZoneButNotOthers) {
  json::value rep_id, other_id;
  auto rep = UserIn("tz_rep", "Asia/Shanghai", &rep_id);
  auto other = UserIn("tz_other", "Asia/Shanghai", &other_id);
  HttpResponse own = rep->Patch("/api/v1/auth/me", json::object{{"timeZone", "Asia/Taipei"}, {"displayName", "台北业务"}});
  ASSERT_EQ(own.status, 200) << own.Describe();
  EXPECT_EQ(Str(admin->Get(RecordPath("users", rep_id)).json, "timeZone"), "Asia/Taipei");
  EXPECT_EQ(Str(admin->Get(RecordPath("users", rep_id)).json, "displayName"), "台北业务");
  json::value version = admin->Get(RecordPath("users", other_id)).json.at("version");
  HttpResponse theirs = rep->Patch(RecordPath("users", other_id), json::object{{"version", version}, {"timeZone", "Europe/Paris"}});
  EXPECT_EQ(theirs.status, 403) << theirs.Describe();
  EXPECT_EQ(Str(admin->Get(RecordPath("users", other_id)).json, "timeZone"), "Asia/Shanghai");
  // Through /users/{own id} only the profile fields pass.
  version = admin->Get(RecordPath("users", rep_id)).json.at("version");
  EXPECT_EQ(rep->Patch(RecordPath("users", rep_id), json::object{{"version", version}, {"active", false}}).status, 403);
  EXPECT_EQ(rep->Patch(RecordPath("users", rep_id), json::object{{"version", version}, {"locale", "zh-TW"}}).status, 200);
}

TEST_F(TimeZonesTest, RemindersAreStoredAtEachUsersInstantAcrossTheUsDstChange) {
  auto ny = UserIn("tz_newyork", "America/New_York");
  auto sh = UserIn("tz_shanghai", "Asia/Shanghai");
  EXPECT_EQ(FireAt(*ny, "2026-03-07T09:00", "纽约-前"), "2026-03-07T14:00:00.000Z");
  EXPECT_EQ(FireAt(*ny, "2026-03-09T09:00", "纽约-后"), "2026-03-09T13:00:00.000Z");
  EXPECT_EQ(FireAt(*sh, "2026-03-07T09:00", "上海-前"), "2026-03-07T01:00:00.000Z");
  EXPECT_EQ(FireAt(*sh, "2026-03-09T09:00", "上海-后"), "2026-03-09T01:00:00.000Z");
  EXPECT_EQ(FireAt(*ny, "2026-03-09T13:00:00Z", "纽约-UTC"), "2026-03-09T13:00:00.000Z");
  HttpResponse list = ny->Get("/api/v1/reminders");
  ASSERT_EQ(list.status, 200) << list.Describe();
  ASSERT_EQ(At(list.json, "items").as_array().size(), 3u) << "only the caller's own";
  const json::value& first = At(list.json, "items").as_array()[0];
  EXPECT_EQ(Str(first, "title"), "纽约-前");
  EXPECT_EQ(Str(first, "at"), "2026-03-07T09:00:00");
  EXPECT_EQ(Str(first, "timeZone"), "America/New_York");
  EXPECT_TRUE(At(first, "firedAt").is_null());
  // Another user cannot delete it; the owner can.
  std::string path = "/api/v1/reminders/" + IdStr(At(first, "id"));
  EXPECT_EQ(sh->Delete(path).status, 404);
  EXPECT_EQ(ny->Delete(path).status, 204);
  EXPECT_EQ(ny->Delete(path).status, 404);
  EXPECT_EQ(At(ny->Get("/api/v1/reminders").json, "items").as_array().size(), 2u);
}

TEST_F(TimeZonesTest, ADueReminderFiresOnceThroughTheJob) {
  auto ny = UserIn("tz_due", "America/New_York");
  FireAt(*ny, "2020-01-01T09:00", "早已到期");
  FireAt(*ny, "2099-01-01T09:00", "远在以后");
  ASSERT_EQ(admin->Post("/api/v1/jobs/reminders.fire/run", json::object{}).status, 202);
  json::value items;
  for (int i = 0; i < 100; ++i) {
    items = At(ny->Get("/api/v1/reminders").json, "items");
    if (items.is_array() && !At(items.as_array()[0], "firedAt").is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(items.is_array());
  EXPECT_FALSE(At(items.as_array()[0], "firedAt").is_null()) << json::serialize(items);
  EXPECT_TRUE(At(items.as_array()[1], "firedAt").is_null()) << "not before its time";
  HttpResponse pending = ny->Get("/api/v1/reminders?pending=true");
  ASSERT_EQ(pending.status, 200);
  EXPECT_EQ(At(pending.json, "items").as_array().size(), 1u);
}

TEST_F(TimeZonesTest, RemindersAboutRecordsNeedReadAccessAndGoodInput) {
  auto rep = UserIn("tz_records", "Asia/Shanghai");
  json::object hidden = CreateCustomer({{"name", "管理员自己的客户有限公司"}});
  HttpResponse mine = rep->Post("/api/v1/customers", json::object{{"name", "业务员的客户有限公司"}});
  ASSERT_EQ(mine.status, 201) << mine.Describe();
  auto remind = [&](const json::value& id) {
    return rep->Post("/api/v1/reminders", json::object{{"at", "2026-03-08T09:00"}, {"title", "回访"},
                                                      {"entity", "customers"}, {"recordId", id}});
  };
  HttpResponse refused = remind(hidden["id"]);
  EXPECT_EQ(refused.status, 404) << refused.Describe();
  HttpResponse ok = remind(mine.json.at("id"));
  EXPECT_EQ(ok.status, 201) << ok.Describe();
  EXPECT_EQ(Str(ok.json, "entity"), "customers");
  EXPECT_EQ(At(rep->Get("/api/v1/reminders").json, "items").as_array().size(), 1u) << "the refused one was not saved";
  struct Case {
    json::object body;
    int status;
    std::string field, code;
  };
  std::vector<Case> cases = {
      {{{"title", "x"}}, 422, "at", "required"},
      {{{"at", "2026-02-30T09:00"}, {"title", "x"}}, 422, "at", "invalid_datetime"},
      {{{"at", "2026-03-08T09:00"}}, 422, "title", "required"},
      {{{"at", "2026-03-08T09:00"}, {"title", "x"}, {"entity", "planets"}, {"recordId", 1}}, 422, "entity", "invalid_option"},
      {{{"at", 20260308}, {"title", "x"}}, 400, "at", "wrong_type"},
      {{{"at", "2026-03-08T09:00"}, {"title", "x"}, {"userId", 1}}, 400, "", ""},
  };
  for (const auto& c : cases) {
    HttpResponse r = rep->Post("/api/v1/reminders", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " " << r.Describe();
    if (!c.field.empty()) {
      EXPECT_EQ(FieldError(r, c.field), c.code) << json::serialize(c.body);
    }
  }
  EXPECT_EQ(rep->Send("POST", "/api/v1/reminders", "{not json").status, 400);
  EXPECT_EQ(rep->Get("/api/v1/reminders?pending=maybe").status, 400);
  EXPECT_EQ(At(rep->Get("/api/v1/reminders").json, "items").as_array().size(), 1u);
  EXPECT_EQ(NewClient()->Get("/api/v1/reminders").status, 401);
}

}  // namespace
}  // namespace kehu::apitest
