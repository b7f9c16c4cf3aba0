#include "io/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "text/utf8.hpp"

namespace sl::io {

namespace {

constexpr size_t kChunk = 64 * 1024;
// How far streaming detection may look ahead, and how many non-ASCII bytes
// make the decision safe (GBK text is almost never valid UTF-8 for long).
constexpr size_t kLookahead = 1 << 20;
constexpr size_t kEnoughNonAscii = 256;

using text::Utf8ValidPrefix;

int64_t CountLines(std::string_view s) {
  return static_cast<int64_t>(std::count(s.begin(), s.end(), '\n'));
}

Error InvalidText(int64_t line, std::string_view encoding) {
  return Error::BadRequest("encoding_invalid", {std::to_string(line), std::string(encoding)});
}

Result<std::string> IconvAll(const char* from, std::string_view in, std::string_view name) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    return Error::Internal(std::string("iconv_open ") + from);
  std::string out(in.size() * 2 + 16, '\0');
  char* ip = const_cast<char*>(in.data());
  size_t ileft = in.size();
  char* op = out.data();
  size_t oleft = out.size();
  const size_t r = iconv(cd, &ip, &ileft, &op, &oleft);
  iconv_close(cd);
  out.resize(static_cast<size_t>(op - out.data()));
  if (r == static_cast<size_t>(-1) || ileft != 0) return InvalidText(CountLines(out) + 1, name);
  return out;
}

}  // namespace

std::string_view EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kGb18030:
      return "GB18030";
    case TextEncoding::kUtf8:
      break;
  }
  return "UTF-8";
}

bool IsValidUtf8(std::string_view s, bool allow_truncated_tail) {
  bool truncated = false;
  const size_t good = Utf8ValidPrefix(s, truncated);
  return good == s.size() || (allow_truncated_tail && truncated);
}

TextEncoding DetectEncoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::kUtf8;
  if (bytes.substr(0, 2) == "\xFF\xFE") return TextEncoding::kUtf16Le;
  if (bytes.substr(0, 2) == "\xFE\xFF") return TextEncoding::kUtf16Be;
  return IsValidUtf8(bytes) ? TextEncoding::kUtf8 : TextEncoding::kGb18030;
}

Result<std::string> DetectAndDecode(std::string_view bytes, TextEncoding* detected) {
  auto set = [&](TextEncoding e) {
    if (detected != nullptr) *detected = e;
  };
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    set(TextEncoding::kUtf8);
    bytes.remove_prefix(3);
    bool truncated = false;
    const size_t good = Utf8ValidPrefix(bytes, truncated);
    if (good != bytes.size()) return InvalidText(CountLines(bytes.substr(0, good)) + 1, "UTF-8");
    return std::string(bytes);
  }
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    set(TextEncoding::kUtf16Le);
    return IconvAll("UTF-16LE", bytes.substr(2), "UTF-16LE");
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    set(TextEncoding::kUtf16Be);
    return IconvAll("UTF-16BE", bytes.substr(2), "UTF-16BE");
  }
  if (IsValidUtf8(bytes)) {
    set(TextEncoding::kUtf8);
    return std::string(bytes);
  }
  set(TextEncoding::kGb18030);
  return IconvAll("GB18030", bytes, "GB18030");
}

DecodingStreamBuf::DecodingStreamBuf(std::istream& source, std::optional<TextEncoding> encoding)
    : src_(source), forced_(encoding) {}

DecodingStreamBuf::~DecodingStreamBuf() {
  if (cd_ != nullptr) iconv_close(static_cast<iconv_t>(cd_));
}

bool DecodingStreamBuf::ReadMore() {
  if (src_eof_) return false;
  const size_t old = raw_.size();
  raw_.resize(old + kChunk);
  src_.read(raw_.data() + old, static_cast<std::streamsize>(kChunk));
  const auto got = static_cast<size_t>(std::max<std::streamsize>(src_.gcount(), 0));
  raw_.resize(old + got);
  if (got < kChunk) src_eof_ = true;
  return got > 0;
}

bool DecodingStreamBuf::StartIconv(const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    error_ = Error::Internal(std::string("iconv_open ") + from);
    mode_ = Mode::kDone;
    return false;
  }
  cd_ = cd;
  mode_ = Mode::kIconv;
  return true;
}

void DecodingStreamBuf::Fail(std::string_view encoding_name) {
  error_ = InvalidText(lines_ + CountLines(out_), encoding_name);
  mode_ = Mode::kDone;
}

void DecodingStreamBuf::Produce() {
  out_.clear();
  while (out_.empty() && mode_ != Mode::kDone && !error_) {
    if (raw_.size() < kChunk) ReadMore();
    switch (mode_) {
      case Mode::kStart:
        if (raw_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
          raw_.erase(0, 3);
          encoding_ = TextEncoding::kUtf8;
          mode_ = Mode::kUtf8;
        } else if (raw_.compare(0, 2, "\xFF\xFE") == 0) {
          raw_.erase(0, 2);
          encoding_ = TextEncoding::kUtf16Le;
          StartIconv("UTF-16LE");
        } else if (raw_.compare(0, 2, "\xFE\xFF") == 0) {
          raw_.erase(0, 2);
          encoding_ = TextEncoding::kUtf16Be;
          StartIconv("UTF-16BE");
        } else if (forced_ == TextEncoding::kUtf8) {
          encoding_ = forced_;
          mode_ = Mode::kUtf8;
        } else if (forced_) {
          encoding_ = forced_;
          StartIconv(EncodingName(*forced_).data());
        } else {
          mode_ = Mode::kUndecided;
        }
        break;
      case Mode::kUndecided: {
        auto non_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
        if (std::find_if(raw_.begin(), raw_.end(), non_ascii) == raw_.end()) {
          // ASCII reads the same in every candidate: hand it out undecided.
          out_.append(raw_);
          raw_.clear();
          if (src_eof_) mode_ = Mode::kDone;
          break;
        }
        while (!src_eof_ && raw_.size() < kLookahead &&
               static_cast<size_t>(std::count_if(raw_.begin(), raw_.end(), non_ascii)) <
                   kEnoughNonAscii)
          ReadMore();
        if (IsValidUtf8(raw_, !src_eof_)) {
          encoding_ = TextEncoding::kUtf8;
          mode_ = Mode::kUtf8;
        } else {
          encoding_ = TextEncoding::kGb18030;
          StartIconv("GB18030");
        }
        break;
      }
      case Mode::kUtf8: {
        if (raw_.empty()) {
          if (src_eof_) mode_ = Mode::kDone;
          break;
        }
        bool truncated = false;
        const size_t good = Utf8ValidPrefix(raw_, truncated);
        out_.append(raw_, 0, good);
        raw_.erase(0, good);
        if (!raw_.empty() && (!truncated || src_eof_)) Fail("UTF-8");
        break;
      }
      case Mode::kIconv: {
        if (raw_.empty()) {
          if (src_eof_) mode_ = Mode::kDone;
          break;
        }
        out_.resize(raw_.size() * 2 + 16);
        char* ip = raw_.data();
        size_t ileft = raw_.size();
        char* op = out_.data();
        size_t oleft = out_.size();
        const size_t r = iconv(static_cast<iconv_t>(cd_), &ip, &ileft, &op, &oleft);
        const int err = errno;
        out_.resize(static_cast<size_t>(op - out_.data()));
        raw_.erase(0, raw_.size() - ileft);
        if (r == static_cast<size_t>(-1) && err != E2BIG && (err != EINVAL || src_eof_))
          Fail(EncodingName(encoding()));
        break;
      }
      case Mode::kDone:
        break;
    }
  }
}

DecodingStreamBuf::int_type DecodingStreamBuf::underflow() {
  if (gptr() != nullptr && gptr() < egptr()) return traits_type::to_int_type(*gptr());
  area_start_ += static_cast<uint64_t>(egptr() - eback());
  Produce();
  if (out_.empty()) {
    setg(nullptr, nullptr, nullptr);
    return traits_type::eof();
  }
  lines_ += CountLines(out_);
  setg(out_.data(), out_.data(), out_.data() + out_.size());
  return traits_type::to_int_type(*gptr());
}

std::string_view DecodingStreamBuf::Peek() {
  if (gptr() == nullptr || gptr() == egptr()) underflow();
  if (gptr() == nullptr) return {};
  return std::string_view(gptr(), static_cast<size_t>(egptr() - gptr()));
}

DecodingStreamBuf::pos_type DecodingStreamBuf::seekoff(off_type off, std::ios_base::seekdir dir,
                                                       std::ios_base::openmode which) {
  const auto here = static_cast<off_type>(area_start_) + (gptr() - eback());
  if (dir == std::ios_base::cur) return seekpos(pos_type(here + off), which);
  if (dir == std::ios_base::beg) return seekpos(pos_type(off), which);
  return pos_type(off_type(-1));
}

DecodingStreamBuf::pos_type DecodingStreamBuf::seekpos(pos_type pos, std::ios_base::openmode) {
  const auto p = static_cast<off_type>(pos);
  const auto start = static_cast<off_type>(area_start_);
  if (p < start || p > start + (egptr() - eback())) return pos_type(off_type(-1));
  setg(eback(), eback() + (p - start), egptr());
  return pos;
}

}  // namespace sl::io
