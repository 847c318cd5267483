"""Each point hangs from what introduces it: a sub-clause from its clause,
not from a sibling or the motion; a lead-in alone is no passage; the minutes'
own heading line is no passage; a PDF's next item heading is not glued onto
the line before. Invented minutes in the shapes councils publish."""

from pathlib import Path

from minutes_qa.corpus.junk import is_junk, is_meeting_header, lone_answer
from minutes_qa.corpus.load import read_document
from minutes_qa.corpus.outline import Outline
from minutes_qa.corpus.readers.pdftext import read_pdf_text
from tests.corpus.pdf_fixture import minimal_pdf
from tests.corpus.test_lists_and_turns import INTRO, read, texts

CLAUSE = "BE AUTHORIZED to undertake all administrative acts which are necessary, {}"


def lead_ins(doc) -> dict[str, str | None]:
    return {p.text.split()[0]: p.lead_in for p in doc.passages}


def test_a_sub_clause_hangs_from_its_clause_and_a_clause_from_the_motion():
    motion = "That the following actions be taken with respect to the outdoor needs report:"
    long = " ".join(["with the funding of the programme set out in the report"] * 4)
    doc = read(
        INTRO + f"## 2.9 Outdoor basic needs\n\n{motion}\n\n"
        f"a) the Civic Administration BE DIRECTED to operationalize the report {long};\n\n"
        f"i) the Civic Administration {CLAUSE.format(long)};\n\n"
        f"b) a single source procurement BE APPROVED for meals {long};\n\n"
        f"i) the Civic Administration {CLAUSE.format(long)}; and,\n\n"
        f"ii) the approval BE CONDITIONAL upon agreements {long};\n\n"
        f"c) the following actions be taken with respect to the communication:\n\n"
        f"i) the Mayor BE DIRECTED to request additional funds {long};\n\n"
        f"d) the Civic Administration BE DIRECTED to report back {long}.\n"
    )
    hung = [(p.text[:3], (p.lead_in or "")[:3]) for p in doc.passages]
    assert hung == [
        ("a) ", "Tha"),
        ("i) ", "a) "),
        ("b) ", "Tha"),
        ("i) ", "b) "),
        ("ii)", "b) "),
        ("i) ", "c) "),  # c) only opens its sub-clauses: their lead-in
        ("d) ", "Tha"),
    ]


def test_the_outline_tells_letters_from_numerals():
    outline = Outline()
    assert outline.place("a) the first") is None
    assert outline.place("h) the eighth") is None
    assert outline.place("i) the ninth letter") is None  # after "h)", a letter
    assert outline.place("j) the following:") is None
    assert outline.place("i) a sub-point") == "j) the following:"  # under a colon, a numeral
    assert outline.place("ii) another") == "j) the following:"
    assert outline.place("A) deeper") == "ii) another"
    assert outline.place("k) back out") is None
    # A clause whose "a)" was in the motion's opening text is the motion's own.
    fresh = Outline()
    assert fresh.place("iii) a sub-point") is None
    assert fresh.place("b) the next clause") is None
    assert Outline().place("A. Hopkins moved the motion") is None


def test_a_lone_lead_in_is_the_lead_in_of_the_paragraph_it_opens():
    doc = read(
        INTRO + "## 8. Watson Park\n\nItem 9, clause 5.1, as amended, reads as follows:\n\n"
        "The Civic Administration will assist with the relocation of those living in the "
        "park, connect them with service supports, and report back on the depot, "
        "and the depot resources will be reallocated in the interim period to assist "
        "those living unhoused to find shelter or to relocate to an alternative site.\n"
    )
    assert [(p.text[:14], p.lead_in) for p in doc.passages] == [
        ("The Civic Admi", "Item 9, clause 5.1, as amended, reads as follows:")
    ]


def test_lettered_paragraphs_under_it_was_said_hang_from_it():
    said = "In response to comments and questions from Members, it was said."
    point = "(a) It was asked why more people needed the service; " + "the demand rose. " * 25
    doc = read(
        INTRO + "## 5. Performance\n\n5. Further to questions from Members, it was noted that:\n\n"
        "- Mr Oakford confirmed the budget had been developed as business as usual "
        + "irrespective of plans, and stressed the importance of reserves. " * 3
        + f"\n\n{said}\n\n{point}\n\n{point.replace('(a)', '(b)')}\n"
    )
    assert said not in texts(doc)
    assert not any(t.startswith("5. Further") for t in texts(doc))
    assert [p.lead_in for p in doc.passages] == [
        "Further to questions from Members, it was noted that:",
        said,
        said,
    ]


def test_the_minutes_heading_as_a_sentence_is_no_passage():
    for line in (
        "Minutes of a Meeting held on Tuesday 2 February 2021 via Zoom",
        "A Parish Council meeting was held in the Village Hall, West Burton on Tuesday, 2 April",
        "*Held in Ayton Community Hall at 7:00pm.*",
        "CO. LIMERICK, ON WEDNESDAY, 3RD APRIL, 2019, AT 10AM.",
    ):
        assert is_meeting_header(line), line
    assert not is_meeting_header("The Clerk reported that the hall held 40 people.")
    doc = read(
        "A Parish Council meeting was held in the Village Hall on Tuesday, 2 April 2024\n\n"
        "Present: Cllr A Smith (Chair), Cllr B Jones\n\n"
        "Minutes of the meeting held on 5 March 2024 were approved.\n\n"
        "The next meeting will be held in the Village Hall on Tuesday 7 May 2024.\n"
    )
    assert texts(doc)[1:] == [
        "Minutes of the meeting held on 5 March 2024 were approved.",
        "The next meeting will be held in the Village Hall on Tuesday 7 May 2024.",
    ]
    assert doc.meeting.date == "2024-04-02"


def test_furniture_and_answers_that_say_nothing():
    assert is_junk("Additional Votes:")
    assert is_junk("Distribution: Boughton Parish Council, Group 4 Magazine, Village Pump")
    assert lone_answer("Correspondence - all previously circulated.")
    assert not lone_answer("Correspondence was circulated to the Clerk for reply.")


def test_a_pdf_items_heading_after_a_full_line_starts_a_new_item(tmp_path: Path):
    full = "Councillor Cook had nothing to report which had not been covered under other matters."
    lines = [
        "Minutes of the Meeting held on 3 September 2013.",
        "1 Matters Arising",
        "The damaged fence by the school had still not been repaired by the contractor again.",
        "2 Councillor's Report",
        full,
        "3 Treasurer's Report",
        "The Treasurer reported a balance of £1154.86 in the account at the end of August.",
    ]
    parsed = read_pdf_text("\n".join(lines))
    titles = [item.title for item in parsed.items]
    assert "Treasurer's Report" in titles
    assert all(not b.text.endswith("Report") for item in parsed.items for b in item.blocks)
    page = tmp_path / "m.pdf"
    page.write_bytes(minimal_pdf(lines))
    assert full in texts(read_document(page))


def test_a_clause_that_only_opens_its_sub_clauses_is_their_lead_in():
    long = " ".join(["with the design of the buildings set out in the report"] * 4)
    opener = "c) the Site Plan Approval Authority BE REQUESTED to consider the following:"
    doc = read(
        INTRO + "## 3.7 801 Sarnia Road\n\nThat the following actions be taken:\n\n"
        f"a) the by-law BE INTRODUCED {long};\n\n{opener}\n\n"
        f"i) flexibility on landscaped islands {long};\n\nii) no step-backs {long};\n"
    )
    assert opener not in texts(doc)
    assert [p.lead_in for p in doc.passages][1:] == [opener, opener]
