#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace kehu::http {
namespace {

Handler Named(std::string name) {
  return [name](Request& req) { return Response::Text(200, name); };
}

Request Make(std::string method, std::string path) {
  Request req;
  req.method = std::move(method);
  req.path = std::move(path);
  return req;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/{entity}", Named("list"));
    router_.Add("POST", "/api/v1/{entity}", Named("create"));
    router_.Add("GET", "/api/v1/{entity}/{id}", Named("get"));
    router_.Add("PATCH", "/api/v1/{entity}/{id}", Named("patch"));
    router_.Add("GET", "/api/v1/customers/export", Named("export"));
    router_.Add("POST", "/api/v1/{entity}/{id}/{action}", Named("action"));
    router_.Add("GET", "/api/v1/{entity}/{id}/contacts", Named("related"));
  }
  Router router_;
};

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  Request req = Make("GET", "/api/v1/customers/export");
  EXPECT_EQ(router_.Handle(req).body, "export");
  EXPECT_EQ(req.route, "/api/v1/customers/export");
  EXPECT_TRUE(req.path_params.empty());

  Request other = Make("GET", "/api/v1/leads/export");
  EXPECT_EQ(router_.Handle(other).body, "get");
  EXPECT_EQ(other.path_params.at("id"), "export");
}

TEST_F(RouterTest, ParametersAreCapturedAndRouteRecorded) {
  Request req = Make("POST", "/api/v1/leads/42/convert");
  EXPECT_EQ(router_.Handle(req).body, "action");
  EXPECT_EQ(req.route, "/api/v1/{entity}/{id}/{action}");
  EXPECT_EQ(req.path_params.at("entity"), "leads");
  EXPECT_EQ(req.path_params.at("id"), "42");
  EXPECT_EQ(req.path_params.at("action"), "convert");
}

TEST_F(RouterTest, LaterLiteralStillWinsOverEarlierParameterAtSamePosition) {
  Request req = Make("GET", "/api/v1/customers/7/contacts");
  EXPECT_EQ(router_.Handle(req).body, "related");
  EXPECT_EQ(req.path_params.at("id"), "7");
}

TEST_F(RouterTest, FallsBackToLessSpecificPatternThatAcceptsTheMethod) {
  // The literal export route has no PATCH; the generic one does.
  Request req = Make("PATCH", "/api/v1/customers/export");
  EXPECT_EQ(router_.Handle(req).body, "patch");
}

TEST_F(RouterTest, UnknownPathIs404InErrorShape) {
  Request req = Make("GET", "/api/v2/x/y/z/w");
  Response res = router_.Handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_TRUE(req.route.empty());
  auto v = boost::json::parse(res.body);
  EXPECT_EQ(v.at("error").at("code").as_string(), "not_found");
  EXPECT_FALSE(v.at("error").at("message").as_string().empty());
}

TEST_F(RouterTest, EmptySegmentDoesNotMatchParameter) {
  Request req = Make("GET", "/api/v1/customers/");
  EXPECT_EQ(router_.Handle(req).status, 404);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Request req = Make("DELETE", "/api/v1/customers");
  Response res = router_.Handle(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.at("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(boost::json::parse(res.body).at("error").at("code").as_string(), "method_not_allowed");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  Request req = Make("HEAD", "/api/v1/customers/5");
  EXPECT_EQ(router_.Handle(req).body, "get");
}

TEST_F(RouterTest, InjectedErrorRendererIsUsed) {
  router_.SetErrorRenderer([](int status, const std::string& code, const Request& req) {
    return Response::Text(status, "custom:" + code + ":" + req.path);
  });
  Request req = Make("GET", "/nowhere");
  Response res = router_.Handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, "custom:not_found:/nowhere");
}

TEST_F(RouterTest, LanesFollowTheMethodUnlessARouteNamesOne) {
  router_.Add("GET", "/api/v1/{entity}/export", Named("export-any"), Lane::kLong);
  EXPECT_EQ(router_.LaneOf(Make("GET", "/api/v1/customers")), Lane::kShort);
  EXPECT_EQ(router_.LaneOf(Make("HEAD", "/api/v1/customers/5")), Lane::kShort);
  EXPECT_EQ(router_.LaneOf(Make("POST", "/api/v1/customers")), Lane::kLong);
  EXPECT_EQ(router_.LaneOf(Make("PATCH", "/api/v1/customers/5")), Lane::kLong);
  // The route Handle() would run decides: the literal /customers/export (GET, default lane) beats
  // the long {entity}/export for customers, but not for leads.
  EXPECT_EQ(router_.LaneOf(Make("GET", "/api/v1/customers/export")), Lane::kShort);
  EXPECT_EQ(router_.LaneOf(Make("GET", "/api/v1/leads/export")), Lane::kLong);
  Request leads = Make("GET", "/api/v1/leads/export");
  EXPECT_EQ(router_.Handle(leads).body, "export-any");
  // 404 and 405 answers are quick.
  EXPECT_EQ(router_.LaneOf(Make("GET", "/nowhere")), Lane::kShort);
  EXPECT_EQ(router_.LaneOf(Make("DELETE", "/api/v1/customers")), Lane::kShort);
}

TEST_F(RouterTest, ReRegisteringReplacesHandler) {
  router_.Add("GET", "/api/v1/{entity}", Named("list2"));
  Request req = Make("GET", "/api/v1/customers");
  EXPECT_EQ(router_.Handle(req).body, "list2");
}

}  // namespace
}  // namespace kehu::http
