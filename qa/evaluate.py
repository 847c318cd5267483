"""Measure retrieval on labelled queries, against two baselines in the same run.

Queries are JSON lines ``{"id", "query", "kind", "relevant": [phrase, ...]}``;
a returned passage answers a query when its text contains one of the
phrases (case-insensitive, runs of white space folded). Over the top 10:
success@1, success@5 and MRR@10, overall and by query kind. The baselines
run over the same passages in the same run: BM25 alone (SQLite FTS5, every
query word), dense retrieval alone (the whole question embedded with the
index's model) and naive reciprocal rank fusion of the two (k = 60).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from corpus.errors import ReadError
from index.encoder import encode_one
from index.store import Filters
from qa.query import parse_query
from qa.retrieve import Fusion, Retriever, fuse
from qa.search import Searcher

SYSTEMS = ("system", "bm25", "dense", "rrf")
DEPTH = 10


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    id: str
    query: str
    kind: str
    relevant: tuple[str, ...]


@dataclass(slots=True)
class Scores:
    """Per-query reciprocal ranks (0 when nothing relevant in the top 10)."""

    ranks: dict[str, int | None] = field(default_factory=dict)

    def summary(self, ids: list[str]) -> dict[str, float]:
        if not ids:
            return {"success@1": 0.0, "success@5": 0.0, "mrr@10": 0.0, "queries": 0}
        ranks = [self.ranks[i] for i in ids]
        return {
            "success@1": sum(1 for r in ranks if r == 1) / len(ranks),
            "success@5": sum(1 for r in ranks if r is not None and r <= 5) / len(ranks),
            "mrr@10": sum(1 / r for r in ranks if r is not None) / len(ranks),
            "queries": len(ranks),
        }


def read_queries(path: Path) -> list[LabelledQuery]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            out.append(
                LabelledQuery(
                    str(data["id"]), data["query"], data.get("kind", "all"), tuple(data["relevant"])
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ReadError(f"{path}:{number}: not a labelled query ({exc})") from None
    return out


def answers(text: str, relevant: tuple[str, ...]) -> bool:
    folded = _fold(text)
    return any(_fold(phrase) in folded for phrase in relevant)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class Returned(NamedTuple):
    """A returned passage as a judge sees it: its text and where it is from."""

    text: str
    source: str


def runs(searcher: Searcher, query: str, depth: int = DEPTH) -> dict[str, list[Returned]]:
    """The top ``depth`` passages of the system (as users get it: duplicates
    folded) and of each plain baseline, over the same index."""
    parsed = parse_query(query)
    whole = encode_one(searcher.encoder, query)
    plain = Retriever(searcher.index, searcher.encoder, Fusion(max_term_docs=0))
    system = [Returned(h.text, h.citation.source) for h in searcher.search(query, depth)]
    keyword = [s.vec_id for s in plain.rank_parsed(parsed, None, depth, Filters(), "keyword")]
    dense = [s.vec_id for s in plain.rank_parsed(parsed, whole, depth, Filters(), "dense")]
    pool = plain.candidates(parsed, whole, Filters())
    order = np.argsort(-fuse(pool, Fusion(method="rrf")), kind="stable")[:depth]
    rrf = [pool.vec_ids[i] for i in order]
    with searcher.index.snapshot():
        found = searcher.index.store.passages(keyword + dense + rrf)
    return {
        "system": system,
        **{
            name: [Returned(found[v].text, found[v].source) for v in ids if v in found]
            for name, ids in (("bm25", keyword), ("dense", dense), ("rrf", rrf))
        },
    }


def evaluate(searcher: Searcher, queries: list[LabelledQuery]) -> dict[str, object]:
    """Run every query through the system and the baselines."""
    scores = {name: Scores() for name in SYSTEMS}
    misses = []
    for q in queries:
        texts = {name: [p.text for p in ps] for name, ps in runs(searcher, q.query).items()}
        for name, found in texts.items():
            rank = next((i for i, t in enumerate(found, 1) if answers(t, q.relevant)), None)
            scores[name].ranks[q.id] = rank
            if name == "system" and (rank is None or rank > 5):
                misses.append(
                    {
                        "id": q.id,
                        "kind": q.kind,
                        "query": q.query,
                        "rank": rank,
                        "top": found[0][:160] if found else None,
                    }
                )
    kinds = sorted({q.kind for q in queries})
    ids_by_kind = defaultdict(list)
    for q in queries:
        ids_by_kind[q.kind].append(q.id)
    all_ids = [q.id for q in queries]
    table = {
        name: {"all": s.summary(all_ids), **{k: s.summary(ids_by_kind[k]) for k in kinds}}
        for name, s in scores.items()
    }
    best_baseline = max(table["bm25"]["all"]["mrr@10"], table["dense"]["all"]["mrr@10"])
    ratio = table["system"]["all"]["mrr@10"] / best_baseline if best_baseline else None
    rrf = table["rrf"]["all"]["mrr@10"]
    return {
        "table": table,
        "kinds": kinds,
        "ratio_to_best_baseline": ratio,
        "ratio_to_rrf": table["system"]["all"]["mrr@10"] / rrf if rrf else None,
        "misses": misses,
        "ranks": {name: s.ranks for name, s in scores.items()},
    }


def format_table(result: dict) -> str:
    """Systems side by side, overall and by kind."""
    table = result["table"]
    groups = ["all", *result["kinds"]]
    lines = [f"{'':<12}" + "".join(f"{name:>24}" for name in SYSTEMS)]
    lines.append(f"{'':<12}" + "".join(f"{'s@1   s@5  mrr@10':>24}" for _ in SYSTEMS))
    for group in groups:
        row = f"{group + ' (' + str(table['system'][group]['queries']) + ')':<12}"
        for name in SYSTEMS:
            m = table[name][group]
            row += f"{m['success@1']:>12.2f}{m['success@5']:>6.2f}{m['mrr@10']:>6.2f}"
        lines.append(row)
    ratio, rrf = result["ratio_to_best_baseline"], result["ratio_to_rrf"]
    lines.append(f"MRR@10 ratio to the better baseline: {ratio:.2f}" if ratio else "no baseline")
    if rrf:
        lines.append(f"MRR@10 ratio to naive RRF: {rrf:.2f}")
    return "\n".join(lines)
