"""Meeting metadata from the heading of the minutes and from file names."""

import pytest

from minutes_qa.corpus.heading import find_date, heading_of, meeting_from_path, meeting_from_text
from minutes_qa.corpus.model import MeetingInfo

PLANNING = (
    "Minutes of the meeting of the Planning Committee held on Wednesday, 13 November 2019"
    " in the Council Chamber\n\n"
    "Present: Cllr A Smith (Chair), Cllr B Jones\n\n"
    "1. To confirm the minutes of the meeting held on 18 March 2021.\n"
)


def test_planning_committee_heading():
    assert meeting_from_text(PLANNING) == MeetingInfo(
        council=None,
        committee="Planning Committee",
        date="2019-11-13",
        title="Minutes of the meeting of the Planning Committee held on Wednesday,"
        " 13 November 2019 in the Council Chamber",
        date_source="heading",
        committee_source="heading",
    )


def test_date_below_the_heading_is_another_meetings():
    text = (
        "Minutes of the meeting of the Finance Committee\n\nPresent: Cllr A Smith\n\n"
        "The minutes of the meeting held on 18 March 2021 were approved.\n"
    )
    info = meeting_from_text(text)
    assert (info.date, info.title) == (None, "Minutes of the meeting of the Finance Committee")


def test_capitals_heading_is_tidied():
    text = (
        "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF CAPPAMORE-\n"
        "KILMALLOCK HELD IN THE CIVIC OFFICES ON THURSDAY, 9TH NOVEMBER, 2017\n\n"
        "PRESENT IN THE CHAIR: Cllr M Ryan\n"
    )
    info = meeting_from_text(text)
    assert info.committee == "Municipal District of Cappamore-Kilmallock"
    assert info.date == "2017-11-09"


def test_council_line_above_committee():
    text = (
        "LIMERICK CITY AND COUNTY COUNCIL\n"
        "Minutes of the Meeting of the Economic Development Strategic Policy Committee"
        " held on 3rd March 2022\nMembers Present: Cllr Ryan\n"
    )
    info = meeting_from_text(text)
    assert (info.council, info.committee, info.date) == (
        "Limerick City and County Council",
        "Economic Development Strategic Policy Committee",
        "2022-03-03",
    )


@pytest.mark.parametrize(
    ("heading", "council", "meeting"),
    [
        (
            "Ashford Borough Council\n\nMinutes of the Ordinary Meeting",
            "Ashford Borough Council",
            "Ordinary Meeting",
        ),
        ("Minutes of the meeting of Much Wenlock Town Council", "Much Wenlock Town Council", None),
        (
            "Minutes of the Ordinary Meeting of Kilkenny County Council",
            "Kilkenny County Council",
            "Ordinary Meeting",
        ),
    ],
)
def test_full_council_meeting_is_named_by_its_kind_never_by_the_council_again(
    heading: str, council: str, meeting: str | None
):
    info = meeting_from_text(heading + " held on 1 July 2020\nPresent: Cllr A\n")
    assert (info.council, info.committee) == (council, meeting)


@pytest.mark.parametrize(
    ("body", "council"),
    [
        (
            "A letter from Mid Suffolk District Council was read.\nIt was noted that"
            " Mid Suffolk District Council had replied, and Mid Suffolk District Council"
            " would write again.",
            "Mid Suffolk District Council",
        ),
        # Named twice: not enough. A parish's minutes talk of other councils.
        ("Mid Suffolk District Council wrote. Mid Suffolk District Council rang.", None),
    ],
)
def test_council_named_in_the_body(body: str, council: str | None):
    text = "Minutes of the Finance Committee\nPresent: Cllr X\n\n" + body
    assert meeting_from_text(text).council == council


@pytest.mark.parametrize("kind", ["Regular", "Special", "Statutory", "Reconvened", "Inaugural"])
def test_a_kind_of_meeting_on_its_own_line_is_no_council(kind: str):
    info = meeting_from_text(f"{kind} Council\n\nMarch 9, 2026, at 4:00 PM\nPresent: Mayor A\n")
    assert info.council is None
    named = meeting_from_text(f"AUBURN COUNCIL\n{kind} Council\nPresent: Mayor A\n")
    assert named.council == "Auburn Council"


@pytest.mark.xfail(
    strict=True, reason="council regex spans newlines: takes 'Cllr X' from line above"
)
def test_council_in_the_body_does_not_join_the_line_above():
    text = (
        "Minutes of the Finance Committee\nPresent: Cllr X\n\n"
        "Mid Suffolk District Council wrote.\nMid Suffolk District Council replied."
    )
    assert meeting_from_text(text).council == "Mid Suffolk District Council"


def test_original_file_link_and_numeric_date():
    text = (
        "[Original file](https://example.gov.uk/minutes/123.pdf)\n\n"
        "Minutes of the Licensing Sub-Committee held on 04/02/2021\n\nPresent: Cllr Y\n"
    )
    info = meeting_from_text(text)
    assert info.url == "https://example.gov.uk/minutes/123.pdf"
    assert (info.committee, info.date) == ("Licensing Sub-Committee", "2021-02-04")
    assert info.title == "Minutes of the Licensing Sub-Committee held on 04/02/2021"


def test_heading_stops_at_attendance():
    text = "Minutes of the meeting of the Audit Panel\nPresent: Cllr A\n1. Apologies"
    assert heading_of(text) == "Minutes of the meeting of the Audit Panel\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("held on Wednesday, 13 November 2019", "2019-11-13"),
        ("THURSDAY, 9TH NOVEMBER, 2017", "2017-11-09"),
        ("on the 5th day of June, 2018", "2018-06-05"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("12.10.2015", "2015-10-12"),  # day first, as UK and Irish minutes write it
        ("Meeting of 7 Jan 2020, replacing that of 01/01/2019", "2020-01-07"),
        ("Thursday 31 February 2020", None),
        ("Dated 1 January 1900", None),
        ("Minutes of the Annual Meeting", None),
    ],
)
def test_find_date(text: str, expected: str | None):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("archive/2018/Minutes - Full Council - 27th April 2017.md", "2017-04-27"),
        ("2019/minutes_12_March_2019.pdf", "2019-03-12"),
        # Folders carry the publication date, not the meeting's.
        ("archive/12 March 2018/minutes.md", None),
    ],
)
def test_meeting_from_path(path: str, expected: str | None):
    assert meeting_from_path(path) == MeetingInfo(
        date=expected, date_source="file name" if expected else None
    )


def test_council_in_capitals_after_kind_of_meeting():
    text = "MINUTES OF THE ORDINARY MEETING OF KILKENNY COUNTY COUNCIL HELD ON 20 JANUARY 2020\n"
    assert meeting_from_text(text + "Present: x\n").council == "Kilkenny County Council"


def test_title_keeps_time_of_meeting():
    text = "Minutes of the Audit Panel held on 2 May 2019 at 7.00pm in the Guildhall\nPresent: x\n"
    assert meeting_from_text(text).title == (
        "Minutes of the Audit Panel held on 2 May 2019 at 7.00pm in the Guildhall"
    )


NO_ATTENDANCE = (
    "Minutes of the Finance Committee\n\n"
    "1. To confirm the minutes of the meeting held on 18 March 2021.\n"
    "The minutes were agreed.\n"
)


@pytest.mark.parametrize(
    ("field", "expected"), [("date", None), ("committee", "Finance Committee")]
)
def test_heading_without_attendance_line(field: str, expected: str | None):
    assert getattr(meeting_from_text(NO_ATTENDANCE), field) == expected
