"""The ``sahel-course`` command. It only parses arguments; the work is done elsewhere.

    sahel-course release [SET ...] [--course DIR] [--out DIR]
    sahel-course grade SUBMISSIONS [--course DIR] [--out DIR] [--jobs N] [--cell-cpu S] [--no-sandbox]
    sahel-course sandbox-check
    sahel-course collect DOWNLOAD --set SET --roster CSV [--out DIR] [--course DIR] [--late STUDENT ...]
    sahel-course written SET [--grading DIR] [--roster CSV] [--course DIR]
    sahel-course gradebook [--grading DIR] [--roster CSV] [--collected COLLECT_CSV ...] [--late-penalty PERCENT]
    sahel-course export --to canvas|moodle|nbgrader [--grading DIR] --roster CSV [--canvas-id SET=ID ...]
    sahel-course class-report [--grading DIR] [--roster CSV]
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


def _roster(path):
    from sahel_course.grading import roster

    return roster.load(path) if path else None


def _fail(exc) -> int:
    print(f"sahel-course: {exc}", file=sys.stderr)
    return 2


def _exercises() -> Path:
    """The course's exercises folder, the default ``--course`` (as in the grading pipeline)."""
    from sahel_course._paths import course_root

    return course_root() / "exercises"


def _collect(args) -> int:
    from sahel_course.grading import collect, roster, spec

    course = Path(args.course) if args.course else _exercises()
    try:
        done = collect.collect(args.download, args.set, roster.load(args.roster), args.out,
                               known_sets=spec.list_sets(course), late=args.late)
    except (collect.CollectError, roster.RosterError) as exc:
        return _fail(exc)
    print(f"placed {done['placed']} notebook(s) of {done['students']} student(s) in {Path(args.out).resolve()}")
    for title, rows in (("late (marked late by Canvas or --late)", done["late"]),
                        ("NOT placed", done["not_placed"]), ("no submission", done["missing"]),
                        ("replaced (from an earlier collect; this download replaces the student's set folder)",
                         done["replaced"]),
                        ("kept from an earlier collect (no notebook in this download)", done["kept_previous"])):
        if rows:
            print(f"{len(rows)} {title}:")
            print("\n".join(f"  {r[0] or r[1]}: {r[4]}" for r in rows))
    print(f"every file is listed in {done['path']}")
    if done["late"]:
        print("to carry the late submissions into the gradebook, after grading: "
              f"sahel-course gradebook --grading GRADING --roster {args.roster} --collected {done['path']}")
    return 0


def _written(args) -> int:
    from sahel_course.grading import roster, written

    try:
        done = written.build(args.set, args.grading, args.course or _exercises(), _roster(args.roster))
    except (written.WrittenError, roster.RosterError) as exc:
        return _fail(exc)
    if done["warnings"]:
        print("\n".join(done["warnings"]))
    print(f"wrote {done['page']} (read the answers) and updated {done['sheet']} "
          f"({done['to_grade']} written answer(s) of {args.set} still to grade: fill 'points' and 'comment')")
    return 0


def _gradebook(args) -> int:
    from sahel_course.grading import gradebook, roster, written

    from sahel_course.grading import collect

    try:
        if args.collected or args.late_penalty is not None:
            late = gradebook.update_late(args.grading, args.collected or [], args.late_penalty)
            print(f"late submissions: {late}")
        done = gradebook.write(args.grading, _roster(args.roster))
    except (written.WrittenError, roster.RosterError, collect.CollectError) as exc:
        return _fail(exc)
    if done["warnings"]:
        print("\n".join(done["warnings"]))
    counts: dict[str, int] = {}
    for r in done["book"].rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    print("rows: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    late = [r for r in done["book"].rows if r.late]
    if late:
        print(f"{len(late)} late: " + ", ".join(
            f"{r.student}/{r.set} (-{r.late_penalty:g})" if r.late_penalty else f"{r.student}/{r.set} (no penalty)"
            for r in late))
    print("wrote " + ", ".join(str(p) for p in done["paths"])
          + f" and regenerated {done['feedback_pages']} feedback page(s) with the total, written points and comments")
    return 0


def _export(args) -> int:
    from sahel_course.grading import export, roster, written

    ids = {}
    for item in args.canvas_id or []:
        set_name, sep, aid = item.partition("=")
        if not sep or not aid.strip().isdigit():
            return _fail(f"export: --canvas-id {item!r}: write SET=ID, e.g. ex01_story=123456 "
                         "(the number in the assignment's Canvas address)")
        ids[set_name.strip()] = aid.strip()
    try:
        done = export.export(args.grading, roster.load(args.roster), args.to, ids, args.out)
    except (export.ExportError, written.WrittenError, roster.RosterError) as exc:
        return _fail(exc)
    if done["warnings"]:
        print("\n".join(done["warnings"]))
    print(f"wrote {done['path']} ({done['rows']} row(s)); import steps: docs/instructor-guide-grading.md, 'Export'")
    return 0


def _class_report(args) -> int:
    from sahel_course.grading import classreport, roster, written

    try:
        path = classreport.write(args.grading, _roster(args.roster))
    except (written.WrittenError, roster.RosterError) as exc:
        return _fail(exc)
    print(f"wrote {path}")
    return 0


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
    co = sub.add_parser("collect", help="turn a Canvas or Moodle 'download all submissions' into SUBMISSIONS/")
    co.add_argument("download", help="the downloaded .zip (or the folder it was unpacked into)")
    co.add_argument("--set", required=True, help="the exercise set these submissions are for, e.g. ex01_story")
    co.add_argument("--roster", required=True, help="roster.csv (student, name, lms_id, ...)")
    co.add_argument("--out", default="submissions", help="submissions folder to fill (default: submissions)")
    co.add_argument("--course", default=None, help="nbgrader course folder (default: exercises/ of the course)")
    co.add_argument("--late", action="append", metavar="STUDENT",
                    help="roster key of a student whose submission is late (Moodle does not mark it); repeat")
    co.set_defaults(func=_collect)
    wr = sub.add_parser("written", help="a page of every written answer of SET with the rubric, and written.csv")
    wr.add_argument("set")
    wr.add_argument("--grading", default="grading-output", help="the output folder of `grade` (default: grading-output)")
    wr.add_argument("--roster", default=None, help="roster.csv (names; students with no submission)")
    wr.add_argument("--course", default=None, help="nbgrader course folder (default: exercises/ of the course)")
    wr.set_defaults(func=_written)
    gb = sub.add_parser("gradebook", help="merge autograded and written points; feedback with comments")
    gb.add_argument("--grading", default="grading-output", help="the output folder of `grade` (default: grading-output)")
    gb.add_argument("--roster", default=None, help="roster.csv (students with no submission appear as missing)")
    gb.add_argument("--collected", action="append", metavar="COLLECT_CSV",
                    help="collect's report (collect-<SET>.csv): its late submissions go into GRADING/late.csv; repeat")
    gb.add_argument("--late-penalty", type=float, default=None, metavar="PERCENT",
                    help="deduct PERCENT of the set's maximum from a late submission's total (default: none; "
                         "stored in GRADING/late.csv)")
    gb.set_defaults(func=_gradebook)
    ex = sub.add_parser("export", help="grades as a CSV file Canvas or Moodle imports, or nbgrader's long CSV")
    ex.add_argument("--to", required=True, choices=["canvas", "moodle", "nbgrader"])
    ex.add_argument("--grading", default="grading-output", help="the output folder of `grade` (default: grading-output)")
    ex.add_argument("--roster", required=True, help="roster.csv (the platform's ids)")
    ex.add_argument("--canvas-id", action="append", metavar="SET=ID",
                    help="Canvas assignment id of a set (repeat per set), e.g. ex01_story=123456")
    ex.add_argument("--out", default=None, help="file to write (default: GRADING/export/<to>.csv)")
    ex.set_defaults(func=_export)
    cr = sub.add_parser("class-report", help="one page: distribution of totals, share passed per question")
    cr.add_argument("--grading", default="grading-output", help="the output folder of `grade` (default: grading-output)")
    cr.add_argument("--roster", default=None, help="roster.csv (students with no submission)")
    cr.set_defaults(func=_class_report)
    for name, (_, text) in _DELEGATED.items():
        sub.add_parser(name, help=text + f" (sahel-course {name} --help)", add_help=False)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
