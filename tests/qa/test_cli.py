"""The CLI contract that benchmarks outside this repo rely on."""

import json
from pathlib import Path

import pytest

from minutes_qa.cli import COMMANDS, build_parser, main
from tests.conftest import CITATION_KEYS, DATA, SAMPLE, SAMPLE_DATED, SAMPLE_PASSAGES


@pytest.fixture
def index_dir(model_index: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "index"
    shutil.copytree(model_index, copy)
    return copy


def check_result(result: dict) -> None:
    assert set(result) == {"id", "text", "score", "kind", "citation", "also_in", "good_match"}
    assert isinstance(result["score"], float) and isinstance(result["text"], str)
    assert set(result["citation"]) == CITATION_KEYS
    assert isinstance(result["citation"]["position"], int)


def test_search_json_shape(index_dir: Path, capsys):
    assert main(["search", "Smart Water", "--index", str(index_dir), "--k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "Smart Water" and len(out["results"]) == 3
    for result in out["results"]:
        check_result(result)
    assert out["results"][0]["citation"]["meeting_date"] == "2019-11-13"


def test_search_readable(index_dir: Path, capsys):
    assert main(["search", "Smart Water", "--index", str(index_dir), "--k", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. [") and "Smart Water" in lines[0]
    assert "Overview and Scrutiny Board · 2019-11-13" in lines[1]


def test_search_queries_file(index_dir: Path, tmp_path: Path, capsys):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "query": "Smart Water"}\n{"id": 2, "query": "PACT meetings"}\n')
    assert main(["search", "--queries", str(queries), "--index", str(index_dir), "--k", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    for line in lines:
        assert len(line["results"]) == 2
        check_result(line["results"][0])


def test_search_queries_bad_line_is_reported(index_dir: Path, tmp_path: Path, capsys):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "query": "Smart Water"}\nnot json\n')
    assert main(["search", "--queries", str(queries), "--index", str(index_dir)]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["id"] == "a" and "q.jsonl:2" in lines[1]["error"]


def test_ingest_exit_codes(tmp_path: Path, capsys):
    index = tmp_path / "ix"
    assert main(["ingest", str(SAMPLE), "--index", str(index)]) == 0
    assert "2 added" in capsys.readouterr().out
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    assert main(["ingest", str(SAMPLE), str(broken), "--index", str(index), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["unchanged"] == 2
    assert report["failures"] == [{"source": str(broken), "reason": "empty file"}]
    assert report["index"]["passages"] == SAMPLE_PASSAGES


def test_a_warning_alone_does_not_fail_an_ingest(tmp_path: Path, capsys):
    """Read in another encoding (or by OCR), the file went in whole: exit 0,
    the warning printed. Only text left unread makes the exit code 1."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "cp1252.txt").write_bytes(
        "1. Village hall\n\nThe Clerk’s report: £40 for the hall.\n".encode("cp1252")
    )
    assert main(["ingest", str(folder), "--index", str(tmp_path / "ix")]) == 0
    out = capsys.readouterr().out
    assert "warning: " in out and "read as cp1252" in out and "0 failed" in out


def test_stats_json(index_dir: Path, capsys):
    assert main(["stats", "--index", str(index_dir), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (
        stats["documents"] == 2 and stats["meetings"] == 2 and stats["passages"] == SAMPLE_PASSAGES
    )
    assert stats["kinds"] == {"discussion": SAMPLE_PASSAGES - 3, "decision": 2, "commitment": 1}
    assert (stats["with_date"], stats["with_committee"], stats["with_source_url"]) == (
        SAMPLE_DATED,
        SAMPLE_PASSAGES,
        SAMPLE_PASSAGES,
    )


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["search"],
        ["search", "x", "--queries", "q.jsonl"],
        ["search", "x", "--k", "0"],
        ["search", "x", "--since", "last week"],
        ["frobnicate"],
        ["ingest"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_missing_index_exits_2(tmp_path: Path, capsys):
    assert main(["stats", "--index", str(tmp_path / "none")]) == 2
    assert "no index at" in capsys.readouterr().err


def test_index_from_environment(index_dir: Path, monkeypatch, capsys):
    monkeypatch.setenv("MINUTES_QA_INDEX", str(index_dir))
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passages"] == SAMPLE_PASSAGES


def test_every_command_help_has_an_example():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices and "search" in a.choices)
    for name in COMMANDS:
        assert "example: minutes-qa " + name in subparsers.choices[name].format_help()


def test_ask_readable_and_json(index_dir: Path, capsys):
    assert main(["ask", "What was said about Smart Water?", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert any("Smart Water" in line for line in out.splitlines()[:2])
    assert "2019-11-13 · Overview and Scrutiny Board" in out
    assert main(["ask", "Smart Water", "--index", str(index_dir), "--json", "--k", "3"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["answer"] in body["passage"]["text"]
    assert sum(len(g["results"]) for g in body["meetings"]) == 3


def test_restricted_passages_only_with_include_restricted(index_dir: Path, capsys):
    assert main(["ingest", str(DATA / "restricted"), "--index", str(index_dir), "--json"]) == 0
    capsys.readouterr()
    secret = "confidential tender prices"

    def shown(*flags: str) -> list[str]:
        args = ["search", secret, "--index", str(index_dir), "--k", "50", "--json", *flags]
        assert main(args) == 0
        return [r["text"] for r in json.loads(capsys.readouterr().out)["results"]]

    assert not any(secret in text for text in shown())
    assert any(secret in text for text in shown("--include-restricted"))
    assert main(["export", "--index", str(index_dir)]) == 0
    assert secret not in capsys.readouterr().out
    assert main(["export", "--index", str(index_dir), "--include-restricted"]) == 0
    assert secret in capsys.readouterr().out


def test_stats_readable(index_dir: Path, capsys):
    assert main(["stats", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 documents from 2 sources, 2 meetings" in out
    assert (
        f"{SAMPLE_PASSAGES} passages: 1 commitment, 2 decision, {SAMPLE_PASSAGES - 3} discussion"
        in out
    )
    assert (
        f"passages whose meeting states a date: {SAMPLE_DATED} "
        f"({SAMPLE_DATED / SAMPLE_PASSAGES:.0%})" in out
    )
    assert "{" not in out


def test_inspect_shows_fields_with_their_sources_and_passages(capsys):
    page = DATA / "formats" / "pdf-extract.md"
    assert main(["inspect", str(page), "--passages", "3"]) == 0
    out = capsys.readouterr().out
    assert "read as pdf-text" in out
    assert "date       2019-03-11   [from heading]" in out
    assert "council    (not stated)" in out
    assert "passages (3 of" in out and "[2] " in out and "[3] " not in out


def test_inspect_json_and_a_file_it_cannot_read(tmp_path: Path, capsys):
    missing = tmp_path / "missing.md"
    page = DATA / "formats" / "pdf-extract.md"
    assert main(["inspect", str(page), str(missing), "--json"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["meeting"]["date"] == "2019-03-11"
    assert first["meeting"]["date_source"] == "heading"
    assert first["passages"][0]["kind"] in {"discussion", "decision", "commitment", "attendance"}
    assert second == {"source": str(missing), "failed": "no such file"}
