"""What the web readers make of saved pages and exports: files read and
failed, passages, and how many passages are junk or one person's name.

    python bench/web_readers.py                      # the default sets below
    python bench/web_readers.py FOLDER [FOLDER ...]
    python bench/web_readers.py --before REV         # also with the readers of commit REV
    python bench/web_readers.py --show               # print every junk passage

Default sets: the ModernGov fixtures and the eSCRIBE JSON of ../shared/corpus,
the HTML pages of tests/data/councils, and tests/data/web.

A passage is *junk* when it is site furniture rather than minutes: a menu or
footer word ("Home", "Search", "Accessibility"), a file link or size ("pdf
icon PDF 129 KB", "Report.pdf"), "Download ...", "Page 1 of 16", a cookie
notice, "Powered by ...", a breadcrumb ("Committee > Minutes > Item 2"), a
page's own field ("Venue:", "Contact:", "Published: ...", "Publication
date: ..."), a label alone ("Minutes:", "Additional documents:"), or two
words or fewer ("e", "Items"; "Nil." and "None." excepted). It is a
*one-name* passage when it is nothing but one person's name ("Cllr Dermot
Fahy (Chair)"). These rules are the bench's own, written apart from the
readers' furniture rules, so that the count is not the readers marking
their own work. Reading only: nothing is embedded.

``--before REV`` checks REV out in a temporary git worktree and runs this
script there (``PYTHONPATH`` pointing at it), so that the same files are
counted with the readers as they were.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT = {
    "lgsf-moderngov-fixtures": [SHARED / "lgsf-moderngov-fixtures"],
    "london-ontario-escribe/json": [SHARED / "london-ontario-escribe" / "json"],
    "councils (html)": sorted(
        p
        for p in (ROOT / "tests" / "data" / "councils").rglob("*")
        if p.suffix in (".html", ".htm")
    ),
    "tests/data/web": [ROOT / "tests" / "data" / "web"],
}
_JUNK = re.compile(
    r"^(?:home|search|menu|login|sign in|accessibility(?: statement)?|privacy(?: policy)?"
    r"|contact us|cookies?|items|media|webcast|view directions|print(?: this page)?|share(?: this)?"
    r"|skip to .*|back to .*|download.*|page \d+(?: of \d+)?|powered by .*|copyright .*|© .*"
    r"|.*\b(?:pdf icon|\d+(?:\.\d+)?\s*[km]b)\b.*|[\w .,()&'-]+\.(?:pdf|docx?|xlsx?)"
    r"|(?:venue|contact|published|posted on|publication date|effective from|last updated"
    r"|page last reviewed|date of publication)\s*:.*"
    r"|(?:minutes|decision|purpose|additional documents|supporting documents"
    r"|accompanying documents|attachments|background papers)\s*:"
    r"|.*\bwe use cookies\b.*|.*\bthis (?:web)?site uses cookies\b.*)$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^(?:[^>]{1,40}>){2,}[^>]{0,40}$")
_ONE_NAME = re.compile(
    r"^(?:(?:cllr|councillor|cr|mayor|deputy mayor|mr|mrs|ms|miss|dr)\.?\s+)"
    r"(?:[A-Z][\w.'’-]*\s*){1,4}(?:\([^)]{1,40}\))?[.,;]?$"
)


def junk(text: str) -> bool:
    bare = text.strip().strip("*").strip()
    if bare in ("Nil.", "None.", "Nil", "None"):
        return False
    return bool(len(bare.split()) <= 2 or _JUNK.match(bare) or _BREADCRUMB.match(bare))


def one_name(text: str) -> bool:
    return bool(_ONE_NAME.match(text.strip()))


def measure(paths: list[Path]) -> dict[str, object]:
    from minutes_qa.corpus.load import load
    from minutes_qa.corpus.model import Failure

    files = read = failed = passages = 0
    junk_texts: list[str] = []
    names: list[str] = []
    failures: list[str] = []
    seen: set[str] = set()
    for result in load(paths):
        source = result.source.split("#", 1)[0]
        if source not in seen:
            seen.add(source)
            files += 1
        if isinstance(result, Failure):
            failed += 1
            failures.append(f"{Path(result.source).name}: {result.reason}")
            continue
        read += 1
        for passage in result.passages:
            passages += 1
            if junk(passage.text):
                junk_texts.append(f"{Path(result.source).name}: {passage.text[:100]}")
            elif one_name(passage.text):
                names.append(f"{Path(result.source).name}: {passage.text[:100]}")
    return {
        "files": files,
        "read": read,
        "failed": failed,
        "passages": passages,
        "junk": junk_texts,
        "one_name": names,
        "failures": failures,
    }


def measure_all(sets: dict[str, list[Path]]) -> dict[str, dict[str, object]]:
    return {name: measure([p for p in paths if p.exists()]) for name, paths in sets.items()}


def before(rev: str, sets: dict[str, list[Path]]) -> dict[str, dict[str, object]]:
    """The same measure with the readers of ``rev``, in a temporary worktree."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
            check=True,
            capture_output=True,
        )
        try:
            spec = json.dumps({k: [str(p) for p in v] for k, v in sets.items()})
            env = dict(os.environ, PYTHONPATH=str(tree))
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--json-sets", spec],
                cwd=tree,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            return json.loads(out.stdout)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                check=False,
                capture_output=True,
            )


def _row(name: str, r: dict[str, object]) -> str:
    junk_n, names_n = len(r["junk"]), len(r["one_name"])  # type: ignore[arg-type]
    total = r["passages"] or 1
    return (
        f"  {name:30} files {r['files']:>3}  read {r['read']:>3}  failed {r['failed']:>3}  "
        f"passages {r['passages']:>4}  junk {junk_n:>3} ({100 * junk_n / total:4.1f} %)  "  # type: ignore[operator]
        f"one-name {names_n:>3}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--before", metavar="REV", help="also measure the readers of REV")
    parser.add_argument("--show", action="store_true", help="print junk passages and failures")
    parser.add_argument("--json-sets", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.json_sets:
        sets = {k: [Path(p) for p in v] for k, v in json.loads(args.json_sets).items()}
        print(json.dumps(measure_all(sets)))
        return
    sets = {str(f): [f] for f in args.folders} if args.folders else DEFAULT
    now = measure_all(sets)
    if args.before:
        old = before(args.before, sets)
        print(f"== before ({args.before})")
        for name, r in old.items():
            print(_row(name, r))
            if args.show:
                for line in [*r["junk"], *r["failures"]]:  # type: ignore[misc]
                    print(f"      {line}")
    print("== now")
    for name, r in now.items():
        print(_row(name, r))
        if args.show:
            for line in [*r["junk"], *r["one_name"], *r["failures"]]:  # type: ignore[misc]
                print(f"      {line}")


if __name__ == "__main__":
    main()
