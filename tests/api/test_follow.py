"""GET /api/v1/timeline and /api/v1/commitments: shapes, order, filters and
errors, over the invented Quillbury minutes (tests/data/timeline)."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.conftest import DATA, PASSAGE_KEYS, RESULT_KEYS


@pytest.fixture
def client(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([DATA / "timeline"]), hashing)
    index.close()
    app = create_app(Settings(index=tmp_path / "index", max_k=40), encoder=hashing)
    with TestClient(app) as client:
        yield client


def test_timeline_shape_and_order(client):
    response = client.get("/api/v1/timeline", params={"q": "flooding on Mill Lane"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"question", "good_match", "undated", "meetings"}
    meetings = body["meetings"]
    assert set(meetings[0]) == {
        "council",
        "committee",
        "date",
        "title",
        "good_match",
        "passages",
        "decisions",
    }
    for meeting in meetings:
        assert 1 <= len(meeting["passages"]) <= 3
        for passage in meeting["passages"]:
            assert set(passage) == RESULT_KEYS
        for decision in meeting["decisions"]:
            assert set(decision) == PASSAGE_KEYS and decision["kind"] == "decision"
    dates = [m["date"] for m in meetings]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[len(dated) :] == [None] * body["undated"]
    assert body["undated"] == 1


def test_timeline_filters_and_errors(client):
    only = client.get("/api/v1/timeline", params={"q": "pavilion roof", "council": "Brackenfold"})
    assert {m["council"] for m in only.json()["meetings"]} == {"Brackenfold Parish Council"}
    since = client.get("/api/v1/timeline", params={"q": "Mill Lane", "since": "2023-03-01"})
    assert all(m["date"] and m["date"] >= "2023-03-01" for m in since.json()["meetings"])
    for params, field in (({"q": " "}, "q"), ({"q": "x", "k": 41}, "k"), ({}, "q")):
        response = client.get("/api/v1/timeline", params=params)
        assert response.status_code == 422
        assert field in response.json()["error"]["message"]


def test_commitments_with_their_follow_up(client):
    response = client.get("/api/v1/commitments")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"offset", "open_only", "commitments"}
    rows = body["commitments"]
    assert len(rows) == 3
    for row in rows:
        assert set(row) == PASSAGE_KEYS | {"status", "later_meetings", "summary", "next"}
        assert row["kind"] == "commitment"
    # Newest meeting first, the undated one last.
    assert [r["citation"]["meeting_date"] for r in rows] == ["2023-01-10", "2023-01-10", None]
    undated = rows[-1]
    assert (undated["status"], undated["later_meetings"], undated["next"]) == ("undated", None, [])
    pavilion = next(r for r in rows if "pavilion" in r["text"])
    assert pavilion["status"] == "open" and pavilion["later_meetings"] == 3
    assert pavilion["summary"] == "no follow-up found in 3 later meetings"


def test_open_commitments_paging_and_one_commitment(client):
    open_rows = client.get("/api/v1/commitments", params={"open": "true"}).json()
    assert open_rows["open_only"] is True
    assert {r["status"] for r in open_rows["commitments"]} == {"open"}
    everything = client.get("/api/v1/commitments").json()["commitments"]
    second = client.get("/api/v1/commitments", params={"limit": 1, "offset": 1}).json()
    assert [r["id"] for r in second["commitments"]] == [everything[1]["id"]]
    one = client.get(f"/api/v1/commitments/{everything[0]['id']}")
    assert one.status_code == 200 and one.json()["id"] == everything[0]["id"]
    assert client.get("/api/v1/commitments/no-such-id").status_code == 404
    discussion = client.get("/api/v1/search", params={"q": "bus shelter", "kind": "discussion"})
    not_a_promise = discussion.json()["results"][0]["id"]
    assert client.get(f"/api/v1/commitments/{not_a_promise}").status_code == 404
    assert client.get("/api/v1/commitments", params={"limit": 0}).status_code == 422
