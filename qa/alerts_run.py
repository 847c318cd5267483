"""One run of the alerts: collect, then deliver. Run after every ingest (the
CLI's ``ingest``, an API upload) and by ``minutes-qa alerts run``.

Collecting puts each saved search's new good matches in its outbox with its
new high-water mark, in one transaction per search. Delivering sends every
waiting delivery of every channel; one that fails stays, with its attempts
and error, and is tried again next run (never dropped). Runs on one index
take turns (a lock file), so that two never send the same delivery at once.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.alerts import Delivery, DeliveryResult, RunReport, SavedSearch
from minutes_qa.qa.alerts_match import new_matches, top_vec_id
from minutes_qa.qa.alerts_send import Senders, SendFailed
from minutes_qa.qa.alerts_store import ALERTS, AlertStore
from minutes_qa.qa.search import Searcher

log = logging.getLogger(__name__)

LOCK = "alerts.lock"


def has_alerts(folder: Path) -> bool:
    """Whether anything was ever saved here (an index without saved searches
    gets no alerts file)."""
    return (folder / ALERTS).is_file()


def run_alerts(
    folder: Path,
    index: PassageIndex | None,
    searcher: Callable[[], Searcher],
    senders: Senders,
) -> RunReport:
    """Collect the new matches of every saved search in ``folder`` from
    ``index`` (None: there is no index yet, only deliver), then deliver.
    ``searcher`` is called only when there are new passages to look at, so
    a run with nothing new loads no model."""
    report = RunReport()
    with _turn(folder):
        store = AlertStore(folder)
        try:
            searches = store.all()
            report.searches = len(searches)
            if index is not None:
                report.collected = collect(store, searches, index, searcher)
            for search in store.all():
                report.deliveries += deliver(store, search, senders)
        finally:
            store.close()
    log.info("alerts run: %s", report.line())
    return report


def collect(
    store: AlertStore,
    searches: list[SavedSearch],
    index: PassageIndex,
    searcher: Callable[[], Searcher],
) -> int:
    """Put every new good match in its search's outbox; returns how many."""
    upto = top_vec_id(index)
    behind = [s for s in searches if s.high_water < upto]
    if not behind:
        return 0
    found = searcher()
    collected = 0
    for search in behind:
        collected += store.record(search, new_matches(found, search, upto), upto)
    return collected


def deliver(store: AlertStore, search: SavedSearch, senders: Senders) -> list[DeliveryResult]:
    """Send what waits on each of the search's channels; a channel whose
    delivery fails is left for the next run (its later entries wait behind it)."""
    results = []
    for channel in search.channels:
        while (delivery := store.next_delivery(search, channel)) is not None:
            try:
                senders.send(delivery)
            except SendFailed as exc:
                attempts = store.failed(delivery, str(exc))
                log.warning(
                    "delivery %s of search %d to %s failed (attempt %d): %s",
                    delivery.id,
                    search.id,
                    channel,
                    attempts,
                    exc,
                )
                results.append(_result(delivery, attempts, str(exc)))
                break
            # The window no system closes: killed here, the message went out
            # but is not marked sent, and goes out again (same delivery id).
            attempts = store.sent(delivery)
            results.append(_result(delivery, attempts, None))
    return results


def _result(delivery: Delivery, attempts: int, error: str | None) -> DeliveryResult:
    return DeliveryResult(
        delivery_id=delivery.id,
        search_id=delivery.search.id,
        channel=delivery.channel,
        entries=len(delivery.entries),
        attempts=attempts,
        sent=error is None,
        error=error,
    )


@contextmanager
def _turn(folder: Path) -> Iterator[None]:
    """Wait for another run on this index to finish (a run after an upload
    and one after a CLI ingest may meet); never skip, or the passages of
    the second ingest would wait for a third."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
