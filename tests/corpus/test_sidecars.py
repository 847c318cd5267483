"""archive.json and meeting.json at any folder level label everything
below them; each field records where it came from."""

import json
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Failure

MINUTES = (
    "Minutes of the meeting held on 4 June 2024\n\nPresent: Cllr A\n\n"
    "1. Grass cutting\n\nThe Clerk would chase the contractor.\n"
)
PLANNING = (
    "Minutes of the Planning Committee held on 5 June 2024\n\nPresent: Cllr B\n\n"
    "1. Applications\n\nNo objection was raised.\n"
)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _read(root: Path) -> dict[str, Document | Failure]:
    return {Path(r.source).relative_to(root).as_posix(): r for r in load([root])}


def test_archive_labels_every_folder_below(tmp_path: Path):
    _write(
        tmp_path,
        {
            "archive.json": json.dumps(
                {"council": "Oakfield Town Council", "committee": "Full Council"}
            ),
            "2024/june.md": MINUTES,
            "2024/planning/june.md": PLANNING,
        },
    )
    docs = _read(tmp_path)
    full, planning = docs["2024/june.md"].meeting, docs["2024/planning/june.md"].meeting
    assert (full.council, full.committee, full.date) == (
        "Oakfield Town Council",
        "Full Council",
        "2024-06-04",
    )
    assert full.council_source == f"archive.json in {tmp_path.absolute()}"
    assert full.date_source == "heading"
    # The archive's committee is a default: the minutes' own heading wins.
    assert (planning.council, planning.committee) == ("Oakfield Town Council", "Planning Committee")
    assert planning.committee_source == "heading"


def test_nearer_sidecar_wins_field_by_field(tmp_path: Path):
    _write(
        tmp_path,
        {
            "archive.json": json.dumps(
                {"council": "Oakfield Town Council", "visibility": "restricted"}
            ),
            "2024/meeting.json": json.dumps(
                {"committee": "Allotments Panel", "date": "2024-06-03"}
            ),
            "2024/june.md": MINUTES,
        },
    )
    meeting = _read(tmp_path)["2024/june.md"].meeting
    assert (meeting.council, meeting.committee, meeting.date) == (
        "Oakfield Town Council",
        "Allotments Panel",
        "2024-06-03",  # a meeting.json is trusted over the text
    )
    assert meeting.restricted
    assert meeting.date_source == f"meeting.json in {(tmp_path / '2024').absolute()}"


def test_archive_with_a_meetings_field_fails_naming_it(tmp_path: Path):
    _write(
        tmp_path,
        {
            "archive.json": json.dumps({"council": "X Town Council", "date": "2024-01-01"}),
            "a.md": MINUTES,
        },
    )
    (failure,) = _read(tmp_path).values()
    assert isinstance(failure, Failure)
    assert "archive.json: field 'date' describes one meeting" in failure.reason


def test_without_sidecars_nothing_is_made_up(tmp_path: Path):
    _write(tmp_path, {"june.md": MINUTES})
    meeting = _read(tmp_path)["june.md"].meeting
    assert (meeting.council, meeting.committee, meeting.council_source) == (None, None, None)
    assert (meeting.date, meeting.date_source) == ("2024-06-04", "heading")
