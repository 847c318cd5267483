"""The ``minutes-qa`` command: parse, call the library, print.

Exit codes: 0 success; 1 some input failed, or was read with a fallback
encoding (the rest went in); 2 usage or configuration error (bad arguments,
no index, wrong model).
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from minutes_qa.alerts_commands import EXAMPLE as ALERTS_EXAMPLE
from minutes_qa.alerts_commands import add_alerts_commands, cmd_alerts
from minutes_qa.commands import (
    cmd_ask,
    cmd_convert,
    cmd_eval,
    cmd_export,
    cmd_ingest,
    cmd_inspect,
    cmd_search,
    cmd_serve,
    cmd_stats,
)
from minutes_qa.corpus.errors import ReadError
from minutes_qa.follow_commands import cmd_commitments, cmd_timeline
from minutes_qa.index.errors import IndexProblem
from minutes_qa.settings import Settings
from minutes_qa.tune_commands import EXAMPLE as TUNE_EXAMPLE
from minutes_qa.tune_commands import add_tune_arguments, cmd_tune

log = logging.getLogger(__name__)

EXAMPLES = {
    "ingest": "example: minutes-qa ingest sample/ ../minutes/2024 --index ./.minutes-qa",
    "search": 'example: minutes-qa search "What was said about Smart Water?" --k 5 --json',
    "serve": "example: minutes-qa serve --index ./.minutes-qa --port 8000",
    "stats": "example: minutes-qa stats --json",
    "ask": 'example: minutes-qa ask "What was said about Smart Water?"',
    "eval": "example: minutes-qa eval ../shared/eval/dev-queries.jsonl --index bench/out/index",
    "commitments": 'example: minutes-qa commitments --committee "Scrutiny" --since 2024-01-01 '
    "--open",
    "timeline": 'example: minutes-qa timeline "flooding in Quillbury" --council Quillbury',
    "convert": "example: minutes-qa convert moderngov-scrape meetings.jsonl "
    '--council "Kent County Council" --out kent.jsonl',
    "export": "example: minutes-qa export --out backup.jsonl --include-restricted "
    "&& minutes-qa ingest backup.jsonl --index ./restored",
    "inspect": "example: minutes-qa inspect minutes/2024-03-05.pdf --passages 20",
    "alerts": ALERTS_EXAMPLE,
    "tune": TUNE_EXAMPLE,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutes-qa",
        description="Semantic search over council minutes, with citations.",
        epilog='example: minutes-qa ingest sample/ && minutes-qa search "Smart Water"',
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument(
            "--index",
            type=Path,
            default=None,
            help="index folder (default: $MINUTES_QA_INDEX or ./.minutes-qa)",
        )
        return p

    ingest = command("ingest", "Read minutes files and folders into the index.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.add_argument(
        "--ray",
        nargs="?",
        const="auto",
        type=_ray_address,
        metavar="ADDRESS",
        help="read and embed on a Ray cluster: HOST:PORT, or auto (this machine's, started "
        "when none runs); needs pip install 'minutes-qa[ray]'. Put it after the paths",
    )

    search = command("search", "Find the passages that answer a question.")
    search.add_argument("query", nargs="?", help="the question or keywords")
    search.add_argument("--queries", type=Path, help="a JSON-lines file of {id, query}")
    search.add_argument("--k", type=int, default=10, help="how many results (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON")
    _add_filters(search)
    search.add_argument(
        "--kind",
        action="append",
        choices=["discussion", "decision", "commitment", "attendance"],
        help="only passages of this kind (repeatable); attendance lists only when asked for",
    )

    ask = command("ask", "Answer a question: the best sentence, then the history by meeting.")
    ask.add_argument("question")
    ask.add_argument("--k", type=int, default=10, help="supporting passages (default 10)")
    ask.add_argument("--json", action="store_true", help="print JSON")
    _add_filters(ask)

    evaluate = command("eval", "Score retrieval on labelled queries against two baselines.")
    evaluate.add_argument("queries", type=Path, metavar="QUERIES.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print JSON")

    commitments = command(
        "commitments", "List what officers and members undertook to do, and what happened next."
    )
    _add_filters(commitments)
    commitments.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    commitments.add_argument(
        "--open", action="store_true", help="only those with no follow-up in later meetings"
    )
    commitments.add_argument("--json", action="store_true", help="print JSON")

    timeline = command("timeline", "Follow a subject across meetings, oldest first.")
    timeline.add_argument("question")
    timeline.add_argument("--k", type=int, default=30, help="passages searched (default 30)")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    _add_filters(timeline)
    timeline.add_argument(
        "--kind",
        action="append",
        choices=["discussion", "decision", "commitment"],
        help="only passages of this kind (repeatable)",
    )

    alerts = command("alerts", "Saved searches: new passages by email, webhook and Atom feed.")
    add_alerts_commands(alerts)

    tune = command(
        "tune", "Adapt the embedding model to the archive and embed the archive again with it."
    )
    add_tune_arguments(tune)

    serve = command("serve", "Serve the API and the search page.")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--ray",
        nargs="?",
        const="auto",
        type=_ray_address,
        metavar="ADDRESS",
        help="with --index a folder of shards: hold each shard in a Ray actor of the cluster at "
        "HOST:PORT, or auto (this machine's); needs pip install 'minutes-qa[ray]'",
    )

    stats = command("stats", "Count what the index holds.")
    stats.add_argument("--json", action="store_true", help="print JSON")
    _add_restricted(stats)

    export = command("export", "Write every stored document as JSON lines (ingest reads them).")
    export.add_argument("--out", type=Path, help="write here (default: standard output)")
    _add_restricted(export)

    inspect = sub.add_parser(
        "inspect",
        help="Show what the reader makes of files, without indexing them.",
        description="Show what the reader makes of files: the meeting's details and where each "
        "came from, the agenda items, and the passages with their kinds.",
        epilog=EXAMPLES["inspect"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inspect.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    inspect.add_argument(
        "--passages", type=int, default=None, help="show at most this many passages (default all)"
    )
    inspect.add_argument("--json", action="store_true", help="print JSON lines, one per document")

    convert = sub.add_parser(
        "convert",
        help="Turn a scraper's output into the JSON-lines import format.",
        description="Turn a scraper's output into the JSON-lines import format.",
        epilog=EXAMPLES["convert"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("source_format", choices=["moderngov-scrape"])
    convert.add_argument("file", type=Path)
    convert.add_argument("--council", required=True, help="the council the minutes belong to")
    convert.add_argument("--out", type=Path, help="write here (default: standard output)")
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--council", help="only this council (part of the name)")
    parser.add_argument("--committee", help="only this committee (part of the name)")
    parser.add_argument("--since", type=_iso_date, help="only meetings on or after YYYY-MM-DD")
    parser.add_argument("--until", type=_iso_date, help="only meetings on or before YYYY-MM-DD")
    _add_restricted(parser)


def _add_restricted(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-restricted",
        action="store_true",
        help="include restricted (exempt) passages; left out by default",
    )


def _ray_address(value: str) -> str:
    if value == "auto" or re.fullmatch(r"(ray://)?[\w.-]+:\d+", value):
        return value
    raise argparse.ArgumentTypeError(
        f"{value!r} is not auto or HOST:PORT (put --ray after the paths, or write --ray=auto)"
    )


def _iso_date(value: str) -> str:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    settings = Settings()
    if getattr(args, "index", None) is not None:
        settings = settings.model_copy(update={"index": args.index})
    try:
        return COMMANDS[args.command](args, settings, parser)
    except (IndexProblem, ReadError) as exc:
        print(f"minutes-qa: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `minutes-qa search ... | head` closes the pipe early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


COMMANDS = {
    "ingest": cmd_ingest,
    "search": cmd_search,
    "serve": cmd_serve,
    "stats": cmd_stats,
    "ask": cmd_ask,
    "eval": cmd_eval,
    "commitments": cmd_commitments,
    "timeline": cmd_timeline,
    "alerts": cmd_alerts,
    "tune": cmd_tune,
    "convert": cmd_convert,
    "export": cmd_export,
    "inspect": cmd_inspect,
}

if __name__ == "__main__":
    sys.exit(main())
