#include "http/session.h"

#include <spdlog/spdlog.h>

#include "http/session_impl.h"

namespace kehu::http {
namespace session_detail {
bool IsLoopback(const asio::ip::address& a) {
  if (a.is_loopback()) return true;
  return a.is_v6() && a.to_v6().is_v4_mapped() &&
         asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).is_loopback();
}

bool IsHttpError(const boost::system::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

// Copies method, target, headers and the request id from Beast's message.
void FillHeader(const bhttp::request<bhttp::string_body>& msg, Request& req) {
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& f : msg) {
    auto [it, inserted] = req.headers.try_emplace(std::string(f.name_string()), f.value());
    if (!inserted) {
      it->second += beast::iequals(f.name_string(), "Cookie") ? "; " : ", ";
      it->second += f.value();
    }
  }
  std::string_view incoming = req.Header("X-Request-Id");
  req.request_id = IsValidRequestId(incoming) ? std::string(incoming) : NewRequestId();
}

static bool SafeHeader(std::string_view name, std::string_view value) {
  return name.find_first_of("\r\n:") == std::string_view::npos &&
         value.find_first_of("\r\n") == std::string_view::npos;
}

// Beast's message from ours; HEAD keeps the Content-Length of the body it does not send.
bhttp::response<bhttp::string_body> ToBeast(const Request& req, Response&& res, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
  for (const auto& [name, value] : res.headers) {
    if (beast::iequals(name, "Content-Length") || beast::iequals(name, "Transfer-Encoding") ||
        beast::iequals(name, "Connection")) {
      continue;
    }
    if (!SafeHeader(name, value)) {
      spdlog::error("request {}: dropped response header {} with a line break", req.request_id,
                    name);
      continue;
    }
    out.set(name, value);
  }
  bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
  if (!bodiless) {
    out.content_length(res.body.size());
    if (req.method != "HEAD") out.body() = std::move(res.body);
  }
  out.keep_alive(keep_alive);
  return out;
}

bhttp::response<bhttp::empty_body> ToBeastStreamHead(const Request& req, const Response& res) {
  bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(res.status), 11};
  for (const auto& [name, value] : res.headers) {
    if (beast::iequals(name, "Content-Length") || beast::iequals(name, "Transfer-Encoding") ||
        beast::iequals(name, "Connection") || beast::iequals(name, "Content-Encoding")) {
      continue;
    }
    if (!SafeHeader(name, value)) {
      spdlog::error("request {}: dropped response header {} with a line break", req.request_id,
                    name);
      continue;
    }
    out.set(name, value);
  }
  out.chunked(true);
  out.keep_alive(false);
  return out;
}

void LogSessionEnd(std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::error("http session ended by an exception: {}", ex.what());
  } catch (...) {
    spdlog::error("http session ended by a non-standard exception");
  }
}

}  // namespace session_detail

void StartSession(ServerCore& core, asio::ip::tcp::socket socket) {
  if (core.tls) {
    session_detail::StartTlsSession(core, std::move(socket));
  } else {
    session_detail::StartPlainSession(core, std::move(socket));
  }
}

}  // namespace kehu::http
