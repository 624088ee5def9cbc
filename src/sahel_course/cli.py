"""The ``sahel-course`` command: release student versions and autograde submissions.

    sahel-course release [SET ...] [--course DIR] [--out DIR]
    sahel-course grade SUBMISSIONS [--course DIR] [--out DIR] [--jobs N] [--timeout S]
    sahel-course sandbox-check

``release`` runs nbgrader's own ``generate_assignment`` in a throwaway copy of the
course folder (so the repository gets no gradebook) and copies ``release/<set>/``
into ``--out``.

``grade`` does what ``nbgrader autograde`` does, in steps we control, one throwaway
folder per submission, in parallel (a process pool; each job starts a sandboxed
subprocess, see :mod:`sahel_course.sandbox`):

1. read the submission (unreadable JSON -> score 0, flag ``invalid_json``);
2. restore every locked/test cell from the *source* notebook by ``grade_id``
   (like nbgrader's OverwriteCells), hidden tests included; a test cell whose text
   differs from the released one is flagged ``altered_test_cell``; a missing one is
   put back and flagged ``deleted_hidden_tests`` (it held hidden tests) or
   ``missing_grade_cell``;
3. execute it with nbclient inside the sandbox (per-cell timeout);
4. score with nbgrader's ``determine_grade`` (a test cell scores only if it ran and
   raised no error); written answers left as released score 0, changed ones need
   manual grading;
5. write ``grades.csv``, the graded notebooks (``autograded/``, instructor only: they
   contain hidden tests) and feedback HTML with hidden tests removed (``feedback/``).
"""
from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_COURSE = REPO / "exercises"

FLAG_HELP = {
    "invalid_json": "the file is not a readable notebook (score 0)",
    "missing_grade_cell": "a graded cell was deleted; it was put back (its points count as lost if unanswered)",
    "altered_test_cell": "a test cell was edited; the original was restored before grading",
    "deleted_hidden_tests": "a test cell holding hidden tests was deleted; it was restored before grading",
    "duplicate_grade_cell": "a graded cell appears twice; only the first copy was used",
    "timeout": "a cell ran longer than the time limit and was stopped",
    "kernel_died": "the Python kernel crashed or was killed (memory/CPU limit?)",
    "wrong_type": "at least one answer had the wrong type",
    "blocked_write": "the notebook tried to write outside its own folder and was stopped by the sandbox",
    "no_sandbox": "graded WITHOUT the bubblewrap sandbox (student code ran with the grader's rights)",
    "unknown_set": "no exercise source with this name in the course folder",
    "grader_error": "the grader itself failed on this submission (see the log)",
}

CSV_FIELDS = ["student", "set", "score", "max_score", "needs_manual_grading", "flags",
              "auto_max_score", "manual_max_score"]


def _nbgrader_env() -> dict[str, str]:
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    return env


def _nbgrader_exe() -> str:
    cand = Path(sys.executable).parent / "nbgrader"
    return str(cand) if cand.exists() else (shutil.which("nbgrader") or "nbgrader")


def list_sets(course: str | os.PathLike = DEFAULT_COURSE) -> list[str]:
    """Names of the exercise sets in ``<course>/source``."""
    src = Path(course) / "source"
    return sorted(p.name for p in src.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


# --------------------------------------------------------------------------- release


def release(sets: list[str] | None = None, course: str | os.PathLike = DEFAULT_COURSE,
            out: str | os.PathLike | None = None, quiet: bool = False) -> Path:
    """Generate student versions of ``sets`` (default: all) with nbgrader; return the folder.

    Runs ``nbgrader generate_assignment --force`` in a temporary copy of the course
    folder and copies ``release/<set>`` to ``out`` (default ``<course>/release``).
    """
    course = Path(course).resolve()
    out = Path(out).resolve() if out else course / "release"
    sets = list(sets) if sets else list_sets(course)
    unknown = [s for s in sets if not (course / "source" / s).is_dir()]
    if unknown:
        raise SystemExit(f"release: no exercise set {unknown} in {course / 'source'}; "
                         f"available: {', '.join(list_sets(course))}")
    os.environ["PATH"] = _nbgrader_env()["PATH"]  # nbgrader shells out to alembic
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    with tempfile.TemporaryDirectory(prefix="sahel-release-") as tmp:
        tmpcourse = Path(tmp) / "course"
        tmpcourse.mkdir()
        shutil.copytree(course / "source", tmpcourse / "source")
        config = Config()
        if (course / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config())
        config.CourseDirectory.root = str(tmpcourse)
        cwd = os.getcwd()
        os.chdir(tmpcourse)
        try:
            api = NbGraderAPI(CourseDirectory(config=config), config=config)
            for s in sets:
                result = api.generate_assignment(s, force=True)
                produced = tmpcourse / "release" / s
                if not result.get("success") or not produced.is_dir():
                    raise SystemExit(f"release: nbgrader generate_assignment failed for {s}:\n"
                                     f"{result.get('log', '')}\n{result.get('error', '')}")
                dest = out / s
                if dest.exists():
                    shutil.rmtree(dest)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(produced, dest)
                if not quiet:
                    print(f"released {s} -> {dest}")
        finally:
            os.chdir(cwd)
    return out


# --------------------------------------------------------------------------- reference


def _clear_hidden(source: str) -> str:
    """Source with the hidden-test regions removed (as nbgrader's ClearHiddenTests does)."""
    from nbformat.v4 import new_code_cell
    from nbgrader.preprocessors import ClearHiddenTests

    cell = new_code_cell(source)
    ClearHiddenTests()._remove_hidden_test_region(cell)
    return cell.source


def _released_cells_checksum(nb):
    from nbgrader.utils import compute_checksum, is_grade, is_solution

    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta and (is_grade(cell) or is_solution(cell) or meta.get("locked")):
            meta["checksum"] = compute_checksum(cell)


def build_reference(source_path: str | os.PathLike):
    """The grading reference: solutions cleared (as released), hidden tests kept.

    Returns ``(reference_nb, released_sources)`` where ``released_sources`` maps each
    grade_id to the text students received.
    """
    import nbformat
    from nbgrader.preprocessors import ClearSolutions

    nb = nbformat.read(str(source_path), as_version=4)
    nb, _ = ClearSolutions().preprocess(nb, {})
    _released_cells_checksum(nb)
    # checksums of solution cells must be those of the *released* cells (no hidden tests there)
    released = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta and meta.get("grade_id"):
            released[meta["grade_id"]] = _clear_hidden(cell.source) if cell.cell_type == "code" else cell.source
    return nb, released


def _norm(src: str) -> str:
    return "\n".join(line.rstrip() for line in src.strip().splitlines())


def merge_submission(reference, released: dict, submission):
    """Restore locked/test cells from ``reference`` into ``submission``; return (nb, flags)."""
    from nbgrader.utils import is_grade, is_solution

    flags: list[str] = []
    ref_cells = {c.metadata["nbgrader"]["grade_id"]: c for c in reference.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id")}
    ref_order = list(ref_cells)
    out = []
    placed: dict[str, int] = {}
    for cell in submission.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in ref_cells and gid not in placed:
            ref = ref_cells[gid]
            if is_solution(ref):
                new = copy.deepcopy(cell)
                if new.cell_type != ref.cell_type:
                    new = copy.deepcopy(ref)
                    new.source = cell.source
                new.metadata["nbgrader"] = copy.deepcopy(ref.metadata["nbgrader"])
                if new.cell_type == "code":
                    new.outputs, new.execution_count = [], None
            else:
                new = copy.deepcopy(ref)
                if is_grade(ref) and (cell.cell_type != ref.cell_type
                                      or _norm(cell.source) != _norm(released[gid])):
                    if "altered_test_cell" not in flags:
                        flags.append("altered_test_cell")
            placed[gid] = len(out)
            out.append(new)
        else:
            new = copy.deepcopy(cell)
            if gid is not None:
                new.metadata.pop("nbgrader", None)
                if gid in placed and "duplicate_grade_cell" not in flags and gid in ref_cells and is_grade(ref_cells[gid]):
                    flags.append("duplicate_grade_cell")
            if new.cell_type == "code":
                new.outputs, new.execution_count = [], None
            out.append(new)
    # put back what is missing, after the previous reference cell that is present
    for i, gid in enumerate(ref_order):
        if gid in placed:
            continue
        ref = ref_cells[gid]
        if is_solution(ref) and not is_grade(ref):
            continue  # the answer may live in another cell; nothing to restore
        pos = 0
        for prev in reversed(ref_order[:i]):
            if prev in placed:
                pos = placed[prev] + 1
                break
        out.insert(pos, copy.deepcopy(ref))
        for k, v in placed.items():
            if v >= pos:
                placed[k] = v + 1
        placed[gid] = pos
        if is_grade(ref) and not is_solution(ref) and "BEGIN HIDDEN TESTS" in ref.source:
            flag = "deleted_hidden_tests"
        else:
            flag = "missing_grade_cell" if is_grade(ref) else None
        if flag and flag not in flags:
            flags.append(flag)
    nb = copy.deepcopy(reference)
    nb.cells = out
    return nb, flags


def score_notebook(nb):
    """Return (score, max_score, auto_max, manual_max, needs_manual, wrong_type, per_cell)."""
    from nbgrader.utils import determine_grade, is_grade

    score = max_score = auto_max = manual_max = 0.0
    needs_manual = wrong_type = False
    per_cell = {}
    for cell in nb.cells:
        if not is_grade(cell):
            continue
        gid = cell.metadata["nbgrader"]["grade_id"]
        got, points = determine_grade(cell)
        if cell.cell_type == "code":
            status = cell.metadata.get("sahel_grading", {}).get("status")
            if status != "ok":
                got = 0.0
            if any(o.get("output_type") == "error" and o.get("ename") == "WrongTypeError" for o in cell.outputs):
                wrong_type = True
        max_score += points
        if got is None:
            needs_manual = True
            manual_max += points
        else:
            if not cell.metadata["nbgrader"].get("solution") or cell.cell_type == "code":
                auto_max += points
            else:
                manual_max += points
            score += float(got)
        per_cell[gid] = (got, points)
    return score, max_score, auto_max, manual_max, needs_manual, wrong_type, per_cell


def feedback_notebook(nb, released: dict, per_cell: dict, header: str):
    """A copy of the graded notebook safe to show the student: no hidden test source."""
    import nbformat
    from nbgrader.utils import is_grade, is_solution

    fb = copy.deepcopy(nb)
    cells = [nbformat.v4.new_markdown_cell(header)]
    for cell in fb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if cell.cell_type == "code" and gid and not is_solution(cell):
            cell.source = released.get(gid, _clear_hidden(cell.source))
            clean = []
            for o in cell.outputs:
                if o.get("output_type") == "error":
                    msg = f"{o.get('ename')}: {o.get('evalue')}" if o.get("evalue") else \
                        f"{o.get('ename')}: a check in this cell failed (hidden tests are not shown)"
                    clean.append(nbformat.v4.new_output("error", ename=o.get("ename", "Error"),
                                                        evalue=o.get("evalue", ""), traceback=[msg]))
                elif o.get("output_type") == "stream":
                    clean.append(o)
            cell.outputs = clean
        cell.metadata.pop("sahel_grading", None)
        cells.append(cell)
        if gid and is_grade(cell) and gid in per_cell:
            got, points = per_cell[gid]
            if got is None:
                note = f"**{gid}**: written answer, {points:g} point(s), graded by your instructor."
            else:
                mark = "passed" if got >= points else "did not pass"
                note = f"**{gid}**: {got:g} / {points:g} point(s) ({mark})."
            cells.append(nbformat.v4.new_markdown_cell(note))
    fb.cells = cells
    fb.metadata.pop("sahel_grading", None)
    return fb


# --------------------------------------------------------------------------- one job


@dataclass
class Job:
    student: str
    set: str
    path: str
    source: str | None
    out: str
    timeout: int
    memory: int | None
    sandbox: bool
    hide: list[str] = field(default_factory=list)


_REF_CACHE: dict = {}
_EXPORTER: list = []


def _exporter():
    if not _EXPORTER:
        from nbconvert import HTMLExporter

        _EXPORTER.append(HTMLExporter(template_name="lab"))
    return _EXPORTER[0]


def _reference(source: str):
    key = (source, os.path.getmtime(source))
    if key not in _REF_CACHE:
        _REF_CACHE[key] = build_reference(source)
    return _REF_CACHE[key]


def grade_one(job: Job) -> dict:
    """Grade one submission (runs in a worker process). Never raises."""
    try:
        return _grade_one(job)
    except Exception as exc:  # noqa: BLE001 - a grader bug must not lose the other rows
        return {"student": job.student, "set": job.set, "score": 0.0, "max_score": "",
                "needs_manual_grading": True, "flags": "grader_error",
                "auto_max_score": "", "manual_max_score": "", "error": f"{type(exc).__name__}: {exc}"}


def _grade_one(job: Job) -> dict:
    from sahel_course import sandbox

    sandbox._skip_slow_imports()
    import nbformat

    row = {"student": job.student, "set": job.set, "score": 0.0, "max_score": "",
           "needs_manual_grading": False, "flags": "", "auto_max_score": "", "manual_max_score": ""}
    flags: list[str] = [] if job.sandbox else ["no_sandbox"]
    if job.source is None:
        row["flags"] = ";".join(flags + ["unknown_set"])
        row["needs_manual_grading"] = True
        return row
    reference, released = _reference(job.source)
    _, max_score, auto_max, manual_max, _, _, _ = score_notebook(reference)
    row.update(max_score=max_score, auto_max_score=auto_max, manual_max_score=manual_max)
    try:
        with open(job.path, encoding="utf-8") as fh:
            submission = nbformat.reads(fh.read(), as_version=4)
        if not isinstance(submission.get("cells"), list):
            raise ValueError("no cells")
    except Exception:  # noqa: BLE001 - any unreadable file is invalid_json
        row["flags"] = ";".join(flags + ["invalid_json"])
        return row
    merged, merge_flags = merge_submission(reference, released, submission)
    flags += merge_flags
    with tempfile.TemporaryDirectory(prefix="sahel-grade-") as work:
        nb_path = os.path.join(work, f"{job.set}.ipynb")
        nbformat.write(merged, nb_path)
        res = sandbox.run_sandboxed(nb_path, work, cell_timeout=job.timeout, memory=job.memory,
                                    use_sandbox=job.sandbox, hide=job.hide)
    flags += [f for f in res.flags if f not in flags]
    executed = res.notebook
    if executed is None:  # the whole sandbox was killed: nothing ran to completion
        executed = merged
        for cell in executed.cells:
            if cell.cell_type == "code":
                cell.metadata.setdefault("sahel_grading", {})["status"] = "not_run"
    score, max_score, auto_max, manual_max, needs_manual, wrong_type, per_cell = score_notebook(executed)
    if wrong_type:
        flags.append("wrong_type")
    if any(o.get("output_type") == "error" and "Read-only file system" in str(o.get("evalue", ""))
           for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])):
        flags.append("blocked_write")
    row.update(score=score, needs_manual_grading=needs_manual, flags=";".join(flags))
    # outputs
    graded_dir = Path(job.out) / "autograded" / job.student / job.set
    graded_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, str(graded_dir / f"{job.set}.ipynb"))
    header = (f"# Feedback: {job.set}\n\nStudent: **{job.student}**. "
              f"Automatically graded points: **{score:g} / {auto_max:g}**"
              + (f"; written answers ({manual_max:g} points) are graded by your instructor." if manual_max else ".")
              + ("\n\nNotes: " + "; ".join(FLAG_HELP.get(f, f) for f in flags if f != "no_sandbox")
                 if [f for f in flags if f != "no_sandbox"] else ""))
    fb = feedback_notebook(executed, released, per_cell, header)
    html, _ = _exporter().from_notebook_node(fb)
    fb_dir = Path(job.out) / "feedback" / job.student
    fb_dir.mkdir(parents=True, exist_ok=True)
    (fb_dir / f"{job.set}.html").write_text(html, encoding="utf-8")
    return row


def fill_answers(released_path, source_path, answer_ids=None):
    """A released notebook with the source's solution cells pasted in (a "solved" submission).

    ``answer_ids``: grade_ids of the solution cells to fill (default: all). Used by the
    tests and the benchmark to simulate students.
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


# --------------------------------------------------------------------------- grade


def find_submissions(root: str | os.PathLike) -> list[tuple[str, str, str]]:
    """(student, set, notebook path) for ``root/<student>/<set>/<set>.ipynb``."""
    root = Path(root)
    found = []
    for student in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for setdir in sorted(p for p in student.iterdir() if p.is_dir() and not p.name.startswith(".")):
            nb = setdir / f"{setdir.name}.ipynb"
            if not nb.exists():
                cands = sorted(setdir.glob("*.ipynb"))
                if not cands:
                    continue
                nb = cands[0]
            found.append((student.name, setdir.name, str(nb)))
    return found


def grade(submissions: str | os.PathLike, out: str | os.PathLike = "grading-output",
          course: str | os.PathLike = DEFAULT_COURSE, jobs: int | None = None, timeout: int = 30,
          memory: int | None = None, progress: bool = True, use_sandbox: bool | None = None) -> list[dict]:
    """Autograde every ``<student>/<set>/<set>.ipynb`` under ``submissions``.

    Writes ``<out>/grades.csv``, ``<out>/feedback/<student>/<set>.html`` and
    ``<out>/autograded/<student>/<set>/<set>.ipynb``; returns the rows.
    """
    from sahel_course import sandbox

    submissions = Path(submissions).resolve()
    out = Path(out).resolve()
    course = Path(course).resolve()
    if not submissions.is_dir():
        raise SystemExit(f"grade: {submissions} is not a folder (expected <student>/<set>/<set>.ipynb inside)")
    out.mkdir(parents=True, exist_ok=True)
    if use_sandbox is None:
        ok, why = sandbox.sandbox_status()
        use_sandbox = ok
        if not ok:
            bar = "!" * 78
            print(f"{bar}\nWARNING: grading WITHOUT a sandbox ({why}).\n"
                  "Student code will run with YOUR rights (only time/memory limits apply).\n"
                  "Install bubblewrap (apt-get install bubblewrap) to isolate it.\n"
                  f"Every row is flagged no_sandbox.\n{bar}", file=sys.stderr)
    memory = memory or sandbox.DEFAULT_MEMORY
    hide = [str(submissions), str(out)]
    tasks = []
    for student, set_name, path in find_submissions(submissions):
        src = course / "source" / set_name / f"{set_name}.ipynb"
        tasks.append(Job(student, set_name, path, str(src) if src.exists() else None, str(out),
                         int(timeout), memory, use_sandbox, hide))
    jobs = max(1, jobs or os.cpu_count() or 1)
    rows: list[dict] = []
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), desc="grading", unit="nb", disable=not progress, file=sys.stderr)
    if jobs == 1:
        for t in tasks:
            rows.append(grade_one(t))
            bar.update()
    else:
        import multiprocessing as mp

        with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
            futures = [pool.submit(grade_one, t) for t in tasks]
            for fut in as_completed(futures):
                rows.append(fut.result())
                bar.update()
    bar.close()
    rows.sort(key=lambda r: (r["student"], r["set"]))
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            r = dict(r)
            for k in ("score", "max_score", "auto_max_score", "manual_max_score"):
                if isinstance(r.get(k), float):
                    r[k] = f"{r[k]:g}"
            writer.writerow(r)
    return rows


def summarize(rows: list[dict]) -> str:
    lines = [f"graded {len(rows)} submission(s)"]
    anomalies = [r for r in rows if r.get("flags")]
    if not anomalies:
        lines.append("no anomalies")
    else:
        lines.append(f"{len(anomalies)} submission(s) flagged:")
        for r in anomalies:
            lines.append(f"  {r['student']}/{r['set']}: score {r['score']:g} - " + "; ".join(
                f"{f} ({FLAG_HELP.get(f, f)})" for f in r["flags"].split(";")))
            if r.get("error"):
                lines.append(f"      {r['error']}")
    manual = sum(1 for r in rows if r.get("needs_manual_grading"))
    if manual:
        lines.append(f"{manual} submission(s) need manual grading of written answers (rubric: "
                     "docs/instructor-guide-grading.md)")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sahel-course", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("release", help="generate student versions (solutions and hidden tests removed)")
    p.add_argument("sets", nargs="*", metavar="SET", help="exercise sets (default: all)")
    p.add_argument("--course", default=str(DEFAULT_COURSE), help="nbgrader course folder (default: exercises/)")
    p.add_argument("--out", default=None, help="where to write <set>/ folders (default: <course>/release)")
    g = sub.add_parser("grade", help="autograde SUBMISSIONS/<student>/<set>/<set>.ipynb")
    g.add_argument("submissions")
    g.add_argument("--course", default=str(DEFAULT_COURSE))
    g.add_argument("--out", default="grading-output", help="output folder (default: grading-output)")
    g.add_argument("--jobs", type=int, default=None, help="parallel jobs (default: number of cores)")
    g.add_argument("--timeout", type=int, default=30, help="seconds per cell (default: 30)")
    g.add_argument("--memory-mb", type=int, default=None, help="memory cap per process (default: 4096)")
    g.add_argument("--no-progress", action="store_true")
    sub.add_parser("sandbox-check", help="check that the bubblewrap sandbox works here")
    args = parser.parse_args(argv)
    if args.cmd == "release":
        release(args.sets, course=args.course, out=args.out)
        return 0
    if args.cmd == "grade":
        rows = grade(args.submissions, out=args.out, course=args.course, jobs=args.jobs,
                     timeout=args.timeout, memory=args.memory_mb * 1024**2 if args.memory_mb else None,
                     progress=not args.no_progress)
        print(summarize(rows))
        print(f"wrote {Path(args.out).resolve() / 'grades.csv'} and feedback/ (safe to share), "
              "autograded/ (instructor only: contains hidden tests)")
        return 0
    from sahel_course import sandbox

    ok, why = sandbox.sandbox_status()
    print(("OK: " if ok else "NOT AVAILABLE: ") + why)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
