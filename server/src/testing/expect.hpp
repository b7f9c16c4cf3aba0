#pragma once
// Table-driven expectations: a function's answer for each input of a table,
// the input named when one is wrong — instead of a column of EXPECT_EQs that
// says the same thing line after line. Header-only: any test may use it.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sl::testing {

// (input, expected answer) pairs, as text.
using Cases = std::vector<std::pair<std::string, std::string>>;

// EXPECT f(input) == expected for each case.
template <class F>
void ExpectEach(F&& f, const Cases& cases) {
  for (const auto& [input, expected] : cases)
    EXPECT_EQ(std::string(f(input)), expected) << "for " << input;
}

// EXPECT f(input) == `expected` for each input.
template <class F>
void ExpectAll(F&& f, bool expected, const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) EXPECT_EQ(f(input), expected) << "for " << input;
}

}  // namespace sl::testing
