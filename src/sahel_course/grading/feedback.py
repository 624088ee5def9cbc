"""Step 7, feedback: one self-contained HTML page per submission, from trusted results only.

The page is built from the grader's own results (question titles, points, the check's
kind message) and the student's own answer text, always escaped: HTML or JavaScript
a student typed is shown as text. Nothing from the sandbox's outputs, no traceback,
no instructor path, nothing from outside the student's own notebook.
"""
from __future__ import annotations

from html import escape

from .flags import for_student

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
.total{font-size:1.15rem}.status{font-weight:bold}
.passed{color:#1b5e20}.notyet{color:#8a1c1c}.manual{color:#37474f}
pre{background:#f5f5f5;border:1px solid #ddd;padding:.6rem;white-space:pre-wrap;word-break:break-word}
.note{background:#fff8e1;border-left:4px solid #8d6e00;padding:.4rem .8rem}
table.grade{border-collapse:collapse;margin:1rem 0}table.grade caption{text-align:left;font-weight:bold;padding-bottom:.3rem}table.grade th,table.grade td{padding:.25rem .8rem;
border-bottom:1px solid #ddd;text-align:left}table.grade td{text-align:right}
table.grade tr.sum th,table.grade tr.sum td{font-weight:bold;border-top:2px solid #1a1a1a}
.comment{background:#eef4fb;border-left:4px solid #1f5f99;padding:.4rem .8rem}
"""

_STATUS = {
    "passed": ("passed", "passed"),
    "wrong": ("not yet", "notyet"),
    "wrong_type": ("not yet", "notyet"),
    "missing": ("no answer", "notyet"),
    "not_graded": ("not graded automatically", "manual"),
}


def _pts(v) -> str:
    return "-" if v is None else f"{v:g}"


def render(result: dict, comments: dict | None = None, grade: dict | None = None) -> str:
    """The feedback page for one result (see :func:`sahel_course.grading.pipeline.grade`).

    ``comments`` (optional) maps grade_id -> ``{"points": float, "comment": str}`` from
    the instructor's written-answer grading. ``grade`` (optional, from the gradebook):
    ``total``, ``max``, ``raw_total``, ``late``, ``late_penalty``, ``penalty_percent``;
    with it the page opens with a table of automatic, written and total points.
    """
    comments = comments or {}
    e = escape
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>Feedback: {e(result['title'])}</title><style>{_CSS}</style></head><body><main>",
             f"<h1>Feedback: {e(result['title'])}</h1>",
             f"<p>Student: <strong>{e(result['student'])}</strong></p>"]
    written = [q for q in result["questions"] if q["kind"] == "written"]
    got = [comments[q["grade_id"]]["points"] for q in written if q["grade_id"] in comments]
    all_written = bool(written) and len(got) == len(written)
    auto_max = result.get("auto_max") or 0.0
    written_max = result.get("written_max") or 0.0
    if grade is not None:
        auto = "not available" if result.get("auto_score") is None else f"{result['auto_score']:g} / {auto_max:g}"
        if not written:
            wtext = "none in this set"
        elif all_written:
            wtext = f"{sum(got):g} / {written_max:g}"
        else:
            wtext = f"not graded yet (out of {written_max:g})"
        rows = [("Automatically graded", auto), ("Written answers (graded by your instructor)", wtext)]
        if grade.get("late"):
            pen = grade.get("late_penalty")
            pct = grade.get("penalty_percent") or 0.0
            rows.append(("Handed in late", "no penalty" if not pct else
                         (f"-{pen:g} ({pct:g}% of {grade['max']:g})" if pen is not None else f"{pct:g}% of the maximum")))
        total = grade.get("total")
        rows.append(("Total", f"{total:g} / {grade['max']:g}" if total is not None
                     else f"not final yet (out of {_pts(grade.get('max'))})"))
        parts.append("<table class=\"grade\"><caption class=\"total\">Your points</caption><tbody>"
                     + "".join(("<tr class=\"sum\">" if label == "Total" else "<tr>")
                               + f"<th scope=\"row\">{e(label)}</th><td>{e(value)}</td></tr>" for label, value in rows)
                     + "</tbody></table>")
    else:
        if result.get("auto_score") is None:
            parts.append("<p class=\"total\">Automatically graded points: <strong>not available</strong>.</p>")
        else:
            parts.append(f"<p class=\"total\">Automatically graded points: <strong>{result['auto_score']:g} / "
                         f"{auto_max:g}</strong>.</p>")
        if written_max:
            if all_written:
                parts.append(f"<p class=\"total\">Written answers: <strong>{sum(got):g} / {written_max:g}"
                             "</strong> (graded by your instructor).</p>")
            else:
                parts.append(f"<p>Written answers ({written_max:g} points) are graded by your instructor.</p>")
    notes = [t for t in (for_student(f) for f in result.get("flags", [])) if t]
    if notes:
        parts.append("<div class=\"note\" role=\"note\"><p><strong>Notes</strong></p><ul>"
                     + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul></div>")
    for q in result["questions"]:
        parts.append(f"<section><h2>{e(q['title'])} ({q['points']:g} point{'s' if q['points'] != 1 else ''})</h2>")
        if q["kind"] == "written":
            c = comments.get(q["grade_id"])
            if c:
                parts.append(f"<p class=\"status manual\">Written answer: {c['points']:g} / {q['points']:g}</p>")
                if c.get("comment"):
                    parts.append(f"<p class=\"comment\"><strong>Your instructor's comment:</strong> "
                                 f"{e(c['comment'])}</p>")
            else:
                parts.append("<p class=\"status manual\">Written answer: graded by your instructor.</p>")
            parts.append("<p>Your answer:</p><pre>" + e(q.get("text") or "(no answer)") + "</pre>")
        else:
            label, css = _STATUS.get(q["status"], _STATUS["not_graded"])
            earned = f"{q['score']:g} / {q['points']:g}" if q.get("score") is not None else f"- / {q['points']:g}"
            parts.append(f"<p class=\"status {css}\">{e(label.capitalize())}: {earned}</p>")
            if q["status"] != "passed" and q.get("message"):
                parts.append(f"<p>{e(q['message'])}</p>")
            if q.get("note"):
                parts.append(f"<p><em>Note:</em> {e(q['note'])}</p>")
            if q.get("code") is not None:
                parts.append("<details><summary>Your code</summary><pre>" + e(q["code"] or "(empty)")
                             + "</pre></details>")
        parts.append("</section>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts)
