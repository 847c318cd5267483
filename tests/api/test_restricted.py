"""Restricted passages reach only callers whose key grants them, through
every route, ids guessed directly included."""

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.conftest import DATA, SAMPLE

READER, ADMIN = "reader-key-1", "admin-key-1"
SECRET = "offer of £1.2 million"  # in an item after the exclusion resolution
CONFIDENTIAL = "confidential tender prices"  # in minutes marked restricted
NO_KEY: dict[str, str] = {}
KEYS = [{"X-API-Key": READER}, {"X-API-Key": ADMIN}]


@pytest.fixture
def index(tmp_path, hashing) -> PassageIndex:
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([SAMPLE, DATA / "restricted"]), hashing)
    return index


@pytest.fixture
def client(index, hashing, monkeypatch):
    monkeypatch.setenv("MINUTES_QA_RESTRICTED_KEYS", READER)
    monkeypatch.setenv("MINUTES_QA_API_KEYS", ADMIN)
    with TestClient(create_app(Settings(index=index.folder), encoder=hashing)) as client:
        yield client


def restricted_rows(index: PassageIndex) -> list[tuple[str, str, str]]:
    """(passage id, meeting id, text) of every restricted passage."""
    return index.store.db.execute(
        "SELECT p.id, d.meeting_id, p.text FROM passages p JOIN documents d ON d.id = p.doc_id "
        "WHERE p.restricted = 1"
    ).fetchall()


def texts(body: dict) -> str:
    """Everything a response shows, but the question it echoes."""
    return repr({k: v for k, v in body.items() if k not in ("query", "question")})


def test_fixture_has_restricted_passages(index):
    found = " ".join(text for _, _, text in restricted_rows(index))
    assert SECRET in found and CONFIDENTIAL in found


@pytest.mark.parametrize("route", ["search", "ask"])
def test_search_and_ask(client, route):
    for q in (SECRET, CONFIDENTIAL):
        hidden = client.get(f"/api/v1/{route}", params={"q": q, "k": 20})
        assert hidden.status_code == 200 and q not in texts(hidden.json())
        for headers in KEYS:
            shown = client.get(f"/api/v1/{route}", params={"q": q, "k": 20}, headers=headers)
            assert q in texts(shown.json())


def test_passages_by_guessed_id(client, index):
    for passage_id, _, text in restricted_rows(index):
        response = client.get(f"/api/v1/passages/{passage_id}")
        assert response.status_code == 404 and text not in response.text
        for headers in KEYS:
            shown = client.get(f"/api/v1/passages/{passage_id}", headers=headers)
            assert shown.status_code == 200 and shown.json()["text"] == text


def test_meetings(client, index):
    listed = {m["id"] for m in client.get("/api/v1/meetings").json()["meetings"]}
    everything = {
        m["id"] for m in client.get("/api/v1/meetings", headers=KEYS[0]).json()["meetings"]
    }
    wholly_restricted = everything - listed
    assert wholly_restricted  # the meeting marked visibility: restricted
    for _, meeting_id, text in restricted_rows(index):
        response = client.get(f"/api/v1/meetings/{meeting_id}")
        assert text not in response.text
        if meeting_id in wholly_restricted:
            assert response.status_code == 404
        assert text in client.get(f"/api/v1/meetings/{meeting_id}", headers=KEYS[1]).text


def test_stats_count_restricted_passages_only_with_a_key(client, index):
    public = client.get("/api/v1/stats").json()["passages"]
    for headers in KEYS:
        total = client.get("/api/v1/stats", headers=headers).json()["passages"]
        assert total == public + len(restricted_rows(index))


@pytest.mark.parametrize("route", ["/api/v1/search?q=land", "/api/v1/stats", "/api/v1/meetings"])
def test_a_wrong_key_is_refused_not_ignored(client, route):
    for wrong in ("reader-key-2", READER + " ", ""):
        response = client.get(route, headers={"X-API-Key": wrong})
        assert response.status_code == 401
        assert wrong not in response.text or not wrong


def test_reader_key_cannot_upload(client):
    response = client.post(
        "/api/v1/documents",
        headers={"X-API-Key": READER},
        files=[("files", ("x.txt", b"The clerk read the minutes.", "text/plain"))],
    )
    assert response.status_code == 401
