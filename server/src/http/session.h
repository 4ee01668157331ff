// Internal to the http layer (includes Asio): one accepted connection.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "http/server_core.h"

namespace kehu::http {

// Spawns the coroutine that serves `socket` (over TLS if core.tls is set) until the peer closes,
// a timeout or error ends it, or shutdown closes it. The socket must run on a strand.
void StartSession(ServerCore& core, asio::ip::tcp::socket socket);

}  // namespace kehu::http
