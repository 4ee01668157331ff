// Streaming XML over a ZIP entry with expat, for the parts of an XLSX file. Element and attribute
// names reach handlers without their namespace prefix ("x:row" → "row", "r:id" → "id"), since
// writers differ in the prefixes they use. A DOCTYPE is refused: OOXML has none, and entity
// definitions are how XML bombs work.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "documents/xlsx_zip.h"

namespace kehu::documents {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attrs` is expat's null-terminated name/value array; use Attr() to look into it.
  virtual void OnStart(std::string_view name, const char** attrs) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view text) {}  // may arrive in pieces

  // Set by a handler to stop parsing; ParseXmlPart returns it.
  std::optional<Error> failure;
};

// The value of the attribute whose local name is `local_name`, or nullptr.
const char* Attr(const char** attrs, std::string_view local_name);

// Parses entry `part` of `zip` (bytes counted against `budget`) into `handler`. Errors: those of
// ZipReader::Read, the handler's failure, kInvalidInput "xlsx_malformed" for ill-formed XML.
Status ParseXmlPart(ZipReader& zip, const std::string& part, uint64_t& budget, XmlHandler& handler);

}  // namespace kehu::documents
