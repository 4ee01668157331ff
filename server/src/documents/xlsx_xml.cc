#include "documents/xlsx_xml.h"

#include <expat.h>

#include <memory>

namespace kehu::documents {

namespace {

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

struct ParserState {
  XML_Parser parser;
  XmlHandler* handler;
  std::string part;
};

void Stop(ParserState* s, Error e) {
  if (!s->handler->failure) s->handler->failure = std::move(e);
  XML_StopParser(s->parser, XML_FALSE);
}

void XMLCALL StartElement(void* data, const char* name, const char** attrs) {
  auto* s = static_cast<ParserState*>(data);
  s->handler->OnStart(LocalName(name), attrs);
  if (s->handler->failure) XML_StopParser(s->parser, XML_FALSE);
}

void XMLCALL EndElement(void* data, const char* name) {
  auto* s = static_cast<ParserState*>(data);
  s->handler->OnEnd(LocalName(name));
  if (s->handler->failure) XML_StopParser(s->parser, XML_FALSE);
}

void XMLCALL CharacterData(void* data, const char* text, int len) {
  auto* s = static_cast<ParserState*>(data);
  s->handler->OnText(std::string_view(text, static_cast<size_t>(len)));
}

void XMLCALL StartDoctype(void* data, const char*, const char*, const char*, int) {
  auto* s = static_cast<ParserState*>(data);
  Stop(s, XlsxMalformed("DOCTYPE in " + s->part));
}

struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

const char* Attr(const char** attrs, std::string_view local_name) {
  for (size_t i = 0; attrs && attrs[i]; i += 2)
    if (LocalName(attrs[i]) == local_name) return attrs[i + 1];
  return nullptr;
}

Status ParseXmlPart(ZipReader& zip, const std::string& part, uint64_t& budget,
                    XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate("UTF-8"));
  if (!parser) return Internal("XML_ParserCreate failed");
  ParserState state{parser.get(), &handler, part};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), StartElement, EndElement);
  XML_SetCharacterDataHandler(parser.get(), CharacterData);
  XML_SetStartDoctypeDeclHandler(parser.get(), StartDoctype);

  auto feed = [&](std::string_view chunk, bool last) -> Status {
    XML_Status st = XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()),
                              last ? XML_TRUE : XML_FALSE);
    if (handler.failure) return *handler.failure;
    if (st != XML_STATUS_OK) {
      return XlsxMalformed(part + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())) +
                           " at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())));
    }
    return Ok();
  };
  KEHU_TRY(zip.Read(part, budget, [&](std::string_view chunk) { return feed(chunk, false); }));
  return feed({}, true);
}

}  // namespace kehu::documents
