#pragma once
// The one table of sheet kinds: every ledger that comes in and goes out as
// Excel, registered in one place (the server and the command line call it).

namespace sl::http {

// Registers every feature's sheet kinds; safe to call again.
void RegisterSheetKinds();

}  // namespace sl::http
