"""``minutes-qa alerts add|list|remove|run`` and the run at the end of
``ingest``; the README's walk-through with the real model."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from minutes_qa.api.app import create_app
from minutes_qa.cli import build_parser, main
from minutes_qa.corpus.load import load
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.alert_servers import smtp_server
from tests.conftest import DATA

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hashing_index(tmp_path: Path, hashing) -> Path:
    folder = tmp_path / "index"
    index = PassageIndex.open_or_create(folder, hashing)
    index.ingest(load([DATA / "timeline"]), hashing)
    index.close()
    return folder


def test_every_alerts_action_has_an_example_in_its_help():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.choices and "alerts" in a.choices)
    alerts = commands.choices["alerts"]
    actions = next(a for a in alerts._actions if a.choices and "add" in a.choices)
    assert set(actions.choices) == {"add", "list", "remove", "run"}
    for name, action in actions.choices.items():
        assert f"example: minutes-qa alerts {name}" in action.format_help()


def test_add_list_remove(hashing_index: Path, capsys, monkeypatch):
    # Saving, listing and removing load no model.
    monkeypatch.setenv("MINUTES_QA_MODEL", "/nonexistent-model")
    index = ["--index", str(hashing_index)]
    add = ["alerts", *index, "add", "flooding in Quillbury", "--council", "Quillbury"]
    assert main([*add, "--email", "clerk@quillbury.example", "--kind", "decision"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("saved search 1: “flooding in Quillbury” (council Quillbury; decision)")
    assert "feed: http://127.0.0.1:8000/feeds/" in out
    assert main([*add, "--webhook", "https://intranet.example/hooks/minutes", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["id"] == 2 and len(second["webhook_secret"]) == 64
    assert main(["alerts", *index, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in listed] == [1, 2]
    assert listed[0]["outbox"]["waiting"] == {"email:clerk@quillbury.example": 0}
    assert main(["alerts", *index, "list"]) == 0
    assert "email:clerk@quillbury.example: 0 waiting to be sent" in capsys.readouterr().out
    assert main(["alerts", *index, "remove", "1"]) == 0
    assert capsys.readouterr().out == "removed saved search 1\n"
    assert main(["alerts", *index, "remove", "1"]) == 2
    assert capsys.readouterr().err == "minutes-qa: error: no saved search with id 1\n"
    assert main(["alerts", *index, "run", "--json"]) == 0  # nothing new: no model needed
    assert json.loads(capsys.readouterr().out)["collected"] == 0


def test_a_bad_address_is_a_usage_error(hashing_index: Path, capsys):
    args = ["alerts", "--index", str(hashing_index), "add", "flooding", "--email", "clerk"]
    assert main(args) == 2
    assert "not an email address: 'clerk'" in capsys.readouterr().err


def test_no_saved_searches(tmp_path: Path, capsys):
    assert main(["alerts", "--index", str(tmp_path / "none"), "list"]) == 0
    assert capsys.readouterr().out == "no saved searches\n"


def test_the_readme_walkthrough_with_the_real_model(
    model_index: Path, tmp_path, monkeypatch, capsys
):
    """Save "flooding in Quillbury", ingest new minutes, receive the email,
    see the feed entry: the commands of the README, in order."""
    import shutil

    folder = tmp_path / "index"
    shutil.copytree(model_index, folder)
    assert main(["ingest", str(DATA / "timeline"), "--index", str(folder)]) == 0
    capsys.readouterr()
    with smtp_server() as (port, mailbox):
        monkeypatch.setenv("MINUTES_QA_INDEX", str(folder))
        monkeypatch.setenv("MINUTES_QA_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MINUTES_QA_SMTP_PORT", str(port))
        monkeypatch.setenv("MINUTES_QA_SMTP_TLS", "none")
        add = ["alerts", "add", "flooding in Quillbury", "--council", "Quillbury"]
        assert main([*add, "--email", "clerk@quillbury.example"]) == 0
        feed = capsys.readouterr().out.split("feed: ")[1].split()[0]
        assert main(["ingest", str(DATA / "alerts")]) == 0
        out = capsys.readouterr().out
    summary = "alerts: 2 new matching passages for 1 saved search; sent 1 email and 0 webhook posts"
    assert summary in out
    assert len(mailbox.messages) == 1
    body = mailbox.messages[0].get_content()
    assert "The Clerk reported flooding in Quillbury after Storm Henk" in body
    assert "Quillbury Town Council · Environment Committee · 2024-02-06 · item 2" in body
    assert "confidential settlement" not in body and "allotment" not in body
    with TestClient(create_app(Settings(index=folder))) as client:
        response = client.get(feed.removeprefix("http://127.0.0.1:8000"))
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == 2
