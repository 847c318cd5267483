from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from qa.settings import Settings


@pytest.fixture
def client(sample_index, hashing):
    app = create_app(Settings(index=sample_index.folder, max_k=20), encoder=hashing)
    with TestClient(app) as client:
        yield client


def test_search_returns_cli_shape(client):
    response = client.get("/api/v1/search", params={"q": "CCTV monitoring centre", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "CCTV monitoring centre" and len(body["results"]) == 3
    result = body["results"][0]
    assert set(result) == {"id", "text", "score", "kind", "citation", "also_in"}
    assert set(result["citation"]) == {
        "council",
        "committee",
        "meeting_title",
        "meeting_date",
        "item_number",
        "item_title",
        "source",
        "position",
    }


def test_search_filters(client):
    response = client.get("/api/v1/search", params={"q": "report", "k": 20, "kind": "decision"})
    assert {r["kind"] for r in response.json()["results"]} == {"decision"}
    dated = client.get("/api/v1/search", params={"q": "report", "since": "2019-01-01"}).json()
    assert {r["citation"]["meeting_date"] for r in dated["results"]} == {"2019-11-13"}


@pytest.mark.parametrize(
    "params,field",
    [
        ({"q": "x", "k": 0}, "k"),
        ({"q": "x", "k": 21}, "k"),
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x", "since": "yesterday"}, "since"),
        ({"q": "x", "kind": "gossip"}, "kind"),
    ],
)
def test_bad_parameters_are_422_with_the_field_named(client, params, field):
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and field in error["message"]


def test_blank_query_is_422(client):
    response = client.get("/api/v1/search", params={"q": "   "})
    assert response.status_code == 422 and "white space" in response.json()["error"]["message"]


def test_unknown_route_is_json_404(client):
    response = client.get("/api/v1/nope")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_health_and_docs(client):
    health = client.get("/api/v1/health").json()
    assert health == {"status": "ok", "model": "hashing-128", "generation": 1, "passages": 56}
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/api/v1/search" in spec["paths"]


def test_app_factory_does_no_work_until_started(tmp_path: Path, hashing):
    create_app(Settings(index=tmp_path / "ix"), encoder=hashing)
    assert not (tmp_path / "ix").exists()
