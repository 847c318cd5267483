"""``minutes-qa tune``: adapt the index's embedding model to the archive it
serves, then embed the archive again with it.

The model is trained with sentence-transformers' in-batch-negatives loss
(``MultipleNegativesRankingLoss``) on pairs the archive gives for free
(``index.tune_pairs``): each anchor must be nearer its own passage than the
other passages of its batch. Training always starts from the base model, so
the same archive, seed and options give the same weights (on the same
machine and thread count). Only the top ``train_layers`` transformer layers
learn: on two CPU cores a step then costs about half as much, and a small
archive cannot pull the rest of the model far from what it knew. The
architecture is unchanged, so ingest and search cost what they did.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from minutes_qa.index.encoder import Encoding, Runtime, load_encoder, resolve_model
from minutes_qa.index.errors import IndexProblem
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.tune_pairs import Pair, training_pairs

log = logging.getLogger(__name__)

MODELS = "models"


class CannotTune(IndexProblem):
    """The index's model is no sentence-transformers model on this machine,
    or its archive gives too few training pairs for one batch."""


@dataclass(frozen=True, slots=True)
class TuneOptions:
    """How the model is trained. Steps = ceil(pairs / batch_size) x epochs:
    on two shared CPU cores about 3–6 s a step at the defaults."""

    seed: int = 0
    max_pairs: int = 4000
    epochs: int = 1
    batch_size: int = 32
    learning_rate: float = 3e-5
    # Tokens a text is cut to while training (not in use: the model keeps its own).
    max_seq_length: int = 128
    train_layers: int = 2


@dataclass(slots=True)
class TuneReport:
    """What a tune did: the model it made, from what, and how long it took."""

    model: str
    base: str
    folder: str
    generation: int
    passages: int
    steps: int
    pairs: dict[str, int] = field(default_factory=dict)
    train_seconds: float = 0.0
    embed_seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def tune_index(
    folder: Path,
    options: TuneOptions = TuneOptions(),
    *,
    threads: int = 2,
    cache: Path | None = None,
    runtime: Runtime = "onnx",
) -> TuneReport:
    """Train a model on the archive at ``folder``, embed every passage again
    with it as one new generation, and record it in the manifest."""
    index = PassageIndex.open(folder)
    try:
        tuned = index.manifest.tuned
        base = str(tuned["base"]) if tuned else index.manifest.model
        if not (Path(resolve_model(base)) / "modules.json").is_file():
            raise CannotTune(
                f"the model of index {folder}, {base} is not a sentence-transformers model "
                "folder on this machine: only such a model can be tuned"
            )
        with index.snapshot():
            pairs = training_pairs(index.store, options.max_pairs, options.seed)
        if len(pairs) < 2:
            raise CannotTune(
                f"index {folder} gives {len(pairs)} training pairs: tune needs an archive "
                "with agenda items, lead-ins or consecutive passages"
            )
        started = time.perf_counter()
        models = folder / MODELS
        models.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".training-", dir=models))
        try:
            steps = train(base, pairs, options, work, threads)
            digest = fingerprint(work)
            target = models / f"tuned-{digest}"
            if not target.exists():  # the same weights made before are kept as they are
                work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        trained = time.perf_counter() - started
        name = f"{base}+tuned-{digest}"
        counts = dict(sorted(Counter(p.source for p in pairs).items()))
        recipe: dict[str, object] = {
            "base": base,
            "folder": f"{MODELS}/{target.name}",
            **asdict(options),
            "pairs": counts,
            "steps": steps,
        }
        encoding: Encoding = "int8" if index.manifest.encoding == "int8" else "fp32"
        encoder = load_encoder(str(target), 64, encoding, cache, threads, runtime, name=name)
        started = time.perf_counter()
        generation = index.reembed(encoder, recipe)
        embedded = time.perf_counter() - started
        for old in models.glob("tuned-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
        return TuneReport(
            model=name,
            base=base,
            folder=str(target),
            generation=generation,
            passages=index.store.passage_count(),
            steps=steps,
            pairs=counts,
            train_seconds=round(trained, 1),
            embed_seconds=round(embedded, 1),
        )
    finally:
        index.close()


def train(base: str, pairs: list[Pair], options: TuneOptions, out: Path, threads: int) -> int:
    """Train ``base`` on ``pairs`` and save it to ``out``; returns the steps taken."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    random.seed(options.seed)
    np.random.seed(options.seed)
    torch.manual_seed(options.seed)
    torch.set_num_threads(threads)
    model = SentenceTransformer(resolve_model(base), device="cpu")
    keep_length = model.max_seq_length
    model.max_seq_length = min(options.max_seq_length, keep_length or options.max_seq_length)
    _freeze_below(model, options.train_layers)
    loss = MultipleNegativesRankingLoss(model)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=options.learning_rate)
    rng = random.Random(options.seed)
    plan = [b for _ in range(options.epochs) for b in batches(pairs, options.batch_size, rng)]
    warmup = max(1, math.ceil(0.1 * len(plan)))
    # Linear warm-up over a tenth of the steps, then linear decay.
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, (len(plan) - s) / max(1, len(plan) - warmup))
    )
    model.train()
    for step, batch in enumerate(plan):
        anchors = model.tokenize([p.anchor for p in batch])
        positives = model.tokenize([p.positive for p in batch])
        value = loss([anchors, positives], torch.empty(0))
        value.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 10 == 0:
            log.info("step %d of %d: loss %.3f", step + 1, len(plan), value.item())
    model.eval()
    model.max_seq_length = keep_length
    model.save(str(out))
    return len(plan)


def batches(pairs: list[Pair], size: int, rng: random.Random) -> Iterator[list[Pair]]:
    """``pairs`` shuffled into batches of ``size`` in which no text comes
    twice: a repeated anchor or passage would be its own negative. The last
    batch may be smaller; a batch of one teaches nothing and is dropped."""
    pool = list(pairs)
    rng.shuffle(pool)
    while len(pool) > 1:
        batch: list[Pair] = []
        seen: set[str] = set()
        rest: list[Pair] = []
        for pair in pool:
            if len(batch) < size and pair.anchor not in seen and pair.positive not in seen:
                batch.append(pair)
                seen.update((pair.anchor, pair.positive))
            else:
                rest.append(pair)
        if len(batch) < 2:
            return
        yield batch
        pool = rest


def _freeze_below(model, train_layers: int) -> None:
    """Only the top ``train_layers`` transformer layers (and the pooling,
    which has no weights) learn; all of them with the embeddings when
    ``train_layers`` covers every layer."""
    transformer = model[0].auto_model
    layers = transformer.encoder.layer
    first = max(0, len(layers) - train_layers)
    for parameter in transformer.parameters():
        parameter.requires_grad = first == 0
    for layer in layers[first:]:
        for parameter in layer.parameters():
            parameter.requires_grad = True


def fingerprint(folder: Path) -> str:
    """A short hash of a saved model's weights: its name's suffix."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.safetensors")) or sorted(folder.glob("*.bin")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
