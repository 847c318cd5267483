"""Precision of commitments' follow-ups ("what happened next") against hand labels.

    python bench/followup.py show  [--index DIR]   print the sample's follow-ups to judge
    python bench/followup.py score [--index DIR]   precision of the current output

The index is the shared Kent minutes built with the real model::

    .venv/bin/minutes-qa ingest ../shared/corpus/kent-moderngov --index bench/out/kent-index

The sample: commitments that have at least one follow-up, drawn at random
with seed 2031 (all of them when there are fewer than SAMPLE). Every
proposed follow-up of a sampled commitment is judged by reading both
passages: is it about the same undertaking, and later? Labels live in
``bench/followup-labels.jsonl``, one proposal a line, keyed by the two
passage ids (stable: a fingerprint of the document and a position), with a
phrase of at most twelve words from each passage so that a reader can check
the judgement, and whether the "commitment" undertakes anything at all (the
passage-kind rules also tag "Thanks were offered to ..." as one). ``score``
recomputes the follow-ups now: a proposal with no label is reported as
unjudged, never counted either way.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.followup import Follower, FollowUp
from minutes_qa.settings import Settings, configured_encoder, configured_searcher

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "bench" / "out" / "kent-index"
LABELS = Path(__file__).with_name("followup-labels.jsonl")
SEED = 2031
SAMPLE = 40


def follow_all(index: Path) -> list[FollowUp]:
    settings = Settings(index=index)
    encoder = configured_encoder(settings)
    searcher = configured_searcher(settings, PassageIndex.open(index, encoder), encoder)
    return list(Follower(searcher).all(Filters(), limit=1_000_000))


def sample(results: list[FollowUp]) -> list[FollowUp]:
    followed = [r for r in results if r.next]
    if len(followed) <= SAMPLE:
        return followed
    return random.Random(SEED).sample(followed, SAMPLE)


def show(results: list[FollowUp]) -> None:
    for r in sample(results):
        c = r.commitment
        print(f"=== {c.id}  {c.meeting_date}  {c.committee} | {c.item_title}\n    {c.text}")
        for hit in r.next:
            cite = hit.citation
            print(f"  -> {hit.id}  {cite.meeting_date}  {cite.committee} | {cite.item_title}")
            print(f"     {hit.text}")
        print()


def read_labels() -> dict[tuple[str, str], dict]:
    labels = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            labels[(item["commitment"], item["follow_up"])] = item
    return labels


def score(results: list[FollowUp]) -> dict[str, object]:
    labels = read_labels()
    chosen = sample(results)
    judged: Counter = Counter()
    firsts: Counter = Counter()
    for r in chosen:
        for rank, hit in enumerate(r.next):
            label = labels.get((r.commitment.id, hit.id))
            if label is None:
                judged["unjudged"] += 1
                continue
            verdict = "yes" if label["same_undertaking_later"] else "no"
            judged[verdict] += 1
            judged[
                f"{verdict}, undertaking" if label["undertaking"] else f"{verdict}, not one"
            ] += 1
            if rank == 0:
                firsts[verdict] += 1
    statuses = Counter(r.status for r in results)

    def share(yes: int, no: int) -> float | None:
        return round(yes / (yes + no), 3) if yes + no else None

    return {
        "commitments": len(results),
        "followed": statuses["followed"],
        "open": statuses["open"],
        "undated": statuses["undated"],
        "sampled": len(chosen),
        "proposals": sum(len(r.next) for r in chosen),
        "judged": judged["yes"] + judged["no"],
        "unjudged": judged["unjudged"],
        "precision": share(judged["yes"], judged["no"]),
        "precision_first": share(firsts["yes"], firsts["no"]),
        "precision_real_undertakings": share(judged["yes, undertaking"], judged["no, undertaking"]),
        "proposals_for_real_undertakings": judged["yes, undertaking"] + judged["no, undertaking"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["show", "score"])
    parser.add_argument("--index", type=Path, default=INDEX)
    args = parser.parse_args()
    results = follow_all(args.index)
    if args.action == "show":
        show(results)
    else:
        print(json.dumps(score(results), indent=2))


if __name__ == "__main__":
    main()
