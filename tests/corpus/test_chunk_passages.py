"""What is and is not a passage: attendance lists as one, page furniture
never, headings as the context of what follows. Invented minutes in the
shapes councils publish."""

import pytest

from minutes_qa.corpus.junk import is_heading, is_junk
from minutes_qa.corpus.load import parse_text
from minutes_qa.corpus.model import Document, Kind


def read(text: str, name: str = "minutes.md") -> Document:
    return parse_text(text, f"/archive/{name}")


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


@pytest.mark.parametrize(
    "text",
    [
        "Download as pdf or txt",
        "Page 1 of 16",
        "Page 3",
        "Additional documents:",
        "e",
        "23.",
        "0",
        "Back to top",
        "Print this page",
        "Thornwick Parish Council logo",
        "(Image omitted)",
        "Original link",
        "August 13, 2018",
        "23/04/2018",
        "Tuesday 4th March",
        "Respectfully submitted,",
        "****",
        "March 25, 2026, at 11:30 AM",
        "Date: 5 November 2024",
        "E-mail: clerk@fernley-pc.example",
        "Tel: 01632 960 123",
        "2026-02-24 Staff Report - Declare Surplus - Larch Close",
    ],
)
def test_junk(text: str):
    assert is_junk(text)


@pytest.mark.parametrize(
    "text",
    [
        "None.",
        "Nothing to report.",
        "The Clerk read the correspondence.",
        "Permission granted",
        "Unit 1 of the business park is vacant.",
    ],
)
def test_not_junk(text: str):
    assert not is_junk(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Council Finances", True),
        ("Matters Arising:", True),
        ("5.1 Chairman's Report", True),
        ("STREET LIGHTING", True),
        ("**Village Green**", True),
        ("Permission granted", False),
        ("None", False),
        ("The Clerk reported.", False),
        ("Doug Lamb: Aye", False),
        ("Ashcombe Hall | Hall hire | £45.00", False),
        ("The Chair thanked Members. These included:", False),
    ],
)
def test_heading(text: str, expected: bool):
    assert is_heading(text) is expected


LIMERICK_STYLE = """MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF KILBRACK \
HELD IN THE CIVIC OFFICES, ON MONDAY, 3RD FEBRUARY, 2025, AT 10.00 A.M.

PRESENT IN THE CHAIR: Councillor P. Ó Briain, Cathaoirleach.

MEMBERS PRESENT:

Councillor A. Fennelly

Councillor R. Haughey

Councillor S. Mac Giolla

OFFICIALS IN ATTENDANCE:

Senior Executive Officer (Ms. D. Carrig), Meetings Administrator (Mr. T. Dunphy)

APOLOGIES:

Councillor J. Lenihan

1. Adoption of Minutes

Circulated, copy of draft Minutes of the Meeting held on 6th January, 2025.
"""


def test_attendance_lists_over_many_lines_are_one_passage():
    doc = read(LIMERICK_STYLE)
    attendance = [p for p in doc.passages if p.kind is Kind.ATTENDANCE]
    assert len(attendance) == 1
    for name in ("Ó Briain", "Fennelly", "Haughey", "Mac Giolla", "Dunphy", "Lenihan"):
        assert name in attendance[0].text
    assert not any(t.startswith("Councillor A. Fennelly") for t in texts(doc))


AYTON_STYLE = """---
title: Minutes for meeting held 4 March 2025
date: 2025-03-04
---

## Present

* Morag Lindqvist — _Chair_
* Ewan Drummond — _Secretary_
* Cllr F Abernethy

## Apologies for Absence

* Isla Tennant

## Members of the public present

* Rory Macaulay

## 1. Minutes of Previous Meeting

The minutes were approved by ED and seconded by ML.
"""


def test_markdown_attendance_headings_and_bullets_are_one_passage():
    doc = read(AYTON_STYLE)
    attendance = [p for p in doc.passages if p.kind is Kind.ATTENDANCE]
    assert len(attendance) == 1
    assert all(n in attendance[0].text for n in ("Lindqvist", "Abernethy", "Tennant", "Macaulay"))
    assert len(doc.passages) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Present: Cllr A Brook (Chair), Cllr B Stone, Cllr C Marsh",
        "Members present: Councillors Dale, Frost and Gale",
        "In attendance: Mrs R Lowe (Clerk)",
        "Also present: PCSO Tamsin Reed",
        "Apologies for absence were received from Cllr D Yarrow and Cllr E Birch.",
        "Apologies: None",
        "Absent: Councillor F Holt",
        "Yn bresennol: Y Cynghorydd Gwyn Parri (Cadeirydd), Y Cynghorydd Elin Rhys",
        "Ymddiheuriadau: Y Cynghorydd Dafydd Hughes",
        "Ms Priya Nandra (Head of Highways) was in attendance for this item.",
    ],
)
def test_attendance_kinds(text: str):
    doc = read(f"Minutes of the meeting\n\n{text}\n\nThe Chair opened the meeting.\n")
    assert [p.kind for p in doc.passages if p.text.startswith(text[:12])] == [Kind.ATTENDANCE]


def test_accepting_apologies_is_a_decision_not_attendance():
    doc = read("1. Apologies\n\nRESOLVED that the apologies of Cllr Birch be accepted.\n")
    assert [p.kind for p in doc.passages] == [Kind.DECISION]


FURNITURE = """Thornwick Parish Council logo

Download as pdf or txt

Page 1 of 3

1. Village Green

Council Finances

The Clerk reported a balance of £4,120 at the end of March.

The footpath repairs were paid for from reserves.

Street Lighting

e

Two lamps on Mill Row were reported as faulty.

Additional documents:

Back to top
"""


def test_furniture_is_dropped_and_headings_are_context():
    doc = read(FURNITURE)
    assert texts(doc) == [
        "The Clerk reported a balance of £4,120 at the end of March.",
        "The footpath repairs were paid for from reserves.",
        "Two lamps on Mill Row were reported as faulty.",
    ]
    assert [p.lead_in for p in doc.passages] == [
        "Council Finances",
        "Council Finances",
        "Street Lighting",
    ]
    assert {p.item_title for p in doc.passages} == {"Village Green"}
    assert doc.passages[0].embedding_text().startswith("Village Green. Council Finances.")


def test_a_running_header_repeated_in_one_document_is_dropped():
    header = "Hartley Vale Town Council - Minutes - 12 May 2025"
    body = "\n\n".join(
        f"{header}\n\n{n}. Item {n}\n\nMembers discussed matter number {n} at length."
        for n in range(1, 4)
    )
    doc = read(body)
    assert header not in texts(doc) and all(p.lead_in != header for p in doc.passages)
    assert len(doc.passages) == 3


def test_names_one_a_line_under_an_intro_are_one_passage():
    doc = read(
        "1. Planning hearing\n\nThe following people spoke to the application:\n\n"
        "- H. Okafor, Redbank Planning;\n- J. Whitlow;\n- M. Sandoval, resident;\n"
    )
    assert texts(doc) == [
        "The following people spoke to the application: "
        "• H. Okafor, Redbank Planning; J. Whitlow; M. Sandoval, resident;",
    ]
