"""``minutes-qa timeline`` and ``minutes-qa commitments [--open]`` with the
real model, over the sample and the invented Quillbury minutes."""

import json
from pathlib import Path

import pytest

from minutes_qa.cli import main
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from tests.conftest import DATA, SAMPLE


@pytest.fixture(scope="module")
def index_dir(model, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("follow-cli") / "index"
    index = PassageIndex.open_or_create(folder, model)
    index.ingest(load([SAMPLE, DATA / "timeline"]), model)
    index.close()
    return folder


def test_timeline_prints_meetings_oldest_first(index_dir: Path, capsys):
    assert main(["timeline", "flooding on Mill Lane", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line and not line.startswith((" ", "-"))]
    assert [h.split(" · ")[0] for h in headings[:3]] == ["2023-01-10", "2023-03-14", "2023-06-20"]
    assert "---- meetings whose minutes state no date ----" in out
    assert out.index("state no date") > out.index("2023-06-20")
    assert "[decision] RESOLVED that the quote of £4,200" in out


def test_timeline_json(index_dir: Path, capsys):
    args = ["timeline", "flooding on Mill Lane", "--index", str(index_dir), "--json"]
    assert main([*args, "--council", "Quillbury"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [m["date"] for m in body["meetings"]] == ["2023-01-10", "2023-03-14", "2023-06-20", None]
    assert body["undated"] == 1 and body["good_match"] is True


def test_commitments_show_what_happened_next(index_dir: Path, capsys):
    assert main(["commitments", "--index", str(index_dir), "--council", "Quillbury"]) == 0
    out = capsys.readouterr().out
    culvert = out.index("The Clerk would report back to the next meeting")
    assert "→ The Clerk reported that three quotes had been received" in out[culvert:]
    assert "no follow-up found in 3 later meetings" in out
    assert "the meeting's date is not stated" in out


def test_open_commitments_only(index_dir: Path, capsys):
    args = ["commitments", "--index", str(index_dir), "--council", "Quillbury", "--open", "--json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)["commitments"]
    assert len(rows) == 1
    assert rows[0]["text"].startswith("Members would be updated on the repair of the pavilion")
    assert (rows[0]["status"], rows[0]["later_meetings"], rows[0]["next"]) == ("open", 3, [])
