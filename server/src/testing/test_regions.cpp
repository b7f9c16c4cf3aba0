#include "audit/audit.hpp"
#include "regions/import.hpp"
#include "testing/testing.hpp"

namespace sl::testing {

Status ImportTestRegions(db::Database& db, const std::string& under) {
  regions::ImportOptions options;
  options.under = under;
  SL_TRY(regions::ImportFolder(db, SourceDir() + "/data/regions", options, audit::System("test")));
  return OkStatus();
}

void RegionsTest::SetUp() {
  BackendTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  SL_ASSERT_OK(ImportTestRegions(*db_, Regions()));
  everyone_.username = "test";
  everyone_.view = everyone_.capture = Scope::Everything();
  // The permissions stores check themselves (beyond the route's).
  everyone_.permissions = {"people.write", "people.manage", "people.sensitive", "contacts.write",
                           "contacts.manage"};
}

}  // namespace sl::testing
