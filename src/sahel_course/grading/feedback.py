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
"""

_STATUS = {
    "passed": ("passed", "passed"),
    "wrong": ("not yet", "notyet"),
    "wrong_type": ("not yet", "notyet"),
    "missing": ("no answer", "notyet"),
    "not_graded": ("not graded automatically", "manual"),
}


def render(result: dict, comments: dict | None = None) -> str:
    """The feedback page for one result (see :func:`sahel_course.grading.pipeline.grade`).

    ``comments`` (optional) maps grade_id -> ``{"points": float, "comment": str}`` from
    the instructor's written-answer grading.
    """
    comments = comments or {}
    e = escape
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>Feedback: {e(result['title'])}</title><style>{_CSS}</style></head><body><main>",
             f"<h1>Feedback: {e(result['title'])}</h1>",
             f"<p>Student: <strong>{e(result['student'])}</strong></p>"]
    if result.get("auto_score") is None:
        parts.append("<p class=\"total\">Automatically graded points: <strong>not available</strong>.</p>")
    else:
        parts.append(f"<p class=\"total\">Automatically graded points: <strong>{result['auto_score']:g} / "
                     f"{result['auto_max']:g}</strong>.</p>")
    if result.get("written_max"):
        got = [comments[q["grade_id"]]["points"] for q in result["questions"]
               if q["kind"] == "written" and q["grade_id"] in comments]
        if got and len(got) == sum(q["kind"] == "written" for q in result["questions"]):
            parts.append(f"<p class=\"total\">Written answers: <strong>{sum(got):g} / {result['written_max']:g}</strong>"
                         " (graded by your instructor).</p>")
        else:
            parts.append(f"<p>Written answers ({result['written_max']:g} points) are graded by your instructor.</p>")
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
                    parts.append(f"<p><strong>Your instructor's comment:</strong> {e(c['comment'])}</p>")
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
