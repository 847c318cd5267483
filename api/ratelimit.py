"""A request-rate limit per client: a token bucket each.

A client is its API key when it sends one (hashed, never kept in clear), else
its address. Each bucket holds ``burst`` requests and refills at
``per_minute``; a request finding it empty gets 429 with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

# Buckets idle this long are full again: forget them.
_IDLE_SECONDS = 600.0


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``check(client)`` is None when the request may go ahead, else the
    seconds until it may."""

    def __init__(
        self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._swept = clock()

    def check(self, client: str) -> float | None:
        now = self.clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if now - self._swept > _IDLE_SECONDS:
            self._sweep(now)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return (1.0 - bucket.tokens) / self.rate

    def _sweep(self, now: float) -> None:
        self._swept = now
        for client in [c for c, b in self._buckets.items() if now - b.updated > _IDLE_SECONDS]:
            del self._buckets[client]


def client_of(api_key: str | None, address: str | None) -> str:
    if api_key:
        return "key:" + hashlib.sha256(api_key.encode()).hexdigest()[:16]
    return "ip:" + (address or "unknown")


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
