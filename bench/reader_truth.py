"""What the readers make of labelled minutes: each file's meeting date,
council and committee against its ``truth.jsonl``, and its labelled
decisions against the passages tagged ``decision``.

    python bench/reader_truth.py                        # tests/data/councils
    python bench/reader_truth.py FOLDER [FOLDER ...]    # any folder with a truth.jsonl

A truth line is ``{"file", "system", "date", "council", "committee", "trap",
"decisions", "attendance"}`` (``council_also`` / ``committee_also``: other
names that are as right, such as the Welsh one of a bilingual council); null
where the document does not state the field. A field the reader fills where
the truth is null is *invented*; one that differs from a stated truth is
*wrong*; one left empty is *missing*. Names are compared as sets of words,
case and punctuation aside, less words that do not tell bodies apart
("the", "of"; for a committee also "meeting", "council"), so that "City of
Westvale" is "Westvale City" and "Ordinary Meeting of Council" is "Ordinary
Council Meeting".

Reading only (no embedding); prints a table and totals.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Failure

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "councils"
TRUTH = "truth.jsonl"
FIELDS = ("date", "council", "committee")
_STOP = {
    "council": {"the", "of", "corporation"},
    "committee": {
        "the", "of", "a", "meeting", "minutes", "council",
        # Welsh: "y", "yr", "o'r" (the, of the), "cyfarfod" (meeting), "cyngor" (council)
        "y", "yr", "or", "cyfarfod", "cyngor",
    },
}  # fmt: skip
_WORD = re.compile(r"[\w-]+")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Verdict:
    """One field of one file. ``outcome``: ``right``; ``empty`` (not stated,
    and left empty); ``wrong`` (a stated value read differently);
    ``invented`` (a value where none is stated); ``missing`` (a stated value
    not found). ``as_council``: a committee that is the council's own name,
    given for a meeting of the whole council."""

    outcome: str
    read: str | None
    source: str | None
    as_council: bool = False

    def cell(self) -> str:
        if self.outcome in ("right", "empty"):
            return "ok" if self.read else "-"
        mark = "=council " if self.as_council else ""
        return f"{self.outcome.upper()} {mark}{self.read or ''}".strip()


def words(name: str, field: str) -> frozenset[str]:
    name = name.casefold().replace("\u2019", "'").replace("'", "")
    name = re.sub(r"[\u2010\u2011\u2013\u2014]", "-", name)
    return frozenset(w.strip("-") for w in _WORD.findall(name)) - _STOP[field] - {""}


def same_name(read: str, truth: dict, field: str) -> bool:
    names = [n for n in (truth.get(field), *truth.get(f"{field}_also", [])) if n]
    return any(words(read, field) == words(n, field) for n in names)


def judge(field: str, truth: dict, doc: Document | None) -> Verdict:
    read = getattr(doc.meeting, field) if doc else None
    source = getattr(doc.meeting, f"{field}_source") if doc else None
    as_council = field == "committee" and bool(read) and same_name(read or "", truth, "council")
    if not truth.get(field):
        return Verdict("invented" if read else "empty", read, source, as_council)
    if not read:
        return Verdict("missing", None, None)
    same = read == truth[field] if field == "date" else same_name(read, truth, field)
    return Verdict("right" if same else "wrong", read, source, as_council)


def flat(text: str) -> str:
    """Text as compared for a labelled phrase: no tags or emphasis marks,
    straight quotes, one space, one case."""
    text = html.unescape(_TAG.sub(" ", text)).replace("*", "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def decisions_found(truth: dict, doc: Document | None) -> tuple[int, int]:
    """Labelled decisions inside a passage tagged ``decision``, of all."""
    phrases = [flat(p) for p in truth["decisions"]]
    if doc is None:
        return 0, len(phrases)
    passages = [flat(p.text) for p in doc.passages if p.kind == "decision"]
    return sum(any(p in text for text in passages) for p in phrases), len(phrases)


def check_truth(root: Path, rows: list[dict]) -> list[str]:
    """Labels that do not match their file: a file that is not there, a
    decision phrase that its text does not contain."""
    problems = []
    for row in rows:
        path = root / row["file"]
        if not path.is_file():
            problems.append(f"{row['file']}: no such file")
            continue
        text = flat(path.read_text(encoding="utf-8"))
        problems += [
            f"{row['file']}: decision not in the text: {p!r}"
            for p in row["decisions"]
            if flat(p) not in text
        ]
    return problems


def report(root: Path) -> Counter[str]:
    rows = [json.loads(line) for line in (root / TRUTH).read_text().splitlines() if line.strip()]
    for problem in check_truth(root, rows):
        print(f"  truth: {problem}")
    docs: dict[str, Document] = {}
    failed: dict[str, str] = {}
    for result in load([root]):
        # A JSON-lines file gives one source per line ("truth.jsonl#line-3").
        name = Path(result.source.split("#")[0]).relative_to(root).as_posix()
        if name == TRUTH:
            continue
        if isinstance(result, Failure):
            failed[name] = result.reason
        else:
            docs.setdefault(name, result)
    labelled = {row["file"] for row in rows}
    totals: Counter[str] = Counter()
    wrong_dates: list[str] = []
    width = max(len(r["file"]) for r in rows)
    print(f"== {root}: {len(rows)} labelled, {len(docs)} read, {len(failed)} failed")
    for name, reason in sorted(failed.items()):
        print(f"  failed: {name}: {reason}")
    print(f"  {'file':{width}}  {'date':24}  {'council':30}  {'committee':30}  decisions")
    for row in rows:
        doc = docs.get(row["file"])
        verdicts = {f: judge(f, row, doc) for f in FIELDS}
        found, labelled_decisions = decisions_found(row, doc)
        totals.update(f"{f} {v.outcome}" for f, v in verdicts.items())
        totals.update(f"{f} {v.outcome} as council" for f, v in verdicts.items() if v.as_council)
        totals.update({"decisions found": found, "decisions labelled": labelled_decisions})
        if verdicts["date"].outcome in ("wrong", "invented"):
            v = verdicts["date"]
            wrong_dates.append(
                f"{row['file']}: {v.read} from {v.source} (truth {row['date']}; {row['trap']})"
            )
        cells = [verdicts[f].cell()[:w] for f, w in zip(FIELDS, (24, 30, 30), strict=True)]
        note = f"  failed: {failed[row['file']]}" if row["file"] in failed else ""
        print(
            f"  {row['file']:{width}}  {cells[0]:24}  {cells[1]:30}  {cells[2]:30}"
            f"  {found}/{labelled_decisions}{note}"
        )
    for name in sorted((docs.keys() | failed.keys()) - labelled):
        print(f"  not labelled: {name}")
    print("  totals:")
    for field in FIELDS:
        stated = sum(1 for r in rows if r.get(field))

        def count(outcome: str, field: str = field) -> str:
            n, council = totals[f"{field} {outcome}"], totals[f"{field} {outcome} as council"]
            return f"{n} {outcome}" + (f" ({council} the council's name)" if council else "")

        print(
            f"    {field:9} {stated:2} stated: {count('right')}, {count('wrong')}, "
            f"{count('missing')}; {len(rows) - stated:2} not stated: {count('empty')}, "
            f"{count('invented')}"
        )
    print(f"    decisions tagged: {totals['decisions found']} of {totals['decisions labelled']}")
    for line in wrong_dates:
        print(f"    wrong date: {line}")
    return totals


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", default=[DEFAULT])
    args = parser.parse_args(argv)
    for folder in args.folders:
        if not (folder / TRUTH).is_file():
            print(f"{folder}: no {TRUTH}", file=sys.stderr)
            return 2
        report(folder.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
