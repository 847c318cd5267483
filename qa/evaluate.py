"""Measure retrieval on labelled queries, against two baselines in the same run.

Queries are JSON lines ``{"id", "query", "kind", "relevant": [phrase, ...]}``;
a returned passage answers a query when its text contains one of the
phrases (case-insensitive, runs of white space folded). Over the top 10:
success@1, success@5 and MRR@10, overall and by query kind. The baselines
run over the same passages: BM25 alone (SQLite FTS5) and dense retrieval
alone with the index's model.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import ReadError
from index.encoder import encode_one
from index.store import Filters
from qa.query import parse_query
from qa.retrieve import Mode
from qa.search import Searcher

SYSTEMS = ("system", "bm25", "dense")
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


def evaluate(searcher: Searcher, queries: list[LabelledQuery]) -> dict[str, object]:
    """Run every query through the system and both baselines."""
    scores = {name: Scores() for name in SYSTEMS}
    misses = []
    for q in queries:
        vector = encode_one(searcher.encoder, q.query)
        runs = {
            "system": [h.text for h in searcher.search_by_vector(q.query, vector, DEPTH)],
            "bm25": _baseline(searcher, q, vector, "keyword"),
            "dense": _baseline(searcher, q, vector, "dense"),
        }
        for name, texts in runs.items():
            rank = next((i for i, t in enumerate(texts, 1) if answers(t, q.relevant)), None)
            scores[name].ranks[q.id] = rank
            if name == "system" and (rank is None or rank > 5):
                misses.append(
                    {
                        "id": q.id,
                        "kind": q.kind,
                        "query": q.query,
                        "rank": rank,
                        "top": texts[0][:160] if texts else None,
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
    return {
        "table": table,
        "kinds": kinds,
        "ratio_to_best_baseline": ratio,
        "misses": misses,
        "ranks": {name: s.ranks for name, s in scores.items()},
    }


def _baseline(searcher: Searcher, q: LabelledQuery, vector, mode: Mode) -> list[str]:
    ranked = searcher.retriever.rank_parsed(parse_query(q.query), vector, DEPTH, Filters(), mode)
    with searcher.index.snapshot():
        passages = searcher.index.store.passages([s.vec_id for s in ranked])
    return [passages[s.vec_id].text for s in ranked if s.vec_id in passages]


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
    ratio = result["ratio_to_best_baseline"]
    lines.append(f"MRR@10 ratio to the better baseline: {ratio:.2f}" if ratio else "no baseline")
    return "\n".join(lines)
