"""The compressed layout (IVF-PQ re-scored with exact vectors) against exact
search, on vectors drawn around the test archive's own (as bench/scale.py
draws them), and through a whole index: ingest, filters, deletion, reopening."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document
from minutes_qa.index import compressed, vectors
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.rows import Filters
from tests.conftest import DATA, SAMPLE, SAMPLE_PASSAGES

N = 20_000


@pytest.fixture(scope="module")
def around_real() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """N vectors, each a passage of the test archive's (hashing encoder) plus
    noise, with ids that are not positions; and 60 queries drawn the same way."""
    encoder = HashingEncoder(128)
    texts = [p.text for d in load([SAMPLE, DATA]) if isinstance(d, Document) for p in d.passages]
    real = encoder.encode_batch(texts)
    rng = np.random.default_rng(11)

    def draw(n: int) -> np.ndarray:
        data = real[rng.integers(0, len(real), n)] + rng.normal(0, 0.05, (n, 128))
        return (data / np.linalg.norm(data, axis=1, keepdims=True)).astype(np.float32)

    ids = rng.permutation(10 * N)[:N].astype(np.int64) + 7
    return ids, draw(N), draw(60)


def test_candidates_re_scored_find_what_exact_search_finds(around_real, tmp_path: Path):
    ids, data, queries = around_real
    index = vectors.build(128, ids, data, flat_max=0, compressed=True)
    exact = vectors.build(128, ids, data, cells=0)
    assert vectors.layout_name(index) == "ivfpq" and index.ntotal == N
    vectors.save(index, tmp_path / "v.faiss")
    mapped = vectors.load(tmp_path / "v.faiss", mmap=True)
    recalls = []
    for q in queries:
        want = vectors.search(exact, q, 10)
        got = vectors.search(mapped, q, 10)
        recalls.append(len({i for i, _ in got} & {i for i, _ in want}) / 10)
        # Every score is the exact inner product: re-scored, not estimated.
        by_id = dict(zip(ids.tolist(), data, strict=True))
        assert np.allclose([s for _, s in got], [by_id[i] @ q for i, _ in got], atol=1e-5)
        allow = vectors.Selection(allow=ids[::50])
        allowed = set(ids[::50].tolist())
        assert {i for i, _ in vectors.search(mapped, q, 10, allow)} <= allowed
        deny = vectors.Selection(deny=np.array([i for i, _ in want]))
        assert not {i for i, _ in vectors.search(mapped, q, 10, deny)} & {i for i, _ in want}
    assert np.mean(recalls) >= 0.95, np.mean(recalls)
    # Exact vectors come back for texts embedded again; contents round-trip.
    assert np.allclose(vectors.reconstruct(mapped, [int(ids[5])])[0], data[5])
    got_ids, got_data = vectors.contents(mapped)
    assert (got_ids == ids).all() and np.allclose(got_data, data)
    # Removing rebuilds without retraining; the layout stays compressed.
    smaller = vectors.fit(vectors.remove(index, ids[:1000]), flat_max=0)
    assert vectors.layout_name(smaller) == "ivfpq" and smaller.ntotal == N - 1000
    assert not {i for i, _ in vectors.search(smaller, data[0], 10)} & set(ids[:1000].tolist())
    assert vectors.search(smaller, data[2000], 1)[0][0] == ids[2000]


@pytest.mark.slow
def test_an_index_built_compressed(tmp_path: Path):
    """Through PassageIndex: more passages than the layout's minimum, a
    filtered search, a deletion, reopening (mapped) and growing."""
    encoder = HashingEncoder(64)
    source = tmp_path / "meetings.jsonl"
    words = "lighting footpath drainage budget precept verge hedge grant parking flood".split()
    rng = np.random.default_rng(3)
    with source.open("w") as out:
        for m in range(170):
            items = [
                {
                    "number": str(n + 1),
                    "title": f"Item {m}-{n}",
                    "minutes": "\n\n".join(
                        " ".join(rng.choice(words, 12)) + f" {m} {n} {p}." for p in range(12)
                    ),
                }
                for n in range(5)
            ]
            council = "Ashby Parish Council" if m % 2 else "Brill Parish Council"
            date = (datetime.date(2020, 1, 1) + datetime.timedelta(days=m)).isoformat()
            meeting = {"id": f"m{m}", "council": council, "date": date}
            out.write(json.dumps({**meeting, "title": f"Meeting {m}", "items": items}) + "\n")
    folder = tmp_path / "index"
    report = ingest_into(folder, load([source]), encoder, flat_max=0, compressed=True)
    assert report.passages_added == 170 * 5 * 12 > compressed.MIN_VECTORS
    # flat_max=0 throughout: at the default, 10^4 passages would go back to exact search.
    index = PassageIndex.open(folder, encoder, flat_max=0)
    assert index.store.index_type() == "ivfpq"
    query = encoder.encode_batch(["drainage budget 17 3"])[0]
    hits = index.search_by_vector(query, 10, Filters(council="Ashby"))
    assert len(hits) == 10 and all(h.council == "Ashby Parish Council" for h, _ in hits)
    meeting = index.store.db.execute("SELECT meeting_id FROM documents LIMIT 1").fetchone()[0]
    gone = index.delete_meetings([meeting])
    assert gone == 60
    left = index.store.db.execute("SELECT count(*) FROM passages").fetchone()[0]
    index.close()
    # Reopened (vectors mapped) without the setting, and grown: still compressed.
    again = PassageIndex.open(folder, encoder, flat_max=0)
    with again.snapshot() as faiss_index:
        assert vectors.layout_name(faiss_index) == "ivfpq" and faiss_index.ntotal == left
    again.ingest(load([SAMPLE]), encoder)
    with again.snapshot() as faiss_index:
        assert vectors.layout_name(faiss_index) == "ivfpq"
        assert faiss_index.ntotal == left + SAMPLE_PASSAGES
    assert again.search_by_vector(query, 5)
    again.close()


def test_written_from_vectors_on_disk_is_the_built_index_byte_for_byte(around_real, tmp_path: Path):
    """compressed.write streams the exact vectors from a memory map into the
    file: the same file as building the index in memory and saving it."""
    ids, data, queries = around_real
    on_disk = np.lib.format.open_memmap(tmp_path / "data.npy", "w+", np.float32, data.shape)
    on_disk[:] = data
    on_disk.flush()
    mapped = np.load(tmp_path / "data.npy", mmap_mode="r")
    vectors.save(compressed.build(128, ids, data, 64), tmp_path / "built.faiss")
    compressed.write(tmp_path / "written.faiss", ids, mapped, 64)
    assert (tmp_path / "written.faiss").read_bytes() == (tmp_path / "built.faiss").read_bytes()
    index = vectors.load(tmp_path / "written.faiss", mmap=True)
    assert vectors.layout_name(index) == "ivfpq" and index.ntotal == N
    by_id = dict(zip(ids.tolist(), data, strict=True))
    for q in queries[:5]:
        found = vectors.search(index, q, 10)
        assert np.allclose([s for _, s in found], [by_id[i] @ q for i, _ in found], atol=1e-5)
