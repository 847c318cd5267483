"""How many passages of each shared corpus are attendance lists, and how
many are one person's name alone (the remains of an attendance list cut one
name a passage, which outranks real answers in search).

    python bench/attendance.py [CORPUS_ROOT]

Prints, per corpus: passages, the share of kind ``attendance``, the share of
one-name passages, and the share of passages of at most three words.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from pathlib import Path

# The same archives as the decisions bench (run from bench/, as its scripts are).
from decisions import ARCHIVES, CORPUS

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document

_TITLE = r"(?:(?:Cllr|Councill?or|Cr|Mr|Mrs|Ms|Miss|Dr|Mayor|Deputy\s+Mayor|Rev|Sir)\.?\s+)"
_NAME_WORD = r"(?:[A-Z][a-z’'\-]+|[A-Z]\.?(?:[A-Z]\.)*|O[’'][A-Z][a-z]+|Mc[A-Z][a-z]+)"
# "Cllr A Orr", "Alison Currie", "Paul Wilson PW", "A. Valastro;", "Alan McFadzean — Chair"
_LABEL = re.compile(r"^(?:present|apologies|absent|in attendance)\s*:\s*", re.IGNORECASE)
ONE_NAME = re.compile(
    rf"^\W*{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"(?:\s*[-–—,(:]\s*_?[A-Za-z ]{{0,30}}_?\)?)?\W*$"
)


def common_words(texts: list[str]) -> set[str]:
    """Words written in lower case at least three times in the corpus: "street",
    "finances", "council". A passage of such words capitalised is a heading,
    not a name."""
    counts = Counter(w for t in texts for w in re.findall(r"\b[a-z][a-z’'\-]+\b", t))
    return {w for w, n in counts.items() if n >= 3}


def one_name(text: str, common: set[str]) -> bool:
    """One person's name, with a title, initials or a role at most."""
    words = text.split()
    if not 1 <= len(words) <= 6 or not ONE_NAME.match(text):
        return False
    text = _LABEL.sub("", text.strip(" >*_|"))
    if ":" in text:  # "Doug McLean: Aye." is speech; "Clerk: ..." a field
        return False
    name = re.sub(rf"^\W*{_TITLE}", "", re.split(r"\s*[-–—,(]", text)[0])
    titled = name != re.split(r"\s*[-–—,(]", text)[0]
    parts = [w.strip(".,;’'") for w in name.split() if w.strip(".,;’'")]
    if not parts or (len(parts) < 2 and not titled):
        return False
    plain = [w for w in parts if len(w) > 2 and not w.isupper()]
    uncommon = [w for w in plain if w.lower() not in common]
    return (not plain or plain[0].lower() not in common) and 2 * len(uncommon) >= len(plain)


def main(root: Path) -> None:
    print(f"{'corpus':28} {'passages':>9} {'attendance':>11} {'one name':>9} {'<=3 words':>10}")
    for archive in ARCHIVES:
        passages = [
            p for d in load([root / archive]) if isinstance(d, Document) for p in d.passages
        ]
        n = len(passages) or 1
        attendance = sum(p.kind == "attendance" for p in passages)
        common = common_words([p.text for p in passages])
        names = sum(one_name(p.text, common) for p in passages)
        short = sum(len(p.text.split()) <= 3 for p in passages)
        print(
            f"{archive:28} {len(passages):9,} {attendance / n:11.1%} {names / n:9.1%}"
            f" {short / n:10.1%}"
        )


if __name__ == "__main__":
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
