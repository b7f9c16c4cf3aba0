#include "io/xml_parser.hpp"

#include <cstring>

namespace sl::io {

namespace {

constexpr char kNsSep = '\x01';  // cannot occur in a namespace URI
constexpr int kChunk = 64 * 1024;
// A start tag, comment or processing instruction longer than this is not a
// spreadsheet; expat would buffer it whole.
constexpr uint64_t kMaxTokenBytes = 32 << 20;

std::string_view LocalName(const char* name) {
  const char* sep = std::strrchr(name, kNsSep);
  return sep != nullptr ? std::string_view(sep + 1) : std::string_view(name);
}

}  // namespace

const char* XmlAttr(const char** atts, std::string_view local, bool prefixed) {
  for (; atts[0] != nullptr; atts += 2) {
    const char* sep = std::strrchr(atts[0], kNsSep);
    if ((sep != nullptr) != prefixed) continue;
    if ((sep != nullptr ? std::string_view(sep + 1) : std::string_view(atts[0])) == local)
      return atts[1];
  }
  return nullptr;
}

XmlParser::XmlParser(ZipArchive& zip, std::string part, SaxHandler& handler)
    : zip_(zip), part_(std::move(part)), handler_(handler) {}

XmlParser::~XmlParser() {
  if (p_ != nullptr) XML_ParserFree(p_);
  if (began_ && !finished_) zip_.Close();
}

Status XmlParser::Begin(uint64_t max_bytes) {
  SL_TRY(zip_.Open(part_, max_bytes));
  began_ = true;
  p_ = XML_ParserCreateNS(nullptr, kNsSep);
  if (p_ == nullptr) return Error::Internal("XML_ParserCreateNS failed");
  XML_SetUserData(p_, this);
  XML_SetElementHandler(p_, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p_, OnText);
  XML_SetStartDoctypeDeclHandler(p_, OnDoctype);
  return OkStatus();
}

void XMLCALL XmlParser::OnStart(void* ud, const XML_Char* name, const XML_Char** atts) {
  auto* self = static_cast<XmlParser*>(ud);
  self->gap_ = 0;
  if (!self->error_ && !self->done_) self->handler_.Start(*self, LocalName(name), atts);
}

void XMLCALL XmlParser::OnEnd(void* ud, const XML_Char* name) {
  auto* self = static_cast<XmlParser*>(ud);
  self->gap_ = 0;
  if (!self->error_ && !self->done_) self->handler_.End(*self, LocalName(name));
}

void XMLCALL XmlParser::OnText(void* ud, const XML_Char* s, int len) {
  auto* self = static_cast<XmlParser*>(ud);
  self->gap_ = 0;
  if (!self->error_ && !self->done_)
    self->handler_.Text(*self, std::string_view(s, static_cast<size_t>(len)));
}

void XMLCALL XmlParser::OnDoctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*,
                                  int) {
  auto* self = static_cast<XmlParser*>(ud);
  self->Fail(Error::BadRequest(
      "xlsx_malformed_xml", {self->part_, std::to_string(self->line()), "DOCTYPE is not allowed"}));
}

void XmlParser::Suspend() { XML_StopParser(p_, XML_TRUE); }

void XmlParser::Fail(Error e) {
  if (!error_) error_ = std::move(e);
  XML_StopParser(p_, XML_FALSE);
}

void XmlParser::Finish() {
  done_ = true;
  XML_StopParser(p_, XML_FALSE);
}

int64_t XmlParser::line() const {
  return p_ != nullptr ? static_cast<int64_t>(XML_GetCurrentLineNumber(p_)) : 0;
}

Result<bool> XmlParser::Pump() {
  if (p_ == nullptr) return false;
  for (;;) {
    XML_Status st;
    if (suspended_) {
      suspended_ = false;
      st = XML_ResumeParser(p_);
    } else {
      if (finished_) return false;
      void* buf = XML_GetBuffer(p_, kChunk);
      if (buf == nullptr) return Error::Internal("XML_GetBuffer failed for " + part_);
      auto n = zip_.Read(static_cast<char*>(buf), kChunk);
      if (!n.ok()) {
        finished_ = true;
        return std::move(n).error();
      }
      gap_ += *n;
      if (gap_ > kMaxTokenBytes) {
        finished_ = true;
        zip_.Close();
        return Error::BadRequest("xlsx_malformed_xml",
                                 {part_, std::to_string(line()), "token too long"});
      }
      last_ = *n == 0;
      st = XML_ParseBuffer(p_, static_cast<int>(*n), last_ ? XML_TRUE : XML_FALSE);
    }
    if (st == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return true;
    }
    if (st == XML_STATUS_ERROR) {
      if (!last_) zip_.Close();
      finished_ = true;
      if (error_) return *error_;
      if (done_) return false;
      return Error::BadRequest("xlsx_malformed_xml", {part_, std::to_string(line()),
                                                      XML_ErrorString(XML_GetErrorCode(p_))});
    }
    if (last_) {
      finished_ = true;
      return false;
    }
  }
}

Status XmlParser::Run() {
  for (;;) {
    SL_ASSIGN_OR_RETURN(bool more, Pump());
    if (!more) return OkStatus();
  }
}

}  // namespace sl::io
