#include "core/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/crypto.hpp"

namespace sl {

std::string DefaultKeyFile(const std::string& db_url) {
  if (const char* env = std::getenv("SHUANGLUN_KEYS"); env && *env) return env;
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".keys";
  return "var/shuanglun.keys";
}

namespace {
// The value of `name` in the file at `path`: nullopt when absent (or no file).
Result<std::optional<std::string>> Lookup(const std::string& path, const std::string& name) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::optional<std::string>();
  if ((st.st_mode & 077) != 0)
    return Error::Internal("key file " + path + " is readable by others: chmod 600 " + path);
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos && line.substr(0, eq) == name)
      return std::optional<std::string>(line.substr(eq + 1));
  }
  return std::optional<std::string>();
}
}  // namespace

Status AddKeyToFile(const std::string& path, const std::string& name, const std::string& value) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("cannot write the key file " + path);
  const std::string line = name + "=" + value + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Error::Internal("cannot write the key file " + path);
  return OkStatus();
}

Result<bool> KeyInFile(const std::string& path, const std::string& name) {
  SL_ASSIGN_OR_RETURN(auto found, Lookup(path, name));
  return found.has_value();
}

Result<std::string> KeyFromFile(const std::string& path, const std::string& name, size_t bytes,
                                bool create) {
  SL_ASSIGN_OR_RETURN(auto found, Lookup(path, name));
  if (found) return *found;
  if (!create) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error::Internal("key file " + path + " is missing");
    return Error::Internal("key " + name + " is not in " + path);
  }
  const std::string value = RandomHex(bytes);
  SL_TRY(AddKeyToFile(path, name, value));
  return value;
}

}  // namespace sl
