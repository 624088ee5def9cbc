"""The ``sahel-course`` command. It only parses arguments; the work is done elsewhere.

    sahel-course release [SET ...] [--course DIR] [--out DIR]
    sahel-course grade SUBMISSIONS [--course DIR] [--out DIR] [--jobs N] [--cell-cpu S] [--no-sandbox]
    sahel-course sandbox-check
    sahel-course student-edition OUT [--git] [--force]     (see sahel_course.edition)
    sahel-course check-data [FOLDER]                         (see sahel_course.checkdata)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _release(args) -> int:
    from sahel_course.grading import release

    release(args.sets, course=args.course, out=args.out)
    return 0


def _grade(args) -> int:
    from sahel_course.grading import grade, sandbox

    limits = sandbox.Limits(memory=args.memory_mb * 1024**2, cpu_seconds=args.cpu, wall_seconds=args.wall,
                            processes=args.processes)
    summary = grade(args.submissions, out=args.out, course=args.course, jobs=args.jobs, limits=limits,
                    cell_cpu=args.cell_cpu, cell_idle=args.cell_idle, use_sandbox=not args.no_sandbox, progress=not args.no_progress)
    print(summary["summary"])
    out = Path(args.out).resolve()
    print(f"wrote {out / 'grades.csv'}, {out / 'not_graded.csv'}, results/ and feedback/ "
          "(feedback pages are safe to share with each student)")
    return 0


def _sandbox_check(args) -> int:  # noqa: ARG001
    from sahel_course.grading import sandbox

    caps = sandbox.capabilities()
    print(("OK: " if caps.bwrap else "NOT AVAILABLE: ") + caps.detail)
    if caps.bwrap:
        print("limits in force by default:\n  " + "\n  ".join(sandbox.Limits().describe(caps)))
    return 0 if caps.bwrap else 1


#: subcommands with their own argument parser, in their own module
_DELEGATED = {
    "student-edition": ("sahel_course.edition", "write the course as students receive it (no solutions)"),
    "check-data": ("sahel_course.checkdata", "check every data file and report every problem at once"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in _DELEGATED:
        import importlib

        return importlib.import_module(_DELEGATED[argv[0]][0]).main(argv[1:])
    parser = argparse.ArgumentParser(prog="sahel-course", description="Course tools for instructors.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("release", help="generate student versions (solutions removed) with nbgrader")
    p.add_argument("sets", nargs="*", metavar="SET", help="exercise sets (default: all)")
    p.add_argument("--course", default=None, help="nbgrader course folder (default: exercises/ of the course)")
    p.add_argument("--out", default=None, help="where to write <set>/ folders (default: <course>/release)")
    p.set_defaults(func=_release)
    g = sub.add_parser("grade", help="autograde SUBMISSIONS/<student>/<set>/<set>.ipynb in a sandbox")
    g.add_argument("submissions")
    g.add_argument("--course", default=None, help="nbgrader course folder (default: exercises/ of the course)")
    g.add_argument("--out", default="grading-output", help="output folder (default: grading-output)")
    g.add_argument("--jobs", type=int, default=None, help="notebooks graded at once (default: number of cores)")
    g.add_argument("--cell-cpu", type=float, default=60, help="CPU seconds per cell (default: 60)")
    g.add_argument("--cell-idle", type=float, default=60,
                   help="seconds a cell may sit without using CPU (sleeping or hung) before it is stopped (default: 60)")
    g.add_argument("--cpu", type=float, default=300, help="CPU seconds per notebook (default: 300)")
    g.add_argument("--wall", type=float, default=1200, help="wall-clock seconds per notebook (default: 1200)")
    g.add_argument("--memory-mb", type=int, default=2048, help="memory per notebook sandbox (default: 2048)")
    g.add_argument("--processes", type=int, default=128, help="processes per notebook sandbox (default: 128)")
    g.add_argument("--no-sandbox", action="store_true",
                   help="grade WITHOUT bubblewrap (student code runs with your rights; every row is flagged)")
    g.add_argument("--no-progress", action="store_true")
    g.set_defaults(func=_grade)
    c = sub.add_parser("sandbox-check", help="check that the bubblewrap sandbox works here")
    c.set_defaults(func=_sandbox_check)
    for name, (_, text) in _DELEGATED.items():
        sub.add_parser(name, help=text + f" (sahel-course {name} --help)", add_help=False)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
