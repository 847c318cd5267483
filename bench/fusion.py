"""Choose the fusion by measurement, with a held-out check.

    python bench/fusion.py INDEX QUERIES.jsonl

Scores every fusion setting on the labelled queries (MRR@10, success@5),
then two-fold cross-validation: the setting that is best on one half of the
queries (split by id), scored on the other half. If the cross-validated
score is close to the best in-sample score, the choice is not an artefact of
tuning to these queries.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from index.encoder import encode_one, load_encoder
from index.passage_index import PassageIndex
from qa.evaluate import answers, read_queries
from qa.retrieve import Fusion
from qa.search import Searcher
from qa.settings import set_threads

SETTINGS = (
    [Fusion(method="rrf", dense_weight=w) for w in (0.3, 0.5, 0.7)]
    + [
        Fusion(method="convex", dense_weight=w, bm25_scale=c)
        for w, c in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7, 0.8), (5.0, 10.0, 20.0))
    ]
    + [Fusion(method="convex", dense_weight=w, prf=3) for w in (0.5, 0.6, 0.7)]
    + [
        Fusion(method="convex", dense_weight=w, coverage=cov, min_words=mw)
        for w, cov, mw in itertools.product((0.5, 0.6, 0.7), (0.0, 1.0, 2.0), (0, 6))
        if cov or mw
    ]
)


def name(f: Fusion) -> str:
    if f.method == "rrf":
        return f"rrf w={f.dense_weight}"
    extras = [
        f"prf={f.prf}" if f.prf else "",
        f"cov={f.coverage:g}" if f.coverage else "",
        f"minw={f.min_words}" if f.min_words else "",
    ]
    return " ".join([f"convex w={f.dense_weight} c={f.bm25_scale:g}", *filter(None, extras)])


def main(index_dir: Path, queries_path: Path) -> None:
    set_threads(2)
    encoder = load_encoder()
    index = PassageIndex.open(index_dir, encoder)
    queries = read_queries(queries_path)
    vectors = {q.id: encode_one(encoder, q.query) for q in queries}
    ranks: dict[str, dict[str, int | None]] = {}
    for fusion in SETTINGS:
        searcher = Searcher(index, encoder, fusion)
        ranks[name(fusion)] = {
            q.id: next(
                (
                    i
                    for i, h in enumerate(searcher.search_by_vector(q.query, vectors[q.id], 10), 1)
                    if answers(h.text, q.relevant)
                ),
                None,
            )
            for q in queries
        }

    def mrr(setting: str, ids: list[str]) -> float:
        return sum(1 / r for i in ids if (r := ranks[setting][i])) / len(ids)

    def s5(setting: str, ids: list[str]) -> float:
        return sum(1 for i in ids if (r := ranks[setting][i]) and r <= 5) / len(ids)

    ids = [q.id for q in queries]
    print(f"{'fusion':<26}{'mrr@10':>8}{'s@5':>6}")
    for setting in ranks:
        print(f"{setting:<26}{mrr(setting, ids):>8.3f}{s5(setting, ids):>6.2f}")
    halves = [ids[0::2], ids[1::2]]
    held_out = []
    for train, test in (halves, halves[::-1]):
        best = max(ranks, key=lambda s: mrr(s, train))
        held_out.append(mrr(best, test))
        print(
            f"best on {len(train)} queries: {best}; on the other {len(test)}: "
            f"mrr@10 {mrr(best, test):.3f}"
        )
    print(f"cross-validated mrr@10: {sum(held_out) / 2:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
