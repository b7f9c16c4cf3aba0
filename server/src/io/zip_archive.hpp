#pragma once
// Read access to the members of a zip archive (minizip), from a file or from
// bytes in memory. Members are streamed: one is open at a time and read in
// chunks, so memory does not depend on their size. Sizes are capped against
// zip bombs. Used by the .xlsx reader; a .docx reader would use it too.
//
// Debian 12's minizip (1.1) finds ZIP64 end records but ignores the ZIP64
// extra fields of central-directory entries: such an entry reports sizes and
// a header offset of 0xFFFFFFFF and cannot be opened. For those entries we
// read the ZIP64 fields ourselves and inflate the member with zlib.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

namespace sl::io {

class ZipArchive {
 public:
  // `max_entries` caps the central directory we index.
  static Result<std::unique_ptr<ZipArchive>> OpenFile(const std::string& path,
                                                      size_t max_entries = 100000);
  // `bytes` must outlive the archive.
  static Result<std::unique_ptr<ZipArchive>> OpenMemory(std::string_view bytes,
                                                        size_t max_entries = 100000);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Member names are matched case-insensitively with '/' separators and no
  // leading '/' (OPC part names are case-insensitive; some writers use '\').
  bool Has(std::string_view name) const;
  // The uncompressed size the archive declares for a member (0 if absent).
  uint64_t DeclaredSize(std::string_view name) const;
  // Opens a member for reading; closes the one open before. A member whose
  // declared or actual size exceeds `max_bytes` is an error, and so is one
  // that expands past max_ratio times its compressed size (set_max_ratio).
  Status Open(std::string_view name, uint64_t max_bytes);
  // Caps how far a member may expand: its bytes past `floor` may not exceed
  // `ratio` times its compressed size (0: no cap). Counts the bytes actually
  // inflated, so a member lying about its size is caught too.
  void set_max_ratio(uint64_t ratio, uint64_t floor) {
    max_ratio_ = ratio;
    ratio_floor_ = floor;
  }
  // Reads up to `n` bytes of the open member; 0 at its end (after which the
  // CRC has been checked).
  Result<size_t> Read(char* buf, size_t n);
  void Close();

  static std::string NormalizeName(std::string_view name);

  // The stream behind OpenMemory (public for minizip's C callbacks).
  struct MemFile {
    std::string_view bytes;
    uint64_t pos = 0;
  };

 private:
  struct Entry {
    uint64_t pos_in_dir = 0;
    uint64_t num_file = 0;
    uint64_t size = 0;
    bool encrypted = false;
    // Read without minizip (see above).
    bool manual = false;
    uint64_t local_offset = 0;
    uint64_t compressed = 0;
    uint32_t crc = 0;
    uint16_t method = 0;
  };
  struct Manual;
  ZipArchive() = default;
  static Result<std::unique_ptr<ZipArchive>> Index(std::unique_ptr<ZipArchive> z,
                                                   size_t max_entries);
  // Raw bytes of the archive, for the entries minizip cannot read.
  bool ReadAt(uint64_t offset, char* buf, size_t n);
  Status FixZip64(Entry& e, std::string_view name, const unsigned char* extra, size_t extra_len,
                  uint64_t dir_pos);
  Status OpenManual(const Entry& e, std::string_view name);
  Result<size_t> ReadManual(char* buf, size_t n);

  uint64_t max_ratio_ = 0, ratio_floor_ = 0;
  bool open_ratio_capped_ = false;
  void* unz_ = nullptr;
  std::unique_ptr<MemFile> mem_;
  FILE* file_ = nullptr;  // OpenFile: a second handle for ReadAt
  std::unique_ptr<Manual> manual_;
  std::unordered_map<std::string, Entry> entries_;
  std::string open_name_;
  uint64_t open_max_ = 0;
  uint64_t open_read_ = 0;
  bool open_ = false;
};

}  // namespace sl::io
