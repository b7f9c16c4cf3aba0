#pragma once
// Validators of the registry: resident ID card numbers (GB 11643-1999), unified
// social credit codes (GB 32100-2015, with a GB 11714-1997 organization code
// inside) and mainland China phone numbers. Plain functions without I/O.
//
// Each Parse* function takes what people type or paste (surrounding spaces,
// full-width characters, lowercase letters) and answers the normalized value
// with its parts, or Error::Invalid with one message for `field` that says
// what is wrong and, for check characters, what the character should be.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sl::registry {

// Resident ID card numbers (公民身份号码) ---------------------------------------

struct IdCard {
  std::string number;      // 18 characters; a final x is uppercased
  std::string region;      // the first 6 digits: the county where it was issued
  std::string birth_date;  // YYYY-MM-DD
  std::string gender;      // "male" when the 17th digit is odd, else "female"
  std::string masked;      // for display: 431127********1234
};

// Checks an 18-character number: 17 digits and a digit or X; the first two
// digits a province code; digits 7-14 a real date from 1900-01-01 to `today`
// (YYYY-MM-DD; empty means TodayInChina(), UTC+8); the ISO 7064 MOD 11-2
// check character. Errors (Text keys): id_card_length, id_card_characters,
// id_card_region, id_card_birth_date, id_card_birth_early,
// id_card_birth_future, id_card_check_digit.
Result<IdCard> ParseIdCard(std::string_view input, std::string_view field = "id_card",
                           std::string_view today = {});

// The MOD 11-2 check character ('0'-'9' or 'X') of 17 digits; nullopt when
// `first17` is not 17 ASCII digits.
std::optional<char> IdCardCheckChar(std::string_view first17);

// A number that ParseIdCard accepts when the region and date are valid: the
// 6-digit region, the birth date as YYYYMMDD, a 3-digit sequence (its last
// digit odd for men) and the computed check character. For demo data and
// tests; throws std::invalid_argument when a part has the wrong shape.
std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd,
                       std::string_view sequence3);

// The display form of a stored number: 431127********1234 for 18 characters;
// anything else shows only its last 4 characters.
std::string MaskIdCard(std::string_view number);

// Unified social credit codes (统一社会信用代码) --------------------------------

// The 31 characters of GB 32100-2015, in the order of their values 0-30.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

struct Uscc {
  std::string code;       // 18 characters, uppercase
  std::string authority;  // position 1: registration authority (9 = market regulation)
  std::string category;   // position 2: kind of organization (91 = enterprise)
  std::string region;     // positions 3-8: the registering authority's region code
  std::string org_code;   // positions 9-17: GB 11714 organization code and its check
  std::string check;      // position 18
};

// Checks an 18-character code: characters of kUsccAlphabet, positions 3-8
// digits, position 1 a registration authority (1-9, A, N, Y), position 17 the
// GB 11714 check of positions 9-16 and position 18 the MOD 31 check of
// positions 1-17. Errors: uscc_length, uscc_characters, uscc_region,
// uscc_authority, uscc_org_check, uscc_check.
Result<Uscc> ParseUscc(std::string_view input, std::string_view field = "uscc");

// The GB 32100 check character (position 18) of 17 characters of
// kUsccAlphabet; nullopt for anything else.
std::optional<char> UsccCheckChar(std::string_view first17);
// The GB 11714 check character ('0'-'9' or 'X') of an 8-character
// organization code body (digits and A-Z); nullopt for anything else.
std::optional<char> OrgCodeCheckChar(std::string_view first8);

// A code that ParseUscc accepts: authority and category (e.g. "91"), the
// 6-digit region, an 8-character organization code body from kUsccAlphabet,
// then both check characters. For demo data and tests; throws
// std::invalid_argument when a part has the wrong shape.
std::string MakeUscc(std::string_view authority_category, std::string_view region6,
                     std::string_view org8);

// Phone numbers ---------------------------------------------------------------

struct Phone {
  std::string number;     // 13812345678, 0746-7654321 or 0746-7654321-801
  std::string kind;       // "mobile" or "landline"
  std::string area_code;  // landlines: "010", "0746"; "" for mobiles
  std::string local;      // landlines: the 7 or 8 digits after the area code
  std::string extension;  // landlines: "" or 1-6 digits
};

// A mainland mobile number (11 digits, 13-19...) or a landline with its area
// code (010 and 02x take 8 digits, other area codes 7 or 8), with an optional
// extension after 转, 分机, ext, x, # or a last dash-separated group. Spaces,
// dashes and parentheses are dropped, as is a +86 or 0086 prefix. Errors:
// phone_characters, phone_country, phone_mobile, phone_landline,
// phone_area_code, phone_extension, phone_format.
Result<Phone> ParsePhone(std::string_view input, std::string_view field = "phone");

// The display form: 138****5678, 0746-***4321; a number ParsePhone rejects
// shows only its last 4 characters.
std::string MaskPhone(std::string_view phone);

}  // namespace sl::registry
