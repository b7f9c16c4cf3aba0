// A person's posts (镇领导, 驻村干部, 村干部, 县直干部 ...) and party stages.

#include "audit/audit.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "regions/regions.hpp"
#include "registry/internal.hpp"
#include "registry/registry.hpp"
#include "store/checks.hpp"
#include "store/write.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

Result<Post> LoadPost(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("s.id = ?", {id});
  return internal::PostQuery().Get(tx, w, "post_not_found");
}

// The post and the person it belongs to, who must be the caller's to change.
struct PostOf {
  Post post;
  Person person;
};
Result<PostOf> LoadPostForWrite(db::Tx& tx, const Caller& caller, int64_t post_id) {
  SL_ASSIGN_OR_RETURN(Post post, LoadPost(tx, post_id));
  SL_ASSIGN_OR_RETURN(Person person, GetPerson(tx, caller.view, post.person_id));
  SL_TRY(store::CheckCapture(caller, person.region.path));
  return PostOf{std::move(post), std::move(person)};
}

// The fields a post's creation and its changes share.
void CheckPostFields(PostInput& in, Fields& errors) {
  store::CheckText(in.title, "title", errors, 50);
  store::CheckChoice(in.industry, Industries(), "industry", errors);
  store::CheckDate(in.valid_to, "valid_to", errors);
}

}  // namespace

Result<Post> AddPost(db::Tx& tx, const Caller& caller, int64_t person_id, const PostInput& input) {
  SL_ASSIGN_OR_RETURN(Person person, GetPerson(tx, caller.view, person_id));
  SL_TRY(store::CheckCapture(caller, person.region.path));
  PostInput in = input;
  Fields errors;
  store::CheckChoice(in.kind, PostKinds(), "kind", errors, Need::kRequired);
  CheckPostFields(in, errors);
  store::CheckDate(in.valid_from, "valid_from", errors, Need::kRequired);
  SL_ASSIGN_OR_RETURN(auto region,
                      store::CheckRegion(tx, caller, in.region, "region", errors, Need::kRequired));
  // A county cadre serves the county (or above): a post below it could never
  // answer for the county's enterprises.
  if (region && in.kind == "county_cadre") {
    const std::string_view level = regions::LevelOfCode(region->code);
    if (level != "province" && level != "city" && level != "county")
      errors.emplace("region", Text{"post_county_cadre_region", {}});
  }
  if (in.valid_from && in.valid_to && !in.valid_to->empty() && *in.valid_to <= *in.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  SL_TRY(store::Finish(errors));
  SL_ASSIGN_OR_RETURN(
      int64_t id, tx.InsertId("INSERT INTO post (person_id, kind, region_id, region_path, "
                              "title, leadership_team, valid_from, valid_to, industry) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {person_id, *in.kind, region->id, region->path, in.title.value_or(""),
                               int64_t{in.leadership_team.value_or(false)}, *in.valid_from,
                               store::OrNull(in.valid_to), store::OrNull(in.industry)}));
  SL_ASSIGN_OR_RETURN(Post post, LoadPost(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", person_id, "add_post", Json(),
                       ToJson(post), person.region.path));
  return post;
}

Result<Post> UpdatePost(db::Tx& tx, const Caller& caller, int64_t post_id, const PostInput& input) {
  SL_ASSIGN_OR_RETURN(PostOf of, LoadPostForWrite(tx, caller, post_id));
  const Post& before = of.post;
  PostInput in = input;
  Fields errors;
  CheckPostFields(in, errors);
  if (in.valid_to && !in.valid_to->empty() && *in.valid_to <= before.valid_from)
    errors.emplace("valid_to", Text{"field_date_order", {}});
  SL_TRY(store::Finish(errors));
  SL_TRY(tx.Exec(
      "UPDATE post SET title = ?, leadership_team = ?, valid_to = ?, industry = ? WHERE id = ?",
      {in.title.value_or(before.title),
       int64_t{in.leadership_team.value_or(before.leadership_team)},
       store::OrNull(in.valid_to ? in.valid_to : before.valid_to),
       store::OrNull(in.industry ? in.industry : before.industry), post_id}));
  SL_ASSIGN_OR_RETURN(Post after, LoadPost(tx, post_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", of.person.id, "update_post",
                       ToJson(before), ToJson(after), of.person.region.path));
  return after;
}

Status DeletePost(db::Tx& tx, const Caller& caller, int64_t post_id) {
  SL_ASSIGN_OR_RETURN(PostOf of, LoadPostForWrite(tx, caller, post_id));
  SL_TRY(tx.Exec("DELETE FROM post WHERE id = ?", {post_id}));
  return audit::Record(tx, audit::ActorOf(caller), "person", of.person.id, "delete_post",
                       ToJson(of.post), Json(), of.person.region.path);
}

Result<Person> ChangePartyStage(db::Tx& tx, const Caller& caller, int64_t person_id,
                                const StageInput& input) {
  SL_ASSIGN_OR_RETURN(Person before, GetPerson(tx, caller.view, person_id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  Fields errors;
  std::optional<std::string> since = input.since;
  store::CheckDate(since, "since", errors, Need::kRequired);
  std::optional<std::string> stage = input.stage;
  if (stage && *stage != "left")
    store::CheckChoice(stage, PartyStages(), "stage", errors, Need::kRequired);
  const std::optional<std::string> current =
      before.party_stage ? std::optional(before.party_stage->stage) : std::nullopt;
  if (!errors.count("stage"))
    if (auto m = CheckStageStep(current, *stage)) errors.emplace("stage", *m);
  if (since && before.party_stage && *since < before.party_stage->valid_from)
    errors.emplace("since", Text{"party_stage_date", {before.party_stage->valid_from}});
  if (since && *since > TodayInChina()) errors.emplace("since", Text{"field_date_future", {}});
  std::optional<int64_t> org;
  if (input.organization && *input.organization > 0) {
    SL_ASSIGN_OR_RETURN(auto o, tx.QueryOne("SELECT id FROM organization WHERE id = ? AND kind IN "
                                            "('party_branch', 'party_committee') AND deleted_at "
                                            "IS NULL",
                                            {*input.organization}));
    if (!o)
      errors.emplace("organization", Text{"organization_not_found", {}});
    else
      org = *input.organization;
  }
  SL_TRY(store::Finish(errors));
  if (before.party_stage)
    SL_TRY(tx.Exec("UPDATE party_stage SET valid_to = ? WHERE id = ?",
                   {*since, before.party_stage->id}));
  if (*stage != "left")
    SL_TRY(
        tx.Exec("INSERT INTO party_stage (person_id, stage, organization_id, valid_from) VALUES "
                "(?, ?, ?, ?)",
                {person_id, *stage, store::OrNull(org), *since}));
  SL_TRY(tx.Exec("UPDATE person SET updated_at = ?, version = version + 1 WHERE id = ?",
                 {NowUtc(), person_id}));
  SL_ASSIGN_OR_RETURN(Person after, internal::Reload(tx, person_id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "person", person_id, "party_stage",
                       internal::Snapshot(before), internal::Snapshot(after), after.region.path));
  SL_TRY(store::TouchPersonPlace(tx, person_id));
  return after;
}

}  // namespace sl::registry
