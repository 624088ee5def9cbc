"""The class report: one self-contained HTML page per grading folder.

For each set: a histogram of the students' totals (percent of the maximum; only complete
rows), and a bar per question with the share of students who got it, so the question the
class did not get stands out. A question counts as "got it" when it earned its full
points (autograded: passed; written: the instructor's points equal the maximum); a
written question counts only among the answers already graded. Students with no
submission are counted and named, not hidden. Each figure has alt text that states its
numbers, and the same numbers are in a table under it.
"""
from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path

from .gradebook import build
from .roster import Student

#: Okabe-Ito colours (colour-blind safe)
BLUE, ORANGE = "#0072B2", "#E69F00"


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def question_shares(book, set_name: str) -> list[dict]:
    """Per question of ``set_name``: title, kind, how many answered (graded) and got full points."""
    out: dict[str, dict] = {}
    for q in book.questions:
        if q["set"] != set_name:
            continue
        d = out.setdefault(q["question"], {"question": q["question"], "title": q["title"], "kind": q["kind"],
                                           "graded": 0, "full": 0})
        if q["score"] != "":
            d["graded"] += 1
            d["full"] += float(q["score"]) >= float(q["max"])
    return list(out.values())


def write(grading: str | Path, roster: list[Student] | None = None) -> Path:
    """Write ``<grading>/class_report.html`` and return its path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grading = Path(grading)
    book = build(grading, roster)
    e = escape
    parts = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title>"
             "<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;"
             "line-height:1.5}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:.2rem .5rem;text-align:left}</style></head><body><main><h1>Class report</h1>"]
    for set_name in book.sets:
        rows = [r for r in book.rows if r.set == set_name]
        done = [r for r in rows if r.status == "complete"]
        pct = [100 * r.total / r.max for r in done if r.max]
        missing = [r for r in rows if r.status == "missing"]
        pending = [r for r in rows if r.status in ("written_pending", "no_score")]
        shares = question_shares(book, set_name)
        parts.append(f"<section><h2>{e(set_name)}</h2><p>{len(rows)} student(s): {len(done)} complete, "
                     f"{len(pending)} without a total yet, {len(missing)} with no submission"
                     + (" (" + ", ".join(e(r.name) for r in missing) + ")" if missing else "") + ".</p>")
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.6))
        bins = list(range(0, 101, 10))
        a1.hist(pct, bins=bins, color=BLUE, edgecolor="white")
        a1.set(xlabel="total (% of the maximum)", ylabel="students", title="Totals", xlim=(0, 100))
        a1.yaxis.get_major_locator().set_params(integer=True)
        labels = [s["title"] + (" (written)" if s["kind"] == "written" else "") for s in shares]
        share = [100 * s["full"] / s["graded"] if s["graded"] else 0 for s in shares]
        a2.barh(labels[::-1], share[::-1], color=[ORANGE if s["kind"] == "written" else BLUE for s in shares][::-1])
        a2.set(xlim=(0, 100), xlabel="% of students with full points", title="Per question")
        fig.tight_layout()
        img = _png(fig)
        plt.close(fig)
        counts = [sum(1 for p in pct if lo <= p < lo + 10 or (lo == 90 and p == 100)) for lo in bins[:-1]]
        hist_text = ", ".join(f"{c} at {lo}-{lo + 10}%" for lo, c in zip(bins, counts) if c) or "no complete totals"
        q_text = "; ".join(f"{lab}: {s['full']} of {s['graded']}" for lab, s in zip(labels, shares))
        low = min(shares, key=lambda s: s["full"] / s["graded"] if s["graded"] else 2, default=None)
        alt = (f"Left: histogram of the {len(pct)} complete totals of {set_name} ({hist_text}). Right: share of "
               f"students with full points per question ({q_text}).")
        parts.append(f"<img src=\"data:image/png;base64,{img}\" alt=\"{e(alt)}\">")
        if low and low["graded"]:
            parts.append(f"<p>Fewest full marks: <strong>{e(low['title'])}</strong> "
                         f"({low['full']} of {low['graded']}).</p>")
        parts.append("<table><tr><th>question</th><th>kind</th><th>full points</th><th>answers graded</th></tr>"
                     + "".join(f"<tr><td>{e(s['title'])}</td><td>{s['kind']}</td><td>{s['full']}</td>"
                               f"<td>{s['graded']}</td></tr>" for s in shares) + "</table></section>")
    parts.append("</main></body></html>\n")
    path = grading / "class_report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
