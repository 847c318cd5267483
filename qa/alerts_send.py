"""Sending one delivery: a digest email through SMTP, or a webhook POST
signed with HMAC-SHA256 of its body under the search's own secret.

Either raises :class:`SendFailed` with a line saying why; the caller keeps
the delivery in the outbox and tries it again on the next run. Passwords
are never logged and never part of an error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from typing import Literal

from minutes_qa.qa.alerts import EMAIL, WEBHOOK, AlertEntry, Delivery

log = logging.getLogger(__name__)

SIGNATURE = "X-Minutes-QA-Signature"
DELIVERY_ID = "X-Minutes-QA-Delivery"
WEBHOOK_TIMEOUT = 10.0
TlsMode = Literal["none", "starttls", "ssl"]


class SendFailed(Exception):
    """A delivery did not go out (the server refused, was unreachable, or
    is not configured); it stays in the outbox."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where digest emails go out: an SMTP server, how to secure the
    connection (``none``, ``starttls`` or implicit TLS, ``ssl``) and the
    credentials, when it wants them. ``port`` None: the usual port of the
    TLS mode (25, 587, 465)."""

    host: str | None = None
    port: int | None = None
    sender: str = "minutes-qa@localhost"
    tls: TlsMode = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        return self.port or {"none": 25, "starttls": 587, "ssl": 465}[self.tls]


@dataclass(frozen=True, slots=True)
class Senders:
    """What a run delivers with: the SMTP server and the base URL of the
    server's pages (permalinks and feeds in emails and webhooks)."""

    smtp: SmtpSettings
    base_url: str
    webhook_timeout: float = WEBHOOK_TIMEOUT

    def send(self, delivery: Delivery) -> None:
        if delivery.channel.startswith(EMAIL):
            send_email(self.smtp, digest(delivery, self.base_url, self.smtp.sender))
        elif delivery.channel == WEBHOOK:
            post_webhook(delivery, self.base_url, self.webhook_timeout)
        else:
            raise SendFailed(f"unknown channel {delivery.channel!r}")


def digest(delivery: Delivery, base_url: str, sender: str) -> EmailMessage:
    """The email of one delivery: every passage with its citation and permalink."""
    search, entries = delivery.search, delivery.entries
    message = EmailMessage()
    noun = "passage" if len(entries) == 1 else "passages"
    message["Subject"] = f"{len(entries)} new {noun} in the minutes: {search.question}"
    message["From"] = sender
    message["To"] = delivery.channel.removeprefix(EMAIL)
    message["Date"] = formatdate(usegmt=True)
    # The same id on every attempt: a mail system may drop the repeat.
    message["Message-ID"] = f"<{delivery.id}@minutes-qa>"
    message[DELIVERY_ID] = delivery.id
    base = base_url.rstrip("/")
    lines = [f"New in the minutes for your saved search {search.describe()}:", ""]
    for number, entry in enumerate(entries, 1):
        lines += _entry_lines(number, entry, base_url)
    lines += [
        f"Feed of this search: {base}{search.feed_path()}",
        f"To stop these emails: minutes-qa alerts remove {search.id}",
    ]
    message.set_content("\n".join(lines))
    return message


def _entry_lines(number: int, entry: AlertEntry, base_url: str) -> list[str]:
    return [
        f"{number}. {entry.text}",
        f"   — {entry.citation.line()}",
        f"   {entry.permalink(base_url)}",
        "",
    ]


def send_email(smtp: SmtpSettings, message: EmailMessage) -> None:
    if not smtp.host:
        raise SendFailed("no SMTP server configured (MINUTES_QA_SMTP_HOST)")
    context = ssl.create_default_context()
    try:
        server: smtplib.SMTP
        if smtp.tls == "ssl":
            server = smtplib.SMTP_SSL(
                smtp.host, smtp.effective_port, timeout=smtp.timeout, context=context
            )
        else:
            server = smtplib.SMTP(smtp.host, smtp.effective_port, timeout=smtp.timeout)
        with server:
            if smtp.tls == "starttls":
                server.starttls(context=context)
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            refused = server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailed(f"SMTP {smtp.host}: login refused ({exc.smtp_code})") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendFailed(f"SMTP {smtp.host}:{smtp.effective_port}: {_reason(exc)}") from None
    if refused:
        raise SendFailed(f"SMTP {smtp.host} refused {', '.join(refused)}")
    log.info("emailed delivery %s to %s", message[DELIVERY_ID], message["To"])


def webhook_body(delivery: Delivery, base_url: str) -> bytes:
    search = delivery.search
    body = {
        "delivery": delivery.id,
        "search": {
            "id": search.id,
            "question": search.question,
            "feed": base_url.rstrip("/") + search.feed_path(),
        },
        "entries": [e.to_dict(base_url) for e in delivery.entries],
    }
    return json.dumps(body, ensure_ascii=False).encode()


def signature(secret: str, body: bytes) -> str:
    """The value of ``X-Minutes-QA-Signature``: receivers compute the same
    over the raw body with the search's secret and compare."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(delivery: Delivery, base_url: str, timeout: float = WEBHOOK_TIMEOUT) -> None:
    search = delivery.search
    if not search.webhook_url or not search.webhook_secret:
        raise SendFailed("the search has no webhook")
    body = webhook_body(delivery, base_url)
    request = urllib.request.Request(
        search.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "minutes-qa",
            SIGNATURE: signature(search.webhook_secret, body),
            DELIVERY_ID: delivery.id,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise SendFailed(f"webhook {search.webhook_url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise SendFailed(f"webhook {search.webhook_url}: {_reason(exc)}") from None
    if not 200 <= status < 300:
        raise SendFailed(f"webhook {search.webhook_url}: HTTP {status}")
    log.info("posted delivery %s to the webhook of search %d", delivery.id, search.id)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
    return str(reason).strip() or type(exc).__name__
