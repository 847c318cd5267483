"""The meeting's own date, and never another day's: banners, confirmations
of earlier minutes, next-meeting notices, dates without a year."""

import pytest

from minutes_qa.corpus.dates import find_date, meeting_date, mentions
from minutes_qa.corpus.heading import committee_of_title, meeting_from_text
from minutes_qa.corpus.load import parse_text


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Minutes of the meeting held on Tuesday 5th March 2024 at 7pm", "2024-03-05"),
        ("Meeting held March 5, 2024", "2024-03-05"),
        ("Dydd Mawrth, 5 Mawrth 2024", "2024-03-05"),  # Welsh: Tuesday 5 March
        ("MINUTES ... ON THURSDAY, 9TH NOVEMBER, 2017, AT 10.00 A.M.", "2017-11-09"),
        (
            "Draft (until approved at the next meeting) Minutes held on 9 September 2020",
            "2020-09-09",
        ),
        (
            "Draft minutes, subject to approval at the next meeting\nMeeting 4 July 2018",
            "2018-07-04",
        ),
        (
            "Minutes of the Annual Meeting held following the Parish Meeting on 9th May 2006",
            "2006-05-09",
        ),
        # Traps: each date here is another day's.
        ("To confirm the minutes of the meeting held on 18 March 2021", None),
        ("This site holds documents published after 1 May 2020", None),
        ("Date of next meeting: 4 June 2024", None),
        ("The minutes of the meeting held on 4 March 2024 were approved", None),
        ("Signed ........ Chairman   Dated 12 April 2024", None),
        ("Agenda published: 28 February 2024", None),
        # No year: unknown, unless the heading states exactly one and the weekday agrees.
        ("Minutes of the meeting held on Tuesday 4 March", None),
        ("Minutes of the Annual Parish Meeting 2012\nheld on April 11th", "2012-04-11"),
        ("Minutes 2024\nheld on Tuesday 4 March", None),  # 4 March 2024 was a Monday
        ("[Original file](https://x.ie/01%202017-04-12%20Minutes%20April.pdf)\nMeeting", None),
    ],
)
def test_meeting_date(heading: str, expected: str | None):
    assert meeting_date(heading) == expected


@pytest.mark.parametrize(
    ("heading", "document", "expected"),
    [
        ("Date: 05/03/2024", "", None),  # day or month first: not settled
        ("Date: 05/03/2024", "The Clerk reported on 12 February 2024.", "2024-03-05"),
        ("Date: 05/03/2024", "Approved on February 12, 2024.", "2024-05-03"),
        ("Date: 05/03/2024", "Councilmember Ortiz asked about the levee.", "2024-05-03"),
        ("Date: 05/03/2024", "Cllr Jones asked about the £4,000 grant.", "2024-03-05"),
        ("Date: 25/03/2024", "", "2024-03-25"),  # only one reading is a date
    ],
)
def test_numeric_dates_follow_the_documents_own_order(heading, document, expected):
    assert meeting_date(heading, document) == expected


def test_mentions_are_half_open_spans_without_impossible_dates():
    text = "On 31 February 2020, or rather 1 March 2020."
    (found,) = mentions(text)
    assert text[found.start : found.stop] == "1 March 2020"
    assert find_date("Thursday 31 February 2020") is None


def test_date_of_item_one_is_not_the_meetings():
    text = (
        "Minutes of the Finance Committee\n\n"
        "1. To confirm the minutes of the meeting held on 18 March 2021.\n"
        "The minutes were agreed.\n"
    )
    info = meeting_from_text(text)
    assert (info.date, info.committee) == (None, "Finance Committee")


@pytest.mark.parametrize(
    ("heading", "council", "committee"),
    [
        ("AUBURN COUNCIL\nMinutes of the Ordinary Council Meeting", "Auburn Council",
         "Ordinary Council Meeting"),
        ("THE TOWNSHIP OF ORO-\nMEDONTE\nCouncil Meeting Minutes", "Township of Oro-Medonte",
         "Council Meeting"),
        # The kind of council alone names the council, not the body that met.
        ("Minutes of the Parish Council Meeting held on 3 June 2024", None, None),
        ("Annual Meeting of the Parish Council held on 13 May", None, "Annual Meeting"),
        ("City of Riverton Heights\nMeeting Minutes - Final\nCity Council\nCivic Center",
         "City of Riverton Heights", "City Council"),
        ("Planning Committee Minutes\nVenue: Committee Room 2", None, "Planning Committee"),
        ("Cofnodion Cyfarfod Cyffredin y Cyngor a gynhaliwyd yn Neuadd Goffa", None,
         "Cyfarfod Cyffredin y Cyngor"),
        ("A Parish Council meeting was held", None, None),
        ("Cyngor Cymuned Llanfair\nCofnodion", "Cyngor Cymuned Llanfair", None),
        ("Minutes of the Planning Committee\nVenue: Committee Room 2", None, "Planning Committee"),
        ("Venue: Committee Room 2, County Hall", None, None),
        ("Minutes of the Planning Committee of Wereham Parish Council", "Wereham Parish Council",
         "Planning Committee"),
        ("Wereham Parish Council\nThe next meeting of the Finance Committee will be",
         "Wereham Parish Council", None),
    ],
)  # fmt: skip
def test_council_and_committee_only_as_named(heading, council, committee):
    info = meeting_from_text(heading + "\nPresent: Cllr A\n")
    assert (info.council, info.committee) == (council, committee)


def test_a_files_own_title_names_the_committee_and_a_quoted_attendance_ends_the_heading():
    assert committee_of_title("7th Meeting of the Community and Protective Services Committee") == (
        "Community and Protective Services Committee"
    )
    assert committee_of_title("8th Council Meeting") == "Council Meeting"
    assert committee_of_title("3rd Meeting of City Council") is None
    doc = parse_text(
        "---\ntitle: The 8th Meeting of the Planning and Environment Committee\n"
        "date: 2025-05-21\n---\nMay 21, 2025, at 4:00 PM\n\n"
        "> [!abstract]- Present:\n> S. Lewis, S. Hillier\n\n"
        "# 1.&nbsp;&nbsp;&nbsp;Disclosures of Pecuniary Interest\n\n"
        "That it BE NOTED that no pecuniary interests were disclosed.\n\n"
        "## 2.1&nbsp;&nbsp;&nbsp;2024 Drinking Water Annual Report for the City of London\n\n"
        "That the report on the City of London Drinking Water System BE RECEIVED.\n",
        "/archive/pec.md",
    )
    assert doc.meeting.committee == "Planning and Environment Committee"
    assert doc.meeting.committee_source == "title"
    assert (
        doc.meeting.council is None
    )  # "City of London Drinking Water" is an item, not the heading
