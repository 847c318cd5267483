"""Word .docx minutes, written here with python-docx in the shapes clerks use:
Heading styles, bold lines as headings, Word-numbered agenda items with
numbered sub-points, bullet lists, payment tables, a layout table."""

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Failure, Form, Kind
from minutes_qa.corpus.readers.docx import docx_to_text

# An agenda list as Word's "1 / 1.1 / a" multilevel list defines it.
AGENDA_LIST = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>"""
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
AGENDA_NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def numbered(document, text: str, level: int, bold: bool = False):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = 90
    return paragraph


def minutes_docx(path: Path) -> Path:
    document = docx.Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(AGENDA_LIST))
    root.append(parse_xml(AGENDA_NUM))
    document.add_paragraph("Minutes of the Meeting of Ashcombe Parish Council", style="Title")
    document.add_paragraph("Held on Tuesday 9 April 2024 at 7.30pm in the Village Hall")
    numbered(document, "Apologies", 0, bold=True)
    document.add_paragraph("Apologies were received from Cllr Jenkins.")
    numbered(document, "Planning", 0, bold=True)
    numbered(document, "Application 24/0113 for a garage at Mill Cottage: no objection.", 1)
    numbered(document, "Application 24/0150 for a porch at 3 Church Row: no objection.", 1)
    numbered(document, "Village Hall Roof", 0, bold=True)
    document.add_paragraph("The Clerk reported on two quotes for the roof repairs:")
    document.add_paragraph("Quote from Penrose Roofing for £4,200", style="List Bullet")
    document.add_paragraph("Quote from Dale and Sons for £3,850", style="List Bullet")
    document.add_paragraph("Proposed by Cllr Baines, seconded by Cllr Patel.")
    document.add_paragraph("RESOLVED: that the quote from Dale and Sons be accepted.")
    document.add_paragraph("Payments", style="Heading 2")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("Payee", "Purpose", "Amount"),
            ("Ashcombe Village Hall", "Hall hire", "£45.00"),
            ("Dale and Sons", "Roof deposit", "£500.00"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    closing = document.add_table(rows=1, cols=2)
    closing.rows[0].cells[0].merge(closing.rows[0].cells[1]).text = "The meeting closed at 9.05pm."
    bold = document.add_paragraph()
    bold.add_run("Date of Next Meeting").bold = True
    document.add_paragraph("The next meeting will be on 14 May 2024.")
    layout = document.add_table(rows=1, cols=1).rows[0].cells[0]
    layout.paragraphs[0].text = "Signed by the Chair as a true record."
    layout.add_paragraph("Copies are kept at the Village Hall.")
    document.save(path)
    return path


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def test_items_bullets_tables_and_decisions_come_out(tmp_path: Path):
    doc = read_document(minutes_docx(tmp_path / "minutes.docx"))
    assert doc.format == "docx"
    assert doc.meeting.date == "2024-04-09"
    assert [(i.number, i.title) for i in doc.items if i.title] == [
        (None, "Minutes of the Meeting of Ashcombe Parish Council"),
        ("1", "Apologies"),
        ("2", "Planning"),
        ("3", "Village Hall Roof"),
        (None, "Payments"),
        (None, "Date of Next Meeting"),
    ]
    bullets = [p.text for p in doc.passages if p.form is Form.BULLET]
    assert bullets == [
        "2.1 Application 24/0113 for a garage at Mill Cottage: no objection.",
        "2.2 Application 24/0150 for a porch at 3 Church Row: no objection.",
    ]
    body = texts(doc)
    # The quotes are one passage with the sentence that introduces them.
    assert (
        "The Clerk reported on two quotes for the roof repairs: • Quote from Penrose Roofing "
        "for £4,200 • Quote from Dale and Sons for £3,850"
    ) in body
    # A table's rows are one list, its header first: a row alone says little.
    assert (
        "Payee | Purpose | Amount; Ashcombe Village Hall | Hall hire | £45.00; "
        "Dale and Sons | Roof deposit | £500.00"
    ) in body
    assert body.count("The meeting closed at 9.05pm.") == 1  # a merged cell read once
    assert "Signed by the Chair as a true record." in body
    assert "Copies are kept at the Village Hall." in body
    decision = next(p for p in doc.passages if "Dale and Sons be accepted" in p.text)
    assert decision.kind is Kind.DECISION
    assert decision.text.startswith("Proposed by Cllr Baines")


def test_numbering_counts_as_word_draws_it(tmp_path: Path):
    text = docx_to_text(minutes_docx(tmp_path / "minutes.docx").read_bytes())
    assert "**1. Apologies**" in text
    assert "**3. Village Hall Roof**" in text
    assert "• Quote from Penrose Roofing for £4,200" in text


def test_sub_levels_restart_and_letters_count(tmp_path: Path):
    document = docx.Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(AGENDA_LIST))
    root.append(parse_xml(AGENDA_NUM))
    for text, level in [("Finance", 0), ("Bank", 1), ("a", 2), ("b", 2), ("Grants", 0), ("x", 1)]:
        numbered(document, text, level)
    document.save(tmp_path / "levels.docx")
    text = docx_to_text((tmp_path / "levels.docx").read_bytes())
    assert text.split("\n\n") == ["1. Finance", "1.1 Bank", "(a) a", "(b) b", "2. Grants", "2.1 x"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "an old binary Word document",
        ),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "an old binary Word"),
        ("cut.docx", b"PK\x03\x04" + bytes(20), "not a readable Word .docx file"),
        ("text.docx", b"Minutes of the meeting", "not a Word .docx file (not a zip package)"),
    ],
)
def test_unreadable_word_files_fail_with_a_reason(tmp_path: Path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (failure,) = load([tmp_path / name])
    assert isinstance(failure, Failure)
    assert failure.reason.startswith(reason)
    if name == "locked.docx":
        assert "password-protected" in failure.reason


def test_text_word_shows_is_read_tracked_changes_content_controls_text_boxes(tmp_path: Path):
    document = docx.Document()
    tracked = document.add_paragraph("The Council agreed to ")
    tracked._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="Clerk"><w:r><w:t>repair</w:t></w:r></w:ins>'
        )
    )
    tracked._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="Clerk"><w:r><w:delText>close</w:delText>'
            "</w:r></w:del>"
        )
    )
    tracked.add_run(" the bus shelter.")
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Footpath 12 was reopened."
            "</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    boxed = document.add_paragraph("Correspondence was noted.")
    box = "<w:txbxContent><w:p><w:r><w:t>Next meeting: 14 May.</w:t></w:r></w:p></w:txbxContent>"
    boxed._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:mc="{MC}"><mc:AlternateContent><mc:Choice Requires="wps">'
            f"<w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    document.save(tmp_path / "tracked.docx")
    text = docx_to_text((tmp_path / "tracked.docx").read_bytes())
    assert text.split("\n\n") == [
        "The Council agreed to repair the bus shelter.",
        "Footpath 12 was reopened.",
        "Correspondence was noted.",
        "Next meeting: 14 May.",
    ]
