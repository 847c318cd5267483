"""The eval command scores the system and both baselines on the same passages."""

import json
from pathlib import Path

from minutes_qa.cli import main
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.evaluate import answers, evaluate, format_table, read_queries
from minutes_qa.qa.search import Searcher
from tests.conftest import DATA

QUERIES = DATA / "eval-sample.jsonl"


def test_answers_folds_case_and_white_space():
    assert answers("The  introduction of\nSmart Water and", ("introduction of smart water",))
    assert not answers("Smart Water", ("introduction of smart water",))


def test_evaluate_on_the_sample(model_index: Path, model):
    searcher = Searcher(PassageIndex.open(model_index, model), model)
    result = evaluate(searcher, read_queries(QUERIES))
    table = result.table
    assert set(table) == {"system", "bm25", "dense", "rrf"}
    assert result.kinds == ["commitment", "decision", "paraphrase", "topic"]
    for name in table:
        assert table[name]["all"].queries == 5
        assert 0 <= table[name]["all"].mrr_at_10 <= 1
    assert result.ranks["system"]["s1"] == 1
    assert result.ranks["dense"]["s1"] == 1
    # The ratio is the system's MRR over the better baseline's.
    best = max(table["bm25"]["all"].mrr_at_10, table["dense"]["all"].mrr_at_10)
    assert result.ratio_to_best_baseline is not None
    assert abs(result.ratio_to_best_baseline - table["system"]["all"].mrr_at_10 / best) < 1e-9
    text = format_table(result)
    assert "system" in text and "rrf" in text and "ratio to naive RRF" in text


def test_eval_cli_json(model_index: Path, capsys):
    assert main(["eval", str(QUERIES), "--index", str(model_index), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["table"]["system"]["all"]["queries"] == 5


def test_commitments_newest_first(model_index: Path, capsys):
    assert main(["commitments", "--index", str(model_index), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["commitments"]
    assert [r["citation"]["meeting_date"] for r in rows] == ["2019-11-13"]
    assert "Members would be updated in due course" in rows[0]["text"]
    assert main(["commitments", "--index", str(model_index), "--since", "2020-01-01"]) == 0
    assert "no commitments found" in capsys.readouterr().out
