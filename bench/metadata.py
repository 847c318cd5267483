"""What the readers make of each shared corpus: files read and failed, and
how many documents get a date, a council and a committee, with where each
came from. Where a corpus's file or folder names carry the meeting date by
its own convention (Kent's folders, bcwpc's and Limerick's file names), the
date found is compared with it.

    python bench/metadata.py ../shared/corpus            # every corpus
    python bench/metadata.py ../shared/corpus/bcwpc --list

Reading only (no embedding); prints figures.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Failure

_PATH_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d\d)-(\d\d)(?!\d)")


def path_date(source: str) -> str | None:
    """The last YYYY-MM-DD in a path: the convention of the shared corpora."""
    found = _PATH_DATE.findall(source)
    return "-".join(found[-1]) if found else None


def report(root: Path, listing: bool) -> None:
    started = time.perf_counter()
    docs: list[Document] = []
    failures: list[Failure] = []
    for result in load([root]):
        (failures if isinstance(result, Failure) else docs).append(result)
    seconds = time.perf_counter() - started
    n = len(docs) or 1
    print(f"== {root.name}: {len(docs)} documents, {len(failures)} failed, {seconds:.0f} s")
    for field in ("date", "council", "committee"):
        found = [d for d in docs if getattr(d.meeting, field)]
        sources = Counter(getattr(d.meeting, f"{field}_source") or "?" for d in found)
        values = Counter(getattr(d.meeting, field) for d in found)
        print(
            f"  {field:9} {len(found):5} ({len(found) / n:4.0%})  from "
            + ", ".join(f"{s} {c}" for s, c in sources.most_common(4))
        )
        if field != "date":
            common = "; ".join(f"{v} ({c})" for v, c in values.most_common(4))
            print(f"            most often: {common}")
    dated = [(d, path_date(d.source)) for d in docs]
    checked = [(d, p) for d, p in dated if p]
    if checked:
        agree = sum(d.meeting.date == p for d, p in checked)
        differ = [(d, p) for d, p in checked if d.meeting.date and d.meeting.date != p]
        print(
            f"  date vs path: {len(checked)} with a path date; {agree} agree, "
            f"{len(differ)} differ, {len(checked) - agree - len(differ)} empty"
        )
        for d, p in differ[:8]:
            print(f"    differs: {d.meeting.date} ({d.meeting.date_source}) vs {p}: {d.source}")
    for f in failures[:5]:
        print(f"  failed: {f.source}: {f.reason}")
    if listing:
        for d in docs:
            m = d.meeting
            print(f"  {d.source}: {m.date} | {m.council} | {m.committee}")


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--list", action="store_true", help="one line per document")
    args = parser.parse_args(argv)
    roots = (
        [args.root]
        if (args.root / "SOURCE.md").exists()
        else sorted(p for p in args.root.iterdir() if p.is_dir())
    )
    for root in roots:
        report(root, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
