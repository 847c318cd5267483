"""Each format read from a small fixture, with exact passages and metadata."""

from pathlib import Path

from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Failure, Form, Kind
from tests.conftest import DATA

FORMATS = DATA / "formats"


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def test_pdf_extracted_text_rejoins_lines_and_finds_items():
    doc = read_document(FORMATS / "pdf-extract.md")
    assert doc.format == "pdf-text"
    m = doc.meeting
    assert (m.committee, m.date) == ("Municipal District of Ballyexample", "2019-03-11")
    assert m.url == "https://www.example-council.ie/minutes/2019-03-11.pdf"
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Adoption of Minutes"),
        ("2", "Footpath Improvements at Church Road"),
        ("3", "Correspondence"),
    ]
    body = texts(doc)
    # Hyphenation at a line end mended, wrapped lines joined.
    assert (
        "Circulated, copy of draft Minutes of Meeting of the Municipal District of "
        "Ballyexample held on 11th February, 2019."
    ) in body
    # The proposer, seconder and resolution are one decision.
    decision = next(p for p in doc.passages if p.text.startswith("Proposed by"))
    assert decision.kind is Kind.DECISION
    assert decision.text == (
        "Proposed by Councillor Byrne; Seconded by Councillor Walsh; And "
        "Resolved: “That the draft Minutes, as circulated, be taken as read, "
        "adopted and signed”."
    )
    # The list is one passage with the sentence that introduces it.
    assert (
        "The Senior Engineer presented a report on the footpath programme for 2019 which "
        "included the following; • Resurfacing of the footpath at Church Road from the school "
        "to the church. • New dished kerbs at the junction with Mill Lane."
    ) in body
    # Page-break marker and page number are gone; the sentence across the break is whole.
    assert (
        "It was agreed to write to the Minister for Transport regarding funding for the N21 bypass."
        in body
    )
    assert not any(t in ("---", "2") for t in body)
    commitment = next(p for p in doc.passages if p.kind is Kind.COMMITMENT)
    assert "agreed to report back to the next meeting" in commitment.text


def test_parish_post_front_matter_date_is_not_the_meeting_date():
    doc = read_document(FORMATS / "parish-post.md")
    m = doc.meeting
    assert m.date == "2012-10-09"  # from the heading; the post is dated 2012-12-01
    assert (m.council, m.committee) == ("Northwold Parish Council", None)
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Apologies for Absence"),
        ("2", "Matters Arising"),
        ("3", "Finance"),
    ]
    assert [(p.kind, p.form) for p in doc.passages if p.item_number == "2"] == [
        (Kind.DISCUSSION, Form.PARAGRAPH),
        (Kind.COMMITMENT, Form.BULLET),
        (Kind.COMMITMENT, Form.BULLET),
    ]
    assert "The clerk will write to Highways about the blocked drain on High Street." in texts(doc)
    finance = [p for p in doc.passages if p.item_number == "3"]
    assert finance[0].kind is Kind.DECISION


def test_html_table_in_markdown_is_kept_as_text():
    doc = read_document(FORMATS / "parish-table.md")
    assert doc.meeting.council == "Wereham Parish Council"
    assert doc.meeting.date == "2015-05-12"
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Apologies for absence"),
        ("2", "Village Sign"),
    ]
    assert texts(doc) == [
        "1.1 Apologies were received from Cllr Norris & Cllr Bruce.",
        "2.1 The rebuilding of the base of the village sign was awarded to J Builder at a cost "
        "of £180.",
    ]


def test_moderngov_meeting_page_as_text():
    doc = read_document(FORMATS / "meeting-page.txt")
    assert doc.format == "moderngov-meeting"
    m = doc.meeting
    assert (m.committee, m.date) == ("Overview and Scrutiny Board", "2024-10-14")
    assert m.title == "Overview and Scrutiny Board - Monday 14th October 2024 6.00 p.m."
    assert [(i.number, i.title) for i in doc.items] == [
        ("41/24", "Apologies for Absence and Named Substitutes"),
        ("42/24", "Declarations of Interest and Whipping Arrangements"),
        ("43/24", "Grass Verge Maintenance"),
    ]
    # The agenda's own text ("To invite Councillors ...") is not minutes.
    assert not any("To invite" in t for t in texts(doc))
    grass = [p for p in doc.passages if p.item_number == "43/24"]
    # A list of short points is one passage with the sentence it hangs from.
    assert [(p.form, p.kind) for p in grass] == [
        (Form.PARAGRAPH, Kind.DISCUSSION),
        (Form.PARAGRAPH, Kind.COMMITMENT),
        (Form.PARAGRAPH, Kind.DECISION),
    ]
    assert "The key points included: • " in grass[0].text


def test_moderngov_meeting_page_as_saved_html():
    doc = read_document(FORMATS / "meeting-page.html")
    assert doc.format == "moderngov-meeting"
    assert (doc.meeting.committee, doc.meeting.date) == ("Cabinet", "2024-06-05")
    assert [(i.number, i.title) for i in doc.items] == [("12/24", "Leisure Centre Contract")]
    assert texts(doc) == [
        "The Portfolio Holder introduced the report on the leisure centre contract.",
        "RESOLVED that the contract be extended until March 2026.",
    ]


def test_moderngov_item_page_as_saved_html():
    doc = read_document(FORMATS / "item-page.html")
    assert doc.format == "moderngov-item"
    assert [(i.number, i.title) for i in doc.items] == [("7", "Car Parking Charges")]
    assert [(p.form, p.text) for p in doc.passages] == [
        (
            Form.PARAGRAPH,
            "The Head of Environment presented the report and highlighted the following: "
            "• Charges had not risen since 2019. • Income had fallen by £40,000.",
        ),
        (Form.PARAGRAPH, "RESOLVED that the charges be increased by 10p an hour."),
    ]


def test_jsonl_import_one_document_per_item_and_bad_lines_named():
    results = list(load([FORMATS / "meeting.jsonl"]))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["ex-1/5", "ex-1/6"]
    assert texts(docs[0]) == [
        "The Leader introduced the budget.",
        "RESOLVED that the budget be recommended to Council.",
    ]
    assert docs[0].meeting.council == "Example County Council"
    assert docs[1].passages[0].kind is Kind.COMMITMENT
    assert [f.source.rsplit("#", 1)[1] for f in failures] == ["line-2", "line-3"]
    assert "not valid JSON" in failures[0].reason or "Expecting value" in failures[0].reason
    assert "field 'date' must be YYYY-MM-DD" in failures[1].reason


def test_scraped_text_glued_sentences_are_split(tmp_path: Path):
    page = tmp_path / "3.txt"
    page.write_text(
        "Agenda item\n\n3. Election of Vice Chair\n\nMinutes:\n\n1.Mrs Cole proposed, and Mr Shonk "
        "seconded that Mr\nCole be elected. No other nominations were\nreceived.2.RESOLVED that Mr "
        "Cole be duly elected.The Chair thanked Members. These included:·Roads.·Schools."
        "\n...view the full minutes text for item 3.\n"
    )
    doc = read_document(page)
    assert texts(doc) == [
        "1. Mrs Cole proposed, and Mr Shonk seconded that Mr Cole be elected. No other "
        "nominations were received.",
        "2. RESOLVED that Mr Cole be duly elected.",
        "The Chair thanked Members. These included: • Roads. • Schools.",
    ]
    assert [p.kind for p in doc.passages[:2]] == [Kind.DECISION, Kind.DECISION]


def test_an_amounts_pence_are_not_a_glued_item_number(tmp_path: Path):
    page = tmp_path / "m.md"
    page.write_text(
        "Minutes of the Parish Council meeting held on 2 December 2015\n\n"
        "The cheapest option was at a cost of £1517.05. Funding could be available. "
        "The received.2.RESOLVED that the quote be accepted. A sum of £7,700.50. It would "
        "be published on 9 February 2024.3.Mr Shipton reminded Members of the deadline "
        "in January 2024Dr Sullivan asked for a vote. Resources were spread thinly.d.A Member "
        "asked about the backlog.\n"
    )
    # The heading line is the meeting's details, no passage.
    assert texts(read_document(page)) == [
        "The cheapest option was at a cost of £1517.05. Funding could be available. The received.",
        "2. RESOLVED that the quote be accepted. A sum of £7,700.50. It would be published on "
        "9 February 2024.",
        "3. Mr Shipton reminded Members of the deadline in January 2024",
        "Dr Sullivan asked for a vote. Resources were spread thinly.",
        "d. A Member asked about the backlog.",
    ]


def test_a_page_without_breaks_is_cut_at_sentences(tmp_path: Path):
    sentence = "The clerk reported on the state of the village pond and its wildlife. "
    page = tmp_path / "long.md"
    page.write_text("Minutes of the Parish Council meeting held on 3 May 2018\n\n" + sentence * 60)
    doc = read_document(page)
    body = [p for p in doc.passages if "pond" in p.text]
    assert len(body) > 5 and all(len(p.text.split()) <= 110 for p in body)
    assert " ".join(p.text for p in body) == (sentence * 60).strip()


def test_date_from_file_name_when_the_text_has_none(tmp_path: Path):
    page = tmp_path / "Minutes - Community Forum - 27th April 2017.md"
    page.write_text("The forum discussed the playground.\n")
    assert read_document(page).meeting.date == "2017-04-27"


def test_pdf_file(tmp_path: Path):
    from tests.corpus.pdf_fixture import minimal_pdf

    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(
        minimal_pdf(
            [
                "MINUTES OF THE MEETING OF TESTVILLE TOWN COUNCIL HELD ON 4TH JUNE 2021",
                "1. Allotments",
                "The Clerk reported that all allotment plots were let.",
                "RESOLVED that the rent remain unchanged.",
            ]
        )
    )
    doc = read_document(pdf)
    assert doc.format == "pdf"
    assert doc.meeting.date == "2021-06-04"
    assert doc.meeting.council == "Testville Town Council"
    assert [(i.number, i.title) for i in doc.items if i.number] == [("1", "Allotments")]
    assert texts(doc)[-2:] == [
        "The Clerk reported that all allotment plots were let.",
        "RESOLVED that the rent remain unchanged.",
    ]
