// The test HTTP client: libcurl easy handle per Client, cookies kept by hand so that sessions can
// be inspected and shared between clients (the durability test runs 16 threads on one session).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <random>

#include "harness.h"

namespace kehu::apitest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// Collects headers; a new status line (e.g. after "100 Continue") starts the set over.
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::multimap<std::string, std::string>*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace(Lower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
  }
  return size * n;
}

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool HasHeader(const HeaderList& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return Lower(h.first) == Lower(name); });
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? "" : it->second;
}

std::string HttpResponse::Describe() const {
  if (status == 0) return "transport error: " + error;
  std::string shown = body.size() > 2000 ? body.substr(0, 2000) + "…" : body;
  return std::to_string(status) + " " + shown;
}

std::string UrlEncode(std::string_view value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    out += out.empty() ? '?' : '&';
    out += key + "=" + UrlEncode(value);
  }
  return out;
}

std::string RandomHex(size_t n_bytes) {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n_bytes; ++i) {
    auto b = static_cast<unsigned>(rng() & 0xff);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string IdStr(const json::value& id) {
  if (id.is_int64()) return std::to_string(id.get_int64());
  if (id.is_uint64()) return std::to_string(id.get_uint64());
  if (id.is_string()) return std::string(id.get_string());
  return "<no id: " + json::serialize(id) + ">";
}

const json::value& At(const json::value& v, std::string_view key) {
  static const json::value kNull;
  if (!v.is_object()) return kNull;
  auto* found = v.get_object().if_contains(key);
  return found ? *found : kNull;
}

std::string Str(const json::value& v, std::string_view key) {
  const auto& m = At(v, key);
  return m.is_string() ? std::string(m.get_string()) : "";
}

Client::Client(std::string base_url) : base_url_(std::move(base_url)) {
  GlobalInitOnce();
  curl_ = curl_easy_init();
}

Client::~Client() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string Client::CookieHeader() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    if (!out.empty()) out += "; ";
    out += name + "=" + value;
  }
  return out;
}

void Client::CopySessionFrom(const Client& other) {
  cookies_ = other.cookies_;
  csrf_token_ = other.csrf_token_;
}

void Client::StoreCookies(const HttpResponse& r) {
  auto [begin, end] = r.headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it) {
    std::string_view c = it->second;
    std::string pair = Trim(c.substr(0, c.find(';')));
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    std::string attrs = Lower(c);
    bool expired = value.empty() || attrs.find("max-age=0") != std::string::npos ||
                   attrs.find("expires=thu, 01 jan 1970") != std::string::npos;
    if (expired) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
}

HttpResponse Client::Login(const std::string& user, const std::string& password) {
  json::object body{{"username", user}, {"password", password}};
  HttpResponse r = Post("/api/v1/auth/login", body);
  if (r.status == 200) csrf_token_ = Str(r.json, "csrfToken");
  return r;
}

HttpResponse Client::Get(const std::string& path, const HeaderList& headers) {
  return Send("GET", path, "", headers);
}

HttpResponse Client::Delete(const std::string& path, const HeaderList& headers) {
  return Send("DELETE", path, "", headers);
}

HttpResponse Client::Post(const std::string& path, const json::value& body,
                          const HeaderList& headers) {
  return Send("POST", path, json::serialize(body), headers);
}

HttpResponse Client::Patch(const std::string& path, const json::value& body,
                           const HeaderList& headers) {
  return Send("PATCH", path, json::serialize(body), headers);
}

HttpResponse Client::Send(const std::string& method, const std::string& path,
                          const std::string& body, const HeaderList& headers) {
  auto* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache: requests reuse keep-alive connections
  HttpResponse r;
  std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_EXPECT_100_TIMEOUT_MS, 3000L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method != "DELETE" || !body.empty()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
  }
  HeaderList all = headers;
  if (!HasHeader(all, "Content-Type")) {
    all.emplace_back("Content-Type", body.empty() ? "" : "application/json");
  }
  if (!HasHeader(all, "Expect")) all.emplace_back("Expect", "");
  if (!HasHeader(all, "Cookie") && !cookies_.empty()) all.emplace_back("Cookie", CookieHeader());
  if (send_csrf_ && IsUnsafe(method) && !csrf_token_.empty() && !HasHeader(all, "X-CSRF-Token")) {
    all.emplace_back("X-CSRF-Token", csrf_token_);
  }
  curl_slist* list = nullptr;
  for (const auto& [name, value] : all) {
    // "Name:" removes a header curl would add; "Name;" sends it empty.
    std::string line = value.empty() ? name + ":" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    r.error = curl_easy_strerror(rc);
    r.status = 0;
    return r;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  boost::system::error_code ec;
  json::value parsed = json::parse(r.body, ec);
  if (!ec) {
    r.json = std::move(parsed);
    r.is_json = true;
  }
  StoreCookies(r);
  return r;
}

}  // namespace kehu::apitest
