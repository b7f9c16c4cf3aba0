#pragma once
// Land transfer (土地流转) and the village collectives' income: contracts
// between a collective or households and an enterprise or a person, their
// payment schedules made from the terms, the rent received, and each
// collective's income by year and source (rent counted when received).
// Money is integer fen, areas integer hundredths of a 亩.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "sheets/sheets.hpp"
#include "store/query.hpp"

namespace sl::land {

using store::Paged;

inline constexpr const char* kLandRead = "land.read";
inline constexpr const char* kLandWrite = "land.write";
inline constexpr const char* kIncomeRead = "income.read";
inline constexpr const char* kIncomeWrite = "income.write";

const std::vector<Choice>& LandTypes();        // farmland forest orchard grassland water other
const std::vector<Choice>& Frequencies();      // yearly half_yearly quarterly monthly
const std::vector<Choice>& PaymentStatuses();  // due partial paid overdue
const std::vector<Choice>& IncomeSources();    // rent dividend service subsidy other

// The schedule (rules, no I/O) ------------------------------------------------

struct Terms {
  std::string starts_on, ends_on;  // ends_on: the last day in force
  int64_t rent_fen_per_year = 0;   // the first year's rent
  int increase_percent = 0, increase_every = 0;
  int periods_per_year = 1;  // 1, 2, 4, 12
};

struct Due {
  int n = 0;
  std::string due_on;
  int64_t amount_fen = 0;
};

// Payment n is due on the first day of its period (rent is paid ahead);
// periods run by whole months from the start; each contract year's rent is
// split over its periods to the fen (the remainder on its last); a last,
// shorter period pays its share by days.
std::vector<Due> Schedule(const Terms& t);
// The rent of contract year `year` (0 first): increased by the percent every
// N years, compounded, rounded half up to the fen each time.
int64_t RentOfYear(const Terms& t, int year);
// The status of a payment on `date`: paid, overdue, partial or due.
std::string StatusOn(const std::string& due_on, int64_t amount, int64_t received,
                     const std::string& date);

// Contracts ------------------------------------------------------------------------

struct Payment {
  int n = 0;
  std::string due_on;
  int64_t amount_fen = 0, received_fen = 0;
  std::string status;
  int days_overdue = 0;
};

Json ToJson(const Payment& p);

struct Receipt {
  int64_t id = 0, contract_id = 0;
  int n = 0;
  std::string received_on;
  int64_t amount_fen = 0;
  std::string payer, note, created_at;
};
Json ToJson(const Receipt& r);

struct Contract {
  int64_t id = 0;
  RegionRef region;
  std::optional<Ref> transferor_org;
  std::vector<Ref> transferor_people;
  std::optional<Ref> transferee_enterprise, transferee_person;
  std::string land_type;
  int64_t area_hundredths = 0;
  std::string purpose, starts_on, ends_on;
  std::optional<int> years;
  std::optional<int64_t> rent_fen_per_year, rent_fen_per_mu_year;
  int increase_percent = 0;
  std::optional<int> increase_every;
  std::string payment_frequency;
  int64_t jobs = 0;
  std::string note;
  // On the date asked (today by default).
  int64_t rent_fen_total = 0, received_fen = 0, overdue_fen = 0;
  std::optional<Payment> next_due;
  bool has_receipts = false;
  std::string created_at, updated_at;
  int64_t version = 1;
};
Json ToJson(const Contract& c);
// The name a list shows: the transferee's, and the purpose.
std::string Label(const Contract& c);

struct ContractInput {
  std::optional<std::string> region, land_type, area_mu, purpose, starts_on, ends_on,
      payment_frequency, note;
  // Exactly one side of each: set when the form names it.
  std::optional<int64_t> transferor_org;
  std::optional<std::vector<int64_t>> transferor_people;
  std::optional<int64_t> transferee_enterprise, transferee_person;
  std::optional<int64_t> years, rent_fen_per_year, rent_fen_per_mu_year, increase_percent,
      increase_every, jobs;
  std::optional<int64_t> version;
  // Fields the form set to null (clear): "years", "ends_on", "rent_fen_per_year"...
  std::vector<std::string> cleared;
};

struct ContractFilter {
  std::string region, land_type, q, date;  // date: default today
  int64_t transferee_enterprise = 0, transferee_person = 0;
  bool overdue = false;
  int overdue_days = 1;    // with overdue: at least this many days
  int ending_within = -1;  // days; -1: no filter
};

Result<Contract> GetContract(db::Tx& tx, const Scope& view, int64_t id,
                             const std::string& date = "");
Result<Paged<Contract>> ListContracts(db::Tx& tx, const Caller& caller, const ContractFilter& f,
                                      const Page& page);
Status ForEachContract(db::Tx& tx, const Caller& caller, const ContractFilter& f,
                       const std::function<Status(const Contract&)>& fn);
Result<Contract> CreateContract(db::Tx& tx, const Caller& caller, const ContractInput& in);
Result<Contract> UpdateContract(db::Tx& tx, const Caller& caller, int64_t id,
                                const ContractInput& in, bool* changed = nullptr);
Status DeleteContract(db::Tx& tx, const Caller& caller, int64_t id);

struct Payments {
  std::vector<Payment> items;
  std::vector<Receipt> receipts;
};
Result<Payments> ListPayments(db::Tx& tx, const Caller& caller, int64_t contract,
                              const std::string& date);

struct ReceiptInput {
  std::optional<std::string> received_on, payer, note;
  std::optional<int64_t> amount_fen;
};
// Records money received for payment n; answers the payment as it now is.
Result<Payment> AddReceipt(db::Tx& tx, const Caller& caller, int64_t contract, int n,
                           const ReceiptInput& in, int64_t* receipt_id = nullptr);
Status DeleteReceipt(db::Tx& tx, const Caller& caller, int64_t contract, int64_t receipt_id);
// One receipt by id, if the caller sees its contract (sheets: a row's 编号, an undo).
Result<Receipt> GetReceipt(db::Tx& tx, const Scope& view, int64_t receipt_id);
// Receipts under a region (sheets), by day.
Status ForEachReceipt(db::Tx& tx, const Caller& caller, const std::string& region, int year,
                      const std::function<Status(const Receipt&, const Contract&)>& fn);

// Collective income ----------------------------------------------------------------

struct Income {
  int64_t id = 0;
  Ref organization;
  RegionRef region;
  int year = 0;
  std::string source;
  int64_t amount_fen = 0;
  std::optional<std::string> received_on;
  std::string note, created_at, updated_at;
  int64_t version = 1;
};
Json ToJson(const Income& i);

struct IncomeInput {
  std::optional<int64_t> organization_id, year, amount_fen;
  std::optional<std::string> source, received_on, note;
  std::optional<int64_t> version;
};

struct IncomeFilter {
  std::string region, source;
  int64_t organization = 0;
  int year = 0;
};

Result<Income> GetIncome(db::Tx& tx, const Scope& view, int64_t id);
Result<Paged<Income>> ListIncome(db::Tx& tx, const Caller& caller, const IncomeFilter& f,
                                 const Page& page);
Status ForEachIncome(db::Tx& tx, const Caller& caller, const IncomeFilter& f,
                     const std::function<Status(const Income&)>& fn);
Result<Income> CreateIncome(db::Tx& tx, const Caller& caller, const IncomeInput& in);
Result<Income> UpdateIncome(db::Tx& tx, const Caller& caller, int64_t id, const IncomeInput& in,
                            bool* changed = nullptr);
Status DeleteIncome(db::Tx& tx, const Caller& caller, int64_t id);

// Figures ------------------------------------------------------------------------------

struct BySource {
  std::vector<std::pair<std::string, int64_t>> amounts;  // in IncomeSources() order, non-zero
  int64_t total = 0;
};

struct IncomeStats {
  Json region;
  int year = 0;
  BySource whole;
  struct Collective {
    Ref organization;
    RegionRef region;
    BySource income;
  };
  std::vector<Collective> collectives;  // by total, largest first
  struct Child {
    Json region;
    BySource income;
  };
  std::optional<std::vector<Child>> children;
};
Json ToJson(const IncomeStats& s);
Result<IncomeStats> IncomeFigures(db::Tx& tx, const Caller& caller, const std::string& region,
                                  int year, bool by_child);

struct LandFigures {
  int64_t contracts = 0, area_hundredths = 0, jobs = 0, rent_due_fen = 0, rent_received_fen = 0,
          overdue_fen = 0;
  std::vector<std::tuple<std::string, int64_t, int64_t>> by_type;  // type, contracts, area
};
struct LandStats {
  Json region;
  int year = 0;
  LandFigures whole;
  struct Child {
    Json region;
    LandFigures figures;
  };
  std::optional<std::vector<Child>> children;
};
Json ToJson(const LandStats& s);
Result<LandStats> Figures(db::Tx& tx, const Caller& caller, const std::string& region, int year,
                          bool by_child);

// Sheets ---------------------------------------------------------------------------------

// land_contracts, land_receipts.
std::vector<sheets::SheetKind> LandSheetKinds();

// Forms (the JSON bodies of the routes) ----------------------------------------------------

Result<ContractInput> ReadContract(const Json& body);
Result<ReceiptInput> ReadReceipt(const Json& body);
Result<IncomeInput> ReadIncome(const Json& body);

// Handlers -------------------------------------------------------------------------------

Result<Response> HandleContractsList(db::Database& db, const Request& r);
Result<Response> HandleContractCreate(db::Database& db, const Request& r);
Result<Response> HandleContractGet(db::Database& db, const Request& r);
Result<Response> HandleContractUpdate(db::Database& db, const Request& r);
Result<Response> HandleContractDelete(db::Database& db, const Request& r);
Result<Response> HandlePaymentsList(db::Database& db, const Request& r);
Result<Response> HandleReceiptCreate(db::Database& db, const Request& r);
Result<Response> HandleReceiptDelete(db::Database& db, const Request& r);
Result<Response> HandleLandStats(db::Database& db, const Request& r);
Result<Response> HandleIncomeList(db::Database& db, const Request& r);
Result<Response> HandleIncomeCreate(db::Database& db, const Request& r);
Result<Response> HandleIncomeGet(db::Database& db, const Request& r);
Result<Response> HandleIncomeUpdate(db::Database& db, const Request& r);
Result<Response> HandleIncomeDelete(db::Database& db, const Request& r);
Result<Response> HandleIncomeStats(db::Database& db, const Request& r);

}  // namespace sl::land
