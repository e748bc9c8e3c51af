"""Fixtures for Liaison's mail tests: real SMTP servers (aiosmtpd) on 127.0.0.1 that keep what they are sent,
and real `liaison serve` processes (from tests/security/liaison_server.py) that send to them.

`plain_smtp` takes mail in clear (for `--smtp smtp://127.0.0.1:PORT?tls=none`); `tls_smtp` offers STARTTLS with a
certificate made for the test by `openssl` (trusted through `--smtp-ca-file`), requires it, and takes only the
test's user and password, over TLS; `implicit_tls_smtp` speaks TLS from the first byte and offers AUTH LOGIN only; `clear_only_smtp` never offers
STARTTLS. Nothing here talks to anything but
the loopback interface.
"""

import atexit
import email
import email.policy
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))
import liaison_server  # noqa: E402

atexit.register(liaison_server.stop_all)

ENGINES = ["sqlite"] + (["postgres"] if os.environ.get("LIAISON_TEST_POSTGRES") else [])
SMTP_USER = "liaison"
SMTP_PASSWORD = "p@ss:word/é"  # percent-encoded in the URL, decoded by Liaison
WAIT = 30  # seconds any test waits for a message


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message, what each session said, and whether it was over TLS."""

    def __init__(self):
        self.messages = []  # (recipients, email.message.EmailMessage, raw bytes, over TLS)
        self.commands = []  # MAIL and AUTH as they came, with whether TLS was on
        self.logins = []
        self.lock = threading.Lock()

    @staticmethod
    def over_tls(server, session):
        """After STARTTLS (aiosmtpd's `session.ssl`) or from the first byte (the transport's own)."""
        return session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.commands.append(("MAIL", address, self.over_tls(server, session)))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(
                (list(envelope.rcpt_tos), parsed, envelope.original_content, self.over_tls(server, session)))
        return "250 OK queued"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            with self.lock:
                self.logins.append((mechanism, login, self.over_tls(server, session)))
            if login == SMTP_USER and password == SMTP_PASSWORD:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def wait_for(self, count, timeout=WAIT):
        """The first `count` messages, once they have come (fails the test after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.2)
        with self.lock:
            raise AssertionError(f"expected {count} messages in {timeout} s, got {len(self.messages)}")

    def count(self):
        with self.lock:
            return len(self.messages)


class SMTPServer:
    def __init__(self, mailbox, controller, port, certificate=None):
        self.mailbox, self.controller, self.port, self.certificate = mailbox, controller, port, certificate


def _start(mailbox, **options):
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, ready_timeout=10, **options)
    controller.start()
    return controller, port


@pytest.fixture
def plain_smtp():
    mailbox = Mailbox()
    controller, port = _start(mailbox)
    yield SMTPServer(mailbox, controller, port)
    controller.stop()


@pytest.fixture
def clear_only_smtp():
    """A server that offers no STARTTLS but takes anything in clear."""
    mailbox = Mailbox()
    controller, port = _start(mailbox, authenticator=mailbox.authenticate, auth_require_tls=False)
    yield SMTPServer(mailbox, controller, port)
    controller.stop()


@pytest.fixture(scope="session")
def certificate():
    """A self-signed certificate for localhost and 127.0.0.1, made for this run; (certificate, key) paths."""
    folder = Path(tempfile.mkdtemp(prefix="liaison-mail-tls-"))
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return cert, key


@pytest.fixture
def tls_smtp(certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    controller, port = _start(
        mailbox, tls_context=context, require_starttls=True, authenticator=mailbox.authenticate,
        auth_required=True, auth_require_tls=True, server_hostname="localhost")
    yield SMTPServer(mailbox, controller, port, certificate=cert)
    controller.stop()


@pytest.fixture
def implicit_tls_smtp(certificate):
    """TLS from the first byte (smtps://), offering AUTH LOGIN only."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    controller, port = _start(
        mailbox, ssl_context=context, authenticator=mailbox.authenticate, auth_required=True,
        auth_exclude_mechanism=["PLAIN"], server_hostname="localhost",
        auth_require_tls=False)  # aiosmtpd counts only STARTTLS as TLS; this whole connection is
    yield SMTPServer(mailbox, controller, port, certificate=cert)
    controller.stop()


class Workspace:
    """A fresh database with three staff accounts and an API token for the lead, and the servers started on it."""

    def __init__(self, engine):
        self.database = liaison_server.Database.create(engine)
        liaison_server.cli(self.database, "migrate")
        self.ids = {}
        for email_address, name, role in [
            ("lead@example.org", "Lena Lead", "admin"),
            ("agnes@example.org", "Agnès Bickart", "editor"),
            ("victor@example.org", "Victor Viewer", "viewer"),
        ]:
            printed = liaison_server.cli(
                self.database, "user", "add", "--email", email_address, "--name", name, "--role", role,
                "--password-stdin", stdin="correct horse battery staple\n")
            self.ids[email_address] = int(printed.rsplit("(id ", 1)[1].split(")")[0])
        self.token = liaison_server.issue_token(self.database, "lead@example.org", "mail tests", write=True)
        self.servers = []

    def serve(self, *arguments):
        server = liaison_server.Server(self.database, arguments).start()
        self.servers.append(server)
        return server

    def cli(self, *arguments):
        return liaison_server.cli(self.database, *arguments)

    def close(self):
        for server in self.servers:
            server.stop()
        self.database.drop()


@pytest.fixture
def workspace(request):
    engine = getattr(request, "param", "sqlite")
    made = Workspace(engine)
    yield made
    made.close()
