"""Run every benchmark script in this folder (``make bench``; never part of ``make test``).

Runs ``bench_*.py`` and ``grading_*.py`` one after the other, each in its own
Python process (so that memory figures do not mix), with the same interpreter.
Extra arguments are passed to every script. Exit status: 1 if any script failed.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    scripts = sorted(HERE.glob("bench_*.py")) + sorted(HERE.glob("grading_*.py"))
    failed = []
    for script in scripts:
        print(f"\n##### {script.name}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script), *args], cwd=HERE.parent)
        print(f"##### {script.name}: exit {rc}, {time.perf_counter() - t0:.1f} s", flush=True)
        if rc != 0:
            failed.append(script.name)
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
