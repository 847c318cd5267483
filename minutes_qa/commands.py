"""What each ``minutes-qa`` command does: call the library, print the result."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from minutes_qa.corpus.errors import ReadError
from minutes_qa.index.rows import Filters
from minutes_qa.settings import Settings


def _filters(args: argparse.Namespace, kinds: tuple[str, ...] = ()) -> Filters:
    return Filters(
        council=args.council,
        committee=args.committee,
        since=args.since,
        until=args.until,
        kinds=kinds,
        include_restricted=args.include_restricted,
    )


def _encoder(settings: Settings):
    from minutes_qa.settings import configured_encoder

    return configured_encoder(settings)


def cmd_ingest(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.alerts_commands import after_ingest
    from minutes_qa.corpus.load import discover, load
    from minutes_qa.index.passage_index import PassageIndex, ingest_into
    from minutes_qa.qa.progress import Progress

    encoder = _encoder(settings)
    total = sum(1 for _ in discover(args.paths))
    progress = Progress(total, enabled=not args.json and sys.stderr.isatty())
    if args.ray is not None:
        report = _ray_ingest(args, settings, encoder, progress.step)
    else:
        report = ingest_into(
            settings.index,
            load(args.paths),
            encoder,
            context=settings.embed_context,
            flat_max=settings.flat_max,
            on_document=progress.step,
            compressed=settings.layout == "ivfpq",
        )
    progress.close()
    stats = PassageIndex.open(settings.index).stats(include_restricted=True)
    # Saved searches hear of the new passages now (where any were saved).
    alerts = after_ingest(settings, encoder)
    if args.json:
        extra = {"alerts": alerts.to_dict()} if alerts else {}
        print(json.dumps({**report.to_dict(), "index": stats.to_dict(), **extra}, indent=2))
    else:
        print(
            f"read {report.documents + len(report.failures)} files into {settings.index}: "
            f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
            f"{report.duplicates} duplicates of stored minutes, {len(report.failures)} failed"
        )
        print(
            f"passages: {report.passages_added} added, {report.passages_removed} removed "
            f"({report.embedded} embedded, {report.reused_vectors} reused) in "
            f"{report.seconds:.1f} s"
        )
        print(
            f"index now holds {stats.documents} documents, {stats.meetings} meetings, "
            f"{stats.passages} passages"
        )
        for failure in report.failures:
            print(f"failed: {failure.source}: {failure.reason}")
        for warning in report.warnings:
            print(f"warning: {warning.source}: {warning.reason}")
        if alerts:
            print(alerts.line())
    # A warning alone (read by OCR, read as Windows-1252) is no failure: the
    # file went in whole. Text left unread is one.
    return 1 if report.failures or report.incomplete else 0


def _ray_ingest(args: argparse.Namespace, settings: Settings, encoder, on_document):
    """The same ingest, read and embedded on a Ray cluster; each encoder actor
    loads the same model and encoding, with one thread (it holds one CPU)."""
    import functools

    from minutes_qa.index.distributed import RayPlan, ray_ingest_into
    from minutes_qa.index.encoder import load_encoder

    make_encoder = functools.partial(
        load_encoder,
        settings.model,
        settings.batch_size,
        encoder.encoding,
        settings.model_cache,
        1,
        settings.runtime,
    )
    return ray_ingest_into(
        settings.index,
        args.paths,
        encoder,
        make_encoder,
        RayPlan(address=args.ray),
        context=settings.embed_context,
        flat_max=settings.flat_max,
        compressed=settings.layout == "ivfpq",
        on_document=on_document,
    )


def cmd_search(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    if (args.query is None) == (args.queries is None):
        parser.error("give either a QUERY or --queries FILE.jsonl")
    if not 1 <= args.k <= settings.max_k:
        parser.error(f"--k must be between 1 and {settings.max_k}")
    filters = _filters(args, kinds=tuple(args.kind or ()))
    searcher = _searcher(settings)
    if args.queries is not None:
        return _search_many(searcher, args.queries, args.k, filters)
    hits = searcher.search(args.query, args.k, filters)
    if args.json:
        print(
            json.dumps(
                {"query": args.query, "results": [h.to_dict() for h in hits]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not hits:
        print("no passages found")
    elif not hits[0].good_match:
        print("No passage answers this well; the closest:\n")
    for rank, hit in enumerate(hits, 1):
        if rank > 1 and hits[rank - 2].good_match and not hit.good_match:
            print("---- weaker passages: the nearest there are, not good answers ----\n")
        print(f"{rank}. [{hit.score:.2f}, {hit.kind}] {hit.text}")
        print(f"   — {hit.citation.line()}\n")
    return 0


def _searcher(settings: Settings):
    from minutes_qa.index.sharded import open_archive
    from minutes_qa.settings import configured_searcher

    encoder = _encoder(settings)
    # An index folder, or a folder of shards searched as one.
    return configured_searcher(settings, open_archive(settings.index, encoder), encoder)


def _search_many(searcher, path: Path, k: int, filters: Filters) -> int:
    failed = False
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReadError(f"{path}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            query_id, query = item["id"], item["query"]
            if not isinstance(query, str) or not query.strip():
                raise ValueError("'query' must be non-empty text")
        except (ValueError, KeyError, TypeError) as exc:
            failed = True
            print(json.dumps({"id": None, "error": f"{path}:{number}: {exc}"}), flush=True)
            continue
        hits = searcher.search(query, k, filters)
        print(
            json.dumps(
                {"id": query_id, "query": query, "results": [h.to_dict() for h in hits]},
                ensure_ascii=False,
            ),
            flush=True,
        )
    return 1 if failed else 0


def cmd_ask(args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser) -> int:
    from minutes_qa.api.schemas import AnswerOut
    from minutes_qa.qa.answer import ask

    if not 1 <= args.k <= settings.max_k:
        parser.error(f"--k must be between 1 and {settings.max_k}")
    filters = _filters(args)
    answer = ask(_searcher(settings), args.question, args.k, filters)
    if args.json:
        print(AnswerOut.of(answer).model_dump_json(indent=2))
        return 0
    if answer.passage is None:
        print("no passages found")
        return 0
    if not answer.good_match:
        print("No passage answers this well; the closest is:")
    print(f"{answer.sentence}\n   — {answer.passage.citation.line()}\n")
    for group in answer.meetings:
        heading = " · ".join(
            x
            for x in (group.meeting_date or "date not stated", group.committee, group.council)
            if x
        )
        print(heading)
        for hit in group.hits:
            print(f"  - {hit.text}")
        print()
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser) -> int:
    from minutes_qa.qa.evaluate import evaluate, format_table, read_queries

    queries = read_queries(args.queries)
    result = evaluate(_searcher(settings), queries)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(format_table(result))
    if result.misses:
        print("\nnot in the top 5:")
    for miss in result.misses:
        print(f"  {miss.id} ({miss.kind}, rank {miss.rank}): {miss.query}")
        print(f"      top: {miss.top}")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser) -> int:
    import uvicorn

    from minutes_qa.api.app import create_app
    from minutes_qa.index.sharded import is_sharded

    if args.ray is not None and not is_sharded(settings.index):
        parser.error(f"--ray serves a folder of shards; {settings.index} is not one")
    app = create_app(settings, ray=args.ray)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser) -> int:
    from minutes_qa.index.sharded import open_archive

    index = open_archive(settings.index)
    stats = index.stats(args.include_restricted)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
        return 0
    print(
        f"index {settings.index} (model {index.manifest.model}, "
        f"generation {index.manifest.generation})"
    )
    for line in stats.lines():
        print(f"  {line}")
    return 0


def cmd_convert(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.corpus.convert import moderngov_scrape

    try:
        lines = args.file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"{args.file}: {exc}") from None
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        count = 0
        for meeting in moderngov_scrape(lines, args.council):
            out.write(json.dumps(meeting, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if args.out:
            out.close()
    print(f"converted {count} meetings with minutes", file=sys.stderr)
    return 0


def cmd_export(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.index.passage_index import PassageIndex

    index = PassageIndex.open(settings.index)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    count = 0
    try:
        for line in index.export(args.include_restricted):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if args.out:
            out.close()
    if args.out:
        print(f"exported {count} documents to {args.out}", file=sys.stderr)
    return 0


def cmd_inspect(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.corpus.load import load
    from minutes_qa.corpus.model import Failure

    failed = 0
    for result in load(args.paths):
        if isinstance(result, Failure):
            failed += 1
            if args.json:
                print(json.dumps({"source": result.source, "failed": result.reason}))
            else:
                print(f"{result.source}: not read: {result.reason}\n")
            continue
        shown = result.passages[: args.passages] if args.passages is not None else result.passages
        if args.json:
            line = {
                "source": result.source,
                "format": result.format,
                "warnings": result.warnings,
                "meeting": asdict(result.meeting),
                "items": [
                    {"number": item.number, "title": item.title, "blocks": len(item.blocks)}
                    for item in result.items
                ],
                "passages": [asdict(p) for p in shown],
            }
            print(json.dumps(line, ensure_ascii=False))
            continue
        print(_inspection(result, shown))
    return 1 if failed else 0


def _inspection(doc, shown) -> str:
    m = doc.meeting
    lines = [
        f"{doc.source}",
        f"  read as {doc.format}: {len(doc.items)} agenda items, {len(doc.passages)} passages",
    ]
    lines += [f"  warning: {w}" for w in doc.warnings]
    for name in ("council", "committee", "date"):
        value = getattr(m, name)
        source = getattr(m, f"{name}_source")
        lines.append(
            f"  {name:<10} {value or '(not stated)'}" + (f"   [from {source}]" if value else "")
        )
    for name in ("title", "url", "visibility"):
        if getattr(m, name):
            lines.append(f"  {name:<10} {getattr(m, name)}")
    lines.append("  items:")
    for item in doc.items:
        label = " ".join(x for x in (item.number, item.title) if x) or "(before the first item)"
        lines.append(f"    {label}  ({len(item.blocks)} blocks)")
    lines.append(f"  passages ({len(shown)} of {len(doc.passages)}):")
    for p in shown:
        text = p.text if len(p.text) <= 160 else p.text[:157] + "..."
        where = f"item {p.item_number}" if p.item_number else f"item #{p.item_index}"
        flag = " restricted" if p.restricted else ""
        lines.append(f"    [{p.position}] {p.kind}/{p.form}{flag} ({where}): {text}")
    return "\n".join(lines) + "\n"
