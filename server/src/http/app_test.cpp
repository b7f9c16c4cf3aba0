#include "http/app.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "demo/demo.hpp"
#include "testing/testing.hpp"

namespace sl::http {
namespace {

TEST(MatchPath, FillsParamsAndRejectsOtherShapes) {
  std::map<std::string, std::string> p;
  EXPECT_TRUE(MatchPath("/api/v1/users/{id}", "/api/v1/users/42", p));
  EXPECT_EQ(p.at("id"), "42");
  EXPECT_TRUE(MatchPath("/api/v1/regions/{code}", "/api/v1/regions/%34%33", p));
  EXPECT_EQ(p.at("code"), "43");
  EXPECT_FALSE(MatchPath("/api/v1/users/{id}", "/api/v1/users/", p));
  EXPECT_FALSE(MatchPath("/api/v1/users/{id}", "/api/v1/users/1/x", p));
  EXPECT_FALSE(MatchPath("/api/v1/users", "/api/v1/users/", p));
  EXPECT_TRUE(MatchPath("/healthz", "/healthz", p));
  EXPECT_FALSE(MatchPath("/healthz", "healthz", p));
}

// Behind nginx the client is the nearest untrusted hop nginx wrote, not what
// the client claimed; a peer that is no trusted proxy is believed alone.
TEST(ClientAddress, BelievesOnlyTrustedProxies) {
  const std::vector<std::string> nginx = {"127.0.0.1"};
  RawRequest r;
  r.address = "127.0.0.1";
  EXPECT_EQ(ClientAddress(r, nginx), "127.0.0.1");  // no header
  r.headers["x-forwarded-for"] = "203.0.113.7";
  EXPECT_EQ(ClientAddress(r, nginx), "203.0.113.7");
  EXPECT_EQ(ClientAddress(r, {}), "127.0.0.1");                        // no proxy trusted
  r.headers["x-forwarded-for"] = "10.9.9.9, 198.51.100.2 ,127.0.0.1";  // a forged first hop
  EXPECT_EQ(ClientAddress(r, nginx), "198.51.100.2");
  r.headers["x-forwarded-for"] = "127.0.0.1";
  EXPECT_EQ(ClientAddress(r, nginx), "127.0.0.1");
  r.headers["x-forwarded-for"] = " , ";
  EXPECT_EQ(ClientAddress(r, nginx), "127.0.0.1");
  r.address = "192.0.2.1";  // straight from a client: its header is its own claim
  r.headers["x-forwarded-for"] = "203.0.113.7";
  EXPECT_EQ(ClientAddress(r, nginx), "192.0.2.1");
}

TEST(AccessLog, ParsesItsModesAndSamples) {
  EXPECT_EQ(ParseAccessLog("all")->mode, AccessLog::Mode::kAll);
  EXPECT_EQ(ParseAccessLog("errors")->mode, AccessLog::Mode::kErrors);
  EXPECT_EQ(ParseAccessLog("off")->mode, AccessLog::Mode::kOff);
  EXPECT_EQ(ParseAccessLog("1/100")->every, 100u);
  for (const char* bad : {"", "ALL", "1/0", "1/", "1/x", "2/10", "1/10x", "1/-3"})
    EXPECT_FALSE(ParseAccessLog(bad)) << bad;

  const AccessLog sampled = *ParseAccessLog("1/100");
  int written = 0;
  for (uint64_t n = 0; n < 1000; ++n) written += ShouldLog(sampled, 200, 0.001, n);
  EXPECT_EQ(written, 10);
  EXPECT_TRUE(ShouldLog(sampled, 500, 0.001, 7));  // failures always
  EXPECT_TRUE(ShouldLog(sampled, 404, 0.001, 7));
  EXPECT_TRUE(ShouldLog(sampled, 200, 2.5, 7));  // and slow requests
  const AccessLog errors = *ParseAccessLog("errors");
  EXPECT_FALSE(ShouldLog(errors, 200, 0.001, 0));
  EXPECT_TRUE(ShouldLog(errors, 422, 0.001, 0));
  const AccessLog off = *ParseAccessLog("off");
  EXPECT_FALSE(ShouldLog(off, 500, 9.0, 0));
  EXPECT_TRUE(ShouldLog(AccessLog{}, 200, 0.001, 12345));
}

TEST(QueryString, DecodesAndRejectsBrokenEscapes) {
  auto q = ParseQueryString("q=%E6%A5%A0%E5%B8%82+%E9%8E%AE&page=2&flag&=x&&");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->find("q")->second, "楠市 鎮");
  EXPECT_EQ(q->find("page")->second, "2");
  EXPECT_EQ(q->find("flag")->second, "");
  EXPECT_FALSE(ParseQueryString("q=%zz"));
  EXPECT_FALSE(ParseQueryString("q=%4"));
  EXPECT_FALSE(ParseQueryString("q=%"));
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
}

class AppTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    SL_ASSERT_OK(demo::Create(*db_, testing::SourceDir() + "/data"));
    web_ = std::filesystem::weakly_canonical(::testing::TempDir() + "/sl-web-" + GetParam());
    std::filesystem::create_directories(web_ + "/assets");
    std::ofstream(web_ + "/index.html") << "<div id=\"app\"></div>";
    std::ofstream(web_ + "/assets/app-1234.js") << "console.log(1)";
    std::ofstream(::testing::TempDir() + "/sl-secret.txt") << "secret";
    AppOptions options;
    options.web_dir = web_;
    app_ = std::make_unique<App>(*db_, options);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(web_);
    BackendTest::TearDown();
  }

  Response Send(const std::string& method, const std::string& target, const std::string& body = "",
                bool csrf = true, const std::string& cookie = "") {
    RawRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.address = "127.0.0.1";
    if (csrf) r.headers["x-requested-with"] = "shuanglun";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    return app_->Handle(r);
  }

  std::string Login(const std::string& user) {
    Response r =
        Send("POST", "/api/v1/session", R"({"username":")" + user + R"(","password":"shuanglun"})");
    EXPECT_EQ(r.status, 200) << r.body.dump();
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie") return value.substr(0, value.find(';'));
    return "";
  }

  std::string web_;
  std::unique_ptr<App> app_;
};

TEST_P(AppTest, ChecksCsrfBeforeAnythingElse) {
  Response r = Send("POST", "/api/v1/users", "{}", /*csrf=*/false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["error"]["code"], "csrf_missing");
}

TEST_P(AppTest, SessionsPermissionsAndErrors) {
  EXPECT_EQ(Send("GET", "/api/v1/regions").status, 401);
  const std::string nanshi = Login("nanshi");
  EXPECT_EQ(Send("GET", "/api/v1/regions?parent=431127103", "", true, nanshi).body["total"], 18);
  EXPECT_EQ(Send("GET", "/api/v1/users", "", true, nanshi).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/nothing", "", true, nanshi).status, 404);
  EXPECT_EQ(Send("PUT", "/api/v1/regions", "", true, nanshi).status, 405);
  const std::string admin = Login("admin");
  Response big = Send("POST", "/api/v1/users", std::string(70 * 1024, ' '), true, admin);
  EXPECT_EQ(big.status, 413);
  Response bad = Send("POST", "/api/v1/users", "{", true, admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["code"], "invalid_json");
}

TEST_P(AppTest, EveryResponseCarriesSecurityHeaders) {
  Response r = Send("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  bool csp = false;
  for (const auto& [name, value] : r.headers) csp |= name == "Content-Security-Policy";
  EXPECT_TRUE(csp);
}

TEST_P(AppTest, ServesTheFrontEndWithFallbackButNothingOutsideIt) {
  Response index = Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.send_file, web_ + "/index.html");
  EXPECT_EQ(Send("GET", "/regions/431127103").send_file, web_ + "/index.html");
  Response asset = Send("GET", "/assets/app-1234.js");
  EXPECT_EQ(asset.send_file, web_ + "/assets/app-1234.js");
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Send("GET", "/assets/missing.js").status, 404);
  for (const char* escape :
       {"/../sl-secret.txt", "/%2e%2e/sl-secret.txt", "/assets/../../sl-secret.txt"}) {
    Response r = Send("GET", escape);
    EXPECT_EQ(r.send_file.find("sl-secret"), std::string::npos) << escape;
  }
}

TEST_P(AppTest, MetricsCountRequestsPerRoute) {
  Send("GET", "/healthz");
  Send("GET", "/healthz");
  const std::string text = app_->metrics().Render();
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 2"),
            std::string::npos);
}

TEST_P(AppTest, OpenApiDescribesEveryRoute) {
  Json doc = app_->OpenApi();
  for (const auto& r : app_->routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(doc["paths"][r.path].contains(m)) << r.method << " " << r.path;
  }
}

SL_BACKENDS(AppTest);

}  // namespace
}  // namespace sl::http
