"""``minutes-qa alerts add|list|remove|run``: saved searches, and the run
of collecting and delivering their new passages (also run at the end of
every ``ingest``)."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_qa.index.rows import Filters
from minutes_qa.settings import Settings

if TYPE_CHECKING:
    from minutes_qa.index.encoder import Encoder
    from minutes_qa.qa.alerts import RunReport

EXAMPLES = {
    "add": 'example: minutes-qa alerts add "flooding in Quillbury" --council Quillbury '
    "--email clerk@quillbury.example",
    "list": "example: minutes-qa alerts list --json",
    "remove": "example: minutes-qa alerts remove 3",
    "run": "example: minutes-qa alerts run",
}
EXAMPLE = 'example: minutes-qa alerts add "flooding in Quillbury" --email clerk@quillbury.example'


def add_alerts_commands(alerts: argparse.ArgumentParser) -> None:
    """The sub-commands of ``alerts``."""
    sub = alerts.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        # Also after the action ("alerts run --index DIR"); unset, it leaves
        # the one given before it alone.
        p.add_argument(
            "--index", type=Path, default=argparse.SUPPRESS, help="index folder (as for ingest)"
        )
        return p

    add = action("add", "Save a question; its new passages are delivered after every ingest.")
    add.add_argument("question")
    add.add_argument("--council", help="only this council (part of the name)")
    add.add_argument("--committee", help="only this committee (part of the name)")
    add.add_argument("--since", type=_iso_date, help="only meetings on or after YYYY-MM-DD")
    add.add_argument("--until", type=_iso_date, help="only meetings on or before YYYY-MM-DD")
    add.add_argument(
        "--kind",
        action="append",
        choices=["discussion", "decision", "commitment"],
        help="only passages of this kind (repeatable)",
    )
    add.add_argument("--email", action="append", default=[], help="send a digest here (repeatable)")
    add.add_argument("--webhook", help="POST new passages here, signed (HMAC-SHA256)")
    add.add_argument(
        "--include-restricted",
        action="store_true",
        help="restricted (exempt) passages may reach this search; left out by default",
    )
    add.add_argument("--json", action="store_true", help="print JSON")
    listing = action("list", "List saved searches with their feeds and what waits to be sent.")
    listing.add_argument("--json", action="store_true", help="print JSON")
    remove = action("remove", "Forget a saved search and its outbox.")
    remove.add_argument("id", type=int)
    run = action("run", "Collect new passages for every saved search and deliver them now.")
    run.add_argument("--json", action="store_true", help="print JSON")


def cmd_alerts(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.qa.alerts import AlertProblem

    try:
        return _ACTIONS[args.alerts_command](args, settings)
    except AlertProblem as exc:
        print(f"minutes-qa: error: {exc}", file=sys.stderr)
        return 2


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from minutes_qa.api.alerts_schemas import SavedSearchOut
    from minutes_qa.qa.alerts import check_channels
    from minutes_qa.qa.alerts_store import AlertStore

    emails, webhook = tuple(args.email), args.webhook
    check_channels(emails, webhook)
    filters = Filters(
        council=args.council,
        committee=args.committee,
        since=args.since,
        until=args.until,
        kinds=tuple(args.kind or ()),
        include_restricted=args.include_restricted,
    )
    store = AlertStore(settings.index)
    try:
        search = store.add(args.question, filters, emails, webhook, _top(settings))
    finally:
        store.close()
    out = SavedSearchOut.of(search, settings.public_url)
    if args.json:
        print(out.model_dump_json(indent=2))
        return 0
    print(f"saved search {search.id}: {search.describe()}")
    print(f"  feed: {out.feed}")
    for address in search.emails:
        print(f"  email: {address}")
    if search.webhook_url:
        print(f"  webhook: {search.webhook_url}")
        print(
            f"  webhook secret (signs each POST; shown by 'alerts list'): {search.webhook_secret}"
        )
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from minutes_qa.api.alerts_schemas import SavedSearchOut
    from minutes_qa.qa.alerts_run import has_alerts
    from minutes_qa.qa.alerts_store import AlertStore

    if not has_alerts(settings.index):
        statuses = []
    else:
        store = AlertStore(settings.index)
        try:
            statuses = [store.status(s) for s in store.all()]
        finally:
            store.close()
    out = [SavedSearchOut.of(st.search, settings.public_url, st) for st in statuses]
    if args.json:
        print(json.dumps([o.model_dump() for o in out], indent=2, ensure_ascii=False))
        return 0
    if not out:
        print("no saved searches")
    for status, shown in zip(statuses, out, strict=True):
        print(f"{status.search.id}. {status.search.describe()}")
        print(f"   feed: {shown.feed}")
        print(f"   found so far: {status.found}")
        for channel, waiting in status.waiting.items():
            print(f"   {channel}: {waiting} waiting to be sent")
        if status.search.webhook_secret:
            print(f"   webhook secret: {status.search.webhook_secret}")
        if status.last_error:
            print(f"   last error (tried again on the next run): {status.last_error}")
    return 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    from minutes_qa.qa.alerts_store import AlertStore

    store = AlertStore(settings.index)
    try:
        store.remove(args.id)
    finally:
        store.close()
    print(f"removed saved search {args.id}")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    report = run_alerts_now(settings)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.line())
        for failed in report.failed:
            print(f"failed: search {failed.search_id} → {failed.channel}: {failed.error}")
    return 1 if report.failed else 0


def run_alerts_now(settings: Settings, encoder: Encoder | None = None) -> RunReport:
    """Collect and deliver; the model is loaded only when there are new
    passages to look at (``encoder``: one already loaded, by ``ingest``)."""
    from minutes_qa.index.errors import IndexNotFound
    from minutes_qa.index.passage_index import PassageIndex
    from minutes_qa.qa.alerts_run import run_alerts
    from minutes_qa.qa.alerts_send import Senders
    from minutes_qa.settings import configured_encoder, configured_searcher

    try:
        index: PassageIndex | None = PassageIndex.open(settings.index)
    except IndexNotFound:
        index = None  # nothing ingested yet: only what already waits is sent

    def searcher():
        assert index is not None
        loaded = encoder or configured_encoder(settings)
        return configured_searcher(settings, index, loaded)

    senders = Senders(settings.smtp(), settings.public_url)
    try:
        return run_alerts(settings.index, index, searcher, senders)
    finally:
        if index is not None:
            index.close()


def after_ingest(settings: Settings, encoder: Encoder) -> RunReport | None:
    """The run at the end of ``ingest``: only where searches were saved."""
    from minutes_qa.qa.alerts_run import has_alerts

    return run_alerts_now(settings, encoder) if has_alerts(settings.index) else None


def _top(settings: Settings) -> int:
    """Where a new search starts: only passages stored from now on are news."""
    from minutes_qa.index.errors import IndexNotFound
    from minutes_qa.index.passage_index import PassageIndex
    from minutes_qa.qa.alerts_match import top_vec_id

    try:
        index = PassageIndex.open(settings.index)
    except IndexNotFound:
        return 0
    try:
        return top_vec_id(index)
    finally:
        index.close()


def _iso_date(value: str) -> str:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


_ACTIONS = {"add": _add, "list": _list, "remove": _remove, "run": _run}
