"""The gradebook: autograded and written points together, per set, per question and in total.

``sahel-course gradebook`` reads a grading output folder (``results/``, ``written.csv``)
and the roster, and writes into the same folder

* ``gradebook.csv``: one row per student and set: ``student, name, section, set, status,
  auto_score, auto_max, written_score, written_max, late, late_penalty, total, max, flags``.
  ``status`` is ``complete`` (``total`` = auto + written - late penalty, never below 0),
  ``written_pending`` (written points not all
  entered yet: no total), ``no_score`` (the autograder gave no score, e.g. ``course_error``:
  no total) or ``missing`` (on the roster, no submission: no total). Students graded but
  not on the roster are kept (name = their folder name) and reported.
* ``gradebook_questions.csv``: one row per student, set and question (``kind`` auto or
  written, ``score``, ``max``, ``comment``).
* ``totals.csv``: one row per student: ``sets_complete``, ``total`` over the complete sets,
  ``max`` over every set graded, ``percent`` of ``max``.
* ``feedback/<student>/<set>.html`` again, now with the written points, the comment, the
  total and, for a late submission, the penalty.

Late submissions are listed in ``late.csv`` in the same folder (``student, set,
penalty_percent, source``), which ``gradebook --collected collect-<SET>.csv`` fills from
``collect``'s report and the instructor may edit (delete a row to excuse a student). The
penalty is ``penalty_percent`` of the set's maximum (``--late-penalty``, default 0: late
is shown, nothing is deducted), subtracted from the total, which never goes below 0.

All CSV files are UTF-8 with a byte-order mark, names in NFC.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import feedback
from .report import safe_part
from .roster import Student, nfc
from .written import WrittenError, load_results, read_grades

FIELDS = ["student", "name", "section", "set", "status", "auto_score", "auto_max", "written_score", "written_max",
          "late", "late_penalty", "total", "max", "flags"]
LATE_FIELDS = ["student", "set", "penalty_percent", "source"]
QUESTION_FIELDS = ["student", "set", "question", "title", "kind", "score", "max", "comment"]
TOTAL_FIELDS = ["student", "name", "section", "sets", "sets_complete", "total", "max", "percent"]


@dataclass
class Row:
    student: str
    name: str
    section: str
    set: str
    status: str
    auto_score: float | None
    auto_max: float | None
    written_score: float | None
    written_max: float | None
    flags: list[str] = field(default_factory=list)
    comments: dict = field(default_factory=dict)  #: grade_id -> {"points", "comment"}
    result: dict | None = None                     #: the autograder's result (None when missing)
    late: bool = False
    penalty_percent: float = 0.0                   #: of the set's maximum, when late

    @property
    def max(self) -> float | None:
        if self.auto_max is None:
            return None
        return self.auto_max + (self.written_max or 0.0)

    @property
    def raw_total(self) -> float | None:
        """Auto + written points, before any late penalty (None unless complete)."""
        return self.auto_score + (self.written_score or 0.0) if self.status == "complete" else None

    @property
    def late_penalty(self) -> float | None:
        """Points deducted for lateness (None unless complete)."""
        if self.raw_total is None:
            return None
        return min(self.raw_total, (self.max or 0.0) * self.penalty_percent / 100) if self.late else 0.0

    @property
    def total(self) -> float | None:
        return None if self.raw_total is None else self.raw_total - self.late_penalty


@dataclass
class Gradebook:
    rows: list[Row]
    questions: list[dict]
    warnings: list[str]
    sets: list[str]


def _n(v) -> str:
    return "" if v is None else f"{round(v, 6):g}"


def read_late(grading: str | Path) -> dict[tuple[str, str], dict]:
    """``late.csv`` of a grading folder, checked: ``{(student, set): {"penalty_percent", "source"}}``."""
    path = Path(grading) / "late.csv"
    if not path.is_file():
        return {}
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    out, problems = {}, []
    for i, r in enumerate(rows, start=2):
        if None in r or not {"student", "set", "penalty_percent"} <= set(r):
            problems.append(f"{path}: row {i}: expected the columns {', '.join(LATE_FIELDS)}")
            continue
        key = (nfc(r["student"]), nfc(r["set"]))
        text = (r["penalty_percent"] or "0").strip()
        try:
            pct = float(text)
        except ValueError:
            problems.append(f"{path}: row {i} ({key[0]}, {key[1]}): field 'penalty_percent': {text!r} is not a "
                            "number (write e.g. 10 for 10% of the set's maximum, 0 for none)")
            continue
        if not 0 <= pct <= 100:
            problems.append(f"{path}: row {i} ({key[0]}, {key[1]}): field 'penalty_percent': {text} is outside 0..100")
            continue
        if key in out:
            problems.append(f"{path}: row {i}: ({key[0]}, {key[1]}) is listed twice; keep one row")
            continue
        out[key] = {"penalty_percent": pct, "source": r.get("source") or ""}
    if problems:
        raise WrittenError("\n".join(problems))
    return out


def update_late(grading: str | Path, reports: list[str | Path], penalty: float | None = None) -> Path:
    """Add the late rows of ``collect`` reports to ``late.csv``; with ``penalty``, set it on every row."""
    from .collect import read_late as late_in_report

    if penalty is not None and not 0 <= penalty <= 100:
        raise WrittenError(f"--late-penalty {penalty:g}: a percentage of the set's maximum, from 0 to 100")
    grading = Path(grading)
    rows = read_late(grading)
    for report in reports:
        for key in late_in_report(report):
            rows.setdefault(key, {"penalty_percent": penalty or 0.0, "source": Path(report).name})
    if penalty is not None:
        for v in rows.values():
            v["penalty_percent"] = penalty
    return _write(grading / "late.csv", LATE_FIELDS,
                  [{"student": k[0], "set": k[1], "penalty_percent": _n(v["penalty_percent"]), "source": v["source"]}
                   for k, v in sorted(rows.items())])


def build(grading: str | Path, roster: list[Student] | None = None) -> Gradebook:
    """Merge ``results/``, ``written.csv`` and ``late.csv`` (checked) with the roster; nothing is written."""
    results = load_results(grading)
    marks = read_grades(grading, results)
    late = read_late(grading)
    people = {s.student: s for s in roster or []}
    warnings = []
    sets = sorted({r["set"] for r in results if r.get("auto_max") is not None})
    maxima = {}
    rows, questions, seen = [], [], set()
    for r in results:
        who = nfc(r["student"])
        if r.get("auto_max") is None:
            warnings.append(f"{who}/{r['set']}: not an exercise set of the course (unknown_set); not in the gradebook")
            continue
        seen.add((who, r["set"]))
        if roster is not None and who not in people:
            warnings.append(f"{who}: graded but not on the roster; kept (add them to roster.csv to export their grade)")
        s = people.get(who)
        written = [q for q in r["questions"] if q["kind"] == "written"]
        got = {q["grade_id"]: marks.get((who, r["set"], q["grade_id"])) for q in written}
        comments = {gid: {"points": m.points, "comment": m.comment} for gid, m in got.items() if m}
        if r.get("auto_score") is None:
            status = "no_score"
        elif all(got.values()):
            status = "complete"
        else:
            status = "written_pending"
        wscore = sum(m.points for m in got.values() if m) if any(got.values()) or not written else None
        maxima[r["set"]] = (r["auto_max"], r.get("written_max") or 0.0)
        lt = late.get((who, r["set"]))
        rows.append(Row(who, s.name if s else who, s.section if s else "", r["set"], status, r.get("auto_score"),
                        r["auto_max"], wscore, r.get("written_max") or 0.0, list(r.get("flags", [])), comments, r,
                        late=lt is not None, penalty_percent=lt["penalty_percent"] if lt else 0.0))
        for q in r["questions"]:
            m = got.get(q["grade_id"])
            score = (m.points if m else None) if q["kind"] == "written" else q.get("score")
            questions.append({"student": who, "set": r["set"], "question": q["grade_id"], "title": q["title"],
                              "kind": q["kind"], "score": _n(score), "max": _n(q["points"]),
                              "comment": m.comment if m else ""})
    for s in roster or []:
        for set_name in sets:
            if (s.student, set_name) not in seen:
                am, wm = maxima[set_name]
                rows.append(Row(s.student, s.name, s.section, set_name, "missing", None, am, None, wm))
    rows.sort(key=lambda row: (row.student, row.set))
    stray = sorted(set(late) - seen)
    if stray:
        warnings.append("late.csv names submissions that were not graded (ignored): "
                        + ", ".join(f"{a}/{b}" for a, b in stray))
    pending = [f"{row.student}/{row.set}" for row in rows if row.status == "written_pending"]
    if pending:
        warnings.append(f"{len(pending)} submission(s) still need written points in written.csv: "
                        + ", ".join(pending))
    return Gradebook(rows, questions, warnings, sets)


def totals(book: Gradebook) -> list[dict]:
    """One dict per student: the total over complete sets and the maximum over every set."""
    out: dict[str, dict] = {}
    for row in book.rows:
        t = out.setdefault(row.student, {"student": row.student, "name": row.name, "section": row.section,
                                         "sets": 0, "sets_complete": 0, "total": 0.0, "max": 0.0})
        t["sets"] += 1
        t["max"] += row.max or 0.0
        if row.status == "complete":
            t["sets_complete"] += 1
            t["total"] += row.total
    for t in out.values():
        t["percent"] = _n(100 * t["total"] / t["max"]) if t["max"] else ""
        t["total"], t["max"] = _n(t["total"]), _n(t["max"])
    return list(out.values())


def _write(path: Path, fields: list[str], rows: list[dict]) -> Path:
    tmp = path.with_name(f".{path.name}.part")
    with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)
    return path


def write(grading: str | Path, roster: list[Student] | None = None) -> dict:
    """Build the gradebook, write the three CSV files, regenerate feedback; return what was done."""
    grading = Path(grading)
    book = build(grading, roster)
    rows = [{"student": r.student, "name": r.name, "section": r.section, "set": r.set, "status": r.status,
             "auto_score": _n(r.auto_score), "auto_max": _n(r.auto_max), "written_score": _n(r.written_score),
             "written_max": _n(r.written_max), "late": "yes" if r.late else "", "late_penalty": _n(r.late_penalty),
             "total": _n(r.total), "max": _n(r.max), "flags": ";".join(r.flags)}
            for r in book.rows]
    paths = [_write(grading / "gradebook.csv", FIELDS, rows),
             _write(grading / "gradebook_questions.csv", QUESTION_FIELDS, book.questions),
             _write(grading / "totals.csv", TOTAL_FIELDS, totals(book))]
    pages = 0
    for r in book.rows:
        result = r.result
        if result is None:
            continue
        folder = grading / "feedback" / (result.get("student_folder") or safe_part(result["student"]))
        folder.mkdir(parents=True, exist_ok=True)
        shown = {**result, "student": r.name}  # the roster's name, not the folder key
        grade = {"total": r.total, "max": r.max, "raw_total": r.raw_total, "late": r.late,
                 "late_penalty": r.late_penalty, "penalty_percent": r.penalty_percent}
        (folder / f"{safe_part(result['set'])}.html").write_text(feedback.render(shown, r.comments, grade),
                                                                 encoding="utf-8")
        pages += 1
    return {"book": book, "paths": paths, "feedback_pages": pages, "warnings": book.warnings}
