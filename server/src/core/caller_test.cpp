#include "core/caller.hpp"

#include <gtest/gtest.h>

#include "core/handler.hpp"

namespace sl {
namespace {

TEST(Scope, ContainsItsSubtreeOnly) {
  const Scope town = Scope::Subtree("43/4311/431127/431127103/");
  EXPECT_TRUE(town.Contains("43/4311/431127/431127103/"));
  EXPECT_TRUE(town.Contains("43/4311/431127/431127103/431127103224/"));
  EXPECT_FALSE(town.Contains("43/4311/431127/431127102/"));
  EXPECT_FALSE(town.Contains("43/4311/431127/"));
  EXPECT_FALSE(Scope::Nothing().Contains("43/"));
  EXPECT_TRUE(Scope::Everything().Contains("11/"));
}

TEST(Scope, CoversNarrowerScopes) {
  const Scope county = Scope::Subtree("43/4311/431127/");
  EXPECT_TRUE(county.Covers(Scope::Subtree("43/4311/431127/431127103/")));
  EXPECT_FALSE(county.Covers(Scope::Subtree("43/4311/")));
  EXPECT_FALSE(county.Covers(Scope::Everything()));
  EXPECT_TRUE(Scope::Everything().Covers(county));
  EXPECT_TRUE(county.Covers(Scope::Nothing()));
}

TEST(ParseInt, WholeNumbersOnly) {
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt("-3"), -3);
  EXPECT_EQ(ParseInt(""), std::nullopt);
  EXPECT_EQ(ParseInt("4x"), std::nullopt);
  EXPECT_EQ(ParseInt(" 4"), std::nullopt);
  EXPECT_EQ(ParseInt("99999999999999999999"), std::nullopt);
}

TEST(ParsePage, DefaultsAndBounds) {
  Request r;
  auto p = ParsePage(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->page, 1);
  EXPECT_EQ(p->size, 20);
  r.query = {{"page", "3"}, {"page_size", "50"}};
  EXPECT_EQ(ParsePage(r)->offset(), 100);
  r.query = {{"page_size", "201"}};
  EXPECT_EQ(ParsePage(r).error().key, "bad_query");
  r.query = {{"page", "0"}};
  EXPECT_FALSE(ParsePage(r).ok());
}

}  // namespace
}  // namespace sl
