"""The autograde pipeline: small steps, each in its own module, composed here.

    intake -> answer key -> for each submission: merge -> execute (sandbox) -> decode
           -> check -> score -> feedback -> report

Like nbgrader's autograde, but the student's notebook only *produces data* in the
sandbox; the answer key comes from running the solution notebook in the same kind of
sandbox, and the comparison runs here, in a process that never executes student code.
"""
from __future__ import annotations

import json
import os
import queue
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import check as check_mod
from . import execute, feedback, intake, merge, report, sandbox, score, spec


class GradingRefused(SystemExit):
    """Grading cannot start (no sandbox without ``--no-sandbox``, a bad folder...)."""


def _default_course() -> Path:
    from sahel_course._paths import course_root

    return course_root() / "exercises"


def _cell_error(cell: dict) -> str | None:
    for o in cell.get("outputs") or []:
        if isinstance(o, dict) and o.get("output_type") == "error":
            return f"{o.get('ename')}: {str(o.get('evalue'))[:500]}"
    return None


def answer_key(ex: spec.ExerciseSet, limits, cell_cpu, cell_idle, sandboxed, caps) -> tuple[dict | None, str]:
    """Run the solution notebook once; return ``(key, "")`` or ``(None, the instructor's problem)``."""
    import nbformat

    run = execute.run_notebook(nbformat.writes(ex.solution), ex.answer_names, limits, cell_cpu=cell_cpu,
                               cell_idle=cell_idle, sandboxed=sandboxed, caps=caps)
    problems = []
    for i, cell in enumerate((run.executed or {}).get("cells", [])):
        err = _cell_error(cell) if isinstance(cell, dict) else None
        if err:
            problems.append(f"cell {i + 1} of the solution notebook failed: {err}")
    if run.answers is None:
        log = run.outcome.log_tail(600) if run.outcome else ""
        problems.append(f"the solution notebook did not run to the end ({run.problem or ', '.join(run.flags)})"
                        + (f"; log: {log}" if log else ""))
    else:
        for name, v in run.answers.items():
            if type(v).__name__ in ("Missing", "Unsupported"):
                problems.append(f"the solution does not define a readable {name!r}")
    if problems:
        return None, f"{ex.source.parent.name}: " + "; ".join(problems[:5])
    return run.answers, ""


def grade_submission(ex: spec.ExerciseSet, key: dict, sub: intake.Submission, limits, cell_cpu,
                     cell_idle, sandboxed, caps, uid) -> dict:
    """Grade one submission against ``key`` and return its result (plain data)."""
    import nbformat

    m = merge.merge(ex, sub.notebook)
    run = execute.run_notebook(nbformat.writes(m.notebook), ex.answer_names, limits, cell_cpu=cell_cpu,
                               cell_idle=cell_idle, sandboxed=sandboxed, caps=caps, uid=uid)
    flags = list(sub.flags) + m.flags + [f for f in run.flags if f not in m.flags]
    results = {}
    if run.answers is not None:
        for q in ex.questions:
            if q.kind == "auto":
                results[q.grade_id] = check_mod.check(q, run.answers.get(q.answer), key.get(q.answer))
    if any(r.status == "wrong_type" for r in results.values()):
        flags.append("wrong_type")
    earned, possible = score.score(ex.questions, results)
    questions = []
    for q in ex.questions:
        if q.kind == "written":
            questions.append({"grade_id": q.grade_id, "title": q.title, "kind": "written", "points": q.points,
                              "text": m.written.get(q.grade_id, "")})
            continue
        r = results.get(q.grade_id)
        questions.append({"grade_id": q.grade_id, "title": q.title, "kind": "auto", "points": q.points,
                          "status": r.status if r else "not_graded",
                          "score": (q.points if r.status == "passed" else 0.0) if r else None,
                          "message": r.message if r else "", "note": r.note if r else "",
                          "code": m.answer_sources.get(q.answer_cell) if q.answer_cell else None})
    return {"student": sub.student, "set": ex.name, "title": ex.title, "path": sub.path,
            "auto_score": earned if run.answers is not None else 0.0, "auto_max": possible,
            "written_max": ex.max_written, "flags": _unique(flags), "notes": sub.notes + m.notes,
            "questions": questions, "problem": run.problem,
            "cpu_seconds": run.outcome.cpu_seconds if run.outcome else None,
            "wall_seconds": run.outcome.wall_seconds if run.outcome else None,
            "peak_memory": run.outcome.peak_memory if run.outcome else None}


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _flagged_result(ex: spec.ExerciseSet | None, student: str, set_name: str, flag: str, note: str,
                    path: str = "", score_value: float | None = 0.0) -> dict:
    qs = [] if ex is None else [{"grade_id": q.grade_id, "title": q.title, "kind": q.kind, "points": q.points,
                                 "status": "not_graded", "score": None, "message": "", "note": "",
                                 "code": None, "text": ""} for q in ex.questions]
    return {"student": student, "set": set_name, "title": ex.title if ex else set_name, "path": path,
            "auto_score": score_value, "auto_max": ex.max_auto if ex else None,
            "written_max": ex.max_written if ex else None, "flags": [flag], "notes": [note], "questions": qs}


def grade(submissions, out="grading-output", course=None, jobs: int | None = None,
          limits: sandbox.Limits | None = None, cell_cpu: float = 60.0, cell_idle: float = 60.0,
          use_sandbox: bool = True,
          progress: bool = True) -> dict:
    """Autograde every notebook under ``submissions``; write the outputs; return a summary dict.

    Writes ``<out>/grades.csv``, ``<out>/not_graded.csv``, ``<out>/results/<student>/<set>.json``,
    ``<out>/feedback/<student>/<set>.html`` and ``<out>/summary.txt``.
    Refuses (:class:`GradingRefused`) without a working sandbox unless ``use_sandbox=False``.
    """
    limits = limits or sandbox.Limits()
    course = Path(course).resolve() if course else _default_course()
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    if not submissions.is_dir():
        raise GradingRefused(f"grade: {submissions} is not a folder (expected <student>/<set>/<set>.ipynb inside)")
    if out == submissions or submissions in out.parents:
        raise GradingRefused(f"grade: the output folder {out} must not be inside the submissions folder")
    caps = sandbox.capabilities()
    if use_sandbox and not caps.bwrap:
        raise GradingRefused(
            f"grade: no working sandbox here ({caps.detail}).\nStudent code would run with YOUR rights. "
            "Install bubblewrap (apt-get install bubblewrap) and grade again, or, if you really trust every "
            "submission, pass --no-sandbox (every row is then flagged no_sandbox).")
    set_names = spec.list_sets(course)
    if not set_names:
        raise GradingRefused(f"grade: no exercise sets in {course / 'source'}")
    sets = {s: spec.load_set(course / "source" / s / f"{s}.ipynb") for s in set_names}
    found = intake.collect(submissions, set_names)
    out.mkdir(parents=True, exist_ok=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    needed = sorted({s.set for s in found.submissions})
    # uids: one shared unprivileged uid under cgroups; one per slot when only rlimits can count processes
    slots: queue.Queue = queue.Queue()
    for i in range(jobs):
        slots.put(sandbox.NOBODY if caps.cgroups or not caps.root else 61000 + i)

    def with_slot(fn, *args):
        uid = slots.get()
        try:
            return fn(*args, uid)
        finally:
            slots.put(uid)

    keys, course_errors = {}, {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for s, (key, problem) in zip(needed, pool.map(
                lambda s: answer_key(sets[s], limits, cell_cpu, cell_idle, use_sandbox, caps), needed)):
            keys[s] = key
            if problem:
                course_errors[s] = problem
        todo = [sub for sub in found.submissions if keys.get(sub.set) is not None]
        bar = _progress(len(todo), progress)

        def one(sub, uid):
            try:
                r = grade_submission(sets[sub.set], keys[sub.set], sub, limits, cell_cpu, cell_idle, use_sandbox,
                                     caps, uid)
            except Exception as exc:  # noqa: BLE001 - one grader failure must not lose the other rows
                r = _flagged_result(sets[sub.set], sub.student, sub.set, "grader_error",
                                    f"{type(exc).__name__}: {exc}", sub.path, None)
            bar.update()
            return r

        results = list(pool.map(lambda sub: with_slot(one, sub), todo))
        bar.close()
    for sub in found.submissions:
        if keys.get(sub.set) is None:
            results.append(_flagged_result(sets[sub.set], sub.student, sub.set, "course_error",
                                           "the answer key could not be computed (see the batch message)",
                                           sub.path, None))
    for student, set_name, flag, note in found.unreadable:
        ex = sets.get(set_name)
        results.append(_flagged_result(ex, student, set_name, flag, note,
                                       score_value=0.0 if flag in ("unreadable", "too_large") else None))
    results = _pick_best(results, found.skipped)
    if not use_sandbox:
        for r in results:
            r["flags"] = ["no_sandbox"] + r["flags"]
    results.sort(key=lambda r: (r["student"], r["set"]))
    _write_outputs(out, results, found.skipped)
    limits_text = limits.describe(caps) if use_sandbox else ["none: --no-sandbox (rlimits only)"]
    text = report.summary(results, found.skipped, course_errors, limits_text)
    (out / "summary.txt").write_text(text + "\n", encoding="utf-8")
    (out / "limits.json").write_text(json.dumps({"sandbox": use_sandbox, "limits": limits_text}, indent=1))
    return {"results": results, "skipped": found.skipped, "course_errors": course_errors,
            "summary": text, "limits": limits_text}


def _pick_best(results: list[dict], skipped: list) -> list[dict]:
    """Several notebooks for one (student, set): keep the best score, say what else was graded."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in results:
        groups.setdefault((r["student"], r["set"]), []).append(r)
    kept = []
    for group in groups.values():
        group.sort(key=lambda r: (r.get("auto_score") is not None, r.get("auto_score") or 0.0), reverse=True)
        best = group[0]
        for other in group[1:]:
            best["notes"].append(f"also graded: {other['path']} (auto score {other.get('auto_score')}); not counted")
            skipped.append((other["path"], f"another notebook of {best['set']} by this student scored "
                                           f"at least as well ({best['path']})"))
        if len(group) > 1 and "several_notebooks" not in best["flags"]:
            best["flags"].append("several_notebooks")
        kept.append(best)
    return kept


def _write_outputs(out: Path, results: list[dict], skipped: list) -> None:
    used: dict[str, str] = {}
    for r in results:
        folder = report.safe_part(r["student"])
        while used.setdefault(folder, r["student"]) != r["student"]:
            folder += "_"
        r["output_folder"] = folder
        report.write_result(out, {**r, "student_folder": folder})
        fb = out / "feedback" / folder
        fb.mkdir(parents=True, exist_ok=True)
        (fb / f"{report.safe_part(r['set'])}.html").write_text(feedback.render(r), encoding="utf-8")
    report.write_grades(out, results)
    report.write_skipped(out, skipped)


class _NoBar:
    def update(self, *_):
        pass

    def close(self):
        pass


def _progress(total: int, show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="nb", file=sys.stderr)
