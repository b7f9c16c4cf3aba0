#pragma once
// How a ledger's record is read from a query's columns: the columns named
// once, each beside the member it fills, in SELECT order — so that a store
// never counts column indexes by hand.
//
//   store::RowMap<Project>("j.id, j.kind, j.name", &Project::id, &Project::kind, &Project::name)
//       .Region("j.region_id, r.code, r.name, j.region_path", &Project::region)
//       .Stamps("j")
//
// A column list whose count differs from its members' throws at start-up
// (every map is built by a function-local static that the tests run).

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/choice.hpp"
#include "db/db.hpp"

namespace sl::store {

namespace row_map {

inline void Set(int64_t& out, const db::Row& r, size_t i) { out = r.Int(i); }
inline void Set(int& out, const db::Row& r, size_t i) { out = static_cast<int>(r.Int(i)); }
inline void Set(bool& out, const db::Row& r, size_t i) { out = r.Int(i) != 0; }
inline void Set(std::string& out, const db::Row& r, size_t i) { out = r.Str(i); }
inline void Set(std::optional<std::string>& out, const db::Row& r, size_t i) { out = r.OptStr(i); }
inline void Set(std::optional<int64_t>& out, const db::Row& r, size_t i) { out = r.OptInt(i); }
inline void Set(std::optional<int>& out, const db::Row& r, size_t i) {
  out = r.IsNull(i) ? std::nullopt : std::optional<int>(static_cast<int>(r.Int(i)));
}
// id, name (a null id: none).
inline void Set(Ref& out, const db::Row& r, size_t i) { out = Ref{r.Int(i), r.Str(i + 1)}; }
inline void Set(std::optional<Ref>& out, const db::Row& r, size_t i) {
  out = r.IsNull(i) ? std::nullopt : std::optional<Ref>(Ref{r.Int(i), r.Str(i + 1)});
}
// id, code, name, path.
inline void Set(RegionRef& out, const db::Row& r, size_t i) {
  out = RegionRef{r.Int(i), r.Str(i + 1), r.Str(i + 2), r.Str(i + 3)};
}

}  // namespace row_map

// How many columns a member of type M takes; a feature's own type (read by a
// Set(M&, const db::Row&, size_t) of its namespace) specializes it.
template <class M>
struct ColumnWidth {
  static constexpr size_t value = 1;
};
template <>
struct ColumnWidth<RegionRef> {
  static constexpr size_t value = 4;
};
template <>
struct ColumnWidth<Ref> {
  static constexpr size_t value = 2;
};
template <>
struct ColumnWidth<std::optional<Ref>> {
  static constexpr size_t value = 2;
};

namespace row_map {

inline size_t CountColumns(std::string_view columns) {
  // Commas inside parentheses (a subquery, a function) do not separate columns.
  size_t n = columns.empty() ? 0 : 1;
  int depth = 0;
  for (char c : columns) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) ++n;
  }
  return n;
}

}  // namespace row_map

template <class T>
class RowMap {
 public:
  using Reader = std::function<void(T&, const db::Row&, size_t)>;

  RowMap() = default;
  template <class... M>
  explicit RowMap(std::string_view columns, M T::*... members) {
    Add(columns, members...);
  }

  // Columns, each into its member (a Ref takes two, a RegionRef four).
  template <class... M>
  RowMap& Add(std::string_view columns, M T::*... members) {
    const size_t width = (ColumnWidth<M>::value + ... + 0);
    Append(columns, width);
    size_t at = count_ - width;
    (Bind(members, at), ...);
    return *this;
  }
  // created_at, updated_at and version of the table aliased `alias`.
  RowMap& Stamps(std::string_view alias) {
    const std::string a(alias);
    return Add(a + ".created_at, " + a + ".updated_at, " + a + ".version", &T::created_at,
               &T::updated_at, &T::version);
  }
  // Anything else: `n` columns read by `read(record, row, index of the first)`.
  RowMap& Custom(std::string_view columns, size_t n, Reader read) {
    Append(columns, n);
    readers_.push_back([read = std::move(read), at = count_ - n](T& t, const db::Row& r, size_t) {
      read(t, r, at);
    });
    return *this;
  }

  const std::string& columns() const { return columns_; }
  T Read(const db::Row& row) const {
    T t{};
    for (const auto& read : readers_) read(t, row, 0);
    return t;
  }

 private:
  void Append(std::string_view columns, size_t width) {
    if (row_map::CountColumns(columns) != width)
      throw std::logic_error("RowMap: " + std::string(columns) + " does not match its members");
    if (!columns_.empty()) columns_ += ", ";
    columns_ += columns;
    count_ += width;
  }
  template <class M>
  void Bind(M T::*member, size_t& at) {
    readers_.push_back([member, i = at](T& t, const db::Row& r, size_t) {
      using row_map::Set;
      Set(t.*member, r, i);  // or the member type's own Set, found beside it
    });
    at += ColumnWidth<M>::value;
  }

  std::string columns_;
  size_t count_ = 0;
  std::vector<Reader> readers_;
};

}  // namespace sl::store
