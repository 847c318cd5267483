"""The API fuzzed from its own OpenAPI schema (schemathesis): no server
error, and every response matching the schema, on a real server."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.conftest import DATA, SAMPLE, live_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory):
    encoder = HashingEncoder(128)
    folder = tmp_path_factory.mktemp("fuzz-index")
    index = PassageIndex.open_or_create(folder, encoder)
    index.ingest(load([SAMPLE, DATA / "restricted"]), encoder)
    index.close()
    app = create_app(Settings(index=folder, rate_limit=0), encoder=encoder)
    with live_server(app) as url:
        yield url


FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


def test_api_answers_every_generated_request_by_its_schema(server_url: str):
    # Schemathesis' pytest plugin does not run on pytest 9 yet: drive its
    # strategies with Hypothesis directly, one operation at a time.
    schema = schemathesis.openapi.from_url(f"{server_url}/openapi.json")
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
