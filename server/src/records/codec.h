// Conversion between API JSON, query-string text and stored column values, per field type, with
// the format rules of the Chinese market (mobile numbers as E.164, landlines, 400 numbers, ...).
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/value.h"
#include "metadata/entity.h"

namespace kehu::records {

// Stored values of one field: one column, or two for types with a companion column (money: minor
// units and currency; region: code and names).
struct StoredValue {
  db::Value value;
  db::Value companion;
};

// Field error codes: "wrong_type" makes the request a 400; any other code ("required",
// "invalid_email", "too_long", ...) makes it a 422.
using FieldErrors = std::map<std::string, std::string>;

// Converts one JSON input value. On failure records the field error and returns nullopt.
std::optional<StoredValue> DecodeInput(const meta::Field& f, const boost::json::value& v, FieldErrors& errors);

// Converts a query-string value for filtering. Returns an InvalidInput error naming the field.
Result<db::Value> DecodeFilterValue(const meta::Field& f, std::string_view raw);

// Renders a stored value (and its companion column's value) as API JSON.
boost::json::value EncodeOutput(const meta::Field& f, const db::Value& v, const db::Value& companion);

// Format checks (exposed for tests).
bool IsValidEmail(std::string_view s);
// Returns the normalized phone (mobile → +86…, others as typed without surrounding spaces), or
// nullopt when the text is not a phone number.
std::optional<std::string> NormalizePhone(std::string_view s);
size_t Utf8Length(std::string_view s);

}  // namespace kehu::records
