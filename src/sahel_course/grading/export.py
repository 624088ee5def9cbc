"""Grades for the learning platform: Canvas and Moodle import files, and nbgrader's long CSV.

``sahel-course export GRADING --roster roster.csv --to canvas|moodle|nbgrader`` reads the
gradebook (:mod:`.gradebook`) and writes ``GRADING/export/<to>.csv``. One grade column per
set; the grade is the set's ``total`` (autograded + written points, minus any late
penalty) and is left **empty** when there is none (no submission, written answers not graded yet,
no score); the command lists those students.

* **Canvas** (Grades > Import): a student with no grade in any exported set is left out of
  the file (and listed): Canvas's importer counts an empty cell as a change wherever it
  already holds a score. ``Student, ID, SIS User ID, SIS Login ID, Section``, then
  one column per set, named ``<set> (<assignment id>)`` when you pass ``--canvas-id
  SET=ID`` (Canvas matches the assignment by that id), else ``<set>`` (Canvas then offers
  to create a new assignment). UTF-8 with a byte-order mark.
* **Moodle** (Gradebook setup > Import > CSV file): ``Email address, ID number, Full name``,
  then per set ``<set>`` (the grade) and ``<set> feedback`` (the instructor's comments on
  the written answers, and "Late: ..." for a late submission). On import, map "Email address" to "Email address" (or "ID number"
  to "ID number") and each grade and feedback column to its grade item. UTF-8 without a
  byte-order mark (choose UTF-8 as the file's encoding on the import page).
* **nbgrader** (the columns of ``nbgrader export``): ``assignment, duedate, timestamp,
  student_id, last_name, first_name, email, raw_score, late_submission_penalty, score,
  max_score``, one row per student and set (empty score when there is none);
  ``raw_score`` is before the late penalty, ``late_submission_penalty`` the points deducted.

Every name is NFC-normalised. A student without an identifier the platform can match is
an error that names the roster row's student, before any file is written.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from .gradebook import Gradebook, build
from .roster import Student

TARGETS = ("canvas", "moodle", "nbgrader")


class ExportError(ValueError):
    """The export cannot be written (the message lists every problem)."""


def _n(v) -> str:
    return "" if v is None else f"{round(v, 6):g}"


def _write(path: Path, header: list[str], rows: list[list[str]], bom: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    with open(tmp, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)
    return path


def _split(name: str) -> tuple[str, str]:
    """(last, first) from "Last, First" or "First Last"."""
    if "," in name:
        last, first = name.split(",", 1)
        return last.strip(), first.strip()
    parts = name.rsplit(" ", 1)
    return (parts[1], parts[0]) if len(parts) == 2 else (name, "")


def _comments(book: Gradebook, row) -> str:
    parts = [f"{q['title']}: {q['comment']}" for q in book.questions
             if q["student"] == row.student and q["set"] == row.set and q["comment"]]
    if row.late:
        parts.append(f"Late: -{_n(row.late_penalty)} point(s) ({_n(row.penalty_percent)}% of {_n(row.max)})."
                     if row.penalty_percent and row.late_penalty is not None else "Late (no penalty).")
    return " ".join(parts)


def export(grading: str | Path, roster: list[Student], to: str, canvas_ids: dict[str, str] | None = None,
           out: str | Path | None = None) -> dict:
    """Write the import file for ``to`` (canvas, moodle, nbgrader); return its path and warnings."""
    if to not in TARGETS:
        raise ExportError(f"export: --to must be one of {', '.join(TARGETS)}, not {to!r}")
    book = build(grading, roster)
    cell = {(r.student, r.set): r for r in book.rows}
    canvas_ids = canvas_ids or {}
    unknown = sorted(set(canvas_ids) - set(book.sets))
    problems = [f"--canvas-id {s}=...: no set {s!r} in the gradebook (sets: {', '.join(book.sets)})" for s in unknown]
    for s in roster:
        if to == "canvas" and not (s.lms_id or s.sis_id or s.login_id):
            problems.append(f"roster: student {s.student!r}: Canvas needs 'lms_id', 'sis_id' or 'login_id'")
        if to == "moodle" and not (s.email or s.sis_id):
            problems.append(f"roster: student {s.student!r}: Moodle needs 'email' or 'sis_id' (ID number)")
    if problems:
        raise ExportError("export: nothing written:\n" + "\n".join(problems))
    blank = [f"{r.student}/{r.set} ({r.status})" for r in book.rows if r.total is None]
    off_roster = sorted({r.student for r in book.rows} - {s.student for s in roster})
    rows, left_out = [], []
    if to == "canvas":
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [
            f"{s} ({canvas_ids[s]})" if s in canvas_ids else s for s in book.sets]
        for s in roster:
            grades = [_n(cell[(s.student, x)].total) if (s.student, x) in cell else "" for x in book.sets]
            if any(grades):
                rows.append([s.name, s.lms_id, s.sis_id, s.login_id, s.section] + grades)
            else:
                left_out.append(s.student)
    elif to == "moodle":
        header = ["Email address", "ID number", "Full name"]
        for x in book.sets:
            header += [x, f"{x} feedback"]
        for s in roster:
            row = [s.email, s.sis_id, s.name]
            for x in book.sets:
                r = cell.get((s.student, x))
                row += [_n(r.total) if r else "", _comments(book, r) if r else ""]
            rows.append(row)
    else:
        header = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                  "raw_score", "late_submission_penalty", "score", "max_score"]
        for x in book.sets:
            for s in roster:
                r = cell.get((s.student, x))
                last, first = _split(s.name)
                total = _n(r.total) if r else ""
                rows.append([x, "", "", s.student, last, first, s.email, _n(r.raw_total) if r else "",
                             _n(r.late_penalty) if total else "", total, _n(r.max) if r else ""])
    path = Path(out) if out else Path(grading) / "export" / f"{to}.csv"
    _write(path, header, rows, bom=to != "moodle")
    warnings = list(book.warnings)
    if blank:
        warnings.append(f"{len(blank)} grade(s) left empty: " + ", ".join(blank))
    if left_out:
        warnings.append("no grade to send, so not in the Canvas file (an empty cell would show as a change "
                        "where Canvas already has a score): " + ", ".join(left_out))
    if off_roster:
        warnings.append("graded but not on the roster, so not exported: " + ", ".join(off_roster))
    return {"path": path, "warnings": warnings, "rows": len(rows)}
