"""Restricted passages: marked by front matter or found from the minutes'
own wording for exempt (Part II) business."""

from pathlib import Path

import pytest

from minutes_qa.corpus.classify import excludes_public, exempt_title
from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document

DATA = Path(__file__).resolve().parent.parent / "data" / "restricted"


def read(name: str) -> Document:
    (doc,) = load([DATA / name])
    assert isinstance(doc, Document), doc
    return doc


def test_everything_after_the_exclusion_resolution_is_restricted():
    doc = read("part-two-meeting.txt")
    flags = [(p.item_number, p.text[:30], p.restricted) for p in doc.passages]
    assert flags == [
        ("12/25", "The Cabinet considered the ref", False),
        ("12/25", "RESOLVED that the refurbishmen", False),
        ("13/25", "RESOLVED that, under Section 1", False),
        ("14/25", "Members discussed the offer of", True),
        ("14/25", "RESOLVED that the offer from t", True),
    ]


def test_an_item_titled_exempt_is_restricted():
    assert all(p.restricted for p in read("exempt-title.txt").passages)


def test_front_matter_decides_over_the_wording():
    assert not any(p.restricted for p in read("marked-public.md").passages)
    assert all(p.restricted for p in read("marked-restricted.md").passages)


def test_bad_visibility_names_the_field(tmp_path: Path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nvisibility: secret\n---\n\nThe clerk read the minutes.\n")
    (failure,) = load([bad])
    assert "visibility" in failure.reason and failure.source.endswith("bad.md")


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Exempt Minutes of the meeting held on 22 June 2023", True),
        ("Disposal of land (Part II)", True),
        ("Part 2 items", True),
        ("Confidential: staffing", True),
        ("Budget 2023 part 2 of 3", False),
        ("Exemptions from council tax", False),
        ("Motion to exclude the press and public for exempt business", False),
    ],
)
def test_exempt_titles(title: str, expected: bool):
    assert exempt_title(title) is expected


def test_exclusion_wording():
    assert excludes_public("the press and public be excluded from the meeting")
    assert excludes_public("likely disclosure of exempt information as defined in paragraph 3")
    assert not excludes_public("Members of the public attended the meeting.")
