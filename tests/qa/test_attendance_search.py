"""Attendance lists are one passage each and stay out of search and ask
unless asked for by kind, through the real store, the API and the CLI."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.cli import build_parser
from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Kind
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import Settings

MINUTES = """MINUTES OF THE MEETING OF BRACKENFOLD PARISH COUNCIL HELD ON 4 MARCH 2025

PRESENT:

Councillor Hattie Quennell (Chair)

Councillor Osric Pemberton

Councillor Wilhelmina Tarrant

IN ATTENDANCE:

Mrs Delphine Okoro, Clerk

APOLOGIES:

Councillor Barnaby Fitzwarren

1. Footpath at Quennell Lane

Councillor Pemberton reported that the footpath at Quennell Lane was flooded again.

Proposed by Councillor Tarrant

Seconded by Councillor Pemberton

AND AGREED

That the Clerk ask the County Council to clear the drains at Quennell Lane.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "minutes").mkdir()
    (tmp_path / "minutes" / "2025-03-04.txt").write_text(MINUTES)
    return tmp_path / "minutes"


@pytest.fixture
def index(folder: Path, tmp_path: Path, hashing) -> PassageIndex:
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    index.ingest(load([folder]), hashing)
    return index


def test_the_lists_are_one_attendance_passage(folder: Path):
    (doc,) = [d for d in load([folder]) if isinstance(d, Document)]
    attendance = [p for p in doc.passages if p.kind is Kind.ATTENDANCE]
    assert len(attendance) == 1
    text = attendance[0].text
    assert all(name in text for name in ("Quennell", "Pemberton", "Okoro", "Fitzwarren"))
    assert not any(p.text.startswith("Councillor Osric") for p in doc.passages)


def test_search_leaves_attendance_out_unless_asked(index: PassageIndex, hashing):
    searcher = Searcher(index, hashing)
    default = searcher.search("Councillor Pemberton Quennell", k=10)
    assert default and all(h.kind != "attendance" for h in default)
    asked = searcher.search("Councillor Pemberton", k=10, filters=Filters(kinds=("attendance",)))
    assert [h.kind for h in asked] == ["attendance"]
    both = searcher.search("Pemberton", k=10, filters=Filters(kinds=("attendance", "decision")))
    assert {h.kind for h in both} == {"attendance", "decision"}


def test_the_motion_is_one_decision(index: PassageIndex, hashing):
    hits = Searcher(index, hashing).search("clear the drains", k=10)
    decision = next(h for h in hits if "drains" in h.text)
    assert decision.kind == "decision"
    assert decision.text.startswith("Proposed by Councillor Tarrant")
    assert "AND AGREED" in decision.text and "Seconded by Councillor Pemberton" in decision.text


def test_api_search_and_ask(index: PassageIndex, hashing):
    index.close()
    app = create_app(Settings(index=index.folder), encoder=hashing)
    with TestClient(app) as client:
        plain = client.get("/api/v1/search", params={"q": "Councillor Pemberton"}).json()
        assert plain["results"] and {r["kind"] for r in plain["results"]} != {"attendance"}
        assert all(r["kind"] != "attendance" for r in plain["results"])
        asked = client.get(
            "/api/v1/search", params={"q": "Councillor Pemberton", "kind": "attendance"}
        ).json()
        assert [r["kind"] for r in asked["results"]] == ["attendance"]
        answer = client.get("/api/v1/ask", params={"q": "Was Councillor Pemberton present?"})
        body = answer.json()
        cited = [r["kind"] for group in body["meetings"] for r in group["results"]]
        assert cited and "attendance" not in cited
        assert body["passage"] is None or body["passage"]["kind"] != "attendance"


def test_cli_offers_kind_attendance():
    args = build_parser().parse_args(["search", "Pemberton", "--kind", "attendance"])
    assert args.kind == ["attendance"]
