#include "io/zip_archive.hpp"

#include <unzip.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace sl::io {

namespace {

unzFile U(void* p) { return static_cast<unzFile>(p); }

Error Corrupt(std::string_view part) {
  return Error::BadRequest("xlsx_corrupt", {std::string(part)});
}

Error TooLarge(std::string_view part, uint64_t max) {
  Error e = Error::BadRequest("xlsx_part_too_large", {std::string(part), std::to_string(max)});
  e.code = ErrorCode::kPayloadTooLarge;
  return e;
}

Error Expands(std::string_view part, uint64_t ratio) {
  Error e = Error::BadRequest("xlsx_expansion", {std::string(part), std::to_string(ratio)});
  e.code = ErrorCode::kPayloadTooLarge;
  return e;
}

uint64_t Le(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

constexpr uint64_t kMax32 = 0xFFFFFFFF;

// minizip I/O over a byte range in memory.
voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  return opaque;
}
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<ZipArchive::MemFile*>(stream);
  if (m->pos >= m->bytes.size()) return 0;
  const uint64_t n = std::min<uint64_t>(size, m->bytes.size() - m->pos);
  std::copy_n(m->bytes.data() + m->pos, n, static_cast<char*>(buf));
  m->pos += n;
  return static_cast<uLong>(n);
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) {
  return static_cast<ZipArchive::MemFile*>(stream)->pos;
}
long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<ZipArchive::MemFile*>(stream);
  uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = m->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = m->bytes.size();
      break;
    default:
      return -1;
  }
  // minizip passes backward moves as negative numbers in an unsigned type,
  // so the sum wraps as intended. Offsets come from the archive itself:
  // refuse anything outside the bytes.
  const uint64_t pos = base + offset;
  if (pos > m->bytes.size()) return -1;
  m->pos = pos;
  return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

}  // namespace

std::string ZipArchive::NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '\\') c = '/';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  size_t start = out.find_first_not_of('/');
  return start == std::string::npos ? std::string() : out.substr(start);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::OpenFile(const std::string& path,
                                                         size_t max_entries) {
  // Tell "cannot open" from "not a zip": minizip answers NULL to both.
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Error::BadRequest("io_open_failed", {path});
  std::unique_ptr<ZipArchive> z(new ZipArchive());
  z->file_ = f;
  z->unz_ = unzOpen64(path.c_str());
  if (z->unz_ == nullptr) return Error::BadRequest("xlsx_not_zip");
  return Index(std::move(z), max_entries);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::OpenMemory(std::string_view bytes,
                                                           size_t max_entries) {
  std::unique_ptr<ZipArchive> z(new ZipArchive());
  z->mem_ = std::make_unique<MemFile>();
  z->mem_->bytes = bytes;
  zlib_filefunc64_def io{};
  io.zopen64_file = MemOpen;
  io.zread_file = MemRead;
  io.zwrite_file = MemWrite;
  io.ztell64_file = MemTell;
  io.zseek64_file = MemSeek;
  io.zclose_file = MemClose;
  io.zerror_file = MemError;
  // MemOpen hands minizip our MemFile as its stream; we own it.
  io.opaque = z->mem_.get();
  z->unz_ = unzOpen2_64("memory", &io);
  if (z->unz_ == nullptr) return Error::BadRequest("xlsx_not_zip");
  return Index(std::move(z), max_entries);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::Index(std::unique_ptr<ZipArchive> z,
                                                      size_t max_entries) {
  std::vector<char> name(65536);
  std::vector<unsigned char> extra(65536);
  int err = unzGoToFirstFile(U(z->unz_));
  // An archive with no members is a zip, but not an xlsx: the caller reports
  // the missing parts.
  if (err == UNZ_END_OF_LIST_OF_FILE) return z;
  for (; err == UNZ_OK; err = unzGoToNextFile(U(z->unz_))) {
    if (z->entries_.size() >= max_entries) return Corrupt("too many zip entries");
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(U(z->unz_), &info, name.data(), name.size() - 1, extra.data(),
                                extra.size(), nullptr, 0) != UNZ_OK)
      return Corrupt("central directory");
    const size_t len = std::min<size_t>(info.size_filename, name.size() - 1);
    unz64_file_pos pos{};
    if (unzGetFilePos64(U(z->unz_), &pos) != UNZ_OK) return Corrupt("central directory");
    Entry e;
    e.pos_in_dir = pos.pos_in_zip_directory;
    e.num_file = pos.num_of_file;
    e.size = info.uncompressed_size;
    e.compressed = info.compressed_size;
    e.encrypted = (info.flag & 1) != 0;
    const std::string_view entry_name(name.data(), len);
    const size_t extra_len = std::min<size_t>(info.size_file_extra, extra.size());
    for (size_t i = 0; i + 4 <= extra_len; i += 4 + Le(&extra[i + 2], 2)) {
      if (Le(&extra[i], 2) == 0x0001) {  // ZIP64 fields
        SL_TRY(z->FixZip64(e, entry_name, extra.data(), extra_len, unzGetOffset64(U(z->unz_))));
        break;
      }
    }
    // The first of duplicate names wins, as in most readers.
    z->entries_.emplace(NormalizeName(entry_name), e);
  }
  if (err != UNZ_END_OF_LIST_OF_FILE) return Corrupt("central directory");
  return z;
}

struct ZipArchive::Manual {
  const Entry* entry = nullptr;
  uint64_t pos = 0;        // next compressed byte in the archive
  uint64_t remaining = 0;  // compressed bytes not yet read
  uint64_t produced = 0;
  uint32_t crc = 0;
  bool inflating = false;  // z is initialized
  bool ended = false;      // the deflate stream is complete
  z_stream z{};
  unsigned char in[64 * 1024];
  ~Manual() {
    if (inflating) inflateEnd(&z);
  }
};

ZipArchive::~ZipArchive() {
  Close();
  if (unz_ != nullptr) unzClose(U(unz_));
  if (file_ != nullptr) std::fclose(file_);
}

bool ZipArchive::ReadAt(uint64_t offset, char* buf, size_t n) {
  if (mem_) {
    const std::string_view b = mem_->bytes;
    if (offset > b.size() || n > b.size() - offset) return false;
    std::memcpy(buf, b.data() + offset, n);
    return true;
  }
  return file_ != nullptr && fseeko(file_, static_cast<off_t>(offset), SEEK_SET) == 0 &&
         std::fread(buf, 1, n, file_) == n;
}

// Reads what minizip skipped: the entry's sizes and local header offset from
// its ZIP64 extra field (APPNOTE 4.5.3: only the fields whose 32-bit value is
// 0xFFFFFFFF are there, in this order).
Status ZipArchive::FixZip64(Entry& e, std::string_view name, const unsigned char* extra,
                            size_t extra_len, uint64_t dir_pos) {
  unsigned char h[46];
  if (!ReadAt(dir_pos, reinterpret_cast<char*>(h), sizeof h) || Le(h, 4) != 0x02014b50)
    return Corrupt("central directory");
  uint64_t csize = Le(h + 20, 4), usize = Le(h + 24, 4), offset = Le(h + 42, 4);
  if (csize != kMax32 && usize != kMax32 && offset != kMax32) return OkStatus();
  for (size_t i = 0; i + 4 <= extra_len; i += 4 + Le(extra + i + 2, 2)) {
    const size_t len = Le(extra + i + 2, 2);
    if (Le(extra + i, 2) != 0x0001) continue;
    if (i + 4 + len > extra_len) return Corrupt(name);
    const unsigned char* p = extra + i + 4;
    const unsigned char* end = p + len;
    for (uint64_t* field : {&usize, &csize, &offset}) {
      if (*field != kMax32) continue;
      if (end - p < 8) return Corrupt(name);
      *field = Le(p, 8);
      p += 8;
    }
    break;
  }
  e.manual = true;
  e.size = usize;
  e.compressed = csize;
  e.local_offset = offset;
  e.crc = static_cast<uint32_t>(Le(h + 16, 4));
  e.method = static_cast<uint16_t>(Le(h + 10, 2));
  return OkStatus();
}

Status ZipArchive::OpenManual(const Entry& e, std::string_view name) {
  if (e.method != 0 && e.method != Z_DEFLATED) return Corrupt(name);
  unsigned char h[30];
  if (!ReadAt(e.local_offset, reinterpret_cast<char*>(h), sizeof h) || Le(h, 4) != 0x04034b50)
    return Corrupt(name);
  auto m = std::make_unique<Manual>();
  m->entry = &e;
  m->pos = e.local_offset + 30 + Le(h + 26, 2) + Le(h + 28, 2);
  m->remaining = e.compressed;
  m->crc = static_cast<uint32_t>(crc32(0, nullptr, 0));
  if (e.method == Z_DEFLATED) {
    if (inflateInit2(&m->z, -MAX_WBITS) != Z_OK) return Error::Internal("inflateInit2");
    m->inflating = true;
  }
  manual_ = std::move(m);
  return OkStatus();
}

Result<size_t> ZipArchive::ReadManual(char* buf, size_t n) {
  Manual& m = *manual_;
  size_t got = 0;
  if (!m.inflating) {
    got = static_cast<size_t>(std::min<uint64_t>(n, m.remaining));
    if (got > 0 && !ReadAt(m.pos, buf, got)) return Corrupt(open_name_);
    m.pos += got;
    m.remaining -= got;
    m.ended = m.remaining == 0;
  } else {
    m.z.next_out = reinterpret_cast<Bytef*>(buf);
    m.z.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt want = m.z.avail_out;
    while (!m.ended && m.z.avail_out == want) {
      if (m.z.avail_in == 0 && m.remaining > 0) {
        const auto k = static_cast<size_t>(std::min<uint64_t>(sizeof m.in, m.remaining));
        if (!ReadAt(m.pos, reinterpret_cast<char*>(m.in), k)) return Corrupt(open_name_);
        m.pos += k;
        m.remaining -= k;
        m.z.next_in = m.in;
        m.z.avail_in = static_cast<uInt>(k);
      }
      const int ret = inflate(&m.z, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        m.ended = true;
      } else if (ret != Z_OK && !(ret == Z_BUF_ERROR && (m.z.avail_in > 0 || m.remaining > 0))) {
        return Corrupt(open_name_);  // bad data, or compressed data cut short
      }
    }
    got = want - m.z.avail_out;
  }
  m.crc = static_cast<uint32_t>(
      crc32(m.crc, reinterpret_cast<const Bytef*>(buf), static_cast<uInt>(got)));
  m.produced += got;
  if (got == 0 && m.ended && (m.crc != m.entry->crc || m.produced != m.entry->size))
    return Corrupt(open_name_);
  return got;
}

bool ZipArchive::Has(std::string_view name) const {
  return entries_.count(NormalizeName(name)) > 0;
}

uint64_t ZipArchive::DeclaredSize(std::string_view name) const {
  auto it = entries_.find(NormalizeName(name));
  return it == entries_.end() ? 0 : it->second.size;
}

Status ZipArchive::Open(std::string_view name, uint64_t max_bytes) {
  Close();
  auto it = entries_.find(NormalizeName(name));
  if (it == entries_.end()) return Error::BadRequest("xlsx_missing_part", {std::string(name)});
  const Entry& e = it->second;
  if (e.encrypted) return Error::BadRequest("xlsx_encrypted");
  if (e.size > max_bytes) return TooLarge(name, max_bytes);
  open_ratio_capped_ = false;
  if (max_ratio_ > 0) {
    const uint64_t by_ratio =
        std::max(ratio_floor_,
                 e.compressed > UINT64_MAX / max_ratio_ ? UINT64_MAX : e.compressed * max_ratio_);
    if (by_ratio < max_bytes) {
      max_bytes = by_ratio;
      open_ratio_capped_ = true;
      if (e.size > max_bytes) return Expands(name, max_ratio_);
    }
  }
  if (e.manual) {
    SL_TRY(OpenManual(e, name));
  } else {
    unz64_file_pos pos{e.pos_in_dir, e.num_file};
    if (unzGoToFilePos64(U(unz_), &pos) != UNZ_OK) return Corrupt(name);
    if (unzOpenCurrentFile(U(unz_)) != UNZ_OK) return Corrupt(name);
  }
  open_ = true;
  open_name_ = std::string(name);
  open_max_ = max_bytes;
  open_read_ = 0;
  return OkStatus();
}

Result<size_t> ZipArchive::Read(char* buf, size_t n) {
  if (!open_) return size_t{0};
  size_t got = 0;
  if (manual_) {
    auto r = ReadManual(buf, n);
    if (!r.ok()) {
      Close();
      return std::move(r).error();
    }
    got = *r;
    if (got == 0) Close();
  } else {
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n, 1u << 20));
    const int r = unzReadCurrentFile(U(unz_), buf, chunk);
    if (r < 0) {
      Close();
      return Corrupt(open_name_);
    }
    if (r == 0) {
      // End of the member: closing checks the CRC when everything was read.
      open_ = false;
      if (unzCloseCurrentFile(U(unz_)) != UNZ_OK) return Corrupt(open_name_);
      return size_t{0};
    }
    got = static_cast<size_t>(r);
  }
  open_read_ += got;
  if (open_read_ > open_max_) {
    Close();
    return open_ratio_capped_ ? Expands(open_name_, max_ratio_) : TooLarge(open_name_, open_max_);
  }
  return got;
}

void ZipArchive::Close() {
  if (open_ && !manual_) unzCloseCurrentFile(U(unz_));
  manual_.reset();
  open_ = false;
}

}  // namespace sl::io
