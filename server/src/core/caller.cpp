#include "core/caller.hpp"

namespace sl {

bool Scope::Contains(std::string_view path) const {
  if (all) return true;
  for (const auto& p : paths)
    if (path.substr(0, p.size()) == p) return true;
  return false;
}

bool Scope::Covers(const Scope& other) const {
  if (all) return true;
  if (other.all) return false;
  for (const auto& p : other.paths)
    if (!Contains(p)) return false;
  return true;
}

}  // namespace sl
