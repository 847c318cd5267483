"""Property-based tests of every reader: whatever a file holds, reading it
gives documents or one clear failure line, never an exception or a hang."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Failure
from tests.corpus.pdf_fixture import minimal_pdf

SUFFIXES = [".txt", ".md", ".html", ".pdf", ".jsonl"]
# Pieces of real minutes, so that generated text reaches the readers' deeper paths.
PIECES = [
    "Agenda item\n\n", "Agenda and minutes\n\n", "Minutes:\n\n", "87/25\n\n", "5.\t", "(a) ",
    "·\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0", "• ", "- ", "* ", "RESOLVED that ",
    "And Resolved: “That ",
    "Proposed by Cllr A; Seconded by Cllr B", "---\n", "---\ndate: 2024-02-30\n---\n",
    "---\nvisibility: secret\n---\n", "council: Kent\n", "<p>", "</p>", "<li>", "<table><tr><td>",
    "&nbsp;", "**1.**", "\\*", "[link](http://x)", "Page 3 of 9\n", "Signed :", "\n\n", "\n",
    "The Clerk would report back.", "the press and public be excluded", "Part II", " ", "\u200b",
    "Monday 14th October 2024", "Overview and Scrutiny Board - ", "\x00", "\ufeff", "é", "😀",
]  # fmt: skip

minutes_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=60).map("".join)
# FUZZ_EXAMPLES=2000 fuzzes longer than the default test run does.
examples = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


def read(data: bytes, suffix: str) -> list[Document | Failure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"minutes{suffix}"
        path.write_bytes(data)
        results = list(load([path]))
    assert results, "every file gives at least one document or failure"
    for result in results:
        assert isinstance(result, Document | Failure)
        if isinstance(result, Failure):
            assert result.reason and "\n" not in result.reason
        else:
            assert result.passages and all(p.text.strip() for p in result.passages)
    return results


@examples
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
@example(data=b"\t", suffix=".jsonl")  # found by hypothesis: read as nothing at all
def test_arbitrary_bytes(data: bytes, suffix: str):
    read(data, suffix)


@examples
@given(text=minutes_like, suffix=st.sampled_from(SUFFIXES[:3]))
@example(text="---\ndate: 2024-02-30\n---\n", suffix=".txt")  # found: YAML's ValueError
def test_arbitrary_minutes_like_text(text: str, suffix: str):
    read(text.encode("utf-8", "surrogatepass"), suffix)


@examples
@given(lines=st.lists(minutes_like, min_size=1, max_size=8))
def test_arbitrary_text_in_a_pdf(lines: list[str]):
    printable = ["".join(c for c in line if 32 <= ord(c) < 127) for line in lines]
    read(minimal_pdf(printable), ".pdf")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | minutes_like,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
meeting_lines = st.fixed_dictionaries(
    {"items": st.lists(st.fixed_dictionaries({"minutes": json_values}, optional={
        "number": json_values, "title": json_values, "visibility": json_values}), max_size=4)},
    optional={"date": json_values, "council": json_values, "visibility": json_values,
              "minutes_qa_export": json_values, "passages": json_values, "meeting": json_values},
)  # fmt: skip


@examples
@given(lines=st.lists(meeting_lines | json_values, min_size=1, max_size=5))
def test_arbitrary_json_lines(lines: list[object]):
    read("\n".join(json.dumps(line) for line in lines).encode(), ".jsonl")
