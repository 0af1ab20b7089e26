#!/usr/bin/python3
"""Local SMTP sink for DoanKetSangTao development and tests.

A real SMTP server (aiosmtpd, Debian package python3-aiosmtpd) that accepts
every message from any sender to any recipient, without authentication, and
stores each message as its own ``.eml`` file in a mail directory.

* SMTPUTF8 and 8BITMIME are advertised, so UTF-8 (e.g. Vietnamese) headers and
  addresses are accepted and stored byte for byte.
* Files are written atomically: a hidden temporary file in the same directory
  is fsync'ed and then renamed to ``<UTC timestamp>-<uuid4>.eml``; readers that
  only look at ``*.eml`` never see a partial message.
* Two trace headers are prepended, like an MTA does at final delivery:
  ``X-Envelope-From: sender@example`` and one ``X-Envelope-To: rcpt@example``
  per envelope recipient (this is how tests can see Bcc recipients); the
  null sender of bounces is written as ``<>``.

Must be run with Debian's interpreter (/usr/bin/python3); launcher/infra.sh
starts it.  Usage:

    /usr/bin/python3 smtp-sink.py --port 55025 --mail-dir /path/to/mail
"""

import argparse
import asyncio
import datetime
import logging
import os
import signal
import sys
import uuid

from aiosmtpd.smtp import SMTP

LOG = logging.getLogger("smtp-sink")


def _trace_header(name: str, value: str) -> bytes:
    # Envelope addresses cannot contain CR/LF (aiosmtpd parses them from a
    # single command line), but be defensive anyway.  The null reverse-path
    # (bounces) is written as "<>".
    clean = value.replace("\r", " ").replace("\n", " ").strip() or "<>"
    return f"{name}: {clean}\r\n".encode("utf-8", errors="surrogateescape")


class MaildirSink:
    """aiosmtpd handler storing each received message as one .eml file."""

    def __init__(self, mail_dir: str) -> None:
        self.mail_dir = mail_dir

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        body = envelope.original_content or b""
        if isinstance(body, str):  # only if someone enables decode_data
            body = body.encode("utf-8", errors="surrogateescape")
        prefix = _trace_header("X-Envelope-From", envelope.mail_from or "")
        for rcpt in envelope.rcpt_tos:
            prefix += _trace_header("X-Envelope-To", rcpt)
        try:
            name = self._store(prefix + body)
        except OSError as exc:
            LOG.error("could not store message: %s", exc)
            return "451 Requested action aborted: local storage error"
        LOG.info(
            "stored %s from=%s to=%s bytes=%d",
            name,
            envelope.mail_from,
            ",".join(envelope.rcpt_tos),
            len(body),
        )
        return "250 OK: message stored"

    def _store(self, data: bytes) -> str:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime(
            "%Y%m%dT%H%M%S.%fZ"
        )
        name = f"{stamp}-{uuid.uuid4().hex}.eml"
        tmp = os.path.join(self.mail_dir, f".tmp-{name}")
        final = os.path.join(self.mail_dir, name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return name


async def serve(host: str, port: int, mail_dir: str) -> None:
    loop = asyncio.get_running_loop()
    handler = MaildirSink(mail_dir)

    def factory() -> SMTP:
        return SMTP(
            handler,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname="dkst-smtp-sink",
            ident="DoanKetSangTao SMTP sink",
            loop=loop,
        )

    server = await loop.create_server(factory, host=host, port=port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    LOG.info("listening on %s:%d, storing mail in %s", host, port, mail_dir)
    async with server:
        await stop.wait()
    LOG.info("stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=55025)
    parser.add_argument("--mail-dir", required=True)
    args = parser.parse_args()

    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    # aiosmtpd logs every command/peer at INFO; keep the log readable.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    mail_dir = os.path.abspath(args.mail_dir)
    os.makedirs(mail_dir, exist_ok=True)
    try:
        asyncio.run(serve(args.host, args.port, mail_dir))
    except OSError as exc:
        LOG.error("cannot listen on %s:%d: %s", args.host, args.port, exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
