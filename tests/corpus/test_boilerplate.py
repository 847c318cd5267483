"""Lines an archive repeats in every document (letterheads) are dropped,
judged over the set of files of one root, so that passage ids do not depend
on the order files are read in, nor on how they are shared among workers."""

from pathlib import Path

import pytest

from minutes_qa.corpus.boilerplate import archive_repeats, without_repeats
from minutes_qa.corpus.load import load, read_document, read_file
from minutes_qa.corpus.model import Document

LETTERHEAD = "Fenwick Parva Community Council – Minutes"
TOPICS = ["the bus shelter", "the playing field", "the war memorial", "the allotments", "litter"]


def minutes(n: int, topic: str, letterhead: bool = True) -> str:
    # The document without the letterhead shares no line with the others.
    head = (
        f"{LETTERHEAD}\n\nMinutes of the meeting held on {n} June 2024"
        if letterhead
        else (f"Record of the meeting of {n} June 2024, held in the Reading Room")
    )
    return (
        f"{head}\n\nThe chair opened the meeting.\n\n"
        f"1. Matters arising\n\nMembers discussed {topic} and its upkeep.\n\n"
        "The secretary read a letter from a resident.\n\n"
        f"2. Any other business\n\nThe chair raised {topic} again.\n"
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "fenwick"
    root.mkdir()
    for n, topic in enumerate(TOPICS, start=1):
        (root / f"2024-06-0{n}.md").write_text(minutes(n, topic))
    (root / "2024-06-09.md").write_text(minutes(9, "the pond", letterhead=False))
    return root


def documents(results) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def shown(doc: Document) -> list[str]:
    return [p.text for p in doc.passages] + [p.lead_in for p in doc.passages if p.lead_in]


def test_the_letterhead_is_dropped(archive: Path):
    docs = documents(load([archive]))
    assert len(docs) == 6
    assert all(LETTERHEAD not in shown(d) for d in docs)
    assert all(any("discussed" in t for t in shown(d)) for d in docs)


def test_a_document_read_alone_keeps_it(archive: Path):
    alone = read_document(archive / "2024-06-01.md")
    assert any(LETTERHEAD in t for t in shown(alone))


def test_ids_do_not_depend_on_order_or_on_workers(archive: Path):
    whole = {d.source: [p.id for p in d.passages] for d in documents(load([archive]))}
    # Each file read on its own ("a worker"), in reverse order, then the
    # repeats computed once over the set and applied to each.
    read = [d for path in sorted(archive.iterdir(), reverse=True) for d in read_file(path)]
    repeats = archive_repeats(documents(read))
    apart = {
        d.source: [p.id for p in d.passages] for d in documents(without_repeats(read, repeats))
    }
    assert apart == whole


def test_a_document_without_the_letterhead_has_the_ids_it_has_alone(archive: Path):
    inside = next(d for d in documents(load([archive])) if d.source.endswith("09.md"))
    alone = read_document(archive / "2024-06-09.md")
    assert [p.id for p in inside.passages] == [p.id for p in alone.passages]


def test_business_repeated_in_every_document_stays(tmp_path: Path):
    root = tmp_path / "parish"
    root.mkdir()
    for n, topic in enumerate(TOPICS, start=1):
        text = (
            minutes(n, topic)
            + "\nRESOLVED that the minutes be signed.\n\nThere were no declarations of interest.\n"
        )
        (root / f"{n}.md").write_text(text)
    for doc in documents(load([root])):
        assert "RESOLVED that the minutes be signed." in shown(doc)
        assert "There were no declarations of interest." in shown(doc)


def test_too_few_documents_to_tell(tmp_path: Path):
    root = tmp_path / "small"
    root.mkdir()
    for n, topic in enumerate(TOPICS[:3], start=1):
        (root / f"{n}.md").write_text(minutes(n, topic))
    assert all(any(LETTERHEAD in t for t in shown(d)) for d in documents(load([root])))
