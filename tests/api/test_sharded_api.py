"""The API over a folder of shards (``minutes-qa serve --index ROOT``):
search, ask, passages, meetings and stats answer as the API over one index
of the same archive; changing it is refused (409) and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import ingest_into
from minutes_qa.index.shards import ingest_sharded
from minutes_qa.settings import Settings
from tests.conftest import DATA, SAMPLE

ARCHIVE = [SAMPLE, DATA]
KEY = "s3cret-key"
SEARCHES = [
    {"q": "CCTV monitoring centre"},
    {"q": "Smart Water", "k": 20},
    {"q": "planning application", "council": "Quillbury"},
    {"q": "report", "kind": "decision", "since": "2019-01-01"},
    {"q": '"community safety" police', "offset": 3},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    ingest_into(root / "one", load(ARCHIVE), HashingEncoder(128))
    ingest_sharded(root / "shards", load(ARCHIVE), HashingEncoder(128), by="hash", shards=3)
    return root


def client_of(index: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MINUTES_QA_API_KEYS", KEY)
    app = create_app(Settings(index=index, max_k=20), encoder=HashingEncoder(128))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def sharded(archive: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    yield from client_of(archive / "shards", monkeypatch)


@pytest.fixture
def one(archive: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    yield from client_of(archive / "one", monkeypatch)


def ranked(client: TestClient, params: dict) -> list[tuple[float, str]]:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return [(r["score"], r["id"]) for r in response.json()["results"]]


def test_search_answers_as_one_index(sharded: TestClient, one: TestClient):
    for params in SEARCHES:
        got, want = ranked(sharded, params), ranked(one, params)
        assert len(got) == len(want) > 0, params
        assert np.allclose([s for s, _ in got], [s for s, _ in want], atol=2e-6), params
        # Equal scores may come in either order; the lowest may be any of its equals.
        last = want[-1][0]
        assert sorted(h for h in got if h[0] > last) == sorted(h for h in want if h[0] > last)


def test_ask_and_browsing_answer_as_one_index(sharded: TestClient, one: TestClient):
    ask = {"q": "CCTV cameras monitoring centre", "k": 6}
    got, want = (c.get("/api/v1/ask", params=ask).json() for c in (sharded, one))
    assert got["answer"] == want["answer"] and got["passage"]["id"] == want["passage"]["id"]
    for path, params in [
        ("/api/v1/stats", {}),
        ("/api/v1/meetings", {"limit": 7, "offset": 5}),
        ("/api/v1/meetings", {"council": "Quillbury"}),
        ("/api/v1/commitments", {"limit": 5}),
    ]:
        assert sharded.get(path, params=params).json() == one.get(path, params=params).json(), path
    meeting = one.get("/api/v1/meetings", params={"limit": 1}).json()["meetings"][0]["id"]
    passage = want["passage"]["id"]
    for path in (f"/api/v1/meetings/{meeting}", f"/api/v1/passages/{passage}"):
        assert sharded.get(path).json() == one.get(path).json(), path
    assert sharded.get("/api/v1/passages/nope-1").status_code == 404
    health = sharded.get("/api/v1/health").json()
    assert health["passages"] == one.get("/api/v1/health").json()["passages"]


def test_changing_a_folder_of_shards_is_refused(sharded: TestClient, archive: Path):
    before = sharded.get("/api/v1/stats").json()
    upload = sharded.post(
        "/api/v1/documents",
        headers={"X-API-Key": KEY},
        files=[("files", ("new.txt", b"9. Allotments\n\nThe waiting list grew.\n", "text/plain"))],
    )
    meeting = sharded.get("/api/v1/meetings", params={"limit": 1}).json()["meetings"][0]["id"]
    deleted = sharded.delete(f"/api/v1/meetings/{meeting}", headers={"X-API-Key": KEY})
    saved = sharded.post(
        "/api/v1/alerts", headers={"X-API-Key": KEY}, json={"question": "allotments"}
    )
    for response in (upload, deleted, saved):
        assert response.status_code == 409, response.text
        message = response.json()["error"]["message"]
        assert "folder of shards" in message and str(archive / "shards") in message
    assert sharded.get("/api/v1/stats").json() == before
    assert not (archive / "shards" / "manifest.json").exists()
    assert not (archive / "shards" / "alerts.sqlite").exists()
