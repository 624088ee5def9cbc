"""Grading the written answers: one page per set to read them, ``written.csv`` to fill in.

``sahel-course written SET`` reads the autograder's results (``<grading>/results/``),
and writes

* ``<grading>/written/<SET>.html``: a self-contained page, question by question: the
  question, the rubric (``<course>/rubrics.yaml``), the model answer (the written solution
  cell of the source notebook) and every student's answer, including text found outside
  the answer cell (flag ``written_outside_answer_cell``); students of the roster with no
  submission are listed as missing. Everything a student wrote is escaped.
* ``<grading>/written.csv`` (UTF-8 with BOM): ``student, set, question, title, max_points,
  points, comment``, one row per submission and written question. Fill ``points`` (a number
  from 0 to ``max_points``, half points allowed, a dot as decimal mark) and ``comment``
  (shown to the student). Re-running keeps every filled row, adds rows for new
  submissions, and keeps rows it no longer recognises (with a warning), so nothing typed
  is ever lost.

:func:`read_grades` checks the file: every problem is reported at once with the row,
the field and how to fix it.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .report import safe_part
from .roster import Student, nfc

CSV_FIELDS = ["student", "set", "question", "title", "max_points", "points", "comment"]


class WrittenError(ValueError):
    """written.csv (or the grading folder) cannot be used; the message lists every problem."""


def load_results(grading: str | Path) -> list[dict]:
    """Every ``results/<student>/<set>.json`` of a grading output folder, sorted by student and set."""
    root = Path(grading) / "results"
    if not root.is_dir():
        raise WrittenError(f"{root}: not found; run `sahel-course grade SUBMISSIONS --out {grading}` first")
    out = []
    for path in sorted(root.glob("*/*.json")):
        r = json.loads(path.read_text(encoding="utf-8"))
        r.setdefault("student_folder", path.parent.name)
        out.append(r)
    return sorted(out, key=lambda r: (r["student"], r["set"]))


def load_rubric(course: str | Path) -> dict:
    """``<course>/rubrics.yaml`` as a dict (``levels`` and ``sets``); empty if there is none."""
    import yaml

    path = Path(course) / "rubrics.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("sets", {}), dict):
        raise WrittenError(f"{path}: expected a mapping with 'levels' and 'sets' (see exercises/rubrics.yaml)")
    return data


def _key(row) -> tuple[str, str, str]:
    return (nfc(row["student"]), nfc(row["set"]), nfc(row["question"]))


def expected_rows(results: list[dict]) -> list[dict]:
    """The rows ``written.csv`` must have: one per graded submission and written question."""
    rows = []
    for r in results:
        if r.get("auto_max") is None:  # unknown_set: there is no question to grade
            continue
        for q in r["questions"]:
            if q["kind"] == "written":
                rows.append({"student": nfc(r["student"]), "set": r["set"], "question": q["grade_id"],
                             "title": q["title"], "max_points": f"{q['points']:g}", "points": "", "comment": ""})
    return rows


def _read_csv(path: Path) -> list[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WrittenError(f"{path}: not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'") from None
    first = text.split("\n", 1)[0]
    # a spreadsheet in a European locale saves "CSV" with semicolons: read that too
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    missing = [f for f in ("student", "set", "question", "points", "comment") if f not in (reader.fieldnames or [])]
    if missing:
        raise WrittenError(f"{path}: header: missing column(s) {missing} (expected {', '.join(CSV_FIELDS)})")
    return [(reader.line_num, row) for row in reader]


def write_sheet(grading: str | Path, results: list[dict] | None = None) -> tuple[Path, list[str]]:
    """Create or update ``written.csv``; return its path and warnings (rows kept but not recognised)."""
    grading = Path(grading)
    results = load_results(grading) if results is None else results
    path = grading / "written.csv"
    rows = expected_rows(results)
    warnings = []
    if path.is_file():
        old = {}
        for line, row in _read_csv(path):
            if row.get("student"):
                old[_key(row)] = (line, row)
        known = {_key(r) for r in rows}
        for r in rows:
            if _key(r) in old:
                r["points"] = (old[_key(r)][1].get("points") or "").strip()
                r["comment"] = old[_key(r)][1].get("comment") or ""
        for k, (line, row) in old.items():
            if k not in known:
                warnings.append(f"{path}: row {line}: {k[0]}/{k[1]}/{k[2]} has no graded submission now; "
                                "kept at the end of the file (delete it if it is obsolete)")
                rows.append({f: row.get(f) or "" for f in CSV_FIELDS})
    tmp = path.with_name(".written.csv.part")
    with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)
    return path, warnings


@dataclass
class Mark:
    points: float
    comment: str


def read_grades(grading: str | Path, results: list[dict] | None = None) -> dict[tuple[str, str, str], Mark]:
    """The filled rows of ``written.csv``, checked: ``{(student, set, question): Mark}``.

    Raises :class:`WrittenError` listing every row with a problem (unknown student or
    question, points that are not a number, negative or above the question's maximum,
    a row given twice). Rows whose ``points`` are empty are simply not graded yet.
    """
    grading = Path(grading)
    results = load_results(grading) if results is None else results
    path = grading / "written.csv"
    if not path.is_file():
        return {}
    maxima = {_key(r): float(r["max_points"]) for r in expected_rows(results)}
    marks, problems, seen = {}, [], {}
    for line, row in _read_csv(path):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        k = _key(row)
        where = f"{path}: row {line} ({k[0]}, {k[1]}, {k[2]})"
        if k in seen:
            problems.append(f"{where}: the same student and question is already in row {seen[k]}; keep one row")
            continue
        seen[k] = line
        raw = (row.get("points") or "").strip()
        if k not in maxima:
            if raw:
                problems.append(f"{where}: field 'student'/'question': no graded submission has this written "
                                "question; check the spelling or delete the row")
            continue
        if not raw:
            if (row.get("comment") or "").strip():
                problems.append(f"{where}: field 'points' is empty but there is a comment; give the points too")
            continue
        try:
            pts = float(raw.replace(" ", ""))
        except ValueError:
            hint = " (use a dot as decimal mark: 1.5)" if "," in raw else ""
            problems.append(f"{where}: field 'points': {raw!r} is not a number{hint}")
            continue
        if pts != pts or pts < 0 or pts > maxima[k]:
            problems.append(f"{where}: field 'points': {raw} is outside 0..{maxima[k]:g} (the rubric's maximum)")
            continue
        marks[k] = Mark(pts, (row.get("comment") or "").strip())
    if problems:
        raise WrittenError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(problems))
    return marks


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.5rem;border-top:2px solid #444;padding-top:1rem}
h3{font-size:1.05rem;margin:1.5rem 0 .3rem}
pre{background:#f5f5f5;border:1px solid #ddd;padding:.6rem;white-space:pre-wrap;word-break:break-word}
.rubric{background:#eef4fb;border-left:4px solid #1f5f99;padding:.4rem .9rem}
.model{background:#eef7ee;border-left:4px solid #2e6b30;padding:.4rem .9rem}
.flag{background:#fff8e1;border-left:4px solid #8d6e00;padding:.2rem .6rem}
.mark{color:#37474f}.missing{color:#8a1c1c}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
"""


def _cells(source: Path) -> tuple[dict, dict]:
    """(prompt Markdown before each written cell, the written cell's model answer), by grade_id."""
    import nbformat

    nb = nbformat.read(str(source), as_version=4)
    prompts, models, last_md = {}, {}, ""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
            prompts[meta["grade_id"]], models[meta["grade_id"]] = last_md, cell.source
        elif cell.cell_type == "markdown":
            last_md = cell.source
    return prompts, models


def page(set_name: str, course: str | Path, results: list[dict], roster: list[Student] | None,
         marks: dict | None = None) -> str:
    """The written-answers page of one set (HTML text)."""
    from .spec import load_set

    course = Path(course)
    source = course / "source" / set_name / f"{set_name}.ipynb"
    ex = load_set(source)
    prompts, models = _cells(source)
    rubric = load_rubric(course)
    levels = rubric.get("levels") or {}
    set_rubric = (rubric.get("sets") or {}).get(set_name) or {}
    marks = marks or {}
    mine = [r for r in results if r["set"] == set_name]
    names = {s.student: s.name for s in roster or []}
    submitted = {nfc(r["student"]) for r in mine}
    missing = [s for s in roster or [] if s.student not in submitted]
    e = escape
    out = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           f"<title>Written answers: {e(ex.title)}</title><style>{_CSS}</style></head><body><main>",
           f"<h1>Written answers: {e(ex.title)} ({e(set_name)})</h1>",
           f"<p>{len(mine)} submission(s). Enter points and comments in <code>written.csv</code> "
           "(columns <code>points</code> and <code>comment</code>), then run <code>sahel-course gradebook</code>. "
           "The comment is shown to the student.</p>"]
    if missing:
        out.append("<p class=\"missing\">No submission from: "
                   + ", ".join(e(f"{s.name} ({s.student})") for s in missing) + ".</p>")
    for q in (q for q in ex.questions if q.kind == "written"):
        out.append(f"<section><h2>{e(q.title)} ({q.points:g} points)</h2>")
        out.append("<h3>The question</h3><pre>" + e(prompts.get(q.grade_id, "").strip()) + "</pre>")
        qr = set_rubric.get(q.grade_id) or {}
        out.append("<div class=\"rubric\"><h3>Rubric</h3>")
        if qr:
            if float(qr.get("points", q.points)) != q.points:
                out.append(f"<p class=\"missing\">rubrics.yaml gives {qr.get('points')} points, the notebook "
                           f"{q.points:g}: fix one of them.</p>")
            out.append(f"<p><strong>Full marks need:</strong> {e(str(qr.get('full_marks_need', '')))}</p>")
        else:
            out.append(f"<p class=\"missing\">No set-specific rubric for {e(set_name)}/{e(q.grade_id)} "
                       f"in {e(str(course / 'rubrics.yaml'))}.</p>")
        for level, label in (("full", "Full marks"), ("partial", "Partial marks (about half)"), ("none", "No marks")):
            if levels.get(level):
                out.append(f"<p><strong>{label}:</strong> {e(str(levels[level]))}</p>")
        out.append("</div>")
        out.append("<div class=\"model\"><h3>Model answer</h3><pre>"
                   + e(models.get(q.grade_id, "(none in the source notebook)").strip()) + "</pre></div>")
        for r in mine:
            who = nfc(r["student"])
            ans = next((a for a in r["questions"] if a["grade_id"] == q.grade_id), {})
            label = f"{names[who]} ({who})" if who in names else who
            out.append(f"<h3 id=\"{e(safe_part(who))}-{e(q.grade_id)}\">{e(label)}</h3>")
            if "written_outside_answer_cell" in r.get("flags", []):
                out.append("<p class=\"flag\">Found outside the answer cell (the answer cell was empty).</p>")
            m = marks.get((who, set_name, q.grade_id))
            if m:
                out.append(f"<p class=\"mark\">In written.csv: {m.points:g} / {q.points:g}"
                           + (f" - {e(m.comment)}" if m.comment else "") + "</p>")
            out.append("<pre>" + e((ans.get("text") or "").strip() or "(no answer)") + "</pre>")
        out.append("</section>")
    out.append("</main></body></html>\n")
    return "\n".join(out)


def build(set_name: str, grading: str | Path, course: str | Path, roster: list[Student] | None = None) -> dict:
    """Write ``written/<set>.html`` and create or update ``written.csv``; return paths and warnings."""
    grading = Path(grading)
    results = load_results(grading)
    if not (Path(course) / "source" / set_name / f"{set_name}.ipynb").is_file():
        raise WrittenError(f"written: no exercise set {set_name!r} in {Path(course) / 'source'}")
    sheet, warnings = write_sheet(grading, results)
    try:
        marks = read_grades(grading, results)
    except WrittenError as exc:  # the page is still useful; the problems are reported
        marks, warnings = {}, warnings + [str(exc)]
    folder = grading / "written"
    folder.mkdir(exist_ok=True)
    html = folder / f"{safe_part(set_name)}.html"
    html.write_text(page(set_name, course, results, roster, marks), encoding="utf-8")
    todo = sum(1 for r in expected_rows(results) if r["set"] == set_name and
               (r["student"], r["set"], r["question"]) not in marks)
    return {"page": html, "sheet": sheet, "warnings": warnings, "to_grade": todo}
