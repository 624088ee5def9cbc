"""The exercise sources follow the nbgrader format and the course's conventions.

(Running and grading them is tests/test_grading.py: computing the answer keys runs every
solution notebook and fails on any error cell. By hand: `pytest --nbval-lax exercises/source`.)
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from sahel_course.grading.spec import load_set

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "exercises" / "source"
EXPECTED = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())
PUBLIC_API = set(__import__("sahel_course").__all__) | {"data_dir"}


def _nb(name):
    return nbformat.read(str(SOURCE / name / f"{name}.ipynb"), as_version=4)


def _nbg(cell):
    return cell.metadata.get("nbgrader", {})


def test_every_set_folder_holds_its_notebook():
    assert EXPECTED, "no exercise sets found"
    for name in EXPECTED:
        assert (SOURCE / name / f"{name}.ipynb").is_file(), f"{name}/ must hold {name}.ipynb"


@pytest.mark.parametrize("name", EXPECTED)
def test_set_structure(name):
    nb = _nb(name)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    ids = [_nbg(c)["grade_id"] for c in nb.cells if _nbg(c)]
    assert len(ids) == len(set(ids)), "grade_id values must be unique"
    tests = [c for c in nb.cells if _nbg(c).get("grade") and not _nbg(c).get("solution")]
    answers = [c for c in nb.cells if _nbg(c).get("solution") and c.cell_type == "code"]
    written = [c for c in nb.cells if _nbg(c).get("solution") and c.cell_type == "markdown"]
    assert len(tests) >= 3 and len(answers) == len(tests)
    for c in tests:
        assert c.cell_type == "code" and _nbg(c)["points"] > 0 and _nbg(c)["locked"]
        assert "HIDDEN TESTS" not in c.source, "hidden checks run on the grader's side, not in the kernel"
        assert "check_" in c.source, "every test cell has a visible, kind check"
        spec = c.metadata["sahel_grading"]
        assert spec["compare"] in ("equal", "close", "rows") and spec["answer"] in c.source
        ast.parse(c.source)
    for c in answers:
        assert c.source.startswith("### BEGIN SOLUTION") and c.source.rstrip().endswith("### END SOLUTION")
        ast.parse(c.source)
    assert len(written) == 1 and _nbg(written[0])["grade"] and _nbg(written[0])["points"] > 0
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert nb.metadata["sahel_course"]["set"] == name
    ex = load_set(SOURCE / name / f"{name}.ipynb")  # what the grader reads
    assert [q.points for q in ex.questions if q.kind == "auto"] == [_nbg(c)["points"] for c in tests]
    assert all(q.title.startswith("Question ") for q in ex.questions)
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs, "commit exercise sources without outputs"


@pytest.mark.parametrize("name", EXPECTED)
def test_only_public_api(name):
    """Exercises use only the contract's public API (sc.<name>) and the grading checks."""
    text = "\n".join(c.source for c in _nb(name).cells if c.cell_type == "code")
    used = set(re.findall(r"\bsc\.([A-Za-z_]\w*)", text))
    assert used <= PUBLIC_API, used - PUBLIC_API
    assert "sahel_course." not in text.replace("sahel_course.grading", "")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace('"', "'"))


@pytest.mark.parametrize("name", EXPECTED)
def test_no_visible_hint_gives_the_solution_away(name):
    """A hint may name the method, never spell out the solution's code (30 characters in a row)."""
    import difflib
    cells = _nb(name).cells
    solution = _squeeze(" ".join(c.source for c in cells if _nbg(c).get("solution") and c.cell_type == "code"))
    for c in cells:
        hints = re.findall(r"hint=\s*\(?\s*[\"'](.+?)[\"']\s*\)?[,)]", c.source) if c.cell_type == "code" else []
        hints += [c.metadata.get("sahel_grading", {}).get("hint") or ""]
        for hint in filter(None, hints):
            h = _squeeze(hint)
            m = difflib.SequenceMatcher(None, h, solution, autojunk=False).find_longest_match(0, len(h), 0, len(solution))
            assert m.size < 30, f"{name}: the hint {hint!r} repeats the solution's code {h[m.a:m.a + m.size]!r}"
