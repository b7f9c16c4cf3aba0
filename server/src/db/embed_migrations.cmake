# Writes a C++ file holding every migration as a raw string literal, so that the
# binary carries its schema and needs no files beside it at run time.
#
#   cmake -DSRC_DIR=server/src/db/migrations -DOUT=db_migrations.cpp -P embed_migrations.cmake
#
# A migration is NNNN_name.sql, or a pair NNNN_name.sqlite.sql and
# NNNN_name.postgres.sql where the dialects differ. Versions run 1, 2, 3, ...
# without gaps. The output is rewritten only when it changes.

cmake_minimum_required(VERSION 3.25)

if(NOT SRC_DIR OR NOT OUT)
  message(FATAL_ERROR "embed_migrations.cmake needs -DSRC_DIR=... -DOUT=...")
endif()

set(delim "sl_sql")
file(GLOB files RELATIVE "${SRC_DIR}" "${SRC_DIR}/*.sql")
list(SORT files)
if(NOT files)
  message(FATAL_ERROR "no migrations in ${SRC_DIR}")
endif()

set(versions)
foreach(f IN LISTS files)
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)(\\.(sqlite|postgres))?\\.sql$")
    message(FATAL_ERROR "migration ${f}: the name must be NNNN_name.sql, NNNN_name.sqlite.sql or NNNN_name.postgres.sql (lowercase)")
  endif()
  set(num "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  set(dialect "${CMAKE_MATCH_4}")
  if(NOT dialect)
    set(dialect common)
  endif()
  # Strip leading zeros ourselves rather than trust math() with them.
  string(REGEX REPLACE "^0+" "" v "${num}")
  if(v STREQUAL "")
    message(FATAL_ERROR "migration ${f}: versions start at 0001")
  endif()
  if(DEFINED name_${v} AND NOT name_${v} STREQUAL name)
    message(FATAL_ERROR "migration ${f}: version ${num} already has the name ${name_${v}}")
  endif()
  if(DEFINED ${dialect}_${v})
    message(FATAL_ERROR "migration ${f}: version ${num} twice")
  endif()
  set(name_${v} "${name}")
  file(READ "${SRC_DIR}/${f}" text)
  string(FIND "${text}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${f}: contains the raw-string delimiter )${delim}\"")
  endif()
  string(REGEX MATCHALL "{{[^}]*}}" holders "${text}")
  foreach(h IN LISTS holders)
    if(NOT h MATCHES "^{{(id|text_c|blob|without_rowid)}}$")
      message(FATAL_ERROR "migration ${f}: unknown placeholder ${h} (known: {{id}} {{text_c}} {{blob}} {{without_rowid}})")
    endif()
  endforeach()
  set(${dialect}_${v} "${text}")
  list(APPEND versions ${v})
endforeach()

list(REMOVE_DUPLICATES versions)
list(SORT versions COMPARE NATURAL)
set(expect 1)
set(entries "")
foreach(v IN LISTS versions)
  if(NOT v EQUAL expect)
    message(FATAL_ERROR "migrations: version ${expect} is missing (found ${v})")
  endif()
  math(EXPR expect "${expect} + 1")
  if(DEFINED common_${v})
    if(DEFINED sqlite_${v} OR DEFINED postgres_${v})
      message(FATAL_ERROR "migration ${v}: both a common .sql and a dialect file")
    endif()
    string(APPEND entries "    {${v}, \"${name_${v}}\", R\"${delim}(${common_${v}})${delim}\", nullptr, nullptr},\n")
  else()
    if(NOT DEFINED sqlite_${v} OR NOT DEFINED postgres_${v})
      message(FATAL_ERROR "migration ${v}: a dialect file needs its pair (.sqlite.sql and .postgres.sql)")
    endif()
    string(APPEND entries "    {${v}, \"${name_${v}}\", nullptr, R\"${delim}(${sqlite_${v}})${delim}\",\n     R\"${delim}(${postgres_${v}})${delim}\"},\n")
  endif()
endforeach()

list(LENGTH versions count)
set(content "// Generated from server/src/db/migrations by embed_migrations.cmake; do not edit.
#include \"db/internal.hpp\"

namespace sl::db::internal {

const EmbeddedMigration kEmbeddedMigrations[] = {
${entries}};
const size_t kEmbeddedMigrationCount = ${count};

}  // namespace sl::db::internal
")

file(WRITE "${OUT}.tmp" "${content}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
