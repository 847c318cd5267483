"""A one-line progress bar on stderr for long ingests."""

from __future__ import annotations

import sys
import time


class Progress:
    """Redraws at most ten times a second; does nothing when disabled."""

    def __init__(self, total: int, enabled: bool):
        self.total = max(total, 1)
        self.enabled = enabled
        self.done = 0
        self._started = self._drawn = time.monotonic()

    def step(self, _source: str = "") -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._drawn > 0.1 or self.done == self.total):
            self._drawn = now
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(now - self._started, 1e-9)
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done}/{self.total} files, {rate:.1f}/s "
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
