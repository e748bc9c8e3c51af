"""Liaison's mail, read back from real SMTP servers on 127.0.0.1: who gets what, with which subject, links and
follow-ups; nothing without a server, nothing to a disabled account, nothing in clear to a server without
STARTTLS, and a clear refusal of settings that would send in clear to another machine."""

import datetime
import re
import subprocess
import time
import urllib.parse

import pytest
import requests

import liaison_server
from conftest import ENGINES, SMTP_PASSWORD, SMTP_USER

FROM = "Liaison <liaison@example.org>"
PUBLIC = "https://liaison.example.org"


def mail_flags(smtp, *more):
    return ["--smtp", f"smtp://127.0.0.1:{smtp.port}?tls=none", "--smtp-from", FROM, "--public-url", PUBLIC, *more]


def api(server, workspace, method, path, body):
    response = requests.request(method, server.url + "/api/v1" + path, json=body, timeout=30,
                                headers={"Authorization": f"Bearer {workspace.token}"})
    assert response.status_code in (200, 201), response.text
    return response.json()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def check_well_formed(raw, message):
    """RFC 5322 as a strict reader sees it: CRLF only, short lines, the headers every message needs."""
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare line feeds"
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    for header in ("Date", "Message-ID", "From", "To", "Subject"):
        assert message[header], f"no {header}"
    assert message["From"].addresses[0].addr_spec == "liaison@example.org"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"


@pytest.mark.parametrize("workspace", ENGINES, indirect=True)
def test_an_assignment_a_mention_and_a_review_are_mailed_to_the_person_concerned(workspace, plain_smtp):
    server = workspace.serve(*mail_flags(plain_smtp, "--smtp-digest-hour", "off"))
    agnes = workspace.ids["agnes@example.org"]
    follow_up = api(server, workspace, "POST", "/follow-ups",
                    {"title": "Request the e-mail contacts of all participants", "assigneeAccountId": agnes,
                     "dueDate": "2099-12-15"})
    [(recipients, message, raw, _)] = plain_smtp.mailbox.wait_for(1)
    assert recipients == ["agnes@example.org"]
    check_well_formed(raw, message)
    assert message["To"].addresses[0].display_name == "Agnès Bickart"
    assert str(message["Subject"]) == "Lena Lead assigned you a follow-up: “Request the e-mail contacts of all participants”"
    body = text_of(message)
    assert body.startswith("Hello Agnès Bickart,")
    links = re.findall(r"https://liaison\.example\.org/inbox/(\d+)", body)
    assert links, body
    # The link opens the entry, which leads to the follow-up.
    assert follow_up["id"]

    api(server, workspace, "POST", "/reports",
        {"title": "Mission to Guangzhou", "body": "Foshan and Dongguan were very positive. @Agnès please complement.",
         "status": "shared"})
    messages = plain_smtp.mailbox.wait_for(2)
    recipients, message, raw, _ = messages[1]
    assert recipients == ["agnes@example.org"]
    assert str(message["Subject"]) == "Lena Lead mentioned you in “Mission to Guangzhou”"
    check_well_formed(raw, message)

    api(server, workspace, "POST", "/reports",
        {"title": "Notes on Dongguan", "body": "To check.", "status": "draft", "reviewerAccountIds": [agnes]})
    recipients, message, _, _ = plain_smtp.mailbox.wait_for(3)[2]
    assert recipients == ["agnes@example.org"]
    assert str(message["Subject"]) == "Lena Lead asks you to review “Notes on Dongguan”"
    # Each entry is mailed once, however long the server runs.
    time.sleep(7)
    assert plain_smtp.mailbox.count() == 3


@pytest.mark.parametrize("workspace", ENGINES, indirect=True)
def test_the_digest_lists_what_is_overdue_then_due_that_day_once(workspace, plain_smtp):
    server = workspace.serve("--smtp-digest-hour", "off")  # no mail server yet: nothing is sent
    agnes = workspace.ids["agnes@example.org"]
    foshan = api(server, workspace, "POST", "/organizations", {"name": "Foshan", "kind": "city", "country": "CN"})
    dongguan = api(server, workspace, "POST", "/organizations", {"name": "Dongguan", "kind": "city", "country": "CN"})
    for title, due, organizations in [
        ("Follow up with Foshan and Dongguan on membership", "2026-12-15", [foshan["id"], dongguan["id"]]),
        ("Request the participants' e-mail contacts", "2026-12-10", []),
        ("Send the Congress invitations", "2026-12-16", []),
        ("Thank the hosts", None, []),
    ]:
        api(server, workspace, "POST", "/follow-ups",
            {"title": title, "assigneeAccountId": agnes, "dueDate": due, "organizationIds": organizations})
    workspace.cli("mail", "digest", "--date", "2026-12-15", *mail_flags(plain_smtp))
    [(recipients, message, raw, _)] = plain_smtp.mailbox.wait_for(1)
    assert recipients == ["agnes@example.org"]
    check_well_formed(raw, message)
    assert str(message["Subject"]) == "Your follow-ups: 1 overdue, 1 due today"
    body = text_of(message)
    overdue = body.index("Request the participants' e-mail contacts")
    today = body.index("Follow up with Foshan and Dongguan on membership")
    assert body.index("Overdue") < overdue < body.index("Due today") < today
    assert "Due 2026-12-10" in body and "Due 2026-12-15 · Foshan, Dongguan" in body
    assert "Send the Congress invitations" not in body and "Thank the hosts" not in body
    assert len(re.findall(r"https://liaison\.example\.org/follow-ups/\d+", body)) == 2
    # Sent once: the day's digest is not sent again, by the command or by a server.
    printed = workspace.cli("mail", "digest", "--date", "2026-12-15", *mail_flags(plain_smtp))
    assert "0 sent" in printed
    time.sleep(1)
    assert plain_smtp.mailbox.count() == 1


def test_a_server_sends_the_digest_at_the_hour_and_nothing_without_a_mail_server(workspace, plain_smtp):
    first = workspace.serve()  # no --smtp
    agnes, victor = workspace.ids["agnes@example.org"], workspace.ids["victor@example.org"]
    api(first, workspace, "POST", "/follow-ups",
        {"title": "Overdue for Agnès", "assigneeAccountId": agnes, "dueDate": "2020-01-01"})
    api(first, workspace, "POST", "/follow-ups",
        {"title": "Overdue for Victor", "assigneeAccountId": victor, "dueDate": "2020-01-01"})
    time.sleep(6)
    assert plain_smtp.mailbox.count() == 0
    first.stop()
    workspace.cli("user", "disable", "victor@example.org")

    # Hour 0: every digest of the day is due as soon as the server starts; Victor, disabled, gets nothing. The
    # assignment made that day without a mail server is mailed now, to Agnès only.
    workspace.serve(*mail_flags(plain_smtp, "--smtp-digest-hour", "0"))
    messages = plain_smtp.mailbox.wait_for(2)
    time.sleep(3)
    assert plain_smtp.mailbox.count() == 2
    assert all(recipients == ["agnes@example.org"] for recipients, *_ in messages)
    subjects = sorted(str(message["Subject"]) for _, message, _, _ in messages)
    assert subjects == ["Lena Lead assigned you a follow-up: “Overdue for Agnès”", "Your follow-ups: 1 overdue, 0 due today"]
    digest = next(message for _, message, _, _ in messages if str(message["Subject"]).startswith("Your"))
    assert "Overdue for Agnès" in text_of(digest) and "Victor" not in text_of(digest)


def test_starttls_with_a_private_certificate_and_a_password(workspace, tls_smtp):
    user = urllib.parse.quote(SMTP_USER, safe="")
    password = urllib.parse.quote(SMTP_PASSWORD, safe="")
    flags = ["--smtp", f"smtp://{user}:{password}@localhost:{tls_smtp.port}", "--smtp-from", FROM,
             "--smtp-ca-file", str(tls_smtp.certificate)]
    printed = workspace.cli("mail", "test", "--to", "agnes@example.org", *flags)
    assert "Sent a test message to agnes@example.org" in printed
    [(recipients, message, raw, over_tls)] = tls_smtp.mailbox.wait_for(1)
    assert recipients == ["agnes@example.org"] and over_tls
    assert str(message["Subject"]) == "Liaison test message"
    assert tls_smtp.mailbox.logins and all(over for _, _, over in tls_smtp.mailbox.logins)
    assert all(over for _, _, over in tls_smtp.mailbox.commands)

    # Without the CA file the certificate is not trusted, and nothing is sent.
    done = run_liaison(workspace, "mail", "test", "--to", "agnes@example.org", *flags[:4])
    assert done.returncode != 0 and "certificate" in (done.stdout + done.stderr).lower()
    assert tls_smtp.mailbox.count() == 1


# aiosmtpd warns of AUTH without its STARTTLS: this server's connections are TLS from the first byte.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_with_auth_login(workspace, implicit_tls_smtp):
    user = urllib.parse.quote(SMTP_USER, safe="")
    password = urllib.parse.quote(SMTP_PASSWORD, safe="")
    printed = workspace.cli(
        "mail", "test", "--to", "agnes@example.org", "--smtp",
        f"smtps://{user}:{password}@127.0.0.1:{implicit_tls_smtp.port}", "--smtp-from", FROM,
        "--smtp-ca-file", str(implicit_tls_smtp.certificate))
    assert "Sent a test message" in printed
    [(recipients, message, _, over_tls)] = implicit_tls_smtp.mailbox.wait_for(1)
    assert recipients == ["agnes@example.org"] and over_tls
    assert [(mechanism, login) for mechanism, login, _ in implicit_tls_smtp.mailbox.logins] == [("LOGIN", SMTP_USER)]


def test_a_server_without_starttls_gets_nothing_in_clear(workspace, clear_only_smtp):
    user = urllib.parse.quote(SMTP_USER, safe="")
    password = urllib.parse.quote(SMTP_PASSWORD, safe="")
    done = run_liaison(workspace, "mail", "test", "--to", "agnes@example.org", "--smtp",
                       f"smtp://{user}:{password}@127.0.0.1:{clear_only_smtp.port}", "--smtp-from", FROM)
    assert done.returncode != 0
    assert "STARTTLS" in done.stdout + done.stderr
    assert clear_only_smtp.mailbox.commands == [] and clear_only_smtp.mailbox.logins == []
    assert clear_only_smtp.mailbox.count() == 0


def run_liaison(workspace, *arguments):
    return subprocess.run([str(liaison_server.BINARY), *arguments, "--database", workspace.database.url],
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


@pytest.mark.parametrize("flags, named", [
    (["--smtp", "smtp://mail.example.org:25?tls=none", "--smtp-from", FROM], "--smtp"),
    (["--smtp", "smtp://127.0.0.1:2525?tls=none"], "--smtp-from"),
    (["--smtp", "smtps://mail.example.org", "--smtp-from", "Liaison"], "--smtp-from"),
    (["--smtp", "smtps://mail.example.org", "--smtp-from", FROM, "--smtp-ca-file", "/nonexistent.pem"],
     "--smtp-ca-file"),
])
def test_settings_that_cannot_work_stop_the_start_naming_the_setting(workspace, flags, named):
    done = subprocess.run([str(liaison_server.BINARY), "serve", "--database", workspace.database.url, "--port", "0",
                           *flags], text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode != 0
    assert named in done.stdout + done.stderr
    assert "Liaison is running" not in done.stdout
