"""Simulated students for tests, benchmarks and demonstrations (instructor side only)."""
from __future__ import annotations


def fill_answers(released_path, source_path, answer_ids=None):
    """A released notebook with the source's solution cells pasted in (a "solved" submission).

    ``answer_ids``: grade_ids of the solution cells to fill (default: all).
    """
    import nbformat

    rel = nbformat.read(str(released_path), as_version=4)
    src = nbformat.read(str(source_path), as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in src.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in rel.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers and (answer_ids is None or gid in answer_ids):
            cell.source = answers[gid].replace("### BEGIN SOLUTION\n", "").replace("\n### END SOLUTION", "")
    return rel
