#pragma once
// Text files from township offices come as UTF-8 (with or without a BOM), as
// UTF-16 with a BOM (Excel's "Unicode text"), or as GB18030/GBK (Excel's "CSV"
// on Chinese Windows, WPS). These turn any of them into UTF-8, whole or
// streamed through iconv in chunks.
//
// Detection: a BOM decides; otherwise valid UTF-8 is UTF-8 and anything else
// is read as GB18030. Streaming decides at the first non-ASCII bytes, looking
// ahead far enough (up to 1 MiB) to be sure; a later contradiction is an error.

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sl::io {

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kGb18030 };
std::string_view EncodingName(TextEncoding e);  // "UTF-8", "UTF-16LE", ...

// The encoding of a whole buffer by the rule above.
TextEncoding DetectEncoding(std::string_view bytes);
// Decodes a whole buffer to UTF-8 (without a BOM).
Result<std::string> DetectAndDecode(std::string_view bytes, TextEncoding* detected = nullptr);

// Whether `s` is well-formed UTF-8; with `allow_truncated_tail`, an incomplete
// sequence at the very end is accepted (more bytes may follow).
bool IsValidUtf8(std::string_view s, bool allow_truncated_tail = false);

// A read-only streambuf decoding `source` to UTF-8 as it is read. On bad input
// the stream ends early and error() says why (with the line): check it after
// reading.
class DecodingStreamBuf : public std::streambuf {
 public:
  // With `encoding`, no detection: a BOM still wins (and is dropped).
  explicit DecodingStreamBuf(std::istream& source,
                             std::optional<TextEncoding> encoding = std::nullopt);
  ~DecodingStreamBuf() override;
  DecodingStreamBuf(const DecodingStreamBuf&) = delete;
  DecodingStreamBuf& operator=(const DecodingStreamBuf&) = delete;

  const std::optional<Error>& error() const { return error_; }
  // Known after the first BOM or non-ASCII bytes; UTF-8 for pure ASCII.
  TextEncoding encoding() const { return encoding_.value_or(TextEncoding::kUtf8); }
  // The decoded text buffered so far, reading some if there is none; does
  // not consume it (for sniffing the delimiter on the first line).
  std::string_view Peek();

 protected:
  int_type underflow() override;
  // Seeking works only within the buffered text (CsvReader rewinds after
  // looking for a BOM).
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override;
  pos_type seekpos(pos_type pos, std::ios_base::openmode) override;

 private:
  enum class Mode { kStart, kUndecided, kUtf8, kIconv, kDone };
  bool ReadMore();
  void Produce();
  bool StartIconv(const char* from);
  void Fail(std::string_view encoding_name);

  std::istream& src_;
  std::string raw_;  // undecoded bytes
  std::string out_;  // decoded bytes: the get area
  Mode mode_ = Mode::kStart;
  std::optional<TextEncoding> encoding_;
  std::optional<TextEncoding> forced_;
  std::optional<Error> error_;
  void* cd_ = nullptr;  // iconv_t
  bool src_eof_ = false;
  uint64_t area_start_ = 0;  // decoded offset of the get area's first byte
  int64_t lines_ = 1;        // line of the next decoded byte, for errors
};

// An istream over a DecodingStreamBuf.
class DecodingIstream : public std::istream {
 public:
  explicit DecodingIstream(std::istream& source,
                           std::optional<TextEncoding> encoding = std::nullopt)
      : std::istream(nullptr), buf_(source, encoding) {
    rdbuf(&buf_);
  }
  DecodingStreamBuf& decoder() { return buf_; }

 private:
  DecodingStreamBuf buf_;
};

}  // namespace sl::io
