"""What is no passage, and lists whose points carry no marks: answers and
signatures alone, closing lines, lead-ins stranded from their points, runs of
fragments, attachments linked from eSCRIBE pages, long Markdown headings.
Invented minutes in the shapes councils publish."""

from minutes_qa.corpus.junk import is_junk, is_signature, lone_answer, without_signature
from minutes_qa.corpus.load import read_document
from minutes_qa.corpus.model import Form, Kind
from tests.conftest import DATA
from tests.corpus.test_lists_and_turns import INTRO, read, texts


def test_signatures_and_closing_lines_without_a_time_are_junk():
    assert is_signature("Chairman: Jane O Ritchie") and is_signature("Chairman J.O. Ritchie")
    assert not is_signature("Mayor Michael Sheahan") and not is_signature("Chair thanked all")
    for line in (
        "Chairman’s signature ............................ Date ..................",
        "Signed ........ (Chairman)",
        "This concluded the Meeting.",
        "The meeting closed.",
    ):
        assert is_junk(line), line
    for line in (
        "There being no further business, the meeting closed at 9.10 pm.",
        "Chairman: welcomed everyone to the meeting",
        "The Chair thanked members.",
        "Clerk to write to the owner of the hedge.",
    ):
        assert not is_junk(line), line


def test_a_signature_run_onto_the_line_before_is_cut_off():
    assert without_signature(
        "Date of the next meeting, Tuesday, 6 May 2025 at 8.00 pm in the Village Hall. "
        "Chairman Jane O. Ritchie"
    ) == ("Date of the next meeting, Tuesday, 6 May 2025 at 8.00 pm in the Village Hall.")
    assert without_signature("The Chairman thanked all. Chairman Smith then closed.") == (
        "The Chairman thanked all. Chairman Smith then closed."
    )


def test_an_answer_alone_is_no_passage_but_a_list_keeps_it():
    assert lone_answer("None.") and lone_answer("Nil") and not lone_answer("None of this helps")
    doc = read(
        INTRO + "## 1. Apologies\n\nApologies: None\n\n## 2. Declarations of interest\n\nNone.\n\n"
        "## 3. Road closures\n\nThe A1 would close for two nights in May.\n"
    )
    assert "None." not in texts(doc)
    assert any(p.kind is Kind.ATTENDANCE and "None" in p.text for p in doc.passages)
    assert "The A1 would close for two nights in May." in texts(doc)


def test_a_lead_in_that_stops_mid_sentence_takes_the_lines_in_lower_case():
    doc = read(
        INTRO + "## 4. Area Councillor's report\n\nHL reported on\n\n"
        "the local development plan, open for consultation until 25 January;\n\n"
        "the 20mph speed limit in Borders towns and villages.\n\n"
        "The Council thanked HL for the report.\n"
    )
    assert texts(doc) == [
        "HL reported on • the local development plan, open for consultation until 25 "
        "January; • the 20mph speed limit in Borders towns and villages.",
        "The Council thanked HL for the report.",
    ]


def test_unmarked_points_under_a_colon_join_it_but_a_resolution_does_not():
    doc = read(
        INTRO + "## 5. Contribution scheme\n\n"
        "The following timeline was outlined for the review of the scheme:\n\n"
        "Two workshops held with elected members in September and October.\n\n"
        "Public consultation to open in January.\n\n"
        "RESOLVED that the timeline be noted.\n"
    )
    assert texts(doc) == [
        "The following timeline was outlined for the review of the scheme: • Two workshops "
        "held with elected members in September and October. • Public consultation to open "
        "in January.",
        "RESOLVED that the timeline be noted.",
    ]
    assert doc.passages[-1].kind is Kind.DECISION


def test_a_lead_in_stranded_from_its_long_points_is_no_passage():
    point = "a question on the {} timetable was answered by the officer, who said " + (
        "that the matter would be brought back with the figures in due course " * 2
    )
    doc = read(
        INTRO + "## 6. Bus services\n\nFurther to questions from Members, it was noted:\n\n"
        f"- {point.format('first')}\n- {point.format('second')}\n"
    )
    assert len(doc.passages) == 2
    assert all(
        p.lead_in == "Further to questions from Members, it was noted:" for p in doc.passages
    )


def test_a_run_of_fragments_is_one_list():
    doc = read(
        INTRO + "## 7. Accounts\n\nPetty Cash £40.64\n\nR.B.L. Poppy Appeal £16.75\n\n"
        "District Audit £190.35\n\nThe accounts were approved.\n"
    )
    assert texts(doc) == [
        "Petty Cash £40.64; R.B.L. Poppy Appeal £16.75; District Audit £190.35",
        "The accounts were approved.",
    ]


ESCRIBE = (
    "# 2.&nbsp;&nbsp;&nbsp;Consent\n\n"
    "## 2.9&nbsp;&nbsp;&nbsp;Contract Award: Tender RFT-2025-087 - Bradley Avenue Extension "
    "and White Oaks Tributary Complete Corridor from Wharncliffe Road South to Jalna "
    "Boulevard (West Leg)\n\n"
    "[2025-05-26 Staff Report - RFT-2025-087](<https://pub-x.escribemeetings.com/"
    "filestream.ashx?DocumentId=116641>)\n\n"
    "> Moved by S. Franke\n\n> Seconded by P. Van Meerbergen\n\n"
    "That the contract BE AWARDED to Bre-Ex Construction Inc.\n\n"
    "> **Motion Passed**\n\n"
    "# 4.&nbsp;&nbsp;&nbsp;Items for Direction\n\n"
    "## 4.1&nbsp;&nbsp;&nbsp;2025 Council Policy Review\n\n"
    "That the following policies BE REVIEWED:\n\n"
    + "".join(f"{n}. &nbsp;&nbsp;Policy number {n}\n\n" for n in range(1, 8))
    + "> **Motion Failed (1 to 4)**\n\n"
    "## 4.2&nbsp;&nbsp;&nbsp;Bad Debts\n\nThat the bad debts BE WRITTEN OFF.\n"
)


def test_escribe_markdown_long_headings_lists_and_attachments():
    doc = read(ESCRIBE, "2025-05-26 Committee.md")
    titles = [p.item_title for p in doc.passages]
    assert doc.passages[0].item_title.startswith("2.9 Contract Award: Tender RFT-2025-087")
    # The policies numbered 1 to 7 under 4.1 are its list, not items 5, 6 and 7.
    assert {t for t in titles if t and "Policy number" in t} == set()
    assert titles[-1] == "4.2 Bad Debts"
    assert all("Staff Report" not in t for t in texts(doc))  # the attachment's link
    review = next(p for p in doc.passages if "BE REVIEWED" in p.text)
    assert review.item_title == "4.1 2025 Council Policy Review"
    assert "Policy number 7" in " ".join(
        p.text for p in doc.passages if p.item_title == review.item_title
    )
    assert "Motion Failed (1 to 4)" not in titles
    assert doc.passages[0].form is Form.PARAGRAPH


def test_hard_wrapped_plain_text_is_read_line_by_line_as_a_pdf_is():
    """A .txt with no blank lines between paragraphs (an Australian shire's
    minutes saved as text): its items, motions and closing are found."""
    doc = read_document(DATA / "councils" / "au" / "coolabah-ordinary.txt")
    assert doc.format == "pdf-text"
    assert [i.title for i in doc.items if i.number] == [
        "DECLARATION OF OPENING/ANNOUNCEMENT OF VISITORS",
        "RECORD OF ATTENDANCE/APOLOGIES/LEAVE OF ABSENCE",
        "CONFIRMATION OF MINUTES",
        "NEXT MEETING",
        "REPORTS OF OFFICERS",
        "CLOSURE",
    ]
    decisions = [p.text for p in doc.passages if p.kind is Kind.DECISION]
    assert len(decisions) == 3
    assert decisions[1].startswith("Moved: Cr Pennefather Seconded: Cr Tjandra; That Council:")
    assert "2. Request Main Roads to install advance warning signage." in decisions[1]
    assert decisions[2].endswith("Carried 3/1")


def test_a_name_under_present_in_the_chair_is_kept_and_a_signature_dropped():
    doc = read(
        INTRO + "PRESENT IN THE CHAIR:\n\nMayor Michael Sheahan\n\n"
        "MEMBERS PRESENT:\n\nCouncillors Butler, Byrne and Clifford.\n\n"
        "## 1. Roads\n\nThe roads programme was noted.\n\nChairman: Jane O Ritchie\n"
    )
    assert any("Mayor Michael Sheahan" in p.text for p in doc.passages)
    assert texts(doc)[-1] == "The roads programme was noted."
