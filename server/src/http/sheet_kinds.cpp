#include "http/sheet_kinds.hpp"

#include "pairing/pairing.hpp"
#include "registry/sheets.hpp"
#include "sheets/sheets.hpp"

namespace sl::http {

void RegisterSheetKinds() {
  for (auto& kind : registry::LedgerSheetKinds()) sheets::RegisterSheetKind(std::move(kind));
  sheets::RegisterSheetKind(pairing::PairingSheetKind());
}

}  // namespace sl::http
