"""The API fuzzed from its own OpenAPI schema (schemathesis): no server
error, and every response matching the schema, on a real server."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from corpus.load import load
from index.encoder import HashingEncoder
from index.passage_index import PassageIndex
from qa.settings import Settings
from tests.conftest import DATA, SAMPLE


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory):
    encoder = HashingEncoder(128)
    folder = tmp_path_factory.mktemp("fuzz-index")
    index = PassageIndex.open_or_create(folder, encoder)
    index.ingest(load([SAMPLE, DATA / "restricted"]), encoder)
    index.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Settings(index=folder, rate_limit=0), encoder=encoder)
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


def test_api_answers_every_generated_request_by_its_schema(live_server: str):
    # Schemathesis' pytest plugin does not run on pytest 9 yet: drive its
    # strategies with Hypothesis directly, one operation at a time.
    schema = schemathesis.openapi.from_url(f"{live_server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    cases = {"count": 0}
    for operation in operations:

        @FUZZ
        @given(case=operation.as_strategy())
        def check(case) -> None:
            cases["count"] += 1
            case.call_and_validate()

        check()
    print(f"{cases['count']} generated requests over {len(operations)} operations")
