#include "http/session_impl.h"

namespace kehu::http::session_detail {

void StartPlainSession(ServerCore& core, tcp::socket socket) {
  Spawn<Session<beast::tcp_stream>>(core, std::move(socket));
}

}  // namespace kehu::http::session_detail
