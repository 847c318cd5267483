"""Saved searches and alerts: what a saved search is, what its outbox holds,
and what one run of collecting and delivering did.

A councillor saves a question with its filters; after every ingest the newly
stored passages that answer it well are put in its outbox
(``qa.alerts_match``), once, and delivered from there to each of its
channels (``qa.alerts_send``): a digest email to each address, a signed
webhook POST; its Atom feed (``qa.alerts_feed``) always shows them. The SQL
is in ``qa.alerts_store``; ``qa.alerts_run`` ties the steps together.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import asdict, dataclass, field

from minutes_qa.index.rows import Filters
from minutes_qa.qa.hits import Citation

# The webhook channel's name; an email channel is "email:" and the address.
WEBHOOK = "webhook"
EMAIL = "email:"
# One email or one POST carries at most this many passages; more go in the next.
DELIVERY_MAX = 50
# An address as a person types it, and nothing that could add a mail header.
_ADDRESS = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+")


class AlertProblem(Exception):
    """Something about saved searches the user can fix (base class)."""


class InvalidSavedSearch(AlertProblem, ValueError):
    """A saved search that cannot be kept as given (a bad address or URL)."""


class NoSuchSearch(AlertProblem, LookupError):
    """No saved search has this id or feed token."""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A question a user follows, with the filters of its search.

    ``filters.include_restricted``: restricted passages may reach it; only a
    search saved with a key that may read them (or the CLI's
    ``--include-restricted``) has it. ``high_water``: the passage row id
    (``vec_id``, which only grows) up to which stored passages have been
    looked at; only those after it are news. ``uid`` names the search in
    feed entry ids, ``feed_token`` is the secret part of its feed's URL and
    ``webhook_secret`` signs its webhook POSTs (both random)."""

    id: int
    uid: str
    question: str
    filters: Filters
    emails: tuple[str, ...]
    webhook_url: str | None
    webhook_secret: str | None
    feed_token: str
    high_water: int
    created_at: str

    @property
    def channels(self) -> tuple[str, ...]:
        """Where its new passages are delivered (the feed needs no delivery)."""
        return tuple(EMAIL + a for a in self.emails) + ((WEBHOOK,) if self.webhook_url else ())

    def feed_path(self) -> str:
        return f"/feeds/{self.feed_token}.atom"

    def describe(self) -> str:
        """The question and its filters in one line, for people."""
        f = self.filters
        parts = [f"council {f.council}" if f.council else None]
        parts += [f"committee {f.committee}" if f.committee else None]
        parts += [f"since {f.since}" if f.since else None, f"until {f.until}" if f.until else None]
        parts += [", ".join(f.kinds) if f.kinds else None]
        parts += ["restricted included" if f.include_restricted else None]
        extra = "; ".join(p for p in parts if p)
        return f"“{self.question}”" + (f" ({extra})" if extra else "")


@dataclass(frozen=True, slots=True)
class NewMatch:
    """A passage stored since a search last looked that answers it well
    (``qa.alerts_match``), about to go into its outbox."""

    passage_id: str
    text: str
    kind: str
    score: float
    citation: Citation


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """A newly stored passage that answers a saved search well, as it was
    when found: its text and citation are kept, so that it can be delivered
    after its meeting is deleted, from a process with no model loaded.
    ``urn`` is its stable id (the feed entry's id, the webhook entry's id)."""

    id: int
    search_id: int
    passage_id: str
    urn: str
    text: str
    kind: str
    score: float
    citation: Citation
    found_at: str

    def permalink(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/p/{self.passage_id}"

    def to_dict(self, base_url: str) -> dict[str, object]:
        return {
            "id": self.urn,
            "passage_id": self.passage_id,
            "text": self.text,
            "kind": self.kind,
            "score": self.score,
            "citation": asdict(self.citation),
            "permalink": self.permalink(base_url),
            "found_at": self.found_at,
        }


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message to one channel of a saved search: a digest email to one
    address, or one webhook POST. Its ``id`` stays the same when it is tried
    again (the email's Message-ID, the webhook's ``X-Minutes-QA-Delivery``),
    so a receiver can drop a repeat."""

    id: str
    search: SavedSearch
    channel: str
    entries: tuple[AlertEntry, ...]
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """How one delivery went: ``sent``, or failed with ``error`` (it stays
    in the outbox and is tried again on the next run)."""

    delivery_id: str
    search_id: int
    channel: str
    entries: int
    attempts: int
    sent: bool
    error: str | None = None


@dataclass(slots=True)
class RunReport:
    """One run: how many saved searches were looked at, how many new
    matching passages went into outboxes, and every delivery tried."""

    searches: int = 0
    collected: int = 0
    deliveries: list[DeliveryResult] = field(default_factory=list)

    @property
    def sent(self) -> list[DeliveryResult]:
        return [d for d in self.deliveries if d.sent]

    @property
    def failed(self) -> list[DeliveryResult]:
        return [d for d in self.deliveries if not d.sent]

    def to_dict(self) -> dict[str, object]:
        return {
            "searches": self.searches,
            "collected": self.collected,
            "sent": len(self.sent),
            "failed": len(self.failed),
            "deliveries": [asdict(d) for d in self.deliveries],
        }

    def line(self) -> str:
        emails = sum(1 for d in self.sent if d.channel.startswith(EMAIL))
        hooks = sum(1 for d in self.sent if d.channel == WEBHOOK)
        line = (
            f"alerts: {_count(self.collected, 'new matching passage')} for "
            f"{_count(self.searches, 'saved search', 'saved searches')}; sent "
            f"{_count(emails, 'email')} and {_count(hooks, 'webhook post')}"
        )
        if self.failed:
            line += (
                f"; {_count(len(self.failed), 'delivery', 'deliveries')} failed "
                "(kept, tried again on the next run)"
            )
        return line


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


@dataclass(frozen=True, slots=True)
class SearchStatus:
    """A saved search with its outbox: passages found so far, passages
    waiting per channel (not yet delivered), and the last error met."""

    search: SavedSearch
    found: int
    waiting: dict[str, int]
    last_error: str | None


def new_secrets() -> tuple[str, str, str]:
    """A new search's ``(uid, feed_token, webhook_secret)``, all random."""
    return uuid.uuid4().hex, secrets.token_urlsafe(24), secrets.token_hex(32)


def entry_urn(search_uid: str, passage_id: str) -> str:
    """The same passage found for the same search always has the same id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"minutes-qa:{search_uid}:{passage_id}").urn


def check_channels(emails: tuple[str, ...], webhook_url: str | None) -> None:
    for address in emails:
        if not _ADDRESS.fullmatch(address):
            raise InvalidSavedSearch(f"not an email address: {address!r}")
    if webhook_url is not None and not re.fullmatch(r"https?://[^\s/]+\S*", webhook_url):
        raise InvalidSavedSearch(f"the webhook must be an http:// or https:// URL: {webhook_url!r}")


EXAMPLE_SEARCH = SavedSearch(
    id=1,
    uid="6f1c0e2a9b5d4c3e8a7f6b5c4d3e2f1a",
    question="flooding in Quillbury",
    filters=Filters(council="Quillbury"),
    emails=("clerk@quillbury.example",),
    webhook_url=None,
    webhook_secret=None,
    feed_token="example-feed-token",
    high_water=0,
    created_at="2024-02-01T09:00:00+00:00",
)
