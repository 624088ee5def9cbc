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
