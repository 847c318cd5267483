"""Encoders for the Ray tests, imported by the cluster's workers."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from minutes_qa.index.encoder import HashingEncoder


class PacedEncoder(HashingEncoder):
    """The hashing encoder's vectors at about a real model's pace, each batch
    noted in ``journal`` (the process and the batch's size), so that a test
    knows when a worker is busy embedding."""

    def __init__(self, dimension: int, seconds_per_text: float, journal: Path):
        super().__init__(dimension)
        self.seconds_per_text, self.journal = seconds_per_text, journal

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(self.seconds_per_text * len(texts))
        with self.journal.open("a") as out:
            out.write(f"{os.getpid()} {len(texts)}\n")
        return super().encode_batch(texts)
