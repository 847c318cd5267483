"""PDF text layers: page furniture dropped per document, the text laid out
as the minutes read. Every PDF here is a real one, written by pdf_fixture."""

from pathlib import Path

from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Form
from minutes_qa.corpus.readers.pdf import clean_page, pdf_to_text
from minutes_qa.corpus.readers.pdftext import drop_furniture, pdf_lines, split_pages
from tests.corpus.pdf_fixture import pages_pdf, pdf_from_streams

HEADER = "Lower Ashwick Parish Council - Minutes of 14 May 2024"


def read(tmp_path: Path, data: bytes, name: str = "minutes.pdf") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def test_running_header_footer_and_page_labels_are_dropped(tmp_path: Path):
    pages = [
        [
            HEADER,
            "MINUTES OF THE MEETING OF LOWER ASHWICK PARISH COUNCIL",
            "HELD ON TUESDAY 14 MAY 2024 IN THE VILLAGE HALL",
            "1. Apologies",
            "Apologies were received from Councillor Thorne.",
            "2. Village Green",
            "The Clerk reported that the benches on the green had been",
            "Page 1 of 3",
        ],
        [
            HEADER,
            "repainted by volunteers over the Easter weekend.",
            "3. Footpaths",
            "The footpath to Holly Lane is blocked by a fallen ash tree.",
            "Page 2 of 3",
        ],
        [
            HEADER,
            "- 3 -",
            "4. Date of next meeting",
            "The next meeting will be held on 11 June 2024.",
            "Page 3 of 3",
        ],
    ]
    doc = read(tmp_path, pages_pdf(pages))
    body = texts(doc)
    assert not any("Page" in t or "- 3 -" in t for t in body)
    # The running header is kept where it first appears only, as a heading.
    assert sum(HEADER in t for t in body + [i.title or "" for i in doc.items]) <= 1
    # The sentence that runs across the page break is whole.
    assert (
        "The Clerk reported that the benches on the green had been repainted by volunteers "
        "over the Easter weekend."
    ) in body
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Apologies"),
        ("2", "Village Green"),
        ("3", "Footpaths"),
        ("4", "Date of next meeting"),
    ]
    assert doc.meeting.date == "2024-05-14"


def test_minute_book_page_numbers_go_an_item_number_alone_stays():
    # Minute books number their pages on from the last meeting: 24, 25, ...
    pages = [
        ["24", "STOKE ABBAS PARISH COUNCIL", "1", "Apologies", "None were received."],
        ["25", "2", "Finance", "The accounts were approved.", "3", "Correspondence"],
    ]
    lines = pdf_lines("\n---\n".join("\n".join(page) for page in pages))
    assert lines == [
        "STOKE ABBAS PARISH COUNCIL",
        "1",
        "Apologies",
        "None were received.",
        "2",
        "Finance",
        "The accounts were approved.",
        "3",
        "Correspondence",
    ]


def test_a_table_figure_joins_its_row_an_item_number_stays():
    text = "\n".join(
        ["2", "Housing", "Scheme", "Homes", "Pike Avenue", "8", "Colivet Court", "35", "3", "Roads"]
    )
    assert pdf_lines(text) == [
        "2",
        "Housing",
        "Scheme",
        "Homes",
        "Pike Avenue 8",
        "Colivet Court 35",
        "3",
        "Roads",
    ]


def test_an_encrypted_pdf_fails_with_a_reason(tmp_path: Path):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pages_pdf([["1. Apologies"]]))))
    writer.encrypt("clerk-only")
    with (tmp_path / "locked.pdf").open("wb") as out:
        writer.write(out)
    (failure,) = load([tmp_path / "locked.pdf"])
    assert failure.reason == "encrypted PDF: save an unprotected copy"  # type: ignore[union-attr]


def test_page_numbers_that_restart_are_dropped_when_every_page_starts_with_one():
    pages = [["26", "Minutes of the meeting", "Text."], ["2", "More text here."]]
    assert drop_furniture(pages) == [["Minutes of the meeting", "Text."], ["More text here."]]


def test_one_page_a_low_number_at_the_top_is_an_item_unless_the_item_comes_later():
    item = split_pages("1\nApologies\nNone were received.\n2\nFinance")
    assert drop_furniture(item) == item
    page_number = split_pages("1\nASHWICK PARISH COUNCIL\n1. Apologies\nNone were received.")
    assert drop_furniture(page_number)[0][0] == "ASHWICK PARISH COUNCIL"


def test_a_rule_of_underscores_is_not_a_page_break_where_pages_are_marked():
    text = "1\nRivergate City Council\n______\nThe meeting opened.\n---\n2\nIt closed."
    assert split_pages(text) == [
        ["1", "Rivergate City Council", "The meeting opened."],
        ["2", "It closed."],
    ]
    assert drop_furniture(split_pages(text)) == [
        ["Rivergate City Council", "The meeting opened."],
        ["It closed."],
    ]


def test_action_column_initials_are_dropped_a_lone_aob_heading_stays():
    text = "\n".join(
        [
            "5 Matters Arising",
            "The litter bin was moved back to the crossroads at the CC's request.",
            "MC will ask the estate to paint the Ayton Mill road railings.",
            "KC",
            "PWh",
            "MC",
            "KC",
            "6 AOB",
            "PWh reported that the bus shelter glass is cracked.",
            "AOB",
        ]
    )
    lines = pdf_lines(text)
    assert "KC" not in lines and "PWh" not in lines and "MC" not in lines
    assert lines[-1] == "AOB"


def test_a_heading_in_capitals_after_a_full_line_starts_a_new_item(tmp_path: Path):
    long = "Present: Mayor Ann Holt, Council President Ray Ames and Councilors Ida Birch, Joe Oaks"
    pages = [
        [
            "Rivergate City Council Meeting Minutes",
            "CALL TO ORDER AND ROLL CALL",
            long,
            "and Lee Park were present. The City Recorder declared a quorum, as the rules require.",
            "NEW BUSINESS",
            "The Council discussed the boat ramp opening hours at length and agreed to continue.",
        ]
    ]
    doc = read(tmp_path, pages_pdf(pages))
    assert "NEW BUSINESS" in [i.title for i in doc.items]
    assert not any(t.endswith("NEW BUSINESS") for t in texts(doc))


def test_superscript_ordinal_is_read_whole(tmp_path: Path):
    stream = (
        "BT /F1 11 Tf 50 780 Td 14 TL (MINUTES OF LOWER ASHWICK PARISH COUNCIL) Tj T* "
        "(Meeting held on Tuesday 18) Tj /F1 7 Tf 4 Ts (th) Tj /F1 11 Tf 0 Ts ( March 2021) Tj T* "
        "(1. Apologies) Tj T* (None were received.) Tj ET"
    )
    data = pdf_from_streams([stream])
    assert "Tuesday 18th March 2021" in pdf_to_text(data).text
    assert read(tmp_path, data).meeting.date == "2021-03-18"


def test_word_symbol_bullets_become_bullets(tmp_path: Path):
    # Word's Symbol-font bullet arrives as U+F0B7, PDFium's line ends as CRLF.
    assert clean_page("The Clerk reported:\r\n\uf0b7 Bonfire Night\r\n") == (
        "The Clerk reported:\n• Bonfire Night\n"
    )
    assert clean_page("a wide\ufffevariety") == "a wide-\nvariety"


def test_text_pdf_has_no_ocr_warning(tmp_path: Path):
    doc = read(tmp_path, pages_pdf([["MINUTES", "1. Apologies", "None were received."]]))
    assert doc.warnings == []
    assert [p.form for p in doc.passages] == [Form.PARAGRAPH]


def test_an_unreadable_page_fails_the_file_only(tmp_path: Path):
    (tmp_path / "good.pdf").write_bytes(pages_pdf([["1. Apologies", "None were received."]]))
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    results = {Path(r.source).name: r for r in load([tmp_path])}
    assert isinstance(results["good.pdf"], Document)
    assert results["bad.pdf"].reason.startswith("not a readable PDF")  # type: ignore[union-attr]
