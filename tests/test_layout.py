"""The layering holds: corpus → index → qa → the edges (api, the CLI and
settings in minutes_qa/), and every import goes through the one installed
name, minutes_qa."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each core folder may import from the project, besides itself.
ALLOWED = {
    "corpus": set(),
    "index": {"corpus"},
    "qa": {"corpus", "index"},
}
EDGE = {"api", "cli", "commands", "settings"}


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def _project_files() -> list[Path]:
    folders = ["corpus", "index", "qa", "api", "minutes_qa", "tests", "bench"]
    return [p for f in folders for p in (ROOT / f).rglob("*.py") if not p.is_symlink()]


def test_every_import_uses_the_installed_name():
    bare = {"corpus", "index", "qa", "api"}
    wrong = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _project_files()
        if "minutes_qa/" not in str(path.relative_to(ROOT)) or path.parent.name == "minutes_qa"
        for name in _imports(path)
        if name.split(".")[0] in bare
    ]
    assert wrong == []


def test_the_core_does_not_import_the_edges():
    wrong = []
    for folder, allowed in ALLOWED.items():
        for path in (ROOT / folder).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] != "minutes_qa" or len(parts) < 2 or parts[1] == folder:
                    continue
                if parts[1] in EDGE or parts[1] not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)}: {name}")
    assert wrong == []
