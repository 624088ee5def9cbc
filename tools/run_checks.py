"""Run every check of the course: the command behind `make test` (and so behind CI).

Steps, each a pytest run that must collect and pass at least one test:
  1. unit tests, data validation and the package's doctests;
  2. every lesson notebook under nbval (outputs compared, with the sanitizer file);
  3. every exercise source (solution) notebook under nbval-lax;
  4. every lesson notebook again, with a sixth article added to a copy of data/
     (nbval-lax: the cells and their asserts must still run).
pytest's exit code 5 ("no tests collected") counts as a failure here.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIXTURE = ROOT / "tests" / "fixtures" / "sixth-article-fixture.md"


def pytest(label: str, args: list[str], env: dict[str, str] | None = None) -> float:
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args]
    print(f"\n=== {label}\n$ {' '.join(cmd[1:])}", flush=True)
    start = time.perf_counter()
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    took = time.perf_counter() - start
    if code == 5:
        sys.exit(f"FAILED: {label}: pytest collected no tests, which is a failure here.")
    if code != 0:
        sys.exit(f"FAILED: {label} (pytest exit code {code}).")
    print(f"--- {label}: passed in {took:.1f} s", flush=True)
    return took


def main() -> None:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # nbgrader shells out to alembic
    env.pop("SAHEL_COURSE_DATA", None)
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    workers = ["-n", "2", "--dist", "loadscope"] if (os.cpu_count() or 1) > 1 else []
    times = {}
    times["unit, data, doctests"] = pytest(
        "unit tests, data validation, doctests",
        [*workers, "--doctest-modules", "src/sahel_course", "tests"], env)
    nb_args = ["--nbval", "--nbval-sanitize-with", "notebooks/nbval_sanitize.cfg", "notebooks"]
    times["lesson notebooks (nbval)"] = pytest("lesson notebooks under nbval", [*workers, *nb_args], env)
    times["exercise solutions (nbval-lax)"] = pytest(
        "exercise source notebooks under nbval-lax", [*workers, "--nbval-lax", "exercises/source"], env)
    with tempfile.TemporaryDirectory(prefix="sahel-six-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        shutil.copy(FIXTURE, data / "articles" / FIXTURE.name)
        env6 = dict(env, SAHEL_COURSE_DATA=str(data))
        times["lessons with a sixth article"] = pytest(
            "lesson notebooks with a sixth article (nbval-lax)", [*workers, "--nbval-lax", "notebooks"], env6)
    print("\nAll checks passed:")
    for label, took in times.items():
        print(f"  {label:34s} {took:6.1f} s")


if __name__ == "__main__":
    main()
