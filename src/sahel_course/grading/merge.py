"""Step 2, merge: the notebook to run = the released notebook + the student's own cells.

Like nbgrader's ``OverwriteCells``: every locked cell (instructions, setup, checks) is
taken from the *released* notebook by ``grade_id``, whatever the submission holds;
answer cells keep the student's text; cells the student added are kept in place (they
may hold the answer) and flagged. Cells the student deleted are put back. Written
answers are collected here, including text found in cells that are not answer cells,
so the instructor sees it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

_EMPTY_WRITTEN = {"", "YOUR ANSWER HERE"}


@dataclass
class Merged:
    notebook: object                      #: nbformat node to execute
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: dict = field(default_factory=dict)   #: grade_id -> the student's text
    answer_sources: dict = field(default_factory=dict)  #: grade_id -> the student's code


def _text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return "".join(value)
    return None


def _flag(m: Merged, flag: str, note: str) -> None:
    if flag not in m.flags:
        m.flags.append(flag)
    m.notes.append(note)


def merge(exercise, submission: dict) -> Merged:
    """Merge an untrusted submission (parsed JSON) into the released notebook of ``exercise``."""
    import nbformat
    from nbgrader.utils import is_solution

    released = exercise.released
    ref = {c.metadata["nbgrader"]["grade_id"]: c for c in released.cells
           if (c.metadata.get("nbgrader") or {}).get("grade_id")}
    order = list(ref)
    m = Merged(notebook=None)
    out, placed, extra_text = [], {}, []
    for i, raw in enumerate(submission.get("cells") or []):
        ctype = raw.get("cell_type") if isinstance(raw, dict) else None
        source = _text(raw.get("source", "")) if isinstance(raw, dict) else None
        if ctype not in ("code", "markdown", "raw") or source is None:
            _flag(m, "malformed_cells", f"cell {i + 1} is not a valid notebook cell and was left out")
            continue
        meta = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
        gid = (meta.get("nbgrader") or {}).get("grade_id") if isinstance(meta.get("nbgrader"), dict) else None
        if gid in ref and gid not in placed:
            r = ref[gid]
            new = copy.deepcopy(r)
            if is_solution(r):
                new.source = source
                if r.cell_type == "code":
                    m.answer_sources[gid] = source
                else:
                    m.written[gid] = source
            elif source.strip() != r.source.strip() or ctype != r.cell_type:
                _flag(m, "altered_locked_cell", f"the locked cell {gid!r} was edited; the original was used")
            placed[gid] = len(out)
            out.append(new)
            continue
        if not source.strip():
            continue  # an empty cell the student added: nothing to run or read
        new = nbformat.v4.new_code_cell(source) if ctype == "code" else nbformat.v4.new_markdown_cell(source)
        what = "code" if ctype == "code" else "text"
        _flag(m, "extra_cells", f"cell {i + 1} ({what}) is not one of the answer cells; it was kept")
        if ctype != "code":
            extra_text.append(source.strip())
        out.append(new)
    for k, gid in enumerate(order):  # put back what was deleted, after its predecessor
        if gid in placed:
            continue
        pos = next((placed[p] + 1 for p in reversed(order[:k]) if p in placed), 0)
        out.insert(pos, copy.deepcopy(ref[gid]))
        placed = {g: (v + 1 if v >= pos else v) for g, v in placed.items()}
        placed[gid] = pos
        if is_solution(ref[gid]):
            _flag(m, "missing_answer_cell", f"the answer cell {gid!r} was deleted; a blank one was put back")
        else:
            _flag(m, "altered_locked_cell", f"the locked cell {gid!r} was deleted; the original was put back")
    for q in exercise.questions:
        if q.kind != "written":
            continue
        text = (m.written.get(q.grade_id) or "").strip()
        if text in _EMPTY_WRITTEN and extra_text:
            m.written[q.grade_id] = "\n\n".join(extra_text)
            _flag(m, "written_outside_answer_cell",
                  f"{q.title}: the answer cell is empty, but text was found in other cells (shown to the instructor)")
        else:
            m.written[q.grade_id] = "" if text in _EMPTY_WRITTEN else text
    nb = copy.deepcopy(released)
    for c in out:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    nb.cells = out
    m.notebook = nb
    return m
