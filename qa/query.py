"""What a user typed → what keyword and dense retrieval need.

Words become an FTS5 query of OR-ed terms (question words and other stop
words dropped, so "what was said about Smart Water?" asks for "smart" and
"water"). Text in double quotes is a phrase that results must contain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Keyword search leaves out words found in more passages than this, and
# scores at most this many of a question's words (the rarest): bounded time
# for long questions and large archives, no loss measured (README, "Speed").
KEYWORD_MAX_DOCS = 5_000
KEYWORD_MAX_TERMS = 5

_PHRASE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STOP_WORDS = frozenset(
    """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said say says tell told anything something anyone someone ever get got going go went
""".split()
)
# Words that frame a question rather than name its subject ("Summarize the
# discussion about ...", "What did X think of ..."): left out of keyword search.
FRAME_WORDS = frozenset(
    """
summarize summarise summary discuss discussed discussing discussion discussions describe
outline explain mention mentioned mentions think thinks thought thoughts opinion opinions
view views regarding concerning happened happen please
""".split()
)
# A leading frame, taken off the text that is embedded when it leaves a subject.
_FRAME = re.compile(
    r"^\s*(?:(?:can|could) you\s+)?(?:please\s+)?(?:"
    r"(?:summari[sz]e|describe|outline|explain|tell me about|give (?:me )?(?:an overview|a summary)"
    r" of)(?:\s+the\s+(?:discussion|debate|views?|opinions?)\s+(?:about|on|of|regarding))?"
    r"|what (?:was|were|is|are|has been|have been) (?:said|discussed|decided|agreed|mentioned)"
    r" (?:about|on|of|regarding|concerning)"
    r")\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Query:
    """``phrases`` must appear in a result; ``terms`` rank keyword matches."""

    text: str
    terms: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def dense_text(self) -> str:
        """What is embedded: the text without a leading frame such as
        "Summarize the discussion about" when a subject of two words or more
        is left."""
        rest = _FRAME.sub("", self.text, count=1).strip()
        return rest if len(_WORD.findall(rest)) >= 2 else self.text

    def match(self, terms: tuple[str, ...]) -> str | None:
        """The FTS5 MATCH expression with only ``terms`` of the words."""
        words = " OR ".join(f'"{t}"' for t in terms)
        phrases = " AND ".join(f'"{" ".join(_WORD.findall(p))}"' for p in self.phrases)
        if phrases and words:
            # The words rank, they do not filter: a passage with the phrase alone stays.
            return f"{phrases} AND ({words} OR {phrases})"
        return phrases or words or None

    def contains_phrases(self, text: str) -> bool:
        folded = " ".join(_WORD.findall(text.lower()))
        return all(" ".join(_WORD.findall(p.lower())) in folded for p in self.phrases)


def parse_query(text: str) -> Query:
    # As the minutes were normalised when read: "ﬁnance" is "finance".
    text = unicodedata.normalize("NFKC", text)
    phrases = tuple(a or b for a, b in _PHRASE.findall(text) if _WORD.search(a or b))
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word not in STOP_WORDS and word not in FRAME_WORDS and (len(word) > 1 or word.isdigit()):
            seen.setdefault(word.replace("'", " "), None)
    return Query(text=text, terms=tuple(seen), phrases=phrases)


# What a question asks for, by its wording: a promise or a decision.
_ASKS = {
    "commitment": re.compile(
        r"\b(?:promis\w*|undert(?:ook|ake|aking)|commit\w*|pledge\w*|report(?:ed)? back"
        r"|come back|follow(?:ed)?[- ]up|be (?:updated|told|informed|kept informed|advised)"
        r"|agreed to (?:write|contact|look|investigate|circulate|provide|arrange|raise)"
        r"|offered to|when will|who (?:will|would|agreed|offered))\b",
        re.IGNORECASE,
    ),
    "decision": re.compile(
        r"\b(?:decid\w*|decision\w*|resol\w*|approv\w*|agreed|vot(?:e|ed|ing)|carried"
        r"|adopt\w*|motion|passed|rejected|refused)\b",
        re.IGNORECASE,
    ),
}


def asks_for(question: str) -> str | None:
    """``commitment`` for a question about what was promised, ``decision``
    for one about what was decided, else None."""
    for kind, pattern in _ASKS.items():
        if pattern.search(question):
            return kind
    return None
