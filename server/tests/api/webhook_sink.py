#!/usr/bin/python3
"""A webhook receiver for the API tests (webhooks_test.cc): listens on a free loopback port,
prints "port <n>" once ready, and records every request as it arrives:
  <dir>/<seq>.body        the raw request body
  <dir>/<seq>.meta.json   {"path", "headers": {lower-case name: value}, "at": unix seconds}
(the body is written first, so a .meta.json file always has its body).

Answers by path: /ok -> 200, /fail -> 500, /hang -> holds the request for 60 s (then 200),
/robot-error -> 200 with a robot's refusal {"errcode":310000,...}. Stops on SIGTERM or when its
stdin closes (the test died).
"""
import http.server
import itertools
import json
import os
import signal
import sys
import threading
import time

out_dir = sys.argv[1]
counter = itertools.count(1)
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with lock:
            seq = next(counter)
        base = os.path.join(out_dir, "%05d" % seq)
        with open(base + ".body", "wb") as f:
            f.write(body)
        meta = {"path": self.path, "at": time.time(),
                "headers": {k.lower(): v for k, v in self.headers.items()}}
        with open(base + ".tmp", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".tmp", base + ".meta.json")
        path = self.path.split("?")[0]
        if path == "/hang":
            time.sleep(60)
        status, answer = 200, b'{"ok":true}'
        if path == "/fail":
            status, answer = 500, b'{"error":"broken"}'
        elif path == "/robot-error":
            answer = b'{"errcode":310000,"errmsg":"keywords not in content"}'
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:
            pass  # the client gave up (time-out)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))


def watch_stdin():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=watch_stdin, daemon=True).start()
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
