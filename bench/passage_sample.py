"""A seeded random sample of passages per shared corpus, for judging by
hand: is each passage sensible (a whole point of the minutes), junk (site
furniture, page numbers, a lone name or letter) or miscut (a sentence cut in
two, or two items run together)?

    python bench/passage_sample.py ../shared/corpus --per-corpus 50 --out bench/out/samples

writes one JSON-lines file per corpus (passage text, kind, item, source) and
prints the kinds and lengths of what it drew. Judgements go in a copy of the
file with a "judged" field; `--score FILE...` prints the shares.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from collections import Counter
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document

JUDGEMENTS = ("sensible", "junk", "miscut")


def sample(root: Path, per_corpus: int, seed: int) -> list[dict]:
    passages = [(doc, p) for doc in load([root]) if isinstance(doc, Document) for p in doc.passages]
    rng = random.Random(f"{seed}:{root.name}")
    drawn = rng.sample(passages, min(per_corpus, len(passages)))
    return [
        {
            "corpus": root.name,
            "source": doc.source,
            "position": p.position,
            "kind": p.kind.value,
            "item": " ".join(x for x in (p.item_number, p.item_title) if x) or None,
            "lead_in": p.lead_in,
            "text": p.text,
            "words": len(p.text.split()),
            "passages_in_corpus": len(passages),
        }
        for doc, p in drawn
    ]


def score(files: list[Path]) -> None:
    print(f"{'corpus':28} {'n':>4} " + " ".join(f"{j:>9}" for j in JUDGEMENTS))
    for path in files:
        rows = [json.loads(line) for line in path.read_text().split("\n") if line.strip()]
        judged = Counter(r.get("judged") for r in rows if r.get("judged"))
        n = sum(judged.values()) or 1
        name = rows[0]["corpus"] if rows else path.stem
        print(f"{name:28} {n:4} " + " ".join(f"{judged[j] / n:9.0%}" for j in JUDGEMENTS))


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--per-corpus", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=Path("bench/out/samples"))
    parser.add_argument("--score", type=Path, nargs="+", help="judged sample files to score")
    args = parser.parse_args(argv)
    if args.score:
        score(args.score)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    roots = sorted(p for p in args.root.iterdir() if (p / "SOURCE.md").exists())
    for root in roots:
        rows = sample(root, args.per_corpus, args.seed)
        out = args.out / f"{root.name}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        kinds = Counter(r["kind"] for r in rows)
        short = sum(r["words"] <= 3 for r in rows)
        print(f"{root.name:28} {len(rows):3} drawn, {short} of ≤3 words, kinds {dict(kinds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
