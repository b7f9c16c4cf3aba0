#include "store/subtree.hpp"

#include "db/scope.hpp"

namespace sl::store {

Result<Subtree> Subtree::Of(db::Tx& tx, const Caller& caller, const std::string& code,
                            bool by_child) {
  if (code.empty()) return Error::BadRequest("bad_query", {"region"});
  Subtree s;
  SL_ASSIGN_OR_RETURN(s.place, regions::Get(tx, caller.view, code));
  if (!caller.view.Covers(Scope::Subtree(s.place.path))) return Error::Forbidden("out_of_scope");
  s.by_child = by_child;
  if (by_child) {
    SL_ASSIGN_OR_RETURN(s.children, regions::Children(tx, caller.view, s.place.code));
    for (size_t i = 0; i < s.children.size(); ++i)
      s.child_at_[s.children[i].path] = static_cast<int>(i);
  }
  return s;
}

std::string Subtree::Range(const std::string& column, db::Params& params) const {
  params.push_back(place.path);
  params.push_back(db::PrefixUpperBound(place.path));
  return column + " >= ? AND " + column + " < ?";
}

int Subtree::ChildOf(std::string_view path) const {
  if (children.empty() || path.size() <= place.path.size()) return -1;
  const size_t end = path.find('/', place.path.size());
  if (end == std::string_view::npos) return -1;
  const auto found = child_at_.find(std::string(path.substr(0, end + 1)));
  return found == child_at_.end() ? -1 : found->second;
}

Json PlaceJson(const regions::Region& r) {
  return {{"code", r.code}, {"name", r.name}, {"level", r.level}};
}

}  // namespace sl::store
