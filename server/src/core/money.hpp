#pragma once
// Money is kept in fen (分), exact, as integers. Ledgers write it in 万元
// (ten thousand yuan) with up to six decimals (one fen is 0.000001 万元).

#include <cstdint>
#include <optional>
#include <string>

namespace sl {

// "50", "12.5", "1,200.35" (万元) -> fen; nullopt for anything else, negative
// amounts or more than 1,000,000,000 万元.
std::optional<int64_t> ParseWan(std::string text);
// fen -> 万元 without trailing zeros: 500000 -> "0.5", 120000000 -> "120".
std::string FormatWan(int64_t fen);

}  // namespace sl
