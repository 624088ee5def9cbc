"""docs/architecture.md describes the package as it is: its module map names every module, and only those."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sahel_course"


def mapped_modules() -> set[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([\w/]+(?:\.py)?)` \|", section, flags=re.M))


def test_module_map_lists_every_module_and_only_existing_ones():
    on_disk = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    on_disk |= {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    mapped = mapped_modules()
    assert mapped, "no module map table found in docs/architecture.md"
    assert mapped - on_disk == set(), "named in docs/architecture.md but not in the package"
    assert on_disk - mapped == set(), "in the package but missing from docs/architecture.md"


def test_public_names_in_the_map_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    for module, names in re.findall(r"^\| `(\w+)\.py` \| [^|]+ \| ([^|]+) \|", section, flags=re.M):
        mod = importlib.import_module(f"sahel_course.{module}")
        for name in re.findall(r"`(\w+)(?:\(\))?`", names):
            if module in {"edition", "cli", "compare"} and not hasattr(mod, name):
                continue  # command names and "as those three"
            assert hasattr(mod, name), f"docs/architecture.md: sahel_course.{module} has no {name}"


def _private_imports(path: Path, root: Path = ROOT) -> list[str]:
    """``from <package module> import _name`` in one file: a private name of another module."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        inside = node.level > 0 or (node.module or "").split(".")[0] == "sahel_course"
        for alias in node.names if inside else ():
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{path.relative_to(root)}:{node.lineno} imports {alias.name} from "
                             f"{'.' * node.level}{node.module or ''}")
    return found


def test_the_private_import_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import re\nfrom .text import _fold, fold\nfrom sahel_course.checks import check_corpus\n"
                   "from sahel_course._kind import choose\nfrom pandas import _libs\n", encoding="utf-8")
    assert _private_imports(bad, tmp_path) == ["bad.py:2 imports _fold from .text"]


def test_no_module_imports_another_modules_private_names():
    # private modules (_errors, _kind, _paths) are fine: their public names are what is shared
    problems = [p for path in sorted(PACKAGE.rglob("*.py")) for p in _private_imports(path)]
    assert problems == []
