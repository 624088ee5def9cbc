"""The student edition: the course as students receive it, without solutions.

    sahel-course student-edition OUT [--sets ex01_story ...] [--git] [--force]

writes to ``OUT``:

- ``notebooks/`` (the lessons with their outputs, the contents page, the nbval sanitizer),
- ``data/`` (articles and reference tables),
- ``exercises/<set>/``: student versions made by nbgrader (:func:`sahel_course.grading.release`):
  solution regions replaced by ``YOUR CODE HERE``, hidden tests and model answers removed,
- ``src/sahel_course/``, ``pyproject.toml``, ``requirements.lock`` (the package and its pinned
  environment), ``binder/`` (for Binder / repo2docker) and ``jupyter-config/`` (JupyterLab
  settings),
- a student ``README.md``, ``Makefile`` (``make lab``) and ``.gitignore``.

``exercises/source/``, the tests, the instructor guides, the tools and benchmarks stay out.
Before it returns, the edition is scanned for solution and hidden-test markers
(:func:`find_solution_markers`); a hit is an error, not a warning. With ``--git`` the folder
becomes a git repository with one commit, ready to push as the branch or repository that an
nbgitpuller link or Binder points at.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ._errors import CourseDataError
from ._paths import course_root

#: Text that only an instructor's copy contains (nbgrader regions, the model answers).
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                    "*Model answer.*")
#: Copied from the course folder as they are (folders are copied whole, minus caches).
COPIED = ("data", "notebooks", "src/sahel_course", "binder", "jupyter-config",
          "pyproject.toml", "requirements.lock")
#: Student versions of the README, Makefile and .gitignore.
TEMPLATES = Path("tools") / "student_edition"
STAMP = ".student-edition"
STUDENT_SETTINGS = {
    "page_config.json": "jupyter-config/labconfig/page_config.d/sahel-course-student.json",
    "jupyter_server_config.json": "jupyter-config/jupyter_server_config.d/sahel-course-student.json",
}
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")


def find_solution_markers(folder: str | os.PathLike) -> list[str]:
    """Files under ``folder`` that contain a solution or hidden-test marker, as ``path: marker``.

    The package's own Python modules are skipped: the grader's code names the markers it
    removes (``"BEGIN HIDDEN TESTS" in cell.source``) without holding any solution.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ex.ipynb").write_text('"### BEGIN SOLUTION\\\\nx = 1"')
    ...     find_solution_markers(tmp)
    ['ex.ipynb: BEGIN SOLUTION']
    """
    folder = Path(folder)
    hits = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.parts[0] in (".git", ".venv"):
            continue
        if rel.parts[:2] == ("src", "sahel_course") and path.suffix == ".py":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and other binary files
        hits += [f"{rel.as_posix()}: {m}" for m in SOLUTION_MARKERS if m in text]
    return hits


def _prepare(out: Path, root: Path, force: bool) -> None:
    if out == root or root.is_relative_to(out):
        raise CourseDataError(f"student-edition: the output folder {out} would contain the course "
                              f"folder {root}; choose a folder outside it, for example {root / 'build' / 'student'}.")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise CourseDataError(f"student-edition: {out} already exists and is not empty; "
                                  "choose a new folder, or pass --force to replace an earlier edition.")
        if not (out / STAMP).is_file():
            raise CourseDataError(f"student-edition: {out} is not an earlier student edition (it has no "
                                  f"{STAMP} file), so --force will not delete it; choose a new folder.")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def _git_commit(out: Path, quiet: bool) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="sahel-course", GIT_AUTHOR_EMAIL="course@example.invalid",
               GIT_COMMITTER_NAME="sahel-course", GIT_COMMITTER_EMAIL="course@example.invalid")
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", "Student edition of the course"]):
        done = subprocess.run(cmd, cwd=out, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise CourseDataError(f"student-edition: `{' '.join(cmd)}` failed in {out}: {done.stderr.strip()}")
    if not quiet:
        print(f"git repository with one commit on branch main: {out}")


def _write(out: Path, root: Path, sets: list[str] | None) -> None:
    from .grading import release

    for name in COPIED:
        src = root / name
        if not src.exists():
            raise CourseDataError(f"student-edition: the course folder {root} has no {name}; "
                                  "is it a complete checkout of the course?")
        dest = out / name
        if src.is_dir():
            shutil.copytree(src, dest, ignore=_IGNORE)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    templates = root / TEMPLATES
    shutil.copy2(templates / "README.md", out / "README.md")
    shutil.copy2(templates / "Makefile", out / "Makefile")
    shutil.copy2(templates / "gitignore", out / ".gitignore")
    # students get nbgrader's "Validate" button but not the instructor's tools (formgrader,
    # Create Assignment, the course and assignment lists of nbgrader's exchange)
    for template, dest in STUDENT_SETTINGS.items():
        (out / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(templates / template, out / dest)
    release(sets, course=root / "exercises", out=out / "exercises", quiet=True)
    leaks = find_solution_markers(out)
    if leaks:
        raise CourseDataError("student-edition: solution or hidden-test markers in the generated edition "
                              f"(the edition was removed): {'; '.join(leaks)}")
    (out / STAMP).write_text("Generated by `sahel-course student-edition`; safe to delete and regenerate.\n",
                             encoding="utf-8")


def write_student_edition(out: str | os.PathLike, *, root: str | os.PathLike | None = None,
                          sets: list[str] | None = None, git: bool = False, force: bool = False,
                          quiet: bool = False) -> Path:
    """Write the student edition of the course found by :func:`course_root` to ``out``.

    ``sets`` chooses the exercise sets (default: all); ``git`` makes ``out`` a git repository
    with one commit; ``force`` replaces an earlier edition in ``out``. Returns ``out``.
    Raises :class:`~sahel_course.CourseDataError` if ``out`` is unsuitable, a set is unknown or
    a solution marker is found in the result; a half-written edition is removed.
    """
    root = course_root(root)
    out = Path(out).expanduser().resolve()
    _prepare(out, root, force)
    try:
        _write(out, root, sets)
    except BaseException as err:  # never leave half an edition behind
        shutil.rmtree(out, ignore_errors=True)
        if isinstance(err, SystemExit):  # grading.release reports a bad set name this way
            raise CourseDataError(f"student-edition: {err}") from None
        raise
    if git:
        _git_commit(out, quiet)
    if not quiet:
        released = sorted(p.name for p in (out / "exercises").iterdir() if p.is_dir())
        print(f"student edition written to {out}: {len(list((out / 'notebooks').glob('*.ipynb')))} lessons, "
              f"{len(released)} exercise sets ({', '.join(released)}), no solutions")
    return out


def main(argv: list[str] | None = None) -> int:
    """The ``sahel-course student-edition`` command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="sahel-course student-edition",
                                     description="Write the course as students receive it (no solutions).")
    parser.add_argument("out", metavar="OUT", help="folder to write (new, or an earlier edition with --force)")
    parser.add_argument("--sets", nargs="+", metavar="SET", default=None,
                        help="exercise sets to release (default: all)")
    parser.add_argument("--course", default=None,
                        help="the course folder (default: $SAHEL_COURSE_ROOT or the one around the working directory)")
    parser.add_argument("--git", action="store_true", help="make OUT a git repository with one commit")
    parser.add_argument("--force", action="store_true", help="replace an earlier student edition in OUT")
    args = parser.parse_args(argv)
    try:
        write_student_edition(args.out, root=args.course, sets=args.sets, git=args.git, force=args.force)
    except CourseDataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
