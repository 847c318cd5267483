"""Copy an index without the documents read from paths containing a word.

    python bench/subset.py SOURCE_INDEX TARGET_INDEX limerick

Used to compare two indexes over exactly the same passages (for example
embedded with and without context) without embedding everything twice.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from minutes_qa.index.passage_index import PassageIndex


def main(source: Path, target: Path, word: str) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    index = PassageIndex.open(target)
    meetings = [
        row[0]
        for row in index.store.db.execute(
            "SELECT DISTINCT d.meeting_id FROM documents d JOIN sources s ON s.doc_id = d.id "
            "WHERE s.source LIKE ?",
            (f"%{word}%",),
        )
    ]
    removed = index.delete_meetings(meetings)
    print(f"removed {len(meetings)} meetings, {removed} passages; left: {index.stats()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
