from html import escape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.settings import Settings
from tests.conftest import CITATION_KEYS, RESULT_KEYS, SAMPLE_DATED, SAMPLE_PASSAGES


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
    assert set(result) == RESULT_KEYS
    for start, stop in result["highlights"]:
        assert result["text"][start:stop].lower().startswith(("cctv", "monitor", "centre"))
    assert set(result["citation"]) == CITATION_KEYS


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


def test_white_space_is_the_same_to_the_schema_and_the_route(client):
    # Python counts U+001C-U+001F as white space; ECMAScript and Rust regexes do not.
    assert client.get("/api/v1/search", params={"q": "\x1c\x1c"}).status_code == 422
    assert client.get("/api/v1/search", params={"q": "\ufeff\x85"}).status_code == 422
    assert client.get("/api/v1/search", params={"q": "\x1cwater"}).status_code == 200


def test_unknown_route_is_json_404(client):
    response = client.get("/api/v1/nope")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_health_and_docs(client):
    health = client.get("/api/v1/health").json()
    assert health == {
        "status": "ok",
        "model": "hashing-128",
        "generation": 1,
        "passages": SAMPLE_PASSAGES,
    }
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/api/v1/search" in spec["paths"]


def test_schema_states_the_configured_k_for_search_and_ask(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/search", "/api/v1/ask"):
        k = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "k")
        assert k["schema"]["maximum"] == 20, path
    assert client.get("/api/v1/ask", params={"q": "CCTV", "k": 21}).status_code == 422
    assert client.get("/api/v1/ask", params={"q": "CCTV", "k": 20}).status_code == 200


def test_app_factory_does_no_work_until_started(tmp_path: Path, hashing):
    create_app(Settings(index=tmp_path / "ix"), encoder=hashing)
    assert not (tmp_path / "ix").exists()


def test_offset_pages_through_results(client):
    first = client.get("/api/v1/search", params={"q": "CCTV cameras", "k": 4}).json()["results"]
    second = client.get("/api/v1/search", params={"q": "CCTV cameras", "k": 2, "offset": 2})
    assert [r["id"] for r in second.json()["results"]] == [r["id"] for r in first[2:4]]


def test_passage_in_context(client):
    hit = client.get("/api/v1/search", params={"q": "Smart Water", "k": 1}).json()["results"][0]
    body = client.get(hit["permalink"]).json()
    assert body["id"] == hit["id"] and body["text"] == hit["text"]
    assert body["lead_in"].startswith("Following presentation of the report")
    assert len(body["before"]) == 2 and len(body["after"]) == 2
    assert [r["text"] for r in body["resolutions"]] == [
        "RESOLVED that the North Worcestershire Community Safety Partnership 2018/19 update "
        "be noted."
    ]
    assert body["before"][-1]["citation"]["position"] == body["citation"]["position"] - 1


def test_unknown_ids_are_404(client):
    for path in ("/api/v1/passages/nope-1", "/api/v1/meetings/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["error"]["message"]


def test_meetings_list_and_detail(client):
    listing = client.get("/api/v1/meetings").json()
    assert listing["total"] == 2
    assert [m["date"] for m in listing["meetings"]] == ["2019-11-13", None]
    dated = client.get("/api/v1/meetings", params={"since": "2019-01-01"}).json()
    assert dated["total"] == 1
    detail = client.get(f"/api/v1/meetings/{listing['meetings'][0]['id']}").json()
    assert [i["title"] for i in detail["items"]] == ["Scrutiny of the Community Safety Partnership"]
    positions = [p["citation"]["position"] for p in detail["items"][0]["passages"]]
    assert positions == list(range(SAMPLE_DATED))


def test_stats(client):
    stats = client.get("/api/v1/stats").json()
    assert (stats["documents"], stats["meetings"], stats["passages"]) == (2, 2, SAMPLE_PASSAGES)


def test_ask_groups_by_meeting_newest_first(client):
    body = client.get("/api/v1/ask", params={"q": "CCTV cameras monitoring centre", "k": 6}).json()
    assert body["answer"] and body["answer"] in body["passage"]["text"]
    dates = [g["meeting_date"] for g in body["meetings"]]
    assert dates == sorted([d for d in dates if d], reverse=True) + [None] * dates.count(None)
    assert sum(len(g["results"]) for g in body["meetings"]) == 6


def test_cors_allows_only_configured_origins(sample_index, hashing):
    headers = {"Origin": "https://intranet.example", "Access-Control-Request-Method": "GET"}
    closed = create_app(Settings(index=sample_index.folder), encoder=hashing)
    with TestClient(closed) as c:
        response = c.get("/api/v1/health", headers=headers)
        assert "access-control-allow-origin" not in response.headers
    opened = create_app(
        Settings(index=sample_index.folder, cors_origins=["https://intranet.example"]),
        encoder=hashing,
    )
    with TestClient(opened) as c:
        response = c.get("/api/v1/health", headers=headers)
        assert response.headers["access-control-allow-origin"] == "https://intranet.example"
        other = c.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_pages_and_widget_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "<minutes-search filters url-state>" in page.text
    assert 'src="/widget.js"' in page.text
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    assert 'customElements.define("minutes-search"' in widget.text
    missing = client.get("/p/anything")
    assert missing.status_code == 404 and "No passage with id anything" in missing.text


def test_permalink_page_is_rendered_on_the_server(client):
    hit = client.get("/api/v1/search", params={"q": "Smart Water"}).json()["results"][0]
    page = client.get(f"/p/{hit['id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<script" not in html  # readable without JavaScript
    assert escape(hit["text"]) in html
    assert '<meta property="og:description"' in html and "Loading" not in html
    c = hit["citation"]
    cite = html.split('<p class="cite">', 1)[1].split("</p>", 1)[0]
    for part in (c["council"], c["committee"]):
        if part:
            assert cite.count(escape(part)) == 1, cite


@pytest.mark.parametrize(
    ("page", "assets"),
    [
        ("/docs", ["/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"]),
        ("/redoc", ["/docs/assets/redoc.standalone.js"]),
    ],
)
def test_api_docs_work_without_a_cdn(client, page, assets):
    html = client.get(page)
    assert html.status_code == 200
    assert "cdn" not in html.text.lower() and "googleapis" not in html.text
    for src in assets:
        assert src in html.text
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 10_000
    assert client.get("/openapi.json").json()["info"]["title"] == "minutes-qa"
