"""One stemmer: coverage and highlights see words exactly as FTS5 does."""

import sqlite3

from minutes_qa.qa.highlight import highlight
from minutes_qa.qa.terms import StemMatcher, stem, stems, tokens

WORDS = (
    "parties partnership policies police meetings meeting flooding floods cameras camera "
    "generously relocation councillors councillor's resolved resolution agreed agreement "
    "allotments allotment surveyed surveys happily café naïve running ran cycling cyclists "
    "organisation organisations organised 2024 A299 re-deployable as is us was has ss gas"
).split()


def fts5_stems(text: str) -> set[str]:
    """What SQLite's own porter tokenizer stores for ``text``."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")
    db.execute("INSERT INTO t VALUES (?)", (text,))
    return {row[0] for row in db.execute("SELECT term FROM v")}


def test_same_stems_as_fts5():
    for word in WORDS:
        assert stems(word) == fts5_stems(word), word


def test_distinct_words_stay_apart():
    assert stem("parties") != stem("partnership")
    assert stem("policies") != stem("police")
    assert stem("cameras") == stem("camera")


def test_tokens_are_half_open_spans():
    text = "Flood wardens, flooding."
    assert [(text[a:b], s) for a, b, s in tokens(text)] == [
        ("Flood", "flood"),
        ("wardens", "warden"),
        ("flooding", "flood"),
    ]


def test_highlight_marks_what_bm25_matched():
    text = "The police reviewed the policies of the partnership with other parties."
    spans = highlight(text, "police parties")
    assert [text[a:b] for a, b in spans] == ["police", "parties"]


def test_highlight_phrases_and_merging():
    text = "Members would be updated in due course on the Smart Water trial."
    marked = [text[a:b] for a, b in highlight(text, '"due course" smart water')]
    assert marked == ["due course", "Smart", "Water"]
    assert highlight(text, "the of") == []


def test_stem_matcher_agrees_with_stemming_every_word():
    text = (
        "The relational database of policies was reviewed; the police and other parties "
        "agreed that the café's happiness survey, conditionally approved, be generalised."
    )
    for query in (
        "relations",
        "policy",
        "police",
        "party",
        "cafe",
        "happy",
        "conditional",
        "generalisation",
        "approval",
        "surveyed",
        "absent",
    ):
        wanted = stems(query)
        assert StemMatcher(wanted).held(text) == wanted & stems(text), query
    assert StemMatcher(set()).held(text) == set()


def test_a_lone_letter_of_an_apostrophe_is_not_marked():
    text = "The council's view and Kent's reply."
    assert [text[a:b] for a, b in highlight(text, "council's")] == ["council"]
