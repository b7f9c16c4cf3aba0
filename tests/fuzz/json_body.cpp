// Fuzz target: JSON request bodies as the handlers read them.
#include <cstdint>
#include <string_view>

#include "assign/plan.hpp"
#include "core/decimal.hpp"
#include "core/json.hpp"
#include "events/events.hpp"
#include "events/internal.hpp"
#include "land/land.hpp"
#include "pairing/pairing.hpp"
#include "projects/projects.hpp"
#include "requests/requests.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto body = sl::ParseJsonObject(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!body.ok()) return 0;
  sl::FieldReader in(*body);
  (void)in.Str("username", true, 64);
  (void)in.Str("password", true, 1024);
  (void)in.StrList("roles", false);
  (void)in.Bool("all_regions", false);
  (void)in.Int("version", false);
  (void)in.NullableStr("view_region", 20);
  (void)in.IntList("exclude", false);
  (void)in.Object("capacities", false);
  in.RejectUnknown();
  (void)in.Finish();
  // The automatic-pairing options (nested objects, lists of ids, ranges).
  (void)sl::assign::ReadPlanOptions(*body);
  // An event's form, its roll (a list of nested rows) and its times.
  if (auto event = sl::events::ReadEvent(*body); event.ok() && event->starts_at)
    (void)sl::events::internal::NormalizeWhen(*event->starts_at);
  (void)sl::events::ReadAttendance(*body);
  (void)sl::events::ReadAttendanceList(*body);
  // Projects, their stage history and values (exact decimals at any scale).
  (void)sl::projects::ReadProject(*body);
  (void)sl::projects::ReadIndicator(*body);
  if (auto value = sl::projects::ReadValue(*body); value.ok() && value->value)
    for (int scale = 0; scale <= 4; ++scale)
      (void)sl::ParseDecimal(*value->value, scale, 1'000'000'000'000'000);
  // Land contracts (nested parties, nullable terms), receipts, income.
  if (auto contract = sl::land::ReadContract(*body); contract.ok() && contract->area_mu)
    (void)sl::ParseDecimal(*contract->area_mu, 2, 100'000'000);
  (void)sl::land::ReadReceipt(*body);
  (void)sl::land::ReadIncome(*body);
  // Requests (a nested requester), their actions (a nested handler), a visit.
  (void)sl::requests::ReadRequest(*body);
  (void)sl::requests::ReadAction(*body);
  (void)sl::pairing::ReadContact(*body);
  return 0;
}
