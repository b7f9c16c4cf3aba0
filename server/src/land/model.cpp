// The land ledger's choices and how its records are written as JSON.

#include "core/decimal.hpp"
#include "land/land.hpp"

namespace sl::land {

const std::vector<Choice>& LandTypes() {
  static const std::vector<Choice> k = {
      {"farmland", "耕地", "耕地", "Farmland"}, {"forest", "林地", "林地", "Forest land"},
      {"orchard", "园地", "園地", "Orchard"},   {"grassland", "草地", "草地", "Grassland"},
      {"water", "水域", "水域", "Water"},       {"other", "其他", "其他", "Other"},
  };
  return k;
}

const std::vector<Choice>& Frequencies() {
  static const std::vector<Choice> k = {
      {"yearly", "按年", "按年", "Yearly"},
      {"half_yearly", "按半年", "按半年", "Half-yearly"},
      {"quarterly", "按季", "按季", "Quarterly"},
      {"monthly", "按月", "按月", "Monthly"},
  };
  return k;
}

const std::vector<Choice>& PaymentStatuses() {
  static const std::vector<Choice> k = {
      {"due", "待收", "待收", "Due"},
      {"partial", "部分收款", "部分收款", "Partly paid"},
      {"paid", "已收清", "已收清", "Paid"},
      {"overdue", "逾期", "逾期", "Overdue"},
  };
  return k;
}

const std::vector<Choice>& IncomeSources() {
  static const std::vector<Choice> k = {
      {"rent", "土地流转租金", "土地流轉租金", "Land rent"},
      {"dividend", "入股分红", "入股分紅", "Dividends"},
      {"service", "服务收入", "服務收入", "Services"},
      {"subsidy", "上级补助", "上級補助", "Subsidies"},
      {"other", "其他", "其他", "Other"},
  };
  return k;
}

namespace {
Json RefOrNull(const std::optional<Ref>& r) {
  return r ? Json{{"id", r->id}, {"name", r->name}} : Json();
}
Json PaymentJson(const Payment& p) {
  return {{"n", p.n},
          {"due_on", p.due_on},
          {"amount_fen", p.amount_fen},
          {"received_fen", p.received_fen},
          {"status", p.status},
          {"days_overdue", p.days_overdue}};
}
Json SourcesJson(const BySource& s) {
  Json out = Json::array();
  for (const auto& [source, amount] : s.amounts)
    out.push_back({{"source", source}, {"amount_fen", amount}});
  return out;
}
Json LandJson(const LandFigures& f) {
  Json types = Json::array();
  for (const auto& [type, contracts, area] : f.by_type)
    types.push_back(
        {{"land_type", type}, {"contracts", contracts}, {"area_mu", FormatDecimal(area, 2)}});
  return {{"contracts", f.contracts},
          {"area_mu", FormatDecimal(f.area_hundredths, 2)},
          {"jobs", f.jobs},
          {"rent_due_fen", f.rent_due_fen},
          {"rent_received_fen", f.rent_received_fen},
          {"overdue_fen", f.overdue_fen},
          {"by_type", types}};
}
}  // namespace

Json ToJson(const Contract& c) {
  Json people = Json::array();
  for (const auto& p : c.transferor_people) people.push_back({{"id", p.id}, {"name", p.name}});
  return {{"id", c.id},
          {"region", RegionJson(c.region)},
          {"transferor",
           {{"kind", c.transferor_org ? "organization" : "people"},
            {"organization", RefOrNull(c.transferor_org)},
            {"people", people}}},
          {"transferee",
           {{"kind", c.transferee_enterprise ? "enterprise" : "person"},
            {"enterprise", RefOrNull(c.transferee_enterprise)},
            {"person", RefOrNull(c.transferee_person)}}},
          {"land_type", c.land_type},
          {"area_mu", FormatDecimal(c.area_hundredths, 2)},
          {"purpose", c.purpose},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"years", c.years ? Json(*c.years) : Json()},
          {"rent_fen_per_year", c.rent_fen_per_year ? Json(*c.rent_fen_per_year) : Json()},
          {"rent_fen_per_mu_year", c.rent_fen_per_mu_year ? Json(*c.rent_fen_per_mu_year) : Json()},
          {"rent_increase_percent", c.increase_percent},
          {"rent_increase_every_years", c.increase_every ? Json(*c.increase_every) : Json()},
          {"payment_frequency", c.payment_frequency},
          {"jobs", c.jobs},
          {"note", c.note},
          {"rent_fen_total", c.rent_fen_total},
          {"received_fen", c.received_fen},
          {"overdue_fen", c.overdue_fen},
          {"next_due", c.next_due ? PaymentJson(*c.next_due) : Json()},
          {"has_receipts", c.has_receipts},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"version", c.version}};
}

Json ToJson(const Payment& p) { return PaymentJson(p); }

Json ToJson(const Receipt& r) {
  return {{"id", r.id},
          {"n", r.n},
          {"received_on", r.received_on},
          {"amount_fen", r.amount_fen},
          {"payer", r.payer},
          {"note", r.note},
          {"created_at", r.created_at}};
}

Json ToJson(const Income& i) {
  return {{"id", i.id},
          {"organization", {{"id", i.organization.id}, {"name", i.organization.name}}},
          {"region", RegionJson(i.region)},
          {"year", i.year},
          {"source", i.source},
          {"amount_fen", i.amount_fen},
          {"received_on", OptJson(i.received_on)},
          {"note", i.note},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"version", i.version}};
}

Json ToJson(const IncomeStats& s) {
  Json collectives = Json::array();
  for (const auto& c : s.collectives)
    collectives.push_back(
        {{"organization", {{"id", c.organization.id}, {"name", c.organization.name}}},
         {"region", RegionJson(c.region)},
         {"total_fen", c.income.total},
         {"by_source", SourcesJson(c.income)}});
  Json out = {{"region", s.region},
              {"year", s.year},
              {"total_fen", s.whole.total},
              {"by_source", SourcesJson(s.whole)},
              {"collectives", collectives}};
  if (s.children) {
    Json children = Json::array();
    for (const auto& c : *s.children)
      children.push_back({{"region", c.region},
                          {"total_fen", c.income.total},
                          {"by_source", SourcesJson(c.income)}});
    out["children"] = std::move(children);
  }
  return out;
}

Json ToJson(const LandStats& s) {
  Json out = LandJson(s.whole);
  out["region"] = s.region;
  out["year"] = s.year;
  if (s.children) {
    Json children = Json::array();
    for (const auto& c : *s.children) {
      Json row = LandJson(c.figures);
      row["region"] = c.region;
      children.push_back(std::move(row));
    }
    out["children"] = std::move(children);
  }
  return out;
}

}  // namespace sl::land
