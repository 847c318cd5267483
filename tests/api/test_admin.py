"""Uploads and deletions need a key; without one nothing changes."""

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.settings import Settings

KEY = "s3cret-key"
MINUTES = (
    b"Agenda item\n\n9. Allotments\n\nMinutes:\n\n"
    b"The Clerk reported that the allotment waiting list had grown to forty names.\n"
)


@pytest.fixture
def client(sample_index, hashing, monkeypatch):
    monkeypatch.setenv("MINUTES_QA_API_KEYS", f"other-key, {KEY}")
    app = create_app(Settings(index=sample_index.folder), encoder=hashing)
    with TestClient(app) as client:
        yield client


def upload(client, headers):
    return client.post(
        "/api/v1/documents",
        headers=headers,
        files=[("files", ("allotments.txt", MINUTES, "text/plain"))],
        data={
            "council": "Bromsgrove District Council",
            "committee": "Cabinet",
            "date": "2024-05-01",
        },
    )


def passages(client):
    return client.get("/api/v1/stats").json()["passages"]


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}])
def test_without_a_valid_key_nothing_changes(client, headers):
    before = passages(client)
    response = upload(client, headers)
    assert response.status_code == 401 and "API key" in response.json()["error"]["message"]
    meeting = client.get("/api/v1/meetings").json()["meetings"][0]["id"]
    assert client.delete(f"/api/v1/meetings/{meeting}", headers=headers).status_code == 401
    assert passages(client) == before


def test_upload_then_delete_with_a_key(client):
    before = passages(client)
    response = upload(client, {"X-API-Key": KEY})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["added"], body["passages_added"], body["failures"]) == (1, 1, [])
    assert passages(client) == before + 1  # served without a restart
    hit = client.get("/api/v1/search", params={"q": "allotment waiting list", "k": 1}).json()
    top = hit["results"][0]
    assert top["citation"]["meeting_date"] == "2024-05-01"
    assert top["citation"]["source"] == "upload/allotments.txt"
    meeting = next(
        m for m in client.get("/api/v1/meetings").json()["meetings"] if m["date"] == "2024-05-01"
    )
    gone = client.delete(f"/api/v1/meetings/{meeting['id']}", headers={"X-API-Key": KEY})
    assert gone.json() == {"passages_removed": 1}
    assert passages(client) == before
    again = client.delete(f"/api/v1/meetings/{meeting['id']}", headers={"X-API-Key": KEY})
    assert again.status_code == 404


def test_bad_upload_is_reported_not_a_500(client):
    response = client.post(
        "/api/v1/documents",
        headers={"X-API-Key": KEY},
        files=[("files", ("notes.odt", b"PK\x03\x04", "application/zip"))],
    )
    assert response.status_code == 200
    assert response.json()["failures"][0]["reason"].startswith("unknown format '.odt'")
