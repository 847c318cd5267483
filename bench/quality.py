"""Retrieval quality on both development sets, side by side, against plain
baselines computed in the same run over the same passages; and the choice of
fusion settings by cross-validation.

    python bench/quality.py report|tune|calibrate --council INDEX Q.jsonl... --qmsum INDEX

Council questions are labelled with answer phrases (``../shared/eval``'s
format); QMSum questions with the speaker turns that answer them, scored by
the benchmark's own ``qmsum.py`` (read from ``--shared``, never copied).

``report`` runs the system as users get it (``Searcher.search``, duplicates
folded) and three baselines over the same index: BM25 alone (every query
word), dense alone (the whole question, the index's own model) and naive
reciprocal rank fusion of the two (k = 60). MRR@10, success@1, success@5,
overall and by kind of council question.

``calibrate`` fits the line between good matches and weaker passages
(``qa.search.GoodMatch``) on the first hits of both sets and of off-topic
questions; it prints how often a right first hit is flagged and a wrong one passes.

``tune`` reads every query's candidate pool once (dense and BM25
candidates with their features), then scores each fusion setting on those
pools: 5-fold cross-validation over both sets at once (choose the setting on
four folds by the mean of the two sets' MRR@10, score it on the fifth), and
the transfer check: chosen on one set, scored on the other.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import numpy as np

from minutes_qa.index.encoder import encode_one, load_encoder
from minutes_qa.index.manifest import read_manifest
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.index.tuned import model_source
from minutes_qa.qa.evaluate import DEPTH, SYSTEMS, answers, read_queries, runs
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Candidates, Fusion, fuse, keyword_evidence
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import set_threads


@dataclass(frozen=True, slots=True)
class Question:
    """One labelled question of either set; ``relevant`` says whether a
    returned passage (its text and source) answers it."""

    set: str
    id: str
    text: str
    kind: str
    judge: Callable[[str, str], bool]
    file: str = ""

    def answered_by(self, text: str, source: str) -> bool:
        return self.judge(text, source)


def council_questions(paths: list[Path]) -> list[Question]:
    out = []
    for path in paths:
        for q in read_queries(path):
            out.append(
                Question(
                    "council",
                    q.id,
                    q.query,
                    q.kind,
                    lambda t, s, r=q.relevant: answers(t, r),
                    path.stem,
                )
            )
    return out


def qmsum_questions(shared: Path) -> list[Question]:
    spec = importlib.util.spec_from_file_location("qmsum", shared / "eval/qmsum/qmsum.py")
    assert spec and spec.loader
    qmsum = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qmsum)

    def judge(meeting: str, turns: set[int]):
        return lambda text, source: (
            Path(source).stem == meeting and bool(qmsum.turns_of(meeting, text) & turns)
        )

    return [
        Question("qmsum", q["id"], q["query"], "all", judge(q["meeting"], set(q["turns"])))
        for q in qmsum.queries()
    ]


def rank_of(question: Question, ranked: list[tuple[str, str]]) -> int | None:
    return next(
        (i for i, (t, s) in enumerate(ranked[:DEPTH], 1) if question.answered_by(t, s)), None
    )


def summary(ranks: list[int | None]) -> tuple[float, float, float]:
    n = max(len(ranks), 1)
    return (
        sum(r == 1 for r in ranks) / n,
        sum(bool(r and r <= 5) for r in ranks) / n,
        sum(1 / r for r in ranks if r) / n,
    )


class Bench:
    """One index with its searcher, as users get it: with its own model (the
    one it was built with, or the one ``minutes-qa tune`` made for it)."""

    def __init__(self, folder: Path, fusion: Fusion = Fusion()):
        manifest = read_manifest(folder)
        name, model = model_source(folder, manifest) or (None, manifest.model)
        self.encoder = load_encoder(model, runtime="onnx", name=name)
        self.index = PassageIndex.open(folder, self.encoder)
        self.searcher = Searcher(self.index, self.encoder, fusion)

    def run(self, question: Question) -> dict[str, list[tuple[str, str]]]:
        return runs(self.searcher, question.text, DEPTH)  # type: ignore[return-value]


def report(benches: dict[str, Bench], questions: list[Question]) -> None:
    ranks: dict[str, dict[str, list[int | None]]] = {}
    for q in questions:
        runs = benches[q.set].run(q)
        for name in SYSTEMS:
            for group in {q.set, f"{q.set}:{q.kind}", f"{q.set}:{q.file}"} - {
                "qmsum:all",
                "qmsum:",
            }:
                ranks.setdefault(group, {n: [] for n in SYSTEMS})[name].append(
                    rank_of(q, runs[name])
                )
    print(f"{'':<30}" + "".join(f"{name:>21}" for name in SYSTEMS))
    print(f"{'':<30}" + "".join(f"{'s@1  s@5 mrr@10':>21}" for _ in SYSTEMS))
    for group in sorted(ranks, key=lambda g: (g.split(":")[0], ":" in g, g)):
        n = len(ranks[group]["system"])
        row = f"{group + f' ({n})':<30}"
        for name in SYSTEMS:
            s1, s5, m = summary(ranks[group][name])
            row += f"{s1:>10.2f}{s5:>5.2f}{m:>6.3f}"
        print(row)
    for group in ("council", "qmsum"):
        if group in ranks:
            system = summary(ranks[group]["system"])[2]
            best = max(summary(ranks[group][b])[2] for b in ("bm25", "dense"))
            rrf = summary(ranks[group]["rrf"])[2]
            print(
                f"{group}: MRR@10 {system:.3f} = {system / best:.2f} x the better plain "
                f"baseline, {system / rrf:.2f} x naive RRF"
            )


# -- tuning ------------------------------------------------------------------


@dataclass(slots=True)
class Pool:
    question: Question
    candidates: dict[str, Candidates]  # by dense text: "whole" or "subject"
    relevant: dict[str, np.ndarray]


def pools(benches: dict[str, Bench], questions: list[Question]) -> list[Pool]:
    out = []
    for q in questions:
        bench = benches[q.set]
        query = parse_query(q.text)
        cands, rel = {}, {}
        for variant, text in (("whole", q.text), ("subject", query.dense_text)):
            vector = encode_one(bench.encoder, text)
            c = bench.searcher.retriever.candidates(query, vector, Filters())
            cands[variant] = c
            with bench.index.snapshot():
                found = bench.index.store.passages(c.vec_ids)
            rel[variant] = np.array(
                [
                    q.answered_by(found[v].text, found[v].source) if v in found else False
                    for v in c.vec_ids
                ]
            )
        out.append(Pool(q, cands, rel))
    return out


def settings() -> list[tuple[str, Fusion]]:
    grid = [
        (variant, Fusion(method="rrf", dense_weight=w))
        for variant, w in itertools.product(("whole", "subject"), (0.3, 0.5, 0.7))
    ]
    for variant, w, c, p, weighting in itertools.product(
        ("whole", "subject"),
        (0.3, 0.4, 0.5, 0.6, 0.7),
        (2.0, 5.0, 10.0, 20.0),
        (0.0, 0.5, 1.0, 2.0),
        ("idf", "count"),
    ):
        if p == 0 and weighting == "count":
            continue
        grid.append(
            (
                variant,
                Fusion(dense_weight=w, bm25_scale=c, coverage=p, coverage_weighting=weighting),
            )
        )
    return grid


def name(variant: str, f: Fusion) -> str:
    if f.method == "rrf":
        return f"{variant} rrf w={f.dense_weight}"
    return (
        f"{variant} w={f.dense_weight} c={f.bm25_scale:g} cov={f.coverage:g}"
        f"{'/' + f.coverage_weighting if f.coverage else ''}"
    )


def reciprocal_rank(pool: Pool, variant: str, fusion: Fusion) -> float:
    scores = fuse(pool.candidates[variant], fusion)
    order = np.argsort(-scores, kind="stable")[:DEPTH]
    hit = np.flatnonzero(pool.relevant[variant][order])
    return 1 / (hit[0] + 1) if hit.size else 0.0


def features(c: Candidates) -> np.ndarray:
    """Per candidate: the fused parts, coverage both ways, and each part
    against the best of its pool (how far from the query's best)."""
    kw = keyword_evidence(c, Fusion())
    return np.column_stack(
        [
            c.dense,
            kw,
            c.coverage("idf"),
            c.coverage("count"),
            c.bm25 / (c.bm25 + 2.0),
            c.dense - c.dense.max(initial=0.0),
            kw - kw.max(initial=0.0),
        ]
    )


def learned(all_pools: list[Pool], sets: np.ndarray) -> None:
    """A logistic fusion over ``features``, 5-fold cross-validated by
    question, against the hand-set fusion on the same folds."""
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(3)
    folds = np.array([rng.randrange(5) for _ in all_pools])
    x = [features(p.candidates["subject"]) for p in all_pools]
    y = [p.relevant["subject"] for p in all_pools]
    held: dict[str, list[float]] = {s: [] for s in sorted(set(sets))}
    for fold in range(5):
        train = [i for i in range(len(all_pools)) if folds[i] != fold and len(y[i])]
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(
            np.vstack([x[i] for i in train]), np.concatenate([y[i] for i in train])
        )
        for i in np.flatnonzero(folds == fold):
            if not len(y[i]):
                held[sets[i]].append(0.0)
                continue
            order = np.argsort(-model.decision_function(x[i]), kind="stable")[:DEPTH]
            hit = np.flatnonzero(y[i][order])
            held[sets[i]].append(1 / (hit[0] + 1) if hit.size else 0.0)
    print(
        "learned fusion, cross-validated MRR@10: "
        + ", ".join(f"{s} {mean(v):.3f}" for s, v in held.items())
    )


def tune(benches: dict[str, Bench], questions: list[Question]) -> None:
    all_pools = pools(benches, questions)
    grid = settings()
    rr = np.array([[reciprocal_rank(p, v, f) for p in all_pools] for v, f in grid])
    sets = np.array([p.question.set for p in all_pools])

    def score(row: int, mask: np.ndarray) -> float:
        # The mean of the sets' MRR: 284 QMSum questions must not outvote the council ones.
        return mean(rr[row, mask & (sets == s)].mean() for s in np.unique(sets[mask]))

    everything = np.ones(len(all_pools), bool)
    names = sorted(set(sets))
    # For reference: the default, the one chosen before (on 30 questions), naive RRF.
    references = [
        ("subject", Fusion()),
        ("whole", Fusion(bm25_scale=10.0, coverage=2.0, coverage_weighting="count")),
        ("whole", Fusion(method="rrf")),
    ]
    marked = [
        next(i for i, (v, f) in enumerate(grid) if name(v, f) == name(*r)) for r in references
    ]
    order = sorted(range(len(grid)), key=lambda i: -score(i, everything))
    print(f"{'setting':<44}" + "".join(f"{s:>9}" for s in names) + f"{'mean':>9}")
    for i in order[:12] + marked:
        row = [rr[i, sets == s].mean() for s in names]
        print(f"{name(*grid[i]):<44}" + "".join(f"{m:>9.3f}" for m in row) + f"{mean(row):>9.3f}")
    rng = random.Random(11)
    folds = np.array([rng.randrange(5) for _ in all_pools])
    held: dict[str, list[float]] = {s: [] for s in names}
    chosen = []
    for fold in range(5):
        train, test = folds != fold, folds == fold
        best = max(range(len(grid)), key=lambda i: score(i, train))
        chosen.append(name(*grid[best]))
        for s in held:
            held[s] += list(rr[best, test & (sets == s)])
    print("5-fold choices: " + "; ".join(chosen))
    print("cross-validated MRR@10: " + ", ".join(f"{s} {mean(v):.3f}" for s, v in held.items()))
    learned(all_pools, sets)
    for source, target in itertools.permutations(names, 2):
        best = max(range(len(grid)), key=lambda i: rr[i, sets == source].mean())
        print(
            f"chosen on {source} ({name(*grid[best])}): {target} "
            f"{rr[best, sets == target].mean():.3f}"
        )


# Questions the minutes cannot answer, one a line: their first hit must not pass as good.
OFF_TOPIC = Path(__file__).with_name("off-topic.txt").read_text(encoding="utf-8").splitlines()


def calibrate(benches: dict[str, Bench], all_pools: list[Pool]) -> None:
    """Fit ``GoodMatch`` on the first hit of every question under the
    default fusion: right first hits and off-topic questions' first hits,
    which must not pass. Rates by 5-fold cross-validation."""
    from sklearn.linear_model import LogisticRegression

    fusion = Fusion()
    points, labels, groups = [], [], []
    for p in all_pools:
        c = p.candidates["subject"]
        if not c.vec_ids:
            continue
        top = int(np.argmax(fuse(c, fusion)))
        points.append((c.dense[top], keyword_evidence(c, fusion)[top]))
        labels.append(bool(p.relevant["subject"][top]))
        groups.append(p.question.set)
    for set_name, bench in benches.items():
        for text in OFF_TOPIC:
            query = parse_query(text)
            vector = encode_one(bench.encoder, query.dense_text)
            c = bench.searcher.retriever.candidates(query, vector, Filters())
            if c.vec_ids:
                top = int(np.argmax(fuse(c, fusion)))
                points.append((c.dense[top], keyword_evidence(c, fusion)[top]))
                labels.append(False)
                groups.append(f"{set_name} off-topic")
    x, y, g = np.array(points), np.array(labels), np.array(groups)
    rng = random.Random(5)
    folds = np.array([rng.randrange(5) for _ in y])
    passed = np.zeros(len(y), bool)
    for fold in range(5):
        model = LogisticRegression(class_weight="balanced").fit(x[folds != fold], y[folds != fold])
        passed[folds == fold] = model.predict(x[folds == fold])
    model = LogisticRegression(class_weight="balanced").fit(x, y)
    (a, b), bias = model.coef_[0], model.intercept_[0]
    print(f"GoodMatch(dense={a:.3f}, keyword={b:.3f}, bias={bias:.3f})")
    for group in sorted(set(g)):
        right, wrong = (g == group) & y, (g == group) & ~y
        print(
            f"  {group}: right first hit flagged {np.sum(right & ~passed)}/{np.sum(right)}, "
            f"wrong first hit passed {np.sum(wrong & passed)}/{np.sum(wrong)} (cross-validated)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("verb", choices=["report", "tune", "calibrate"])
    parser.add_argument("--council", nargs="+", type=Path, default=[], metavar="INDEX Q")
    parser.add_argument("--qmsum", type=Path, metavar="INDEX")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    set_threads(2)
    benches, questions = {}, []
    if args.council:
        benches["council"] = Bench(args.council[0])
        questions += council_questions(args.council[1:])
    if args.qmsum:
        benches["qmsum"] = Bench(args.qmsum)
        questions += qmsum_questions(args.shared)
    if args.verb == "report":
        report(benches, questions)
    elif args.verb == "tune":
        tune(benches, questions)
    else:
        calibrate(benches, pools(benches, questions))


if __name__ == "__main__":
    sys.exit(main())
