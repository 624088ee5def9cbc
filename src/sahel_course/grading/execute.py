"""Step 3, execute: one sandboxed run of one notebook; only data comes back.

The notebook runs in :mod:`.runner` inside :mod:`.sandbox` (one subprocess layer:
the grader's thread starts the sandbox; the kernel lives inside it). Afterwards the
grader reads two files from the work folder, each with a size cap: the answers
(decoded strictly by :mod:`.answers`) and the executed notebook (display only).
A runner that did not exit with 0 gives ``kernel_died`` and no answers at all.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import answers as answers_mod
from . import sandbox

MAX_EXECUTED = 8 * 1024**2
_HERE = Path(__file__).resolve().parent


@dataclass
class Run:
    answers: dict | None                 #: name -> decoded value, or None when unusable
    executed: dict | None                #: the executed notebook as JSON (untrusted, display only)
    flags: list[str] = field(default_factory=list)
    outcome: sandbox.Outcome | None = None
    problem: str = ""                    #: for the instructor's log


def _inside(path: Path) -> str:
    """Where a file of the package is seen inside the sandbox."""
    import sahel_course

    pkg_parent = Path(sahel_course.__file__).resolve().parents[1]
    prefix = Path(sys.prefix).resolve()
    if prefix in pkg_parent.parents or pkg_parent == prefix:
        return str(path)
    return f"{sandbox.INSIDE_PKG}/{path.relative_to(pkg_parent)}"


def _status(cell) -> object:
    """The runner's status of an executed cell; None for anything malformed (the file is untrusted)."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    grading = meta.get("sahel_grading") if isinstance(meta, dict) else None
    return grading.get("status") if isinstance(grading, dict) else None


def run_notebook(nb_json: str, names: list[str], limits: sandbox.Limits, *, cell_cpu: float, cell_idle: float = 60.0,
                 sandboxed: bool = True, caps: sandbox.Capabilities | None = None, uid: int = sandbox.NOBODY) -> Run:
    """Execute ``nb_json`` (notebook text) in a fresh sandbox and return what came back."""
    caps = caps or sandbox.capabilities()
    with sandbox.Workspace(limits, caps, uid=uid) as ws:
        ws.write("in.ipynb", nb_json.encode("utf-8"))
        argv = [sys.executable, _inside(_HERE / "runner.py"), f"{sandbox.INSIDE_HOME}/in.ipynb",
                "--names", ",".join(names), "--export-code", _inside(_HERE / "kernel_export.py"),
                "--cell-cpu", str(cell_cpu), "--idle", str(cell_idle),
                "--cell-wall", str(limits.wall_seconds / 2)] + (["--private-tmp"] if sandboxed else [])
        outcome = sandbox.run(argv, ws, limits, caps=caps, sandboxed=sandboxed)
        run = Run(answers=None, executed=None, outcome=outcome)
        raw_nb = ws.read("executed.ipynb", MAX_EXECUTED)
        raw_answers = ws.read("answers.json", answers_mod.MAX_ANSWERS)
        started = ws.read(".runner", 10) is not None
    if raw_nb is not None and len(raw_nb) <= MAX_EXECUTED:
        try:
            nb = json.loads(raw_nb.decode("utf-8"))
            run.executed = nb if isinstance(nb, dict) and isinstance(nb.get("cells"), list) else None
        except (ValueError, UnicodeDecodeError, RecursionError):
            run.executed = None
    if run.executed:  # display only: a flag for the instructor, never a score
        for cell in run.executed["cells"]:
            if _status(cell) == "timeout" and "cell_timeout" not in run.flags:
                run.flags.append("cell_timeout")
    if outcome.killed:
        run.flags.append("time_limit")
    if outcome.memory_hit:
        run.flags.append("memory_limit")
    if outcome.pids_hit:
        run.flags.append("process_limit")
    if not started:
        run.flags.append("grader_error")
        run.problem = f"the sandbox did not start (exit {outcome.returncode}): {outcome.log_tail()}"
        return run
    if outcome.returncode != 0:
        run.flags.append("kernel_died")
        run.problem = f"runner exit {outcome.returncode}" + (f", stopped at the {outcome.killed} limit" if outcome.killed else "")
        return run
    try:
        run.answers = answers_mod.decode(raw_answers, names)
    except answers_mod.AnswersError as exc:
        run.flags.append("answers_unreadable")
        run.problem = str(exc)
    meta = (run.executed or {}).get("metadata", {}) if run.executed else {}
    grading = meta.get("sahel_grading") if isinstance(meta, dict) else None
    if isinstance(grading, dict) and grading.get("truncated"):
        run.flags.append("output_truncated")
    return run
