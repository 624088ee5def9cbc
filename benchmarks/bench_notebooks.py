"""Time every lesson notebook under nbval against an empty notebook (the floor).

The empty notebook only imports pandas and matplotlib, so the difference is the cost of
the lesson itself (importing sahel_course, loading data, computing, drawing).
Target: every lesson at most 1.5x the empty notebook.

    .venv/bin/python benchmarks/bench_notebooks.py            # 3 runs each, median
    .venv/bin/python benchmarks/bench_notebooks.py --runs 1 notebooks/04_*.ipynb

Prints a Markdown table (the one in docs/benchmarks.md, section "## Notebooks").
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5


def nbval_seconds(notebook: Path, cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (pytest plus the kernel it starts) of one nbval run."""
    cmd = [sys.executable, "-m", "pytest", "--nbval", str(notebook), "-p", "no:cacheprovider", "-q",
           "--nbval-sanitize-with", str(ROOT / "notebooks" / "nbval_sanitize.cfg")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit(f"{notebook.name} failed under nbval:\n{result.stdout[-2000:]}")
    return elapsed, cpu


def median_run(notebook: Path, cwd: Path, runs: int) -> tuple[float, float]:
    results = [nbval_seconds(notebook, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def empty_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt")]
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook; the median is reported")
    args, _ignored = parser.parse_known_args(argv)  # make bench passes the same extra arguments to every script
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

    with tempfile.TemporaryDirectory() as tmp:
        empty = empty_notebook(Path(tmp))
        # Run from the repository like the lessons (same pytest configuration and working directory).
        floor, floor_cpu = median_run(empty, ROOT, args.runs)
    print(f"nbval, median of {args.runs} run(s); empty notebook (pandas + matplotlib): "
          f"wall {floor:.2f} s, CPU {floor_cpu:.2f} s\n")
    print("| notebook | code cells | wall s | x empty (wall) | CPU s | x empty (CPU) | within 1.5x |")
    print("|---|---:|---:|---:|---:|---:|---|")
    slow = 0
    for path in notebooks:
        path = path.resolve()
        cells = sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)
        seconds, cpu = median_run(path, ROOT, args.runs)
        ratio, cpu_ratio = seconds / floor, cpu / floor_cpu
        ok = min(ratio, cpu_ratio) <= TARGET
        slow += not ok
        print(f"| {path.name} | {cells} | {seconds:.2f} | {ratio:.2f} | {cpu:.2f} | {cpu_ratio:.2f} | "
              f"{'yes' if ok else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
