"""``minutes-qa tune``: adapt the model to the archive, embed it again, print
what was done."""

from __future__ import annotations

import argparse
import json

from minutes_qa.settings import Settings, set_threads

EXAMPLE = "example: minutes-qa tune --index bench/out/qmsum-index --max-pairs 2000 --seed 0"


def add_tune_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=0, help="fixes pairs, batches, weights")
    parser.add_argument(
        "--max-pairs", type=int, default=4000, help="training pairs drawn (default 4000)"
    )
    parser.add_argument("--epochs", type=int, default=1, help="passes over them (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, help="pairs a step (default 32)")
    parser.add_argument(
        "--train-layers", type=int, default=2, help="top transformer layers trained (default 2)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def cmd_tune(args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser) -> int:
    from minutes_qa.index.tune import TuneOptions, tune_index

    if min(args.max_pairs, args.epochs, args.batch_size - 1, args.train_layers) < 1:
        parser.error("--max-pairs, --epochs and --train-layers must be ≥ 1, --batch-size ≥ 2")
    options = TuneOptions(
        seed=args.seed,
        max_pairs=args.max_pairs,
        epochs=args.epochs,
        batch_size=args.batch_size,
        train_layers=args.train_layers,
    )
    set_threads(settings.threads)
    report = tune_index(
        settings.index,
        options,
        threads=settings.threads,
        cache=settings.model_cache,
        runtime=settings.runtime,
    )
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return 0
    pairs = ", ".join(f"{n} {source}" for source, n in report.pairs.items())
    print(
        f"trained {report.model} from {report.base}: {report.steps} steps on {pairs} pairs "
        f"in {report.train_seconds:.0f} s"
    )
    print(
        f"embedded {report.passages} passages again in {report.embed_seconds:.0f} s "
        f"(generation {report.generation}); the model is in {report.folder}"
    )
    return 0
