#include "core/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace sl {

std::string DefaultKeyFile(const std::string& db_url) {
  if (const char* env = std::getenv("SHUANGLUN_KEYS"); env && *env) return env;
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".keys";
  return "var/shuanglun.keys";
}

Result<std::string> KeyFromFile(const std::string& path, const std::string& name, size_t bytes,
                                bool create) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0)
      return Error::Internal("key file " + path + " is readable by others: chmod 600 " + path);
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (eq != std::string::npos && line.substr(0, eq) == name) return line.substr(eq + 1);
    }
  } else if (!create) {
    return Error::Internal("key file " + path + " is missing");
  }
  if (!create) return Error::Internal("key " + name + " is not in " + path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("cannot write the key file " + path);
  const std::string value = RandomHex(bytes);
  const std::string line = name + "=" + value + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Error::Internal("cannot write the key file " + path);
  return value;
}

}  // namespace sl
