import shutil
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.corpus.load import load, parse_text
from minutes_qa.index import vectors
from minutes_qa.index.encoder import HashingEncoder, encode_one
from minutes_qa.index.errors import IndexMismatch, IndexNotFound
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from tests.conftest import SAMPLE, SAMPLE_PASSAGES

MINUTES = """---
council: Testshire County Council
committee: {committee}
date: {date}
---
Agenda item

3. Street Lighting

Minutes:

{body}
"""


def minutes(body: str, committee: str = "Highways Committee", date: str = "2024-01-10") -> str:
    return MINUTES.format(body=body, committee=committee, date=date)


def ingest_texts(index: PassageIndex, encoder, texts: dict[str, str]):
    docs = [parse_text(text, source=name) for name, text in texts.items()]
    return index.ingest(docs, encoder)


def ids_and_scores(index, encoder, query, k=10, filters=Filters()):
    return [
        (p.id, round(s, 5))
        for p, s in index.search_by_vector(encode_one(encoder, query), k, filters)
    ]


def test_round_trip_reopen_gives_same_results(sample_index: PassageIndex, hashing):
    before = ids_and_scores(sample_index, hashing, "CCTV cameras monitoring centre")
    stats = sample_index.stats()
    sample_index.close()
    reopened = PassageIndex.open(sample_index.folder, hashing)
    assert ids_and_scores(reopened, hashing, "CCTV cameras monitoring centre") == before
    assert reopened.stats() == stats
    assert stats.passages == SAMPLE_PASSAGES and stats.documents == 2


def test_reingest_does_not_duplicate(sample_index: PassageIndex, hashing):
    generation = sample_index.generation
    report = sample_index.ingest(load([SAMPLE]), hashing)
    assert (report.added, report.unchanged, report.passages_added) == (0, 2, 0)
    assert sample_index.stats().passages == SAMPLE_PASSAGES
    assert sample_index.generation == generation  # nothing changed, nothing written


def test_model_mismatch_is_refused(sample_index: PassageIndex):
    with pytest.raises(IndexMismatch, match="built with model 'hashing-128'"):
        PassageIndex.open(sample_index.folder, HashingEncoder(64))


def test_missing_index_says_how_to_make_one(tmp_path: Path):
    with pytest.raises(IndexNotFound, match="minutes-qa ingest"):
        PassageIndex.open(tmp_path / "none")


def test_changed_document_replaces_its_passages(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    ingest_texts(
        index,
        hashing,
        {"a.txt": minutes("Lamps on Mill Lane were faulty.\n\nRESOLVED that they be replaced.")},
    )
    report = ingest_texts(
        index,
        hashing,
        {"a.txt": minutes("Lamps on Mill Lane were repaired.\n\nRESOLVED that they be replaced.")},
    )
    assert (report.replaced, report.passages_added, report.passages_removed) == (1, 2, 2)
    # The unchanged decision keeps its vector: it is not embedded again.
    assert (report.embedded, report.reused_vectors) == (1, 1)
    texts = [p.text for p, _ in index.search_by_vector(encode_one(hashing, "Mill Lane lamps"), 10)]
    assert "Lamps on Mill Lane were faulty." not in texts
    assert "Lamps on Mill Lane were repaired." in texts
    assert index.stats().passages == 2


def test_repost_is_stored_once_with_both_sources(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    text = minutes("The parish clerk reported on the precept.")
    ingest_texts(index, hashing, {"post-1.md": text, "post-2.md": text})
    assert index.stats().passages == 1
    ((hit, _),) = index.search_by_vector(encode_one(hashing, "precept"), 5)
    assert hit.sources == ("post-1.md", "post-2.md")


def test_same_boilerplate_at_two_meetings_stays_two_documents(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    body = "RESOLVED that the minutes be signed as a correct record."
    ingest_texts(
        index,
        hashing,
        {"a.txt": minutes(body, date="2024-01-10"), "b.txt": minutes(body, date="2024-02-14")},
    )
    assert index.stats().meetings == 2 and index.stats().passages == 2


def test_filters(tmp_path: Path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    ingest_texts(
        index,
        hashing,
        {
            "jan.txt": minutes("Street lights on High Street were discussed.", date="2024-01-10"),
            "mar.txt": minutes(
                "RESOLVED that street lights be switched to LED.", date="2024-03-13"
            ),
            "plan.txt": minutes(
                "Street lights near the school were noted.",
                committee="Planning Committee",
                date="2024-02-01",
            ),
        },
    )

    def texts(**kw):
        return sorted(
            p.text[:12]
            for p, _ in index.search_by_vector(
                encode_one(hashing, "street lights"), 10, Filters(**kw)
            )
        )

    assert len(texts()) == 3
    assert texts(committee="planning") == ["Street light"]
    assert texts(since="2024-02-01") == ["RESOLVED tha", "Street light"]
    assert texts(until="2024-01-31") == ["Street light"]
    assert texts(kinds=("decision",)) == ["RESOLVED tha"]
    assert texts(council="Nowhere") == []


@pytest.mark.parametrize("n,k", [(1, 5), (7, 3), (97, 10), (300, 25)])
def test_faiss_equals_brute_force(n, k):
    rng = np.random.default_rng(n)
    data = rng.normal(size=(n, 32)).astype(np.float32)
    data[n // 2 :] = data[: n - n // 2]  # exact ties
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(1000, 1000 + n, dtype=np.int64)
    index = vectors.new_index(32)
    vectors.add(index, ids, data)
    for q in rng.normal(size=(5, 32)).astype(np.float32):
        q /= np.linalg.norm(q)
        got = vectors.search(index, q, k)
        scores = data @ q
        expected_scores = np.sort(scores)[::-1][: min(k, n)]
        assert np.allclose([s for _, s in got], expected_scores, atol=1e-5)
        for vec_id, score in got:  # each id really has the score reported
            assert abs(scores[vec_id - 1000] - score) < 1e-5
        allowed = ids[::3]
        got_allowed = vectors.search(index, q, k, vectors.Selection(allow=allowed))
        expected = np.sort(scores[::3])[::-1][: min(k, len(allowed))]
        assert np.allclose([s for _, s in got_allowed], expected, atol=1e-5)
        assert {i for i, _ in got_allowed} <= set(allowed.tolist())
        denied = ids[::2]
        got_denied = vectors.search(index, q, k, vectors.Selection(deny=denied))
        expected = np.sort(np.delete(scores, np.s_[::2]))[::-1][:k]
        assert np.allclose([s for _, s in got_denied], expected, atol=1e-5)
        assert not {i for i, _ in got_denied} & set(denied.tolist())


def test_ivf_layout_keeps_ids_filters_and_removals():
    """The IVF layout: recall against exact search, allow/deny honoured (a
    narrow filter searches every cell, so it is exact), contents round trip,
    removal, and a relayout back to exact search when it shrinks."""
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(40, 32))
    data = (centres[rng.integers(0, 40, 4000)] + 0.3 * rng.normal(size=(4000, 32))).astype(
        np.float32
    )
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(5, 5 + 3 * 4000, 3, dtype=np.int64)
    index = vectors.build(32, ids, data, cells=32)
    assert vectors.layout_name(index) == "ivf"
    exact = vectors.build(32, ids, data, cells=0)
    recalls = []
    for q in data[:50]:
        got = {i for i, _ in vectors.search(index, q, 10)}
        recalls.append(len(got & {i for i, _ in vectors.search(exact, q, 10)}) / 10)
        narrow = vectors.Selection(allow=ids[::100])
        assert vectors.search(index, q, 5, narrow) == vectors.search(exact, q, 5, narrow)
        deny = vectors.Selection(deny=np.array(sorted(got)))
        assert not {i for i, _ in vectors.search(index, q, 10, deny)} & got
    assert np.mean(recalls) >= 0.95
    got_ids, got_data = vectors.contents(index)
    order = np.argsort(got_ids)
    assert (got_ids[order] == ids).all() and np.allclose(got_data[order], data)
    vectors.remove(index, ids[:3990])
    assert index.ntotal == 10
    assert np.allclose(vectors.reconstruct(index, [int(ids[3995])])[0], data[3995])
    small = vectors.fit(index)
    assert vectors.layout_name(small) == "flat" and small.ntotal == 10
    assert vectors.search(small, data[3995], 1)[0][0] == ids[3995]


def test_cells_follow_size():
    assert vectors.cells_for(vectors.FLAT_MAX) == 0
    assert [vectors.layout_for(n) for n in (10**4, 10**5)] == ["flat", "ivf"]
    assert [vectors.layout_for(n, 200_000) for n in (10**4, 10**5, 10**6)] == [
        "flat",
        "flat16",
        "ivf",
    ]
    assert vectors.cells_for(10**5) == 1024 and vectors.cells_for(10**5, 200_000) == 0
    assert vectors.cells_for(10**6) == 4096


def test_stale_files_of_a_killed_ingest_are_ignored(sample_index: PassageIndex, hashing):
    """A FAISS file written by an ingest that died before its commit does not
    change what is served."""
    folder = sample_index.folder
    before = ids_and_scores(sample_index, hashing, "funding for CCTV")
    shutil.copy(
        folder / f"vectors-{sample_index.generation}.faiss",
        folder / f"vectors-{sample_index.generation + 1}.faiss",
    )
    vectors.save(vectors.new_index(128), folder / f"vectors-{sample_index.generation + 1}.faiss")
    reopened = PassageIndex.open(folder, hashing)
    assert ids_and_scores(reopened, hashing, "funding for CCTV") == before


def test_half_precision_layout_compares_every_vector():
    rng = np.random.default_rng(3)
    data = rng.normal(size=(500, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(10, 510, dtype=np.int64)
    index = vectors.new_index(32, half=True)
    vectors.add(index, ids, data)
    assert vectors.layout_name(index) == "flat16"
    for q in data[:20]:
        scores = data @ q
        got = vectors.search(index, q, 10)
        assert [i for i, _ in got][:3] == list(ids[np.argsort(-scores)[:3]])
        assert np.allclose([s for _, s in got], np.sort(scores)[::-1][:10], atol=2e-3)
        deny = vectors.Selection(deny=ids[:250])
        assert all(i >= 260 for i, _ in vectors.search(index, q, 10, deny))
    got_ids, got_data = vectors.contents(index)
    assert (got_ids == ids).all() and np.allclose(got_data, data, atol=1e-3)
    vectors.remove(index, ids[:100])
    assert index.ntotal == 400 and vectors.layout_name(vectors.fit(index)) == "flat"


def test_layout_survives_save_and_load(tmp_path: Path):
    index = vectors.new_index(8, half=True)
    vectors.add(index, np.arange(3, dtype=np.int64), np.eye(3, 8, dtype=np.float32))
    vectors.save(index, tmp_path / "v.faiss")
    for mmap in (False, True):
        assert vectors.layout_name(vectors.load(tmp_path / "v.faiss", mmap=mmap)) == "flat16"


def test_build_picks_the_layout_of_the_size():
    rng = np.random.default_rng(5)
    data = rng.normal(size=(vectors.EXACT_MAX + 1, 8)).astype(np.float32)
    ids = np.arange(len(data), dtype=np.int64)
    assert vectors.layout_name(vectors.build(8, ids, data)) == "ivf"
    assert vectors.layout_name(vectors.build(8, ids, data, flat_max=10**6)) == "flat16"
    assert vectors.layout_name(vectors.build(8, ids[:1000], data[:1000])) == "flat"
