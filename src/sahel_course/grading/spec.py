"""Step 0, the trusted side: what each exercise set asks, read from its *source* notebook.

Questions, grade ids, points and how each answer is compared come from here, never
from a submission. An autograded question is a locked nbgrader test cell (``grade:
true``) whose metadata declares the answer and the comparison::

    "sahel_grading": {"answer": "answer_q1", "compare": "equal", "hint": "count rows ..."}

``compare`` is one of ``equal`` (same type and value; options ``ignore_case`` and
``ignore_order``), ``close`` (a number, ``rel_tol``/``abs_tol``) or ``rows`` (a
DataFrame; its ``columns`` compared as a sorted list of rows). The expected value is
not written anywhere: the grader runs the solution notebook (in the same sandbox) and
exports the same names. A written question is a Markdown solution cell with points.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

COMPARES = {"equal", "close", "rows"}


class SpecError(ValueError):
    """The source notebook of an exercise set is not usable for grading (an instructor's problem)."""


@dataclass
class Question:
    grade_id: str
    title: str               #: as the student sees it, e.g. "Question 2"
    points: float
    kind: str                #: "auto" or "written"
    answer: str | None = None
    compare: dict = field(default_factory=dict)
    answer_cell: str | None = None  #: grade_id of the cell the student writes in


@dataclass
class ExerciseSet:
    name: str
    source: Path
    questions: list[Question]
    released: object         #: the notebook as students receive it (nbformat node)
    solution: object         #: the source notebook, to compute the answer key
    title: str = ""          #: the notebook's H1, e.g. "Exercise 01: The story and its timeline"

    @property
    def answer_names(self) -> list[str]:
        return [q.answer for q in self.questions if q.kind == "auto"]

    @property
    def max_auto(self) -> float:
        return sum(q.points for q in self.questions if q.kind == "auto")

    @property
    def max_written(self) -> float:
        return sum(q.points for q in self.questions if q.kind == "written")


def heading(markdown: str) -> str | None:
    """The first heading of a Markdown text, without a "(2 points)" suffix.

    >>> heading("## Question 2 (written, 3 points)\\n\\nIn four sentences...")
    'Question 2'
    """
    m = re.search(r"^#{1,4}\s*(.+?)\s*$", markdown, re.M)
    if not m:
        return None
    return re.sub(r"\s*\((?:written, )?[\d.]+ points?\)\s*$", "", m.group(1)).strip()


def load_set(source: str | Path) -> ExerciseSet:
    """Read one source notebook (with solutions) into an :class:`ExerciseSet`."""
    import nbformat
    from nbgrader.preprocessors import ClearSolutions

    source = Path(source)
    name = source.parent.name
    nb = nbformat.read(str(source), as_version=4)
    questions: list[Question] = []
    title, last_answer_cell = None, None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        gid = meta.get("grade_id")
        if cell.cell_type == "markdown" and not meta.get("solution"):
            title = heading(cell.source) or title
        if meta.get("solution") and cell.cell_type == "code":
            last_answer_cell = gid
        if not meta.get("grade"):
            continue
        points = float(meta.get("points", 0))
        if cell.cell_type == "markdown":
            questions.append(Question(gid, title or gid, points, "written", answer_cell=gid))
            continue
        spec = cell.metadata.get("sahel_grading")
        if not isinstance(spec, dict) or not spec.get("answer") or spec.get("compare") not in COMPARES:
            raise SpecError(f"{source}: test cell {gid!r} must declare "
                            f"metadata.sahel_grading = {{'answer': NAME, 'compare': one of {sorted(COMPARES)}}}")
        if "BEGIN HIDDEN TESTS" in cell.source:
            raise SpecError(f"{source}: test cell {gid!r} has hidden tests; hidden checks now run on the "
                            "grader's side (metadata.sahel_grading), so remove the region")
        questions.append(Question(gid, title or gid, points, "auto", spec["answer"], dict(spec),
                                  answer_cell=last_answer_cell))
    if not questions:
        raise SpecError(f"{source}: no graded cells (nbgrader 'grade': true) found")
    ids = [q.grade_id for q in questions]
    if len(set(ids)) != len(ids):
        raise SpecError(f"{source}: a grade_id is used twice")
    released = copy.deepcopy(nb)
    released, _ = ClearSolutions().preprocess(released, {})
    released.metadata.setdefault("sahel_course", {})["set"] = name
    first_md = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    return ExerciseSet(name, source, questions, released, nb, heading(first_md) or name)


def list_sets(course: str | Path) -> list[str]:
    """Names of the exercise sets in ``<course>/source`` (folders holding a notebook)."""
    src = Path(course) / "source"
    if not src.is_dir():
        return []
    return sorted(p.name for p in src.iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").is_file())
