"""Meeting transcripts: speaker turns grouped into passages.

A transcript (a recording's automatic or typed text) writes one paragraph per
turn, "[00:04:18] **Chris Barhyte:** I think so.", but a recogniser also
breaks a turn wherever it paused ("[00:23:58] So if you look at the one" /
"at it's new [00:24:00] business"), and half the turns are "Yeah." or
"Here.". A turn is therefore no passage: consecutive turns, each with its
speaker, are grouped into passages of about :data:`TARGET_WORDS`, cut only
where a turn ends a sentence and the next starts one. Timestamps inside the
text are dropped; each passage keeps the one it starts at, to be found in
the recording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes_qa.corpus.text import sentences

_STAMP = r"\[\d{1,2}:\d{2}(?::\d{2})?\]"
_STAMPS = re.compile(rf"\s*{_STAMP}\s*")
# "[00:04:18] **Chris Barhyte:** text", "**Bill Tuttle:** text", "[00:05:04] text".
_TURN = re.compile(
    rf"^(?P<stamp>{_STAMP})?\s*(?:\*\*(?P<speaker>[^*:\n]{{2,40}}):\*\*|(?P<plain>[A-Z][\w.'’-]*"
    rf"(?:\s[A-Z][\w.'’-]*){{0,3}}):(?=\s))?\s*(?P<text>.*)$",
    re.DOTALL,
)
_SPEAKER_IN = re.compile(r"(?:^|\s)([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):(?:\s|$)")
_LABELLED = re.compile(rf"^(?:{_STAMP}\s*)?\*\*[^*:\n]{{2,40}}:\*\*|^{_STAMP}")
TARGET_WORDS = 80
MAX_WORDS = 160
# A transcript: at least this many and this share of its paragraphs are
# stamped or labelled turns (the rest a speaker going on after a pause).
_SHARE = 0.4
_MIN_TURNS = 20


@dataclass(slots=True)
class _Turn:
    stamp: str
    speaker: str
    text: str


def looks_like_transcript(paragraphs: list[str]) -> bool:
    turns = sum(bool(_LABELLED.match(p)) for p in paragraphs)
    return turns >= _MIN_TURNS and turns >= _SHARE * len(paragraphs)


def transcript_paragraphs(paragraphs: list[str]) -> list[str]:
    """Turns grouped into paragraphs of whole sentences; headings (bold or
    Markdown lines before the first turn, or between turns) kept as they are."""
    out: list[str] = []
    window: list[_Turn] = []

    def flush() -> None:
        if window:
            out.append(_render(window))
            window.clear()

    for paragraph in paragraphs:
        match = _TURN.match(paragraph)
        if not _LABELLED.match(paragraph) and (
            paragraph.startswith("**") or not window and not out[-1:]
        ):
            flush()
            out.append(paragraph)
            continue
        assert match is not None  # the pattern's parts are all optional
        stamp = match["stamp"] or ""
        speaker = (match["speaker"] or match["plain"] or "").strip()
        text = _STAMPS.sub(" ", match["text"]).strip()
        if not text:
            continue
        previous = window[-1] if window else None
        if previous is not None and (not speaker or speaker == previous.speaker):
            # A pause inside one speaker's turn, or a turn the recogniser cut.
            previous.text = f"{previous.text} {text}"
            continue
        if previous is not None and _room_ends(window, text):
            flush()
        window.append(_Turn(stamp, speaker, text))
    flush()
    return [piece for paragraph in out for piece in _split_turns(paragraph)]


def _split_turns(paragraph: str) -> list[str]:
    """A passage longer than :data:`MAX_WORDS` (one speaker's long turn) cut
    at sentence ends, each piece naming who is speaking."""
    if len(paragraph.split()) <= MAX_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    speaker = ""
    for sentence in sentences(paragraph):
        if current and len(" ".join(current + [sentence]).split()) > TARGET_WORDS:
            pieces.append(" ".join(current))
            current = [f"{speaker}:"] if speaker else []
        current.append(sentence)
        named = _SPEAKER_IN.findall(sentence)
        speaker = named[-1] if named else speaker
    if current:
        pieces.append(" ".join(current))
    return pieces


def _room_ends(window: list[_Turn], text: str) -> bool:
    """Does the passage end before a turn that says ``text``?"""
    words = sum(len(t.text.split()) for t in window)
    ends = window[-1].text.rstrip()[-1:] in ".?!" and text[:1].isupper()
    return (words >= TARGET_WORDS and ends) or words + len(text.split()) > MAX_WORDS


def _render(window: list[_Turn]) -> str:
    parts = [f"{t.speaker}: {t.text}" if t.speaker else t.text for t in window]
    stamp = next((t.stamp for t in window if t.stamp), "")
    return f"{stamp} {' '.join(parts)}".strip()
