"""The readers over minutes in thirty published shapes (tests/data/councils:
invented text in the layouts of ModernGov, InfoCouncil, eSCRIBE, Legistar,
parish sites and more, with eight traps): a date, council or committee is
either right or left empty, never made up."""

import json

import pytest

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document
from tests.conftest import DATA

COUNCILS = DATA / "councils"
TRUTH = [json.loads(line) for line in (COUNCILS / "truth.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def read() -> dict[str, Document]:
    docs = {}
    for row in TRUTH:
        (doc,) = load([COUNCILS / row["file"]])
        assert isinstance(doc, Document), doc
        docs[row["file"]] = doc
    return docs


@pytest.mark.parametrize("row", TRUTH, ids=[row["file"] for row in TRUTH])
def test_a_date_is_right_or_empty(read, row):
    assert read[row["file"]].meeting.date in (row["date"], None)


@pytest.mark.parametrize("row", TRUTH, ids=[row["file"] for row in TRUTH])
def test_a_council_is_right_or_empty(read, row):
    allowed = {row["council"], *row.get("council_also", []), None}
    assert read[row["file"]].meeting.council in allowed


def test_most_stated_fields_are_found(read):
    def found(field: str) -> float:
        stated = [r for r in TRUTH if r[field]]
        return sum(
            read[r["file"]].meeting.__getattribute__(field) is not None for r in stated
        ) / len(stated)

    assert found("date") >= 0.9
    assert found("council") >= 0.8
