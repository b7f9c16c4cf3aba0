#include "http/sheet_kinds.hpp"

#include "events/events.hpp"
#include "land/land.hpp"
#include "pairing/pairing.hpp"
#include "projects/projects.hpp"
#include "registry/sheets.hpp"
#include "requests/requests.hpp"
#include "sheets/sheets.hpp"

namespace sl::http {

void RegisterSheetKinds() {
  for (auto& kind : registry::LedgerSheetKinds()) sheets::RegisterSheetKind(std::move(kind));
  sheets::RegisterSheetKind(pairing::PairingSheetKind());
  for (auto& kind : events::EventSheetKinds()) sheets::RegisterSheetKind(std::move(kind));
  for (auto& kind : projects::ProjectSheetKinds()) sheets::RegisterSheetKind(std::move(kind));
  for (auto& kind : land::LandSheetKinds()) sheets::RegisterSheetKind(std::move(kind));
  sheets::RegisterSheetKind(requests::RequestsSheetKind());
}

}  // namespace sl::http
