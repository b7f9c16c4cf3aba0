#pragma once
// Secrets kept outside the database, in a key file: one `name=hex` per line,
// mode 0600, backed up apart from the database (a stolen backup then holds
// no key). The audit anchors' signing key lives here. A file readable by
// others is refused.

#include <string>

#include "core/result.hpp"

namespace sl {

// The key file that goes with a database URL: for `sqlite:PATH`, PATH.keys;
// otherwise (PostgreSQL) var/shuanglun.keys. --keys or SHUANGLUN_KEYS say
// otherwise.
std::string DefaultKeyFile(const std::string& db_url);

// The secret `name` from the key file at `path`: `bytes` random bytes as hex,
// created (with the file, mode 0600) when missing and `create` is set.
Result<std::string> KeyFromFile(const std::string& path, const std::string& name, size_t bytes,
                                bool create);
// Whether the key file holds `name` (false when there is no file).
Result<bool> KeyInFile(const std::string& path, const std::string& name);
// Appends `name`=`value` to the key file (created with mode 0600).
Status AddKeyToFile(const std::string& path, const std::string& name, const std::string& value);

}  // namespace sl
