"""The saved-search routes (admin key), the feed by token, and the alerts
run after an upload, delivered to a real local SMTP server."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.search import GoodMatch, Searcher
from minutes_qa.settings import Settings
from tests.alert_servers import smtp_server
from tests.conftest import DATA

ADMIN = {"X-API-Key": "admin-key"}
READER = {"X-API-Key": "reader-key"}
ATOM = "{http://www.w3.org/2005/Atom}"
# As in tests/qa/test_alerts.py: the hashing encoder's good-match line.
LINE = GoodMatch(dense=0.0, keyword=1.0, bias=-0.1)
SAVED = {
    "question": "flooding in Quillbury",
    "council": "Quillbury",
    "emails": ["clerk@quillbury.example"],
}


@pytest.fixture
def mail():
    with smtp_server() as server:
        yield server


@pytest.fixture
def client(tmp_path: Path, hashing, monkeypatch, mail):
    monkeypatch.setenv("MINUTES_QA_API_KEYS", "admin-key")
    monkeypatch.setenv("MINUTES_QA_RESTRICTED_KEYS", "reader-key")
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([DATA / "timeline"]), hashing)
    index.close()
    settings = Settings(
        index=tmp_path / "index",
        smtp_host="127.0.0.1",
        smtp_port=mail[0],
        smtp_tls="none",
        public_url="https://minutes.quillbury.example",
    )
    app = create_app(settings, encoder=hashing)
    with TestClient(app) as client:
        app.state.searcher = Searcher(app.state.searcher.index, hashing, good_match=LINE)
        yield client


def upload(client: TestClient, name: str) -> None:
    path = DATA / "alerts" / name
    response = client.post(
        "/api/v1/documents", headers=ADMIN, files=[("files", (name, path.read_bytes()))]
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("headers", [{}, READER, {"X-API-Key": "wrong"}])
def test_saved_searches_need_the_admin_key(client, headers):
    assert client.post("/api/v1/alerts", json=SAVED, headers=headers).status_code == 401
    assert client.get("/api/v1/alerts", headers=headers).status_code == 401
    assert client.post("/api/v1/alerts/run", headers=headers).status_code == 401
    assert client.delete("/api/v1/alerts/1", headers=headers).status_code == 401
    assert client.get("/api/v1/alerts", headers=ADMIN).json() == []


def test_save_list_remove(client):
    response = client.post("/api/v1/alerts", json={**SAVED, "kinds": ["decision"]}, headers=ADMIN)
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["question"] == "flooding in Quillbury" and saved["kinds"] == ["decision"]
    assert saved["webhook"] is None and saved["webhook_secret"] is None
    assert saved["include_restricted"] is False
    assert saved["feed"].startswith("http://testserver/feeds/") and saved["feed"].endswith(".atom")
    listed = client.get("/api/v1/alerts", headers=ADMIN).json()
    assert [s["id"] for s in listed] == [saved["id"]]
    assert listed[0]["outbox"] == {
        "found": 0,
        "waiting": {"email:clerk@quillbury.example": 0},
        "last_error": None,
    }
    gone = client.delete(f"/api/v1/alerts/{saved['id']}", headers=ADMIN)
    assert gone.json() == {"removed": saved["id"]}
    assert client.delete(f"/api/v1/alerts/{saved['id']}", headers=ADMIN).status_code == 404
    assert client.get(saved["feed"].removeprefix("http://testserver")).status_code == 404


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"emails": ["not an address"]}, "email address"),
        ({"emails": ["a@b.example\r\nBcc: x@y.example"]}, "email address"),
        ({"webhook": "ftp://example.org/hook"}, "http"),
        ({"question": "   "}, "question"),
        ({"kinds": ["gossip"]}, "kinds"),
    ],
)
def test_a_bad_saved_search_is_422(client, change, word):
    response = client.post("/api/v1/alerts", json={**SAVED, **change}, headers=ADMIN)
    assert response.status_code == 422
    assert word in response.json()["error"]["message"]


def test_an_upload_is_emailed_and_fed(client, mail):
    _, mailbox = mail
    saved = client.post("/api/v1/alerts", json=SAVED, headers=ADMIN).json()
    upload(client, "quillbury-2024-02-06.md")  # the alerts run once the upload is answered
    assert len(mailbox.messages) == 1
    body = mailbox.messages[0].get_content()
    assert "Storm Henk" in body and "https://minutes.quillbury.example/p/" in body
    feed = client.get(saved["feed"].removeprefix("http://testserver"))
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
    assert len(entries) == 2
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    permalink = link.get("href", "")
    assert permalink.startswith("http://testserver/p/")
    # The link opens the server-rendered passage page.
    page = client.get(permalink.removeprefix("http://testserver"))
    assert page.status_code == 200 and "Flooding in Quillbury" in page.text
    run = client.post("/api/v1/alerts/run", headers=ADMIN).json()
    assert (run["collected"], run["sent"], run["failed"]) == (0, 0, 0)
    assert len(mailbox.messages) == 1
    assert client.get("/feeds/not-a-token.atom").status_code == 404


def test_restricted_passages_only_for_a_search_saved_to_see_them(client, mail):
    _, mailbox = mail
    public = client.post("/api/v1/alerts", json=SAVED, headers=ADMIN).json()
    reader = client.post(
        "/api/v1/alerts",
        json={**SAVED, "emails": ["chair@quillbury.example"], "include_restricted": True},
        headers=ADMIN,
    ).json()
    upload(client, "quillbury-2024-02-06-exempt.md")
    assert [m["To"] for m in mailbox.messages] == ["chair@quillbury.example"]
    assert "confidential settlement" in mailbox.messages[0].get_content()
    counts = {
        s["id"]: s["outbox"]["found"] for s in client.get("/api/v1/alerts", headers=ADMIN).json()
    }
    assert counts == {public["id"]: 0, reader["id"]: 1}
