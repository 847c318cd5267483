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
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from minutes_qa.corpus.errors import ReadError
from minutes_qa.index.encoder import encode_one
from minutes_qa.index.rows import Filters
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Fusion, Retriever, fuse
from minutes_qa.qa.search import Searcher

SYSTEMS = ("system", "bm25", "dense", "rrf")
DEPTH = 10


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    id: str
    query: str
    kind: str
    relevant: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Measures:
    """Success@1, success@5 and MRR@10 over ``queries`` queries."""

    success_at_1: float
    success_at_5: float
    mrr_at_10: float
    queries: int

    @classmethod
    def of(cls, ranks: list[int | None]) -> Measures:
        """``ranks``: the rank of each query's first right passage, None if
        none is in the top 10."""
        n = max(len(ranks), 1)
        return cls(
            sum(1 for r in ranks if r == 1) / n,
            sum(1 for r in ranks if r is not None and r <= 5) / n,
            sum(1 / r for r in ranks if r is not None) / n,
            len(ranks),
        )

    def to_dict(self) -> dict[str, float]:
        return {
            "success@1": self.success_at_1,
            "success@5": self.success_at_5,
            "mrr@10": self.mrr_at_10,
            "queries": self.queries,
        }


@dataclass(frozen=True, slots=True)
class Miss:
    """A query whose first right passage is not in the system's top 5."""

    id: str
    kind: str
    query: str
    rank: int | None
    top: str | None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Measures by system (``SYSTEMS``) and group ("all", then each kind),
    the system's MRR@10 against the better plain baseline and naive RRF,
    its misses, and every query's rank per system."""

    table: dict[str, dict[str, Measures]]
    kinds: list[str]
    ratio_to_best_baseline: float | None
    ratio_to_rrf: float | None
    misses: list[Miss]
    ranks: dict[str, dict[str, int | None]]

    def to_dict(self) -> dict[str, object]:
        return {
            "table": {
                name: {group: m.to_dict() for group, m in groups.items()}
                for name, groups in self.table.items()
            },
            "kinds": self.kinds,
            "ratio_to_best_baseline": self.ratio_to_best_baseline,
            "ratio_to_rrf": self.ratio_to_rrf,
            "misses": [asdict(m) for m in self.misses],
            "ranks": self.ranks,
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
    plain = Retriever(searcher.index, searcher.encoder, Fusion(max_term_docs=0, max_terms=0))
    system = [Returned(h.text, h.citation.source) for h in searcher.search(query, depth)]
    keyword = [s.vec_id for s in plain.rank_parsed(parsed, None, depth, Filters(), "keyword")]
    dense = [s.vec_id for s in plain.rank_parsed(parsed, whole, depth, Filters(), "dense")]
    pool = plain.candidates(parsed, whole, Filters())
    order = np.argsort(-fuse(pool, Fusion(method="rrf")), kind="stable")[:depth]
    rrf = [pool.vec_ids[i] for i in order]
    found = searcher.index.passages(keyword + dense + rrf)
    return {
        "system": system,
        **{
            name: [Returned(found[v].text, found[v].source) for v in ids if v in found]
            for name, ids in (("bm25", keyword), ("dense", dense), ("rrf", rrf))
        },
    }


def evaluate(searcher: Searcher, queries: list[LabelledQuery]) -> Evaluation:
    """Run every query through the system and the baselines."""
    ranks: dict[str, dict[str, int | None]] = {name: {} for name in SYSTEMS}
    misses = []
    for q in queries:
        for name, found in runs(searcher, q.query).items():
            rank = next((i for i, p in enumerate(found, 1) if answers(p.text, q.relevant)), None)
            ranks[name][q.id] = rank
            if name == "system" and (rank is None or rank > 5):
                misses.append(
                    Miss(q.id, q.kind, q.query, rank, found[0].text[:160] if found else None)
                )
    kinds = sorted({q.kind for q in queries})
    groups: dict[str, list[str]] = defaultdict(list)
    for q in queries:
        groups["all"].append(q.id)
        groups[q.kind].append(q.id)
    table = {
        name: {g: Measures.of([by_id[i] for i in groups[g]]) for g in ["all", *kinds]}
        for name, by_id in ranks.items()
    }
    system = table["system"]["all"].mrr_at_10
    best = max(table["bm25"]["all"].mrr_at_10, table["dense"]["all"].mrr_at_10)
    rrf = table["rrf"]["all"].mrr_at_10
    return Evaluation(
        table=table,
        kinds=kinds,
        ratio_to_best_baseline=system / best if best else None,
        ratio_to_rrf=system / rrf if rrf else None,
        misses=misses,
        ranks=ranks,
    )


def format_table(result: Evaluation) -> str:
    """Systems side by side, overall and by kind."""
    table = result.table
    groups = ["all", *result.kinds]
    lines = [f"{'':<12}" + "".join(f"{name:>24}" for name in SYSTEMS)]
    lines.append(f"{'':<12}" + "".join(f"{'s@1   s@5  mrr@10':>24}" for _ in SYSTEMS))
    for group in groups:
        row = f"{group + ' (' + str(table['system'][group].queries) + ')':<12}"
        for name in SYSTEMS:
            m = table[name][group]
            row += f"{m.success_at_1:>12.2f}{m.success_at_5:>6.2f}{m.mrr_at_10:>6.2f}"
        lines.append(row)
    ratio, rrf = result.ratio_to_best_baseline, result.ratio_to_rrf
    lines.append(f"MRR@10 ratio to the better baseline: {ratio:.2f}" if ratio else "no baseline")
    if rrf:
        lines.append(f"MRR@10 ratio to naive RRF: {rrf:.2f}")
    return "\n".join(lines)
