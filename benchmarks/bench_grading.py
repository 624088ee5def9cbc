"""Grading benchmark: `sahel-course grade` (parallel, sandboxed) vs plain serial `nbgrader autograde`.

    .venv/bin/python benchmarks/bench_grading.py [--n 50] [--jobs N] [--no-write]

1. makes N submissions with benchmarks/make_submissions.py (fixed seed);
2. times ``sahel-course grade SUBMISSIONS --jobs N``;
3. times nbgrader's own serial ``nbgrader autograde <set> --force`` on the same files, in a
   temporary course in nbgrader's layout (``submitted/<student>/<set>/``);
4. checks that every (student, set) gets the same autograded score from both;
5. prints the wall times and the throughput ratio and records them in docs/benchmarks.md
   under "## Grading" (the rest of that file is left as it is).
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_submissions import DEFAULT_SETS, make_submissions  # noqa: E402

BIN = Path(sys.executable).parent


def _env():
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_ours(subs: Path, out: Path, jobs: int) -> tuple[float, dict]:
    t0 = time.perf_counter()
    cp = subprocess.run([str(BIN / "sahel-course"), "grade", str(subs), "--out", str(out), "--jobs", str(jobs),
                         "--no-progress"], capture_output=True, text=True, env=_env())
    wall = time.perf_counter() - t0
    if cp.returncode != 0:
        raise SystemExit(f"sahel-course grade failed:\n{cp.stderr[-3000:]}")
    with open(out / "grades.csv", newline="", encoding="utf-8-sig") as fh:
        scores = {(r["student"], r["set"]): float(r["auto_score"]) for r in csv.DictReader(fh)}
    import json

    cpu = [json.loads(f.read_text())["cpu_seconds"] for f in (out / "results").glob("*/*.json")]
    return wall, scores, [c for c in cpu if c is not None]


def sandbox_overhead(n: int = 10) -> float:
    """Median wall seconds to set up and tear down one sandbox around /bin/true."""
    from sahel_course.grading import sandbox

    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        with sandbox.Workspace(sandbox.Limits()) as ws:
            sandbox.run(["/bin/true"], ws, sandbox.Limits())
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_nbgrader(subs: Path, course: Path, sets: list[str]) -> tuple[float, float, dict]:
    shutil.copytree(REPO / "exercises" / "source", course / "source")
    shutil.copy(REPO / "exercises" / "nbgrader_config.py", course / "nbgrader_config.py")
    for student in sorted(p for p in subs.iterdir() if p.is_dir()):
        for setdir in sorted(p for p in student.iterdir() if p.is_dir()):
            dest = course / "submitted" / student.name / setdir.name
            dest.mkdir(parents=True)
            shutil.copy(setdir / f"{setdir.name}.ipynb", dest)
    nbg = str(BIN / "nbgrader")
    t0 = time.perf_counter()
    for s in sets:  # setup, not timed against us: the gradebook needs the assignment
        subprocess.run([nbg, "generate_assignment", s, "--force"], cwd=course, env=_env(),
                       capture_output=True, check=True)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in sets:
        cp = subprocess.run([nbg, "autograde", s, "--force"], cwd=course, env=_env(), capture_output=True, text=True)
        if cp.returncode != 0:
            print(cp.stderr[-2000:], file=sys.stderr)
    wall = time.perf_counter() - t0
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for s in sets:
            for sub in gb.assignment_submissions(s):
                scores[(sub.student.id, s)] = float(sub.score)
    return wall, setup, scores


def write_doc(text: str) -> None:
    doc = REPO / "docs" / "benchmarks.md"
    current = doc.read_text() if doc.exists() else "# Benchmarks\n"
    lines = current.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Grading"), None)
    if start is None:
        new = current.rstrip("\n") + "\n\n" + text
    else:
        end = next((j for j in range(start + 1, len(lines)) if lines[j].startswith("## ")), len(lines))
        new = "".join(lines[:start]) + text + ("\n" + "".join(lines[end:]) if end < len(lines) else "")
    # re-read just before writing: another benchmark may have written its section meanwhile
    if doc.exists() and doc.read_text() != current:
        return write_doc(text)
    doc.write_text(new)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=50)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--sets", nargs="+", default=DEFAULT_SETS)
    p.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args, _ = p.parse_known_args(argv)  # run_all.py may pass extra arguments
    with tempfile.TemporaryDirectory(prefix="sahel-bench-grading-") as tmp:
        tmp = Path(tmp)
        made = make_submissions(tmp / "subs", args.n, args.sets)
        ours_wall, ours, cpu = run_ours(tmp / "subs", tmp / "out", args.jobs)
        nbg_wall, nbg_setup, theirs = run_nbgrader(tmp / "subs", tmp / "course", args.sets)
    same = ours == theirs
    diffs = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
    ratio = nbg_wall / ours_wall
    from sahel_course.grading import sandbox

    caps = sandbox.capabilities()
    sb_ok, sb_why = caps.bwrap, caps.detail
    overhead = sandbox_overhead() if sb_ok else float("nan")
    cpu_med = statistics.median(cpu) if cpu else float("nan")
    kinds = {k: sum(1 for *_, x in made if x == k) for k in ("solved", "partial", "blank")}
    print(f"submissions: {len(made)} {kinds} over {args.sets}")
    print(f"sahel-course grade --jobs {args.jobs}: {ours_wall:.1f} s ({len(made) / ours_wall:.2f} nb/s), "
          f"sandbox: {'bubblewrap' if sb_ok else 'NONE (' + sb_why + ')'}, feedback HTML included")
    print(f"nbgrader autograde (serial): {nbg_wall:.1f} s ({len(made) / nbg_wall:.2f} nb/s), "
          f"+{nbg_setup:.1f} s generate_assignment setup")
    print(f"throughput ratio: {ratio:.2f}x (target >= 2x on 2 cores)")
    print(f"identical scores: {same}" + ("" if same else f"; differ: {diffs[:10]}"))
    print(f"core-seconds per notebook (cgroup cpuacct, whole sandbox): median {cpu_med:.2f}, "
          f"max {max(cpu) if cpu else float('nan'):.2f}; sandbox set-up + tear-down: {overhead:.3f} s")
    if not args.no_write:
        write_doc(
            "## Grading\n\n"
            "Command: `.venv/bin/python benchmarks/bench_grading.py` "
            f"(`--n {args.n} --jobs {args.jobs}`; part of `make bench`).\n\n"
            f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}.\n"
            f"Submissions: {len(made)} generated by `benchmarks/make_submissions.py` (seed 2023: {kinds['solved']} solved, "
            f"{kinds['partial']} partly solved, {kinds['blank']} blank) over {', '.join(args.sets)}.\n\n"
            "| grader | wall time | throughput |\n|---|---|---|\n"
            f"| `sahel-course grade --jobs {args.jobs}` (sandboxed: {'bubblewrap' if sb_ok else 'no'}; "
            f"includes feedback HTML) | {ours_wall:.1f} s | {len(made) / ours_wall:.2f} notebooks/s |\n"
            f"| `nbgrader autograde` per set, serial (no sandbox, no feedback) | {nbg_wall:.1f} s | "
            f"{len(made) / nbg_wall:.2f} notebooks/s |\n\n"
            f"Throughput ratio: **{ratio:.2f}x** (target >= 2x on 2 cores). "
            f"Identical autograded scores for every submission: **{'yes' if same else 'NO'}**.\n\n"
            f"Core-seconds per notebook (the whole sandbox: runner, kernel, answer export; cgroup cpuacct): "
            f"median **{cpu_med:.2f}**, max {max(cpu) if cpu else float('nan'):.2f}. Sandbox set-up and tear-down "
            f"(tmpfs, cgroups, bubblewrap around `/bin/true`, median of 10): **{overhead:.3f} s**.\n\n"
            "Note: nbgrader autograde on these sets runs only the visible checks (the hidden checks moved to the "
            "grader's side), so on these clean submissions equal scores show both agree, not that nbgrader "
            "would catch a wrong answer of the right type.\n"
        )
        print("recorded in docs/benchmarks.md (## Grading)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
