#pragma once
// Expat (SAX) over one zip member, fed in chunks and resumable: a handler may
// suspend the parse (the worksheet reader does after every row), so a caller
// can pull one event group at a time with flat memory. Namespaces are
// processed and handlers see local names, so <x:row> and <row> are the same.
// DOCTYPE declarations are refused: OOXML has none, and refusing them rules out
// entity expansion attacks.

#include <expat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "io/zip_archive.hpp"

namespace sl::io {

class XmlParser;

class SaxHandler {
 public:
  virtual ~SaxHandler() = default;
  // `name` is the local name; attribute names in `atts` are "uri\x01local"
  // when prefixed, plain otherwise (see XmlAttr).
  virtual void Start(XmlParser& p, std::string_view name, const char** atts) = 0;
  virtual void End(XmlParser& p, std::string_view name) = 0;
  virtual void Text(XmlParser& p, std::string_view text) {}
};

// The value of the attribute with this local name; `prefixed` selects
// attributes in a namespace (r:id) rather than plain ones (r).
const char* XmlAttr(const char** atts, std::string_view local, bool prefixed = false);

class XmlParser {
 public:
  XmlParser(ZipArchive& zip, std::string part, SaxHandler& handler);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // Opens the member; `max_bytes` caps its uncompressed size.
  Status Begin(uint64_t max_bytes);
  // Parses until a handler suspends (true) or the member ends (false).
  Result<bool> Pump();
  // Pump until the end.
  Status Run();

  // For handlers: pause after the current event; stop with an error; stop
  // quietly because the rest of the member is not needed.
  void Suspend();
  void Fail(Error e);
  void Finish();
  int64_t line() const;
  const std::string& part() const { return part_; }

 private:
  static void XMLCALL OnStart(void* ud, const XML_Char* name, const XML_Char** atts);
  static void XMLCALL OnEnd(void* ud, const XML_Char* name);
  static void XMLCALL OnText(void* ud, const XML_Char* s, int len);
  static void XMLCALL OnDoctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int);

  ZipArchive& zip_;
  std::string part_;
  SaxHandler& handler_;
  XML_Parser p_ = nullptr;
  std::optional<Error> error_;
  uint64_t gap_ = 0;  // bytes fed since the last event: caps a single token
  bool began_ = false;
  bool suspended_ = false;
  bool last_ = false;
  bool finished_ = false;
  bool done_ = false;
};

}  // namespace sl::io
