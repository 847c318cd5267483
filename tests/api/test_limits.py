"""Limits in force, each with a clear error: request rate per client (429),
query length, k, upload size and count."""

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.api.ratelimit import RateLimiter
from minutes_qa.settings import Settings

KEY = "admin-key-9"


@pytest.fixture
def client(sample_index, hashing, monkeypatch):
    monkeypatch.setenv("MINUTES_QA_API_KEYS", KEY)
    settings = Settings(
        index=sample_index.folder,
        rate_limit=60,
        rate_burst=3,
        max_query_chars=40,
        max_upload_files=2,
        max_upload_bytes=2048,
    )
    with TestClient(create_app(settings, encoder=hashing)) as client:
        yield client


def test_rate_limit_per_client(client):
    for _ in range(3):
        assert client.get("/api/v1/stats").status_code == 200
    refused = client.get("/api/v1/search", params={"q": "CCTV"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "too many requests" in refused.json()["error"]["message"]
    # Another client (here: a key) has its own allowance; pages are not counted.
    assert client.get("/api/v1/stats", headers={"X-API-Key": KEY}).status_code == 200
    assert client.get("/").status_code == 200


def test_bucket_refills_at_the_rate():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert limiter.check("a") is None and limiter.check("a") is None
    assert limiter.check("a") == pytest.approx(1.0)
    now[0] += 1.0
    assert limiter.check("a") is None and limiter.check("b") is None


def test_query_length_and_k(client):
    long = client.get("/api/v1/search", params={"q": "x" * 41})
    assert long.status_code == 422 and "longer than 40" in long.json()["error"]["message"]
    big_k = client.get("/api/v1/ask", params={"q": "x", "k": 51})
    assert big_k.status_code == 422 and "k" in big_k.json()["error"]["message"]


def test_upload_size_and_count(client):
    headers = {"X-API-Key": KEY}
    too_big = client.post(
        "/api/v1/documents", headers=headers, files=[("files", ("a.txt", b"x" * 4096))]
    )
    assert too_big.status_code == 422 and "a.txt" in too_big.json()["error"]["message"]
    too_many = client.post(
        "/api/v1/documents",
        headers=headers,
        files=[("files", (f"{n}.txt", b"Minutes.")) for n in range(3)],
    )
    assert too_many.status_code == 422 and "at most 2 files" in too_many.json()["error"]["message"]
