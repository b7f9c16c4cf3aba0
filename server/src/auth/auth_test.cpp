#include <gtest/gtest.h>

#include <thread>

#include "auth/password.hpp"
#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "regions/import.hpp"
#include "testing/testing.hpp"

namespace sl::auth {
namespace {

TEST(Password, Argon2idHashesVerifyOnlyTheirPassword) {
  const std::string h1 = HashPassword("shuanglun"), h2 = HashPassword("shuanglun");
  EXPECT_EQ(h1.rfind("$argon2id$", 0), 0u) << h1;
  EXPECT_NE(h1, h2);  // salted
  EXPECT_TRUE(VerifyPassword(h1, "shuanglun"));
  EXPECT_TRUE(VerifyPassword(h2, "shuanglun"));
  EXPECT_FALSE(VerifyPassword(h1, "Shuanglun"));
  EXPECT_FALSE(VerifyPassword(h1, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "shuanglun"));
  EXPECT_FALSE(VerifyPassword(DummyHash(), ""));
  EXPECT_TRUE(VerifyPassword(HashPassword("密码很长很长的"), "密码很长很长的"));
}

TEST(Roles, OnlyAdminAdministersUsers) {
  EXPECT_TRUE(PermissionsOf({"admin"}).count(kUsersAdmin));
  for (const char* role : {"county_org", "town_office", "village_secretary", "chamber_secretary"}) {
    EXPECT_TRUE(KnownRole(role));
    EXPECT_FALSE(PermissionsOf({role}).count(kUsersAdmin)) << role;
    EXPECT_TRUE(PermissionsOf({role}).count(kRegionsRead)) << role;
  }
  EXPECT_TRUE(PermissionsOf({"mayor"}).empty());
  EXPECT_TRUE(PermissionsOf({}).empty());  // default deny
  // Several roles read the union of their permissions.
  const auto both = PermissionsOf({"county_org", "town_office"});
  for (const auto& p : PermissionsOf({"county_org"})) EXPECT_TRUE(both.count(p)) << p;
  for (const auto& p : PermissionsOf({"town_office"})) EXPECT_TRUE(both.count(p)) << p;
  EXPECT_FALSE(PermissionsOf({"county_org"}).count("people.write"));  // the county reads
  // Personal data in full is the town office's (and the admin's) alone.
  for (const auto& role : Roles())
    EXPECT_EQ(PermissionsOf({std::string(role.name)}).count("people.sensitive") > 0,
              role.name == "admin" || role.name == "town_office")
        << role.name;
}

TEST(UserRules, UsernamesAndPasswords) {
  EXPECT_FALSE(CheckUsername("nanshi"));
  EXPECT_FALSE(CheckUsername("a.b-c_d9"));
  for (const char* bad : {"ab", "Nanshi", "楠市", "with space", "x/y", ""})
    EXPECT_TRUE(CheckUsername(bad)) << bad;
  EXPECT_TRUE(CheckUsername(std::string(33, 'a')));
  const struct {
    const char* password;
    const char* username;
    bool demo;
    const char* refused;  // the message key, or nullptr when accepted
  } kCases[] = {
      {"river-stone-42", "nanshi", false, nullptr},
      {"双轮驱动乡村振兴新篇章", "nanshi", false, nullptr},    // 10 characters
      {"双轮驱动乡村振兴", "nanshi", false, "password_weak"},  // 8
      {"123456789", "nanshi", false, "password_weak"},
      {"nanshi2022x", "nanshi2022x", false, "password_username"},
      {"NANSHI2022X", "nanshi2022x", false, "password_username"},
      {"1234567890", "nanshi", false, "password_common"},
      {"Password123", "nanshi", false, "password_common"},
      {"my-shuanglun-pass", "nanshi", false, "password_common"},
      {"shuanglun", "nanshi", false, "password_weak"},
      {"shuanglun", "nanshi", true, nullptr},  // the demo's own users
  };
  for (const auto& c : kCases) {
    auto refused = CheckPassword(c.password, c.username, c.demo);
    if (c.refused == nullptr)
      EXPECT_FALSE(refused) << c.password;
    else
      EXPECT_EQ(refused ? refused->key : "", c.refused) << c.password;
  }
}

TEST(UserRules, CallersGetScopesFromTheirRegions) {
  User u;
  u.id = 3;
  u.username = "nanshi";
  u.roles = {"town_office"};
  u.view_region = RegionRef{1, "431127", "蓝山县", "43/4311/431127/"};
  u.capture_region = RegionRef{2, "431127103", "楠市镇", "43/4311/431127/431127103/"};
  Caller c = CallerOf(u);
  EXPECT_TRUE(c.Can(kRegionsRead));
  EXPECT_FALSE(c.Can(kUsersAdmin));
  EXPECT_TRUE(c.view.Contains("43/4311/431127/431127102/"));
  EXPECT_FALSE(c.capture.Contains("43/4311/431127/431127102/"));
  u.capture_region.reset();
  EXPECT_FALSE(CallerOf(u).capture.Contains("43/4311/431127/431127103/"));  // default deny
  u.all_regions = true;
  EXPECT_TRUE(CallerOf(u).capture.all);
}

TEST(LoginThrottle, DelaysThePairWithADoublingDelayCappedAtFifteenMinutes) {
  const ThrottlePolicy p;
  const int64_t now = 1'000'000;
  RecentAttempts r;
  r.pair_failures = 4;
  r.pair_last = now;
  EXPECT_EQ(WaitSeconds(p, r, now), 0);  // four wrong passwords cost nothing
  const struct {
    int failures;
    int64_t wait;
  } kCases[] = {{5, 30}, {6, 60}, {7, 120}, {9, 480}, {10, 900}, {40, 900}};
  for (const auto& c : kCases) {
    r.pair_failures = c.failures;
    EXPECT_EQ(WaitSeconds(p, r, now), c.wait) << c.failures;
  }
  r.pair_failures = 5;
  EXPECT_EQ(WaitSeconds(p, r, now + 10), 20);  // the delay runs from the last failure
  EXPECT_EQ(WaitSeconds(p, r, now + 31), 0);
}

TEST(LoginThrottle, TheAccountCeilingSparesAddressesTheUserSignedInFrom) {
  const ThrottlePolicy p;
  const int64_t now = 1'000'000;
  RecentAttempts r;
  r.account_failures = p.account_ceiling - 1;
  r.account_oldest = now - 600;
  EXPECT_EQ(WaitSeconds(p, r, now), 0);
  r.account_failures = p.account_ceiling;
  EXPECT_EQ(WaitSeconds(p, r, now), 3600 - 600);
  r.known_address = true;
  EXPECT_EQ(WaitSeconds(p, r, now), 0);
}

TEST(LoginThrottle, AnAddressTryingManyAccountsWaitsOutItsWindow) {
  const ThrottlePolicy p;
  const int64_t now = 1'000'000;
  RecentAttempts r;
  r.address_failures = p.address_limit;
  r.address_oldest = now - 100;
  EXPECT_EQ(WaitSeconds(p, r, now), 900 - 100);
}

class UserStoreTest : public testing::RegionsTest {
 protected:
  const char* Regions() const override { return "431127"; }
  void SetUp() override {
    RegionsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_.username = "root";
    admin_.permissions = AllPermissions();
    admin_.view = admin_.capture = Scope::Everything();
  }

  Caller TownOffice() {
    Caller c;
    c.user_id = 99;
    c.username = "town";
    c.permissions = PermissionsOf({"town_office", "admin"});
    c.view = c.capture = Scope::Subtree("43/4311/431127/431127103/");
    return c;
  }

  Caller admin_;
};

TEST_P(UserStoreTest, CreatesLogsInAndOut) {
  NewUser in;
  in.username = "clerk";
  in.password = "clerk-password";
  in.roles = {"town_office"};
  in.view_region = in.capture_region = "431127103";
  SL_ASSERT_OK_AND_ASSIGN(User u, CreateUser(*db_, admin_, in));
  EXPECT_EQ(u.view_region->name, "楠市镇");
  ThrottlePolicy throttle;
  SessionPolicy policy;
  auto bad = Login(*db_, throttle, policy, "clerk", "wrong-password", "127.0.0.1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnauthenticated);
  SL_ASSERT_OK_AND_ASSIGN(auto login,
                          Login(*db_, throttle, policy, "clerk", "clerk-password", "127.0.0.1"));
  EXPECT_EQ(login.token.size(), 64u);
  SL_ASSERT_OK_AND_ASSIGN(User me, Authenticate(*db_, policy, login.token));
  EXPECT_EQ(me.username, "clerk");
  // Only the token's hash is stored.
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(
      auto raw, tx->QueryOne("SELECT COUNT(*) FROM session WHERE token_hash = ?", {login.token}));
  EXPECT_EQ(raw->Int(0), 0);
  tx.reset();
  SL_ASSERT_OK(Logout(*db_, login.token));
  EXPECT_FALSE(Authenticate(*db_, policy, login.token).ok());
}

TEST_P(UserStoreTest, SessionsExpireWhenIdle) {
  NewUser in{"idle", "idle-password", {"town_office"}};
  SL_ASSERT_OK(CreateUser(*db_, admin_, in));
  ThrottlePolicy throttle;
  SessionPolicy policy;
  SL_ASSERT_OK_AND_ASSIGN(auto login, Login(*db_, throttle, policy, "idle", "idle-password", "x"));
  SessionPolicy strict;
  strict.idle = std::chrono::seconds(-1);  // every session is already idle too long
  EXPECT_FALSE(Authenticate(*db_, strict, login.token).ok());
  EXPECT_TRUE(Authenticate(*db_, policy, login.token).ok());
}

TEST_P(UserStoreTest, NobodyGrantsMoreThanTheyMayChange) {
  const Caller town = TownOffice();
  NewUser wide{"wide", "wide-password", {"town_office"}};
  wide.view_region = "431127";
  auto refused = CreateUser(*db_, town, wide);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().fields.at("view_region").key, "out_of_scope");
  NewUser everything{"every", "every-password", {"admin"}};
  everything.all_regions = true;
  EXPECT_EQ(CreateUser(*db_, town, everything).error().fields.at("all_regions").key,
            "out_of_scope");
  // Without regions, the new user inherits the creator's town.
  NewUser plain{"plain", "plain-password", {"village_secretary"}};
  SL_ASSERT_OK_AND_ASSIGN(User p, CreateUser(*db_, town, plain));
  EXPECT_EQ(p.view_region->code, "431127103");
  EXPECT_EQ(p.capture_region->code, "431127103");
}

TEST_P(UserStoreTest, ListsAndGetsOnlyUsersInsideTheScope) {
  NewUser a{"in-town", "password-1", {"town_office"}};
  a.view_region = "431127103224";
  NewUser b{"other-town", "password-2", {"town_office"}};
  b.view_region = "431127102";
  SL_ASSERT_OK_AND_ASSIGN(User ua, CreateUser(*db_, admin_, a));
  SL_ASSERT_OK_AND_ASSIGN(User ub, CreateUser(*db_, admin_, b));
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  const Scope town = Scope::Subtree("43/4311/431127/431127103/");
  SL_ASSERT_OK_AND_ASSIGN(Json list, ListUsers(*tx, town, "", Page{}));
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["username"], "in-town");
  EXPECT_TRUE(GetUser(*tx, town, ua.id).ok());
  EXPECT_EQ(GetUser(*tx, town, ub.id).error().code, ErrorCode::kNotFound);
  SL_ASSERT_OK_AND_ASSIGN(Json all, ListUsers(*tx, Scope::Everything(), "town", Page{}));
  EXPECT_EQ(all["total"], 2);
}

TEST_P(UserStoreTest, UpdatesAreAuditedAndVersioned) {
  NewUser in{"editme", "password-1", {"town_office"}};
  SL_ASSERT_OK_AND_ASSIGN(User u, CreateUser(*db_, admin_, in));
  UserChange ch;
  ch.display_name = "新名字";
  ch.version = u.version;
  SL_ASSERT_OK_AND_ASSIGN(User v, UpdateUser(*db_, admin_, u.id, ch));
  EXPECT_EQ(v.display_name, "新名字");
  EXPECT_EQ(v.version, u.version + 1);
  auto stale = UpdateUser(*db_, admin_, u.id, ch);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Json history,
                          audit::List(*tx, Scope::Everything(), "user", u.id, Page{}));
  EXPECT_EQ(history["total"], 2);
}

SL_BACKENDS(UserStoreTest);

}  // namespace
}  // namespace sl::auth
