"""Step 8, report: ``grades.csv``, one results file per submission, the batch summary.

The CSV is always complete and valid: written to a temporary file and renamed, UTF-8
with a byte-order mark (spreadsheets and LMS imports read accents correctly), names
in NFC, one row per graded submission and one per submission that could not be read.
"""
from __future__ import annotations

import csv
import json
import os
import unicodedata
from pathlib import Path

from .flags import for_instructor

CSV_FIELDS = ["student", "set", "auto_score", "auto_max", "written_max", "needs_written_grading",
              "flags", "notebook"]


def _num(v):
    return "" if v is None else f"{v:g}"


def safe_part(name: str) -> str:
    """A file-system-safe version of a student or set name (for output paths only)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_.@ " else "_" for ch in unicodedata.normalize("NFC", name))
    return cleaned.strip(" .") or "_"


def write_grades(out: Path, results: list[dict]) -> Path:
    path = out / "grades.csv"
    tmp = out / ".grades.csv.part"
    with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        w.writeheader()
        for r in results:
            w.writerow({
                "student": unicodedata.normalize("NFC", r["student"]), "set": r["set"],
                "auto_score": _num(r.get("auto_score")), "auto_max": _num(r.get("auto_max")),
                "written_max": _num(r.get("written_max")),
                "needs_written_grading": "yes" if r.get("written_max") else "no",
                "flags": ";".join(r.get("flags", [])), "notebook": r.get("path", ""),
            })
    os.replace(tmp, path)
    return path


def write_result(out: Path, result: dict) -> Path:
    folder = out / "results" / safe_part(result["student"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_part(result['set'])}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path


def write_skipped(out: Path, skipped: list[tuple[str, str]]) -> Path:
    path = out / "not_graded.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "reason"])
        w.writerows(skipped)
    return path


def summary(results: list[dict], skipped: list[tuple[str, str]], course_errors: dict[str, str],
            limits: list[str]) -> str:
    lines = [f"graded {len(results)} submission(s)", "limits in force: " + "; ".join(limits)]
    for set_name, problem in sorted(course_errors.items()):
        lines.append(f"COURSE ERROR in {set_name} (not the students' fault; fix it and grade again):\n    {problem}")
    flagged = [r for r in results if r.get("flags")]
    if flagged:
        lines.append(f"{len(flagged)} submission(s) flagged:")
        for r in flagged:
            score = "-" if r.get("auto_score") is None else f"{r['auto_score']:g}"
            lines.append(f"  {r['student']}/{r['set']}: auto score {score} - "
                         + "; ".join(f"{f} ({for_instructor(f)})" for f in r["flags"] if f != "no_sandbox"
                                     or len(r["flags"]) == 1))
            for n in r.get("notes", []):
                lines.append(f"      {n}")
    else:
        lines.append("no submission flagged")
    if skipped:
        lines.append(f"{len(skipped)} file(s) or folder(s) not graded (also in not_graded.csv):")
        lines += [f"  {p}: {why}" for p, why in skipped]
    written = sum(1 for r in results if r.get("written_max"))
    if written:
        lines.append(f"{written} submission(s) have written answers to grade (rubric: docs/instructor-guide-grading.md)")
    return "\n".join(lines)
