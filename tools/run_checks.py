"""Run every check of the course: the command behind `make test` (and so behind CI).

Stages, each (but lint) a pytest run that must collect and pass at least one test:
  lint       ruff check (configuration in pyproject.toml: package, tests, tools, benchmarks,
             lesson notebooks);
  unit       unit tests, data validation and the package's doctests (all of tests/ except
             the two grading suites below); tests/test_edition.py builds the student edition
             and a non-editable install of it, and leaves both for the next stage;
  lessons    every lesson notebook under nbval (outputs compared, with the sanitizer file),
             run FROM the student edition with its non-editable install (the edition's
             notebooks are checked byte-identical to notebooks/);
  sixth      every lesson notebook again, with a sixth article added to a copy of data/
             (nbval-lax: the cells and their asserts must still run), from the checkout;
  grading    tests/test_grading.py (release and grade every real exercise set; computing the
             answer keys runs every solution notebook and fails on any error cell) and
             tests/test_grading_redteam.py (attacks graded in the sandbox).

Each notebook runs once per purpose: the exercise solutions are not run again under nbval
(the grading stage's answer keys run them), and the lessons not again for the edition.

Two lanes run side by side: the grading suites (mostly waiting on sandboxed kernels, and
grading two notebooks at a time themselves) in one, the other stages one after the other
in the other. Every stage has its own pytest temporary folder, so nothing it writes can
be cleaned away by the other lane or by another pytest on the machine. A stage's output
is printed when it ends; the first failure stops the other lane and fails the run.
pytest's exit code 5 ("no tests collected") counts as a failure here.

Nothing here depends on wall-clock speed: the times printed are for information.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIXTURE = ROOT / "tests" / "fixtures" / "sixth-article-fixture.md"
GRADING_SUITES = ["tests/test_grading.py", "tests/test_grading_redteam.py"]


class Failed(Exception):
    pass


class Runner:
    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.tmp, self.env = tmp, env
        self.times: dict[str, float] = {}
        self.failure: str | None = None
        self.procs: list[subprocess.Popen] = []
        self.lock = threading.Lock()

    def pytest(self, label: str, args: list[str], env: dict[str, str] | None = None,
               python: Path | str = sys.executable, cwd: Path = ROOT) -> None:
        self.run(label, [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-q", "--durations=10",
                         f"--basetemp={self.tmp / label}", *args], env, cwd)

    def run(self, label: str, cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
        if self.failure:
            raise Failed(self.failure)
        log = self.tmp / f"{label}.log"
        start = time.perf_counter()
        with open(log, "wb") as out:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env or self.env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
            with self.lock:
                self.procs.append(proc)
            _, status, usage = os.wait4(proc.pid, 0)  # like proc.wait(), plus the CPU time it used
            proc.returncode = code = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime  # the stage and every process it waited for
        with self.lock:
            print(f"\n=== {label}\n$ {' '.join(cmd)}", flush=True)
            sys.stdout.write(log.read_text(encoding="utf-8", errors="replace"))
            if self.failure and code != 0:  # stopped because the other lane failed
                raise Failed(self.failure)
            if code == 5:
                self.failure = f"FAILED: {label}: pytest collected no tests, which is a failure here."
            elif code != 0:
                self.failure = f"FAILED: {label} (pytest exit code {code})."
            else:
                print(f"--- {label}: passed in {took:.1f} s ({cpu:.0f} CPU s)", flush=True)
                self.times[label] = (took, cpu)
                return
            self.stop_others(proc)
            raise Failed(self.failure)

    def stop_others(self, failed: subprocess.Popen) -> None:
        for proc in self.procs:
            if proc is not failed and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)  # a session this runner started


def main() -> None:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # nbgrader shells out to alembic
    env.pop("SAHEL_COURSE_DATA", None)
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    workers = ["-n", "2", "--dist", "loadscope"] if (os.cpu_count() or 1) > 1 else []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sahel-checks-") as tmp_name:
        tmp = Path(tmp_name)
        run = Runner(tmp, env)
        data = tmp / "data-six" / "data"
        shutil.copytree(ROOT / "data", data)
        shutil.copy(FIXTURE, data / "articles" / FIXTURE.name)
        env6 = dict(env, SAHEL_COURSE_DATA=str(data))
        student, student_venv = tmp / "edition" / "sahel-course-student", tmp / "edition-venv"
        env_unit = dict(env, SAHEL_CHECKS_EDITION=str(student), SAHEL_CHECKS_EDITION_VENV=str(student_venv))
        env_edition = {k: v for k, v in env.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
        env_edition["PATH"] = f"{student_venv / 'bin'}{os.pathsep}{env['PATH']}"
        ignore = [f"--ignore={s}" for s in GRADING_SUITES]

        def other_lane() -> None:
            run.run("lint", [str(BIN / "ruff"), "check", "--no-cache"])  # configuration: pyproject.toml
            run.pytest("unit", [*workers, *ignore, "--doctest-modules", "src/sahel_course", "tests"], env_unit)
            if not (student_venv / "bin" / "python").exists():
                run.failure = "FAILED: the unit stage did not leave the student edition's environment."
                raise Failed(run.failure)
            run.pytest("lessons", [*workers, "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
                                   "notebooks/nbval_sanitize.cfg", "notebooks"],
                       env_edition, python=student_venv / "bin" / "python", cwd=student)
            run.pytest("sixth", [*workers, "--nbval-lax", "notebooks"], env6)

        def grading_lane() -> None:
            run.pytest("grading", [*workers, *GRADING_SUITES])

        errors: list[BaseException] = []

        def guarded(lane) -> None:
            try:
                lane()
            except Failed:
                pass
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                with run.lock:
                    run.failure = run.failure or f"FAILED: {exc!r}"
                run.stop_others(None)

        lanes = [threading.Thread(target=guarded, args=(lane,)) for lane in (grading_lane, other_lane)]
        for lane in lanes:
            lane.start()
        try:
            for lane in lanes:
                lane.join()
        except KeyboardInterrupt:  # the stages run in their own sessions: Ctrl-C does not reach them
            run.failure = "Interrupted."
            run.stop_others(None)
            sys.exit("Interrupted: every stage was stopped.")
        if run.failure:
            sys.exit(run.failure)
    print(f"\nAll checks passed in {time.perf_counter() - started:.1f} s (two lanes side by side):")
    for label, (took, cpu) in run.times.items():
        print(f"  {label:10s} {took:6.1f} s  {cpu:6.0f} CPU s")
    print(f"  {'total':10s} {'':8s}  {sum(c for _, c in run.times.values()):6.0f} CPU s")
    print("  (CPU s as wait4 reports it: processes killed inside the grader's sandbox are not counted)")


if __name__ == "__main__":
    main()
