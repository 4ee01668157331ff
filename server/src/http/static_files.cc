#include "http/static_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "http/gzip.h"

namespace kehu::http {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kMaxCachedFile = 8 << 20;  // bigger files are read on every request
constexpr size_t kMaxCacheBytes = 256 << 20;  // the cache is dropped when it grows past this
constexpr size_t kMinGzipSize = 256;          // below this gzip rarely pays for its header

std::optional<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

bool UnderRoot(const fs::path& file, const fs::path& root) {
  auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return r == root.end();
}

// If-None-Match holds `etag` (weak comparison, "*" matches anything).
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

std::string ContentTypeFor(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
  };
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool IsCompressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("application/xml") || type.starts_with("application/manifest+json") ||
         type.starts_with("application/wasm") || type.starts_with("image/svg+xml") ||
         type.starts_with("font/ttf") || type.starts_with("font/otf");
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  if (!root.empty()) root_ = fs::canonical(root, ec);
  if (ec) root_.clear();
}

std::optional<fs::path> StaticFiles::Resolve(const std::string& request_path) const {
  if (root_.empty()) return std::nullopt;
  std::string rel = request_path.substr(request_path.find_first_not_of('/') == std::string::npos
                                            ? request_path.size()
                                            : request_path.find_first_not_of('/'));
  if (rel.empty()) rel = "index.html";
  std::error_code ec;
  fs::path file = fs::canonical(root_ / rel, ec);
  if (ec || !UnderRoot(file, root_) || !fs::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return nullptr;
  int64_t mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  uint64_t size = static_cast<uint64_t>(st.st_size);
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(file.string());
    if (it != cache_.end() && it->second->mtime_ns == mtime_ns && it->second->size == size) {
      return it->second;
    }
  }
  auto body = ReadFile(file);
  if (!body) return nullptr;
  auto entry = std::make_shared<Entry>();
  entry->mtime_ns = mtime_ns;
  entry->size = size;
  if (size <= kMaxCachedFile && body->size() >= kMinGzipSize &&
      IsCompressible(ContentTypeFor(file))) {
    auto gz = GzipCompress(*body);
    if (gz && gz->size() < body->size()) entry->gzip = std::move(gz);
  }
  entry->body = std::move(*body);
  if (size <= kMaxCachedFile) {
    std::lock_guard lock(mutex_);
    if (cached_bytes_ > kMaxCacheBytes) {
      cache_.clear();
      cached_bytes_ = 0;
    }
    cached_bytes_ += entry->body.size() + (entry->gzip ? entry->gzip->size() : 0);
    cache_[file.string()] = entry;
  }
  return entry;
}

Response StaticFiles::Build(const Request& req, const fs::path& file, const Entry& entry,
                            bool immutable) const {
  Response res;
  std::string type = ContentTypeFor(file);
  bool compressible = IsCompressible(type);
  bool use_gzip = entry.gzip && AcceptsGzip(req.Header("Accept-Encoding"));
  std::string etag =
      fmt::format("\"{:x}-{:x}{}\"", entry.mtime_ns, entry.size, use_gzip ? "-gz" : "");
  res.headers["ETag"] = etag;
  res.headers["Cache-Control"] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
  if (compressible) res.headers["Vary"] = "Accept-Encoding";
  if (EtagMatches(req.Header("If-None-Match"), etag)) {
    res.status = 304;
    return res;
  }
  res.headers["Content-Type"] = type;
  if (use_gzip) res.headers["Content-Encoding"] = "gzip";
  res.body = use_gzip ? *entry.gzip : entry.body;
  return res;
}

std::optional<Response> StaticFiles::Serve(const Request& req) {
  bool asset = req.path.starts_with("/assets/");
  auto file = Resolve(req.path);
  if (!file) {
    // Missing hashed assets stay 404: an HTML page under a script's URL only hides the error.
    if (asset || req.path.starts_with("/api/") || req.path == "/api") return std::nullopt;
    file = Resolve("/index.html");
    if (!file) return std::nullopt;
    asset = false;
  }
  auto entry = Load(*file);
  if (!entry) return std::nullopt;
  return Build(req, *file, *entry, asset);
}

}  // namespace kehu::http
