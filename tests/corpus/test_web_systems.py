"""InfoCouncil, eSCRIBE (pages and JSON), Legistar, CMIS and WordPress pages,
each saved with its site around it: the minutes and only the minutes."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Failure
from tests.conftest import DATA

WEB = DATA / "web"
ESCRIBE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "london-ontario-escribe"
FURNITURE = (
    "cookie", "Cookie", "Accept", "Search", "Home", "Menu", "Share", "Facebook", "Recent Posts",
    "Archives", "Leave a Reply", "Powered by", "Print", "Download", "Page 1", "Posted",
    "Copyright", "©", ".pdf", "Calendar", "Granicus",
)  # fmt: skip


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def clean(doc: Document) -> None:
    for text in texts(doc):
        assert not any(word in text for word in FURNITURE), text
        assert len(text.split()) >= 2 or text in ("Nil.", "None."), text


def test_infocouncil_export_letterhead_kept_running_headers_dropped():
    doc = read_document(WEB / "infocouncil-ordinary.htm")
    m = doc.meeting
    assert (m.council, m.date) == ("Barralong Shire Council", "2025-03-19")
    assert m.committee is not None and "Ordinary" in m.committee
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "APOLOGIES"),
        ("2", "CONFIRMATION OF MINUTES"),
        ("3", "ROAD RESEALING PROGRAM 2025/26"),
    ]
    # A resolution's box is one passage, not five lines.
    assert (
        "RESOLUTION 2025/42 Moved: Cr Patrick Mbeki Seconded: Cr Ros Kealy That Council adopt the "
        "Road Resealing Program 2025/26 at a cost of $1,260,000. CARRIED"
    ) in texts(doc)
    assert not any(
        t.startswith(("Ordinary Council Meeting Minutes", "This is Page")) for t in texts(doc)
    )
    clean(doc)


def test_escribe_minutes_page():
    doc = read_document(WEB / "escribe-minutes.html")
    assert doc.format == "escribe"
    m = doc.meeting
    assert (m.date, m.date_source) == ("2025-03-04", "meeting header")
    assert m.committee == "Regular Council"
    # The portal's organisation, not the meeting's name ("Regular Council") taken as a council.
    assert m.council == "Township of Wrenfield"
    assert [(i.number, i.title) for i in doc.items] == [
        (None, "Attendance"),
        ("1", "Call to Order"),
        ("2", "Adoption of Minutes"),
        ("3.1", "Fire Hall Roof Replacement - Report FIN-2025-03"),
        ("4", "Adjournment"),
    ]
    attendance = texts(doc)[0]
    assert attendance.startswith("Present: Mayor R. Castellanos, Deputy Mayor J. Whitcombe")
    assert "Regrets: Councillor L. Marchetti" in attendance
    assert texts(doc)[2] == (
        "R2025-061 Moved by Councillor A. Okafor, Seconded by Deputy Mayor J. Whitcombe: Be it "
        "resolved that the minutes of the regular meeting of Council held on February 18, 2025 "
        "be adopted as circulated. Carried"
    )
    roof = texts(doc)[4]
    assert roof.startswith("R2025-062 Moved by Councillor P. Desrosiers")
    assert roof.endswith("Against (1) Deputy Mayor J. Whitcombe Carried (3 to 1)")
    clean(doc)


def test_escribe_item_page_has_no_meeting_date():
    doc = read_document(DATA / "councils" / "escribe" / "pec-item.html")
    m = doc.meeting
    # "Published: April 2, 2025" and the next meeting's April 22 are not its date.
    assert m.date is None
    assert (m.committee, m.council) == ("Planning and Environment Committee", "City of Westvale")
    assert not any("Published" in t or "Staff Report" in t for t in texts(doc))


def test_escribe_json():
    doc = read_document(WEB / "escribe-meeting.json")
    assert doc.format == "escribe-json"
    m = doc.meeting
    assert (m.committee, m.date, m.council) == ("Civic Works Committee", "2025-02-10", None)
    assert (m.date_source, m.committee_source) == ("datetime", "meeting_type")
    assert m.title == "3rd Meeting of the Civic Works Committee"
    assert [(i.number, i.title) for i in doc.items] == [
        (None, "Attendance"),
        (None, None),
        ("1", "Disclosures of Pecuniary Interest"),
        ("2", "Consent"),
        ("2.1", "Snow Clearing Contract Extension"),
        ("2.2", "Bridge Inspection Report"),
        ("3", "Adjournment"),
    ]
    assert texts(doc)[0] == (
        "Present: K. Abara, L. Moreau, T. Sandoval; Also Present: J. Kirkwood; Absent: P. Lindgren."
    )
    assert texts(doc)[1] == "The meeting was called to order at 4:02 PM."
    assert texts(doc)[3] == (
        "Moved by L. Moreau, Seconded by T. Sandoval: That Items 2.1 and 2.2 BE APPROVED. "
        "Yeas: K. Abara, L. Moreau, T. Sandoval. Motion Passed (3 to 0)"
    )
    snow = texts(doc)[4]
    assert "a) the extension BE FUNDED" in snow and snow.endswith("Motion Passed")


def test_json_of_another_shape_fails_naming_what_was_expected(tmp_path: Path):
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "object.json").write_text('{"name": "x", "rows": []}')
    (tmp_path / "broken.json").write_text('{"title": ')
    (tmp_path / "empty.json").write_text('{"title": "A", "datetime": "2025-01-01", "items": {}}')
    reasons = {Path(f.source).name: f.reason for f in load([tmp_path]) if isinstance(f, Failure)}
    assert "a list" in reasons["list.json"] and "eSCRIBE" in reasons["list.json"]
    assert "keys name, rows" in reasons["object.json"]
    assert "not valid JSON" in reasons["broken.json"]
    assert "no minutes text" in reasons["empty.json"]


@pytest.mark.skipif(not ESCRIBE.is_dir(), reason="the shared corpus is not here")
def test_london_ontario_json_all_read():
    results = list(load([ESCRIBE / "json"]))
    assert len(results) == 20 and not [r for r in results if isinstance(r, Failure)]
    council = next(r for r in results if "2nd Meeting of City Council" in r.source)
    assert (council.meeting.committee, council.meeting.date) == ("Council", "2025-01-21")
    assert council.items[-1].title == "By-laws"
    for doc in results:
        assert doc.meeting.date and doc.meeting.date in doc.source
        # One attendance passage, never one per name.
        assert sum(t.startswith("Present:") for t in texts(doc)) <= 1


def test_legistar_meeting_page():
    doc = read_document(WEB / "legistar-meeting.html")
    assert doc.format == "legistar"
    m = doc.meeting
    # Legistar writes dates month first.
    assert (m.committee, m.date, m.council) == ("City Council", "2025-03-10", "City of Port Alder")
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Minutes of February 24, 2025"),
        ("2", "Sidewalk Repair Contract"),
        ("3", "Short-Term Rental Ordinance"),
    ]
    assert texts(doc)[1] == (
        "Resolution: A resolution awarding the 2025 sidewalk repair contract to Tidewater Paving "
        "in an amount not to exceed $412,000. Action: adopted. Result: Pass."
    )
    clean(doc)


def test_cmis_page_reads_its_content_pane_only():
    doc = read_document(WEB / "cmis-minutes.html")
    m = doc.meeting
    assert (m.council, m.committee, m.date) == (
        "Eastmarsh City Council",
        "Planning Committee",
        "2025-03-05",
    )
    assert texts(doc)[-1] == (
        "RESOLVED that the application be refused on the grounds of the loss of employment land."
    )
    assert not any(t in ("Committees", "Meetings", "Councillors", "Documents") for t in texts(doc))
    clean(doc)


def test_wordpress_post_without_widgets_share_buttons_or_post_date():
    doc = read_document(WEB / "wordpress-parish.html")
    m = doc.meeting
    # The post's date (2 April 2025) is its publication; the minutes state 10 March.
    assert (m.date, m.council) == ("2025-03-10", "Little Brampford Parish Council")
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Apologies for absence"),
        ("2", "Minutes of the last meeting"),
        ("3", "Village green drainage"),
    ]
    assert texts(doc)[-1] == "The Clerk will arrange the work before the Easter fete."
    clean(doc)


def test_wordpress_site_names_the_council_the_minutes_do_not(tmp_path: Path):
    page = tmp_path / "may.html"
    page.write_text(
        "<html><head><title>May Minutes – Orchard Vale Parish Council</title></head><body>"
        "<main><article><div class='entry-content'><p>Minutes of the meeting of the Parish "
        "Council held on Monday 12th May 2025.</p><p>The Clerk reported on the allotments.</p>"
        "</div></article></main></body></html>",
        encoding="utf-8",
    )
    m = read_document(page).meeting
    assert (m.council, m.council_source) == ("Orchard Vale Parish Council", "page title")
    assert m.date == "2025-05-12"


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "title",
                        "datetime",
                        "items",
                        "content",
                        "number",
                        "__class__",
                        "string",
                        "motion_texts",
                        "moved_by",
                        "vote",
                        "rows",
                        "present",
                    ]
                ),
                inner,
                max_size=6,
            )
        ),
        max_leaves=25,
    ),
    suffix=st.sampled_from([".json", ".xml"]),
)
def test_any_export_reads_or_fails_with_a_reason(data, suffix: str):
    import json
    import tempfile

    text = json.dumps(data) if suffix == ".json" else f"<meeting>{data}</meeting>"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_text(text, encoding="utf-8")
        results = list(load([path]))
    assert len(results) == 1
    if isinstance(results[0], Failure):
        assert results[0].reason and "\n" not in results[0].reason
    else:
        assert results[0].passages
