"""ModernGov in all its page types, saved with the site around them, and its
web service's GetMeeting XML."""

from pathlib import Path

import pytest

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Failure, Form, Kind
from tests.conftest import DATA

WEB = DATA / "web"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lgsf-moderngov-fixtures"
JUNK = ("pdf icon", "KB", "cookie", "Download", "Home", "Skip", "Facebook", "Venue", "Contact")


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def no_junk(doc: Document) -> None:
    for text in texts(doc):
        assert not any(word in text for word in JUNK), text
        assert len(text.split()) >= 2, text


def test_agenda_decisions_and_minutes_page_in_the_table_layout():
    doc = read_document(WEB / "moderngov-list-documents.html")
    assert doc.format == "moderngov-meeting"
    m = doc.meeting
    # "Moved from 9th October 2024" is not the meeting's date; the venue is no committee.
    assert (m.committee, m.date) == ("Cabinet", "2024-10-02")
    assert (m.council, m.council_source) == ("Harrowgate Vale District Council", "page title")
    assert (m.date_source, m.committee_source) == ("heading", "heading")
    assert [(i.number, i.title) for i in doc.items] == [
        ("39", "Declarations of Interest"),
        ("40", "Minutes"),
        ("41", "Private Sector Housing Enforcement Policy 2024"),
    ]
    # The agenda's text ("To agree the minutes ...", "Report of the Director") is not minutes;
    # an item with an empty "Minutes:" has none.
    assert texts(doc) == [
        "There were no disclosable pecuniary interests.",
        "The minutes of the meeting held on 18th September 2024 were agreed and signed as a "
        "true record.",
        "There were no matters arising.",
        "The Cabinet considered a report of the Director of Place which sought approval of the "
        "Private Sector Housing Enforcement Policy 2024.",
        "The Cabinet noted that the policy introduced civil penalties of up to £30,000 for "
        "landlords who failed to license their properties.",
        "RESOLVED that the Private Sector Housing Enforcement Policy 2024 be approved.",
    ]
    assert doc.passages[-1].kind is Kind.DECISION
    no_junk(doc)


def test_agenda_item_page_takes_its_meeting_from_the_meeting_line():
    doc = read_document(WEB / "moderngov-mgai.html")
    assert doc.format == "moderngov-item"
    m = doc.meeting
    assert (m.committee, m.date, m.council) == (
        "Overview and Scrutiny Committee",
        "2024-11-14",
        "Kingsmere Borough Council",
    )
    assert (m.date_source, m.committee_source) == ("meeting line", "meeting line")
    assert [(i.number, i.title) for i in doc.items] == [("52", "Review of Community Grants")]
    assert [(p.form, p.text) for p in doc.passages][:1] == [
        (
            Form.PARAGRAPH,
            "The Head of Communities presented the report and highlighted the following: "
            "• Forty-one groups had received grants in 2023/24. • Applications from rural "
            "parishes had fallen by a third.",
        ),
    ]
    assert [p.kind for p in doc.passages][-2:] == [Kind.COMMITMENT, Kind.DECISION]
    no_junk(doc)


def test_agenda_item_page_without_a_meeting_line_has_no_date():
    doc = read_document(WEB / "moderngov-mgai-undated.html")
    m = doc.meeting
    # Not the banner's 1 May 2020, the confirmed minutes' 18 March 2021, nor the review date.
    assert (m.date, m.committee) == (None, None)
    assert m.council == "Kingsmere Borough Council"
    assert texts(doc) == [
        "RESOLVED that the minutes of the meeting held on 18 March 2021 be confirmed as a "
        "correct record."
    ]


def test_issue_history_of_two_meetings_states_no_one_date():
    doc = read_document(WEB / "moderngov-issue-two-meetings.html")
    assert doc.format == "moderngov-issue"
    assert (doc.meeting.date, doc.meeting.committee) == (None, None)
    assert doc.meeting.title == "Town Centre Parking Strategy"
    assert [(i.number, i.title) for i in doc.items] == [
        ("63", "Cabinet, 2025-01-14: Town Centre Parking Strategy"),
        ("41", "Overview and Scrutiny Committee, 2024-12-04: Town Centre Parking Strategy - "
         "pre-decision scrutiny"),
    ]  # fmt: skip
    assert texts(doc)[0] == "RESOLVED that the Town Centre Parking Strategy be adopted."
    assert len(doc.passages) == 3


def test_issue_history_of_one_meeting_is_that_meeting():
    doc = read_document(WEB / "moderngov-issue-one-meeting.html")
    assert (doc.meeting.committee, doc.meeting.date) == ("Environment Committee", "2025-02-06")
    assert texts(doc) == ["RESOLVED that allotment rents rise by 5 per cent from 1 October 2025."]


def test_decision_details_of_an_officer():
    doc = read_document(WEB / "moderngov-officer-decision.html")
    assert doc.format == "moderngov-decision"
    m = doc.meeting
    # Not the publication date (07/03) nor "Effective from" (14/03); day first.
    assert (m.date, m.date_source) == ("2025-03-05", "Date of decision")
    assert (m.committee, m.committee_source) == ("Director of Regeneration", "Decision Maker")
    assert doc.items[0].title == "Lease of Unit 4, Riverside Workshops"
    assert texts(doc) == [
        "Purpose: To let Unit 4 to a local bakery on a five-year lease.",
        # The decision's paragraphs are one passage.
        "Approved the grant of a five-year lease of Unit 4 to Hearth & Crumb Ltd at £9,400 a "
        "year. Approved a three-month rent-free period for fitting out.",
        "Reasons for the decision: The unit has been empty since 2023 and the offer is at "
        "market rent.",
    ]


def test_decision_details_decided_at_a_meeting():
    doc = read_document(DATA / "councils" / "moderngov" / "ieDecisionDetails-6112.html")
    m = doc.meeting
    assert (m.date, m.committee) == ("2024-09-10", "Cabinet")
    assert m.date_source == m.committee_source == "Decided at meeting"
    decision = next(p for p in doc.passages if p.text.startswith("RESOLVED"))
    assert "(1) Accepted the grant offer" in decision.text
    assert "(3) Delegated authority" in decision.text
    assert not any("Publication date" in t or "Effective from" in t for t in texts(doc))


def test_getmeeting_xml():
    doc = read_document(WEB / "moderngov-getmeeting.xml")
    assert doc.format == "moderngov-xml"
    m = doc.meeting
    assert (m.committee, m.date, m.council) == ("Licensing Committee", "2025-03-04", None)
    assert m.date_source == "meetingdate"
    # Numbered as in the minutes; an item with no minutes is left out.
    assert [(i.number, i.title) for i in doc.items] == [
        ("31", "Apologies for Absence"),
        ("32", "Minutes of the meeting held on 4 February 2025"),
        ("33", "Statement of Licensing Policy 2025-2030"),
        ("34", "Review of a Premises Licence - Exempt"),
    ]
    assert not any("To confirm the minutes" in t or "To receive" in t for t in texts(doc))
    assert [p.form for p in doc.passages if p.item_number == "33"] == [
        Form.PARAGRAPH,
        Form.PARAGRAPH,
    ]
    assert [p.restricted for p in doc.passages if p.item_number == "34"] == [True]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpus is not here")
def test_lgsf_fixtures_all_read():
    results = list(load([SHARED]))
    failures = [r for r in results if isinstance(r, Failure)]
    assert not failures
    by_name = {Path(r.source).name: r for r in results}
    xml = by_name["meeting_with_minutes.xml"]
    assert (xml.meeting.committee, xml.meeting.date) == ("Audit Committee", "2026-02-10")
    # The display number "1." of agenda item 4 is its number in the minutes.
    assert [i.number for i in xml.items] == ["1", "9"]
    detail = by_name["modgov_decision_detail.html"]
    assert (detail.meeting.committee, detail.meeting.date) == ("Policy Committee", "2015-10-19")
    multi = by_name["modgov_decision_multi_paragraph.html"]
    assert multi.meeting.date == "2021-07-27"
    assert len(multi.passages) == 1 and multi.passages[0].text.endswith("27 July 2021.")


def test_xml_of_another_shape_fails_naming_what_was_expected(tmp_path: Path):
    other = tmp_path / "committees.xml"
    other.write_text("<?xml version='1.0'?><committees><committee/></committees>")
    broken = tmp_path / "broken.xml"
    broken.write_text("<meeting><agendaitems>")
    empty = tmp_path / "agenda-only.xml"
    empty.write_text(
        "<meeting><meetingdate>01/02/2025</meetingdate><agendaitems><agendaitem>"
        "<agendaitemtitle>A</agendaitemtitle><agendatext>&lt;p&gt;x&lt;/p&gt;</agendatext>"
        "</agendaitem></agendaitems></meeting>"
    )
    reasons = {Path(f.source).name: f.reason for f in load([tmp_path]) if isinstance(f, Failure)}
    assert "root is <committees>" in reasons["committees.xml"]
    assert "GetMeeting" in reasons["committees.xml"]
    assert "not well-formed XML" in reasons["broken.xml"]
    assert "no minutes published" in reasons["agenda-only.xml"]


def test_xml_entities_are_not_expanded(tmp_path: Path):
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<meeting><meetingdate>01/02/2025</meetingdate><agendaitems><agendaitem>"
        "<agendaitemtitle>&x;</agendaitemtitle><minutesnonemptyhtmlbody>&lt;p&gt;Noted.&lt;/p&gt;"
        "</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting>"
    )
    try:
        doc = read_document(evil)
    except ReadError:
        return
    assert "root:" not in (doc.items[0].title or "")
