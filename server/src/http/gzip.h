// gzip (RFC 1952) compression with zlib, and Accept-Encoding negotiation. No Asio/Beast here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kehu::http {

// The gzip stream of `data` at `level` (1–9); nullopt if zlib fails.
std::optional<std::string> GzipCompress(std::string_view data, int level = 9);

// True if an Accept-Encoding header value accepts gzip ("gzip", "x-gzip" or "*", with q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace kehu::http
