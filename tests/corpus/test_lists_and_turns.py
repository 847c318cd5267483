"""Points of the minutes kept whole: a list with the sentence that
introduces it, sentences not cut at initials, a transcript's turns grouped
into passages, one meeting saved in two formats read once. Invented minutes
in the shapes councils publish."""

from pathlib import Path

from minutes_qa.corpus.load import discover, load, parse_text
from minutes_qa.corpus.model import Document, Kind
from minutes_qa.corpus.readers.blocks import split_long
from minutes_qa.corpus.readers.transcript import MAX_WORDS
from minutes_qa.corpus.text import sentences

INTRO = "# Minutes of Fernley Parish Council, 3 June 2025\n\n"


def read(text: str, name: str = "minutes.md") -> Document:
    return parse_text(text, f"/archive/{name}")


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.passages]


def test_a_lead_in_and_its_short_points_are_one_passage():
    doc = read(
        INTRO + "## 7. Invoices\n\nCheques for the following invoices were approved:\n\n"
        "- Fernley Village Hall, hall hire, £45\n- A. Baxter, grass cutting, £120\n\n"
        "The Clerk would chase the grant.\n"
    )
    assert texts(doc) == [
        "Cheques for the following invoices were approved: • Fernley Village Hall, hall "
        "hire, £45 • A. Baxter, grass cutting, £120",
        "The Clerk would chase the grant.",
    ]


def test_fragments_hang_from_the_paragraph_before_them():
    doc = read(
        INTRO + "## 2. Police report\n\nPC Hale said the team was focusing on\n\n"
        "- protecting the most vulnerable\n- thefts from sheds\n"
    )
    assert texts(doc) == [
        "PC Hale said the team was focusing on • protecting the most vulnerable • thefts from sheds"
    ]


def test_sentences_after_a_paragraph_stay_points_of_their_own():
    doc = read(
        INTRO + "## 4. Matters arising\n\nThe fete was a success.\n\n"
        "- The Clerk will write to Highways about the drain.\n"
        "- Cllr Okoro agreed to chase the quote.\n"
    )
    assert len(doc.passages) == 3
    assert [p.kind for p in doc.passages[1:]] == [Kind.COMMITMENT, Kind.COMMITMENT]


def test_numbered_sub_headings_head_what_follows_and_numbered_lists_stay_lists():
    doc = read(
        INTRO + "## 4. Matters arising\n\n4.1 Police Surgeries Update\n\n"
        "PC Hale will hold a surgery in May.\n\n4.2 Clerk's Report.\n\n"
        "The Clerk reported the grant had been paid.\n\n(ii) Reports on Conferences\n\n"
        "Cllr Ames attended the rural conference.\n\n## 5. Next agenda\n\n"
        "Items for the next agenda:\n\n1. Footpaths\n\n2. Christmas Lights\n\n"
        "The meeting closed at 9pm.\n"
    )
    assert [(p.item_number, p.lead_in, p.text) for p in doc.passages] == [
        ("4", "4.1 Police Surgeries Update", "PC Hale will hold a surgery in May."),
        ("4", "4.2 Clerk's Report.", "The Clerk reported the grant had been paid."),
        ("4", "(ii) Reports on Conferences", "Cllr Ames attended the rural conference."),
        ("5", None, "Items for the next agenda: 1. Footpaths 2. Christmas Lights"),
        ("5", None, "The meeting closed at 9pm."),
    ]


def test_a_lone_outcome_and_quoted_wording_join_their_motion():
    doc = read(
        INTRO + "## 6. Policies\n\n> Moved by K. Amadi\n\n> Seconded by L. Brooks\n\n"
        "That the motion BE AMENDED to read as follows:\n\n"
        "The Clerk BE DIRECTED to review the grants policy every two years.\n\n"
        "> **Motion Passed (4 to 1)**\n\nThat the meeting BE ADJOURNED.\n\n"
        "> **Motion Passed**\n"
    )
    assert [(p.text, p.kind) for p in doc.passages] == [
        (
            "Moved by K. Amadi; Seconded by L. Brooks; That the motion BE AMENDED to read as "
            "follows: The Clerk BE DIRECTED to review the grants policy every two years. "
            "Motion Passed (4 to 1)",
            Kind.DECISION,
        ),
        ("That the meeting BE ADJOURNED. Motion Passed", Kind.DECISION),
    ]


def test_a_resolution_and_its_clauses_are_one_decision():
    doc = read(
        INTRO + "## 8. Play area\n\nRESOLVED: That the following action should be taken:\n\n"
        "a) the surface be replaced;\n\nb) the Clerk obtain three quotes.\n"
    )
    assert [(p.text, p.kind) for p in doc.passages] == [
        (
            "RESOLVED: That the following action should be taken: a) the surface be "
            "replaced; b) the Clerk obtain three quotes.",
            Kind.DECISION,
        )
    ]


def test_a_long_list_is_cut_between_points_with_its_lead_in():
    point = "the scheme be extended to the footpath along the river between the two bridges"
    body = "".join(f"- {point} ({n})\n" for n in range(12))
    doc = read(INTRO + "## 9. Footpaths\n\nThe Council agreed that:\n\n" + body)
    assert len(doc.passages) > 1
    assert all(len(p.text.split()) <= 150 for p in doc.passages)
    assert doc.passages[0].text.startswith("The Council agreed that: • the scheme")
    assert all(p.lead_in == "The Council agreed that:" for p in doc.passages[1:])
    # Every point is in one passage, whole.
    for n in range(12):
        assert sum(f"{point} ({n})" in t for t in texts(doc)) == 1


def test_sentences_are_not_cut_at_initials_or_titles():
    assert sentences(
        "Moved by J. Smith, seconded by M. Legrew; That Bill No. 149 be read. Mr. Shafer agreed."
    ) == [
        "Moved by J. Smith, seconded by M. Legrew;",
        "That Bill No. 149 be read.",
        "Mr. Shafer agreed.",
    ]
    long = "The zoning By-law No. Z.-1 be amended as set out by Ms. R. Patel. " * 30
    assert all(not p.startswith(("Z.-1", "R. Patel", "Patel")) for p in split_long(long))


TRANSCRIPT = "# 03-2025\n\n" + "\n\n".join(
    [
        "[00:00:05] **Dana Reyes:** Okay, let's call the March meeting to order. Roll call.",
        "[00:00:09] **Sam Ortiz:** Here.",
        "[00:00:10] **Lee Park:** Here.",
        "[00:00:12] **Dana Reyes:** Thank you. The first item is the boat ramp hours. So if",
        "[00:00:15] **Lee Park:** you look at the ordinance [00:00:16] it says dawn to dusk.",
        "[00:00:20] And we had complaints about cars parked overnight at the ramp.",
    ]
    + [
        f"[00:0{n // 10}:{n % 10}0] **{('Sam Ortiz', 'Lee Park')[n % 2]}:** "
        + ("Yeah." if n % 3 else "I think we should post signs at the ramp. " * (n % 7 + 1))
        for n in range(1, 40)
    ]
)


def test_transcript_turns_are_grouped_and_never_cut_mid_sentence():
    doc = read(TRANSCRIPT, "2025-03-10-Transcript.md")
    body = texts(doc)
    assert not any(t.endswith("Here.") and len(t.split()) < 5 for t in body)
    first = body[0]
    assert first.startswith("[00:00:05] Dana Reyes: Okay, let's call")
    # A turn the recogniser cut ("So if" / "you look at ...") stays in one passage,
    # its timestamps inside dropped; a speaker's paragraph after a pause joins the turn.
    assert (
        "So if Lee Park: you look at the ordinance it says dawn to dusk. And we had complaints"
    ) in first
    assert all(len(t.split()) <= MAX_WORDS for t in body)
    assert all(t.rstrip()[-1] in ".?!" for t in body)
    assert all("[00:" not in t[12:] for t in body)


def test_one_meeting_in_two_formats_is_read_once(tmp_path: Path):
    (tmp_path / "minutes-2025-06-03.md").write_text(INTRO + "The Chair opened the meeting.\n")
    (tmp_path / "minutes-2025-06-03.html").write_text("<p>The Chair opened the meeting.</p>")
    (tmp_path / "minutes-2025-07-01.html").write_text("<p>The Chair opened the meeting.</p>")
    for folder, suffix in (("md", "md"), ("json", "json")):
        (tmp_path / "export" / folder).mkdir(parents=True)
        (tmp_path / "export" / folder / f"2025-05-01 Council.{suffix}").write_text("x")
    # Same names in folders that are not named for a format are two meetings.
    for year in ("2024", "2025"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "minutes.md").write_text(INTRO + "The Chair opened the meeting.\n")
    names = sorted(str(p.relative_to(tmp_path)) for p in discover([tmp_path]))
    assert names == [
        "2024/minutes.md",
        "2025/minutes.md",
        "export/md/2025-05-01 Council.md",
        "minutes-2025-06-03.md",
        "minutes-2025-07-01.html",
    ]
    assert len([d for d in load([tmp_path / "2024"]) if isinstance(d, Document)]) == 1
