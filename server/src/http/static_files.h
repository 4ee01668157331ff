// Serves the built web UI (index.html + assets/) from a directory. No Asio/Beast here.
//
// - Paths never escape the root: the request path is already free of "."/".." segments
//   (ParseTarget), and the resolved file is canonicalized (symlinks followed) and must still lie
//   under the canonical root.
// - /assets/* (content-hashed by Vite) are immutable for a year; everything else is no-cache.
// - Strong ETags from mtime + size; If-None-Match → 304.
// - Compressible types are gzipped when the client accepts it; file and gzip bytes are cached in
//   memory keyed by path, mtime and size, so an edited file is picked up at once.
// - SPA fallback: a path that is no file (and not under /api/ or /assets/) gets index.html, so
//   the Vue router can handle deep links.
//
// Thread-safety: Serve() may run on many threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.h"

namespace kehu::http {

class StaticFiles {
 public:
  // `root` need not exist yet; a missing root serves nothing.
  explicit StaticFiles(std::filesystem::path root);

  // Answers a GET or HEAD (the caller strips the body for HEAD). nullopt → not found.
  std::optional<Response> Serve(const Request& req);

 private:
  struct Entry {
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string body;
    std::optional<std::string> gzip;  // only for compressible types, and only if smaller
  };

  // The canonical file for a request path if it is a regular file under the root.
  std::optional<std::filesystem::path> Resolve(const std::string& request_path) const;
  std::shared_ptr<const Entry> Load(const std::filesystem::path& file);
  Response Build(const Request& req, const std::filesystem::path& file, const Entry& entry,
                 bool immutable) const;

  std::filesystem::path root_;  // canonical, empty if the root does not exist
  std::mutex mutex_;            // guards cache_ and cached_bytes_
  std::map<std::string, std::shared_ptr<const Entry>> cache_;
  size_t cached_bytes_ = 0;
};

// Content-Type for a file name by its extension; application/octet-stream if unknown.
std::string ContentTypeFor(const std::filesystem::path& file);
// text/*, JavaScript, JSON, SVG, XML, wasm and web manifests.
bool IsCompressible(std::string_view content_type);

}  // namespace kehu::http
