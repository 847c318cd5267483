"""Labelled sentences kept whole: does each sentence of a hand-cleaned
Markdown twin stand whole inside one passage of the PDF's reading?

    python bench/sentences_whole.py                  # the shared twins
    python bench/sentences_whole.py --sample 300 --seed 12 --show 5

A twin pair is a PDF and a Markdown file of the same minutes (rivergrove's
hand-cleaned transcriptions, bcwpc's site copies). The Markdown's sentences
(of at least :data:`MIN_WORDS` words, split by :func:`corpus.text.sentences`
after the Markdown is reduced to text) are drawn at random, seeded; each is
compared on letters and digits only, so that spacing, hyphens and bullet
marks do not count. A sentence is *whole* when one passage of the PDF holds
it, *cut* when the PDF's passages hold it only across two or more, and
*absent* when the PDF's text reads otherwise (a transcription's edits):
the share printed is whole / (whole + cut).
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from minutes_qa.corpus.load import read_document
from minutes_qa.corpus.readers.markdown import clean_markdown, markdown_paragraphs
from minutes_qa.corpus.readers.structure import HEADING_MARK
from minutes_qa.corpus.text import sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = [
    ("rivergrove/2018-08-13-Minutes.md", "rivergrove/2018-08-13-Minutes.pdf"),
    ("rivergrove/2018-12-10-Minutes.md", "rivergrove/2018-12-10-Minutes.pdf"),
    ("bcwpc/minutes-2025-10-07.md", "bcwpc/minutes-2025-10-07.pdf"),
    ("bcwpc/minutes-2025-11-04.md", "bcwpc/minutes-2025-11-04.pdf"),
]
MIN_WORDS = 6


@dataclass
class Tally:
    whole: int = 0
    cut: int = 0
    absent: int = 0

    def share(self) -> float:
        return self.whole / max(1, self.whole + self.cut)


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def twin_sentences(markdown: Path) -> list[str]:
    paragraphs = markdown_paragraphs(clean_markdown(markdown.read_text()))
    found = [s.replace("**", "") for p in paragraphs for s in sentences(p.lstrip(HEADING_MARK))]
    return [s for s in found if len(s.split()) >= MIN_WORDS]


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=300, help="sentences per corpus")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--show", type=int, default=3, help="cut sentences to print")
    args = parser.parse_args(argv)
    by_corpus: dict[str, list[tuple[str, list[str], str]]] = {}
    for md, pdf in PAIRS:
        md_path, pdf_path = args.corpus / md, args.corpus / pdf
        if not (md_path.exists() and pdf_path.exists()):
            continue
        passages = [squash(p.text) for p in read_document(pdf_path).passages]
        whole_text = "".join(passages)
        for sentence in twin_sentences(md_path):
            by_corpus.setdefault(md.split("/")[0], []).append((sentence, passages, whole_text))
    print(f"{'corpus':12} {'drawn':>6} {'whole':>6} {'cut':>5} {'absent':>7} {'kept whole':>11}")
    for corpus, rows in sorted(by_corpus.items()):
        rng = random.Random(f"{args.seed}:{corpus}")
        drawn = rng.sample(rows, min(args.sample, len(rows)))
        tally, cut = Tally(), []
        for sentence, passages, whole_text in drawn:
            key = squash(sentence)
            if any(key in p for p in passages):
                tally.whole += 1
            elif key in whole_text:
                tally.cut += 1
                cut.append(sentence)
            else:
                tally.absent += 1
        print(
            f"{corpus:12} {len(drawn):6} {tally.whole:6} {tally.cut:5} {tally.absent:7}"
            f" {tally.share():11.1%}"
        )
        for sentence in cut[: args.show]:
            print(f"    cut: {sentence[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
