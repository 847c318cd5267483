"""Saved searches delivered to real local servers: a digest email to an SMTP
server (aiosmtpd), a signed webhook POST to an http.server, and the Atom
feed; each new passage exactly once, across runs, restarts and failures.

The archive is the invented Quillbury minutes of tests/data/timeline; the
new minutes (tests/data/alerts) are a February 2024 meeting with two
passages on flooding in Quillbury, one on allotments, and an exempt item on
a flood damage claim (restricted)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.alerts import (
    DELIVERY_MAX,
    EXAMPLE_SEARCH,
    NewMatch,
    RunReport,
    SavedSearch,
    entry_urn,
)
from minutes_qa.qa.alerts_feed import atom_feed
from minutes_qa.qa.alerts_match import top_vec_id
from minutes_qa.qa.alerts_run import collect, run_alerts
from minutes_qa.qa.alerts_send import SIGNATURE, Senders, SmtpSettings
from minutes_qa.qa.alerts_store import AlertStore
from minutes_qa.qa.hits import Citation
from minutes_qa.qa.search import GoodMatch, Searcher
from minutes_qa.settings import Settings
from tests.alert_servers import free_port, smtp_server, webhook_server
from tests.conftest import DATA, ROOT

QUESTION = "flooding in Quillbury"
BASE = "http://minutes.example"
NEW = DATA / "alerts"
# The hashing encoder's cosines are not the real model's: a passage holding
# the query's words is a good match (as in tests/qa/test_timeline.py).
LINE = GoodMatch(dense=0.0, keyword=1.0, bias=-0.1)
STORM = "The Clerk reported flooding in Quillbury after Storm Henk"
AGENCY = "RESOLVED that the Clerk ask the Environment Agency"
EXEMPT = "Members noted the confidential settlement"
CITE = Citation("Quillbury Town Council", None, None, "2024-03-05", None, None, "x.md", 0)
CITATION = (
    "Quillbury Town Council · Environment Committee · 2024-02-06 · item 2 Flooding in Quillbury"
)


@pytest.fixture
def index(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([DATA / "timeline"]), hashing)
    yield index
    index.close()


def save(index: PassageIndex, filters: Filters = Filters(council="Quillbury"), **channels):
    store = AlertStore(index.folder)
    try:
        return store.add(
            QUESTION,
            filters,
            channels.get("emails", ()),
            channels.get("webhook"),
            top_vec_id(index),
        )
    finally:
        store.close()


def ingest_new(index: PassageIndex, hashing, folder: Path = NEW) -> None:
    index.ingest(load([folder]), hashing)


def run(index: PassageIndex, hashing, smtp_port: int | None = None) -> RunReport:
    """A run as the CLI and the API do it, with new store objects each time."""
    smtp = SmtpSettings(host="127.0.0.1", port=smtp_port or free_port(), tls="none", timeout=5)
    return run_alerts(
        index.folder,
        index,
        lambda: Searcher(index, hashing, good_match=LINE),
        Senders(smtp, BASE),
    )


def entries(index: PassageIndex, search: SavedSearch):
    store = AlertStore(index.folder)
    try:
        return store.entries(store.get(search.id)), store.status(store.get(search.id))
    finally:
        store.close()


def test_email_digest_names_the_new_passages_and_their_citations(index, hashing):
    search = save(index, emails=("clerk@quillbury.example", "chair@quillbury.example"))
    ingest_new(index, hashing)
    with smtp_server() as (port, mailbox):
        report = run(index, hashing, port)
    assert (report.searches, report.collected, len(report.sent), report.failed) == (1, 2, 2, [])
    # One digest to each address, each sent to that address alone.
    assert mailbox.recipients == [["clerk@quillbury.example"], ["chair@quillbury.example"]]
    message = mailbox.messages[0]
    assert message["Subject"] == f"2 new passages in the minutes: {QUESTION}"
    assert message["Message-ID"] == f"<{report.deliveries[0].delivery_id}@minutes-qa>"
    body = message.get_content()
    assert STORM in body and AGENCY in body and CITATION in body
    assert "allotment" not in body and EXEMPT not in body
    found, _ = entries(index, search)
    assert {f"{BASE}/p/{e.passage_id}" for e in found} <= set(body.split())
    assert f"{BASE}/feeds/{search.feed_token}.atom" in body


def test_webhook_post_is_signed_with_the_searchs_secret(index, hashing):
    with webhook_server() as receiver:
        search = save(index, webhook=receiver.url)
        ingest_new(index, hashing)
        report = run(index, hashing)
    assert [d.channel for d in report.sent] == ["webhook"] and len(receiver.posts) == 1
    post = receiver.posts[0]
    assert search.webhook_secret and len(search.webhook_secret) == 64
    expected = hmac.new(search.webhook_secret.encode(), post.body, hashlib.sha256).hexdigest()
    assert post.headers[SIGNATURE] == f"sha256={expected}"
    assert post.headers["X-Minutes-QA-Delivery"] == report.sent[0].delivery_id
    body = json.loads(post.body)
    assert body["delivery"] == report.sent[0].delivery_id
    assert body["search"] == {
        "id": search.id,
        "question": QUESTION,
        "feed": f"{BASE}/feeds/{search.feed_token}.atom",
    }
    texts = sorted(e["text"] for e in body["entries"])  # best first; sorted to compare
    assert len(texts) == 2 and texts[0].startswith(AGENCY) and texts[1].startswith(STORM)
    first = body["entries"][0]
    assert first["id"] == entry_urn(search.uid, first["passage_id"])
    assert first["permalink"] == f"{BASE}/p/{first['passage_id']}"
    assert first["citation"]["meeting_date"] == "2024-02-06"
    # Any other key gives another signature: a receiver can tell a forgery.
    forged = hmac.new(b"not-the-secret", post.body, hashlib.sha256).hexdigest()
    assert post.headers[SIGNATURE] != f"sha256={forged}"


def test_atom_feed_parses_with_one_entry_per_new_passage(index, hashing):
    search = save(index)
    ingest_new(index, hashing)
    run(index, hashing)
    found, _ = entries(index, search)
    root = ET.fromstring(atom_feed(search, found, BASE))
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed"
    assert root.findtext(f"{atom}title") == f"Minutes: {QUESTION}"
    assert root.find(f"{atom}author/{atom}name") is not None
    items = root.findall(f"{atom}entry")
    assert len(items) == 2
    by_title = {e.findtext(f"{atom}title") or "": e for e in items}
    storm = next(e for t, e in by_title.items() if t.startswith("The Clerk reported flooding"))
    passage = next(e for e in found if e.text.startswith(STORM))
    assert storm.findtext(f"{atom}id") == entry_urn(search.uid, passage.passage_id)
    assert storm.findtext(f"{atom}id", "").startswith("urn:uuid:")
    link = storm.find(f"{atom}link")
    assert link is not None and link.get("href") == f"{BASE}/p/{passage.passage_id}"
    assert storm.findtext(f"{atom}summary") == f"{CITATION} · {NEW / 'quillbury-2024-02-06.md'}"
    assert storm.findtext(f"{atom}updated") == passage.found_at
    assert (storm.findtext(f"{atom}content") or "").startswith(STORM)
    # The example search renders too (with no entries yet).
    empty = ET.fromstring(atom_feed(EXAMPLE_SEARCH, [], BASE))
    assert empty.findall(f"{atom}entry") == []


def test_running_again_delivers_nothing_new(index, hashing):
    with smtp_server() as (port, mailbox), webhook_server() as receiver:
        save(index, emails=("clerk@quillbury.example",), webhook=receiver.url)
        ingest_new(index, hashing)
        first = run(index, hashing, port)
        again = run(index, hashing, port)
        # The same minutes ingested again are not news either.
        ingest_new(index, hashing)
        third = run(index, hashing, port)
    assert (first.collected, len(first.sent)) == (2, 2)
    assert (again.collected, again.deliveries) == (0, [])
    assert (third.collected, third.deliveries) == (0, [])
    assert len(mailbox.messages) == 1 and len(receiver.posts) == 1


def test_a_reread_document_does_not_announce_its_unchanged_passages(index, hashing, tmp_path):
    copy = tmp_path / "new"
    shutil.copytree(NEW, copy)
    search = save(index)
    ingest_new(index, hashing, copy)
    assert run(index, hashing).collected == 2
    minutes = copy / "quillbury-2024-02-06.md"
    minutes.write_text(minutes.read_text().replace("twelve plots", "fourteen plots"))
    ingest_new(index, hashing, copy)  # its passages are stored again, under new ids
    assert run(index, hashing).collected == 0
    assert entries(index, search)[1].found == 2


def test_delivered_once_after_a_restart_between_ingest_and_delivery(index, hashing):
    """Collected in this process; delivered by a new process (``minutes-qa
    alerts run``), which has no model to load: nothing new to look at."""
    search = save(index, emails=("clerk@quillbury.example",))
    ingest_new(index, hashing)
    store = AlertStore(index.folder)
    assert collect(store, store.all(), index, lambda: Searcher(index, hashing, good_match=LINE))
    store.close()
    index.close()
    with smtp_server() as (port, mailbox):
        env = {
            **os.environ,
            "MINUTES_QA_SMTP_HOST": "127.0.0.1",
            "MINUTES_QA_SMTP_PORT": str(port),
            "MINUTES_QA_SMTP_TLS": "none",
            # A model that does not exist: the run must not need one.
            "MINUTES_QA_MODEL": "/nonexistent-model",
        }
        command = [sys.executable, "-m", "minutes_qa", "alerts", "--index", str(index.folder)]
        first, second = (
            subprocess.run(
                [*command, "run", "--json"], env=env, capture_output=True, text=True, cwd=ROOT
            )
            for _ in range(2)
        )
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["sent"] == 1 and json.loads(second.stdout)["sent"] == 0
    assert len(mailbox.messages) == 1
    assert STORM in mailbox.messages[0].get_content()
    assert entries(index, search)[1].waiting == {"email:clerk@quillbury.example": 0}


def test_a_failed_delivery_is_kept_and_retried_until_it_goes(index, hashing, capsys):
    """The ingest went in but its deliveries failed (SMTP server down, webhook
    answering 500), twice; the next runs send each one once, under the id
    of its failed attempts."""
    port = free_port()
    with webhook_server() as receiver:
        receiver.status = 500
        search = save(index, emails=("clerk@quillbury.example",), webhook=receiver.url)
        ingest_new(index, hashing)
        down = [run(index, hashing, port), run(index, hashing, port)]
        _, status = entries(index, search)
        receiver.status = 200
        with smtp_server(port) as (_, mailbox):
            up = run(index, hashing, port)
            after = run(index, hashing, port)
    assert [r.collected for r in down] == [2, 0]
    assert [len(r.failed) for r in down] == [2, 2] and not any(r.sent for r in down)
    assert [d.attempts for d in down[1].failed] == [2, 2]
    errors = {d.channel: d.error or "" for d in down[1].failed}
    assert f"127.0.0.1:{port}" in errors["email:clerk@quillbury.example"]
    assert "HTTP 500" in errors["webhook"]
    assert status.waiting == {"email:clerk@quillbury.example": 2, "webhook": 2}
    assert status.last_error
    # Each retried under the id of its failed attempts, then delivered once.
    ids = {d.channel: d.delivery_id for d in down[0].failed}
    assert {d.channel: d.delivery_id for d in up.sent} == ids
    assert [d.attempts for d in up.sent] == [3, 3] and after.deliveries == []
    assert len(mailbox.messages) == 1
    delivered = [p for p in receiver.posts if p.status == 200]
    assert len(delivered) == 1 and len(receiver.posts) == 3
    assert {p.headers["X-Minutes-QA-Delivery"] for p in receiver.posts} == {ids["webhook"]}
    assert entries(index, search)[1].waiting == {"email:clerk@quillbury.example": 0, "webhook": 0}
    retries = sum(d.attempts - 1 for d in up.sent)
    print(
        f"deliveries: {len(up.sent)} sent after {retries} retries; "
        f"duplicates: {len(mailbox.messages) - 1 + len(delivered) - 1}"
    )


def test_an_ingest_killed_before_its_alerts_ran_loses_nothing(index, hashing):
    """The passages were committed, then the process died before collecting:
    the high-water mark did not move, so the next run finds them."""
    search = save(index, emails=("clerk@quillbury.example",))
    ingest_new(index, hashing)  # ... and no run: killed here
    with smtp_server() as (port, mailbox):
        report = run(index, hashing, port)
    assert report.collected == 2 and len(mailbox.messages) == 1
    assert entries(index, search)[1].found == 2


def test_restricted_passages_reach_only_a_search_saved_with_a_reader_key(index, hashing):
    public = save(index, Filters(council="Quillbury"))
    reader = save(index, Filters(council="Quillbury", include_restricted=True))
    ingest_new(index, hashing)
    run(index, hashing)
    public_texts = [e.text for e in entries(index, public)[0]]
    reader_texts = [e.text for e in entries(index, reader)[0]]
    assert len(public_texts) == 2 and not any(t.startswith(EXEMPT) for t in public_texts)
    assert len(reader_texts) == 3 and any(t.startswith(EXEMPT) for t in reader_texts)


def test_only_passages_stored_after_saving_are_news(index, hashing):
    """Mill Lane's flooding, in the archive before the search was saved, is
    not announced; a filter on another council finds nothing new."""
    search = save(index)
    elsewhere = save(index, Filters(council="Brackenfold"))
    ingest_new(index, hashing)
    run(index, hashing)
    assert not any("Mill Lane" in e.text for e in entries(index, search)[0])
    assert entries(index, elsewhere)[1].found == 0


def test_many_new_passages_go_in_several_digests_each_passage_once(index, hashing):
    """More passages than one email carries (DELIVERY_MAX): several digests,
    every passage in exactly one of them."""
    search = save(index, emails=("clerk@quillbury.example",))
    found = [
        NewMatch(f"doc-{n}", f"Flooding report number {n}.", "discussion", 0.5, CITE)
        for n in range(DELIVERY_MAX * 2 + 7)
    ]
    store = AlertStore(index.folder)
    try:
        assert store.record(search, found, search.high_water + 1) == len(found)
        # A second run that read the same high-water mark records nothing.
        assert store.record(search, found, search.high_water + 1) == 0
    finally:
        store.close()
    with smtp_server() as (port, mailbox):
        report = run(index, hashing, port)
    assert [d.entries for d in report.sent] == [DELIVERY_MAX, DELIVERY_MAX, 7]
    texts = [t for m in mailbox.messages for t in found_texts(m.get_content())]
    assert sorted(texts) == sorted(f.text for f in found)


def found_texts(body: str) -> list[str]:
    return [line.split(". ", 1)[1] for line in body.splitlines() if line[:1].isdigit()]


def test_the_smtp_password_is_never_shown(index, hashing, monkeypatch, caplog):
    monkeypatch.setenv("MINUTES_QA_SMTP_USER", "clerk")
    monkeypatch.setenv("MINUTES_QA_SMTP_PASSWORD", "hunter2-secret")
    configured = Settings().smtp()
    assert configured.password == "hunter2-secret"
    assert "hunter2" not in repr(Settings()) + repr(configured)
    save(index, emails=("clerk@quillbury.example",))
    ingest_new(index, hashing)
    with smtp_server() as (port, _), caplog.at_level(logging.DEBUG):
        # This server offers no login: the delivery fails, and says so without the password.
        smtp = dataclasses.replace(configured, host="127.0.0.1", port=port, tls="none")
        report = run_alerts(
            index.folder,
            index,
            lambda: Searcher(index, hashing, good_match=LINE),
            Senders(smtp, BASE),
        )
    [failed] = report.failed
    assert "AUTH" in (failed.error or "")
    assert "hunter2" not in (failed.error or "") + caplog.text
