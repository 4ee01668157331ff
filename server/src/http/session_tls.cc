#include "http/session_impl.h"

namespace kehu::http::session_detail {

void StartTlsSession(ServerCore& core, tcp::socket socket) {
  Spawn<Session<beast::ssl_stream<beast::tcp_stream>>>(core, std::move(socket));
}

}  // namespace kehu::http::session_detail
