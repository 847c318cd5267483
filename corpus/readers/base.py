"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes_qa.corpus.model import AgendaItem, MeetingInfo


@dataclass(slots=True)
class Parsed:
    """A document as a reader understood it: the meeting details the text
    itself states, and its agenda items in order."""

    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    items: list[AgendaItem] = field(default_factory=list)
