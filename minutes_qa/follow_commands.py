"""``minutes-qa timeline`` and ``minutes-qa commitments``: a subject across
meetings, and commitments followed to what happened next."""

from __future__ import annotations

import argparse

from minutes_qa.commands import _filters, _searcher
from minutes_qa.settings import Settings


def cmd_timeline(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.api.follow_schemas import TimelineOut
    from minutes_qa.qa.hits import Citation
    from minutes_qa.qa.timeline import timeline

    if not 1 <= args.k <= settings.max_k:
        parser.error(f"--k must be between 1 and {settings.max_k}")
    found = timeline(
        _searcher(settings), args.question, _filters(args, kinds=tuple(args.kind or ())), args.k
    )
    if args.json:
        print(TimelineOut.of(found).model_dump_json(indent=2))
        return 0
    if not found.meetings:
        print("no passages found")
        return 0
    if not found.good_match:
        print("No passage answers this well; the meetings of the closest:\n")
    for number, meeting in enumerate(found.meetings):
        if meeting.date is None and (number == 0 or found.meetings[number - 1].date):
            print("---- meetings whose minutes state no date ----\n")
        heading = " · ".join(
            x for x in (meeting.date, meeting.committee, meeting.council, meeting.title) if x
        )
        print(heading)
        for hit in meeting.passages:
            weaker = "" if hit.good_match else " (weaker)"
            print(f"  - [{hit.kind}{weaker}] {hit.text}")
        for decision in meeting.decisions:
            print(f"  decided: {decision.text}\n     — {Citation.of(decision).line()}")
        print()
    return 0


def cmd_commitments(
    args: argparse.Namespace, settings: Settings, parser: argparse.ArgumentParser
) -> int:
    from minutes_qa.api.follow_schemas import CommitmentsOut, FollowUpOut
    from minutes_qa.qa.followup import Follower
    from minutes_qa.qa.hits import Citation

    filters = _filters(args)
    follower = Follower(_searcher(settings), filters.include_restricted)
    found = list(follower.all(filters, args.limit, 0, open_only=args.open))
    if args.json:
        out = CommitmentsOut(
            offset=0, open_only=args.open, commitments=[FollowUpOut.of(f) for f in found]
        )
        print(out.model_dump_json(indent=2))
        return 0
    if not found:
        print("no open commitments found" if args.open else "no commitments found")
    for f in found:
        print(f"- {f.commitment.text}\n  — {Citation.of(f.commitment).line()}")
        print(f"  {f.summary}")
        for hit in f.next:
            print(f"    → {hit.text}\n      — {hit.citation.line()}")
        print()
    return 0
