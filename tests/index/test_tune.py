"""``minutes-qa tune``: pairs from the archive, a model trained on them,
recorded in the manifest, the archive embedded again with it in one
generation, and search through it."""

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.cli import main
from minutes_qa.corpus.load import load
from minutes_qa.index import vectors
from minutes_qa.index.encoder import load_encoder
from minutes_qa.index.errors import IndexMismatch
from minutes_qa.index.manifest import read_manifest, write_manifest
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.tune import TuneOptions, batches, fingerprint, train
from minutes_qa.index.tune_pairs import SOURCES, Pair, training_pairs
from minutes_qa.index.tuned import model_source
from tests.conftest import SAMPLE, TUNE_TEST

QUESTION = "What was said about PACT meetings?"


def test_pairs_come_from_every_source_and_follow_the_seed(sample_index: PassageIndex):
    pairs = training_pairs(sample_index.store, 1000, seed=1)
    assert {p.source for p in pairs} == set(SOURCES)
    assert training_pairs(sample_index.store, 1000, seed=1) == pairs
    assert training_pairs(sample_index.store, 1000, seed=2) != pairs
    titles = {p.anchor for p in pairs if p.source == "title"}
    assert "Scrutiny of the Community Safety Partnership" in titles


def test_pairs_are_capped_in_even_shares(sample_index: PassageIndex):
    pairs = training_pairs(sample_index.store, 30, seed=0)
    assert len(pairs) == 30
    assert sorted(sum(p.source == s for p in pairs) for s in SOURCES) == [10, 10, 10]


def test_boilerplate_titles_and_attendance_make_no_pairs(tmp_path: Path, hashing):
    # Seven meetings under one agenda-item title: the title names no subject.
    text = "Title: Minutes\nCouncil: Quillbury\n\n1. Apologies for absence\n\n{}\n"
    for i in range(7):
        (tmp_path / f"m{i}.txt").write_text(
            text.format(f"Councillor {i} asked about the drainage of the playing field number {i}.")
        )
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([tmp_path]), hashing)
    pairs = training_pairs(index.store, 100, seed=0)
    assert not [p for p in pairs if p.source == "title"]


def test_batches_never_hold_a_text_twice():
    rng = random.Random(0)
    pairs = [Pair(f"title {rng.randrange(5)}", f"passage {i}", "title") for i in range(40)]
    seen = []
    for batch in batches(pairs, 4, random.Random(3)):
        texts = [p.anchor for p in batch] + [p.positive for p in batch]
        assert len(texts) == len(set(texts)) and 2 <= len(batch) <= 4
        seen += batch
    assert len(seen) >= 36 and len(set(seen)) == len(seen)


def test_manifest_records_the_model_and_its_recipe(tuned_index: Path):
    manifest = read_manifest(tuned_index)
    assert manifest.generation == 2
    assert manifest.model.startswith("all-MiniLM-L6-v2+tuned-")
    tuned = manifest.tuned
    assert tuned is not None
    assert tuned["base"] == "all-MiniLM-L6-v2" and tuned["seed"] == TUNE_TEST["seed"]
    assert sum(tuned["pairs"].values()) == TUNE_TEST["max_pairs"]  # type: ignore[union-attr]
    assert tuned["steps"] >= 5  # type: ignore[operator]
    name, folder = model_source(tuned_index, manifest)  # type: ignore[misc]
    assert name == manifest.model == f"all-MiniLM-L6-v2+tuned-{fingerprint(Path(folder))}"
    assert list((tuned_index / "models").iterdir()) == [Path(folder)]


def test_every_vector_is_embedded_again(model_index: Path, tuned_index: Path):
    before, after = PassageIndex.open(model_index), PassageIndex.open(tuned_index)
    with before.snapshot() as old, after.snapshot() as new:
        ids_old, data_old = vectors.contents(old)
        ids_new, data_new = vectors.contents(new)
    assert sorted(ids_old) == sorted(ids_new)
    data_old, data_new = data_old[np.argsort(ids_old)], data_new[np.argsort(ids_new)]
    cosines = np.sum(data_old * data_new, axis=1)
    assert np.all(cosines < 0.9999) and np.all(cosines > 0.5)
    assert np.allclose(np.linalg.norm(data_new, axis=1), 1.0, atol=1e-5)
    # Content hashes follow the new model, so a later ingest reuses the new vectors.
    hashes = {h for (h,) in after.store.db.execute("SELECT embed_hash FROM passages")}
    assert hashes.isdisjoint(
        h for (h,) in before.store.db.execute("SELECT embed_hash FROM passages")
    )


def test_search_uses_the_tuned_model(tuned_index: Path, capsys, model, monkeypatch):
    monkeypatch.setenv("MINUTES_QA_RUNTIME", "torch")
    assert main(["search", QUESTION, "--index", str(tuned_index), "--json", "--k", "3"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert "PACT meetings" in results[0]["text"]
    # The base model's vectors are another space: opening with it is refused.
    with pytest.raises(IndexMismatch, match="tuned"):
        PassageIndex.open(tuned_index, model)


def test_a_reader_opened_before_the_tune_is_told(tuned_index: Path, model_index: Path, tmp_path):
    folder = tmp_path / "index"
    shutil.copytree(model_index, folder)
    reader = PassageIndex.open(folder)
    assert reader.generation == 1
    other = PassageIndex.open(tuned_index)
    name, source = model_source(tuned_index, other.manifest)  # type: ignore[misc]
    encoder = load_encoder(source, name=name)
    PassageIndex.open(folder).reembed(encoder, {"base": "all-MiniLM-L6-v2", "folder": source})
    with pytest.raises(IndexMismatch, match="open it again"):
        reader.generation  # noqa: B018


def test_a_tune_killed_after_its_commit_is_finished_on_open(tuned_index: Path, tmp_path):
    # Killed between the commit and the manifest: the manifest still names
    # the base model and the old generation, the store the new ones.
    folder = tmp_path / "index"
    shutil.copytree(tuned_index, folder)
    manifest = read_manifest(folder)
    stale = read_manifest(folder)
    stale.model, stale.tuned, stale.generation = "all-MiniLM-L6-v2", None, 1
    write_manifest(folder, stale)
    reopened = PassageIndex.open(folder)
    assert (reopened.manifest.model, reopened.manifest.generation) == (manifest.model, 2)
    assert read_manifest(folder).tuned == manifest.tuned


def test_an_index_of_no_trainable_model_is_refused(sample_index: PassageIndex, capsys):
    # The hashing stand-in is no sentence-transformers model: one clear line, exit 2.
    assert main(["tune", "--index", str(sample_index.folder)]) == 2
    assert "hashing-128 is not a sentence-transformers model" in capsys.readouterr().err
    assert read_manifest(sample_index.folder).generation == 1


@pytest.mark.slow
def test_training_is_reproducible(tmp_path: Path, sample_index: PassageIndex):
    pairs = training_pairs(sample_index.store, 16, seed=0)
    options = TuneOptions(max_pairs=16, batch_size=8, seed=0)
    for run in ("a", "b"):
        train("all-MiniLM-L6-v2", pairs, options, tmp_path / run, threads=2)
    assert fingerprint(tmp_path / "a") == fingerprint(tmp_path / "b")
    train("all-MiniLM-L6-v2", pairs, TuneOptions(batch_size=8, seed=1), tmp_path / "c", 2)
    assert fingerprint(tmp_path / "c") != fingerprint(tmp_path / "a")


@pytest.mark.slow
def test_onnx_runs_the_tuned_model(tuned_index: Path, tmp_path: Path):
    name, source = model_source(tuned_index, read_manifest(tuned_index))  # type: ignore[misc]
    onnx = load_encoder(source, runtime="onnx", cache=tmp_path, name=name)
    torch = load_encoder(source, name=name)
    assert type(onnx).__name__ == "OnnxEncoder" and onnx.name == torch.name == name
    texts = ["PACT meetings were discussed", "RESOLVED that the report be noted.", "x"]
    cosines = np.sum(onnx.encode_batch(texts) * torch.encode_batch(texts), axis=1)
    assert np.all(cosines > 0.9999)
    assert SAMPLE.is_dir()
