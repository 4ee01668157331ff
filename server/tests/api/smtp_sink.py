#!/usr/bin/python3
"""A real SMTP server for the mail tests (aiosmtpd; run with Debian's /usr/bin/python3).

Every message it accepts is written to DIR as NNNN.eml (the bytes as received) and NNNN.json:
the envelope, the AUTH login, whether TLS was on, and the message as Python's email package
decodes it (RFC 2047 subject, charset and transfer encoding of the body), so the tests check the
mail with an independent decoder. Files appear atomically (written, then renamed).

  smtp_sink.py --dir DIR --port-file FILE [--port N] [--starttls CERT KEY | --smtps CERT KEY]
               [--auth USER:PASSWORD]

Port 0 (the default) picks a free port; the port is written to --port-file once listening.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        raw_headers = email.message_from_bytes(raw, policy=email.policy.compat32)
        info = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "login": session.auth_data if session.authenticated else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "rawSubject": raw_headers["Subject"],
            "date": str(msg["Date"]),
            "messageId": str(msg["Message-ID"]),
            "contentType": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "transferEncoding": str(msg["Content-Transfer-Encoding"]),
            "body": msg.get_content().replace("\r\n", "\n"),
            "defects": [type(d).__name__ for d in msg.defects],
        }
        base = os.path.join(self.directory, "%04d" % self.count)
        for ext, data in ((".eml", raw), (".json", json.dumps(info, ensure_ascii=False).encode("utf-8"))):
            with open(base + ext + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + ext + ".tmp", base + ext)
        return "250 OK queued as %04d" % self.count


def tls_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth")
    a = p.parse_args()

    handler = Handler(a.dir)
    warnings.simplefilter("ignore")  # "AUTH without TLS" is what some tests want
    kwargs = {"hostname": "kehu-test-sink"}
    if a.starttls:
        kwargs.update(tls_context=tls_context(*a.starttls), require_starttls=True)
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login == user.encode() and data.password == password.encode()
            return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server_ssl = tls_context(*a.smtps) if a.smtps else None
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, **kwargs), "127.0.0.1", a.port, ssl=server_ssl))
    port = server.sockets[0].getsockname()[1]
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(a.port_file + ".tmp", a.port_file)
    loop.run_forever()


if __name__ == "__main__":
    main()
