"""Run one untrusted notebook in a throwaway sandbox (used by ``sahel-course grade``).

How it works
------------
The *whole* execution (a small Python runner using :mod:`nbclient` **and** the
kernel it starts) runs inside `bubblewrap <https://github.com/containers/bubblewrap>`_::

    prlimit --as=<bytes> --cpu=<secs> -- \\
      bwrap --unshare-all --die-with-parent --new-session \\
            --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp \\
            [--tmpfs <folder to hide> ...] --bind <copy> <copy> --chdir <copy> \\
            -- python -m sahel_course.sandbox run <copy>/in.ipynb <copy>/out.ipynb --timeout S

* ``/`` is mounted read-only: the grader's home, the repository, the course folder,
  the gradebook and the other submissions cannot be changed from inside.
  The submissions folder and the output folder are additionally hidden (empty tmpfs).
* Only the throwaway copy of the submission is writable; it is deleted afterwards.
* No network (``--unshare-all``), a private ``/tmp``, its own process namespace (when
  the runner exits every process the student started is killed).
* The kernel talks to the runner over the ``ipc`` transport (unix sockets inside the
  copy): TCP cannot cross the network namespace. ``JPY_PARENT_PID`` is removed from
  the environment (otherwise ipykernel exits when it cannot see that process).
* ``prlimit`` caps memory (address space) and CPU seconds of every process.
* nbclient enforces a per-cell timeout (the kernel is interrupted, the cell is marked
  ``timeout``); the grader enforces an overall wall-clock budget and kills the sandbox.

If ``bwrap`` is missing or fails its self-test, :func:`sandbox_status` says so and the
grader runs the same runner with ``prlimit`` and timeouts only, prints a loud warning
and flags every row ``no_sandbox``.

What a sandbox cannot do: student code runs in the same kernel as the tests, so a
determined student can subvert the tests of *their own* notebook (e.g. by
monkeypatching). The tamper checks in :mod:`sahel_course.grading` catch the common
cases; unusual full marks deserve a look.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: Default memory cap (address space, bytes) for every process in the sandbox.
DEFAULT_MEMORY = 4 * 1024**3
#: Environment variables that keep numeric libraries small and deterministic.
_QUIET_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
    "MPLBACKEND": "Agg",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
}

TIMEOUT_ENAME = "CellTimeout"


@dataclass
class RunResult:
    """Outcome of one sandboxed run."""

    notebook: object | None  # nbformat.NotebookNode or None
    flags: list[str] = field(default_factory=list)
    returncode: int | None = None
    stderr: str = ""
    wall_timeout: bool = False


# --------------------------------------------------------------------------- sandbox


def _bwrap_args(workdir: str, hide: list[str] | tuple[str, ...] = ()) -> list[str]:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise FileNotFoundError("bwrap")
    args = [
        bwrap, "--unshare-all", "--die-with-parent", "--new-session",
        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
    ]
    # The private /tmp must not hide what the run needs to read: the Python environment,
    # the course (package and data) may themselves live under /tmp (a CI checkout, say).
    for needed in _readonly_needs():
        args += ["--ro-bind", needed, needed]
    workdir_real = os.path.realpath(workdir)
    for h in hide:
        h = os.path.realpath(h)
        # never hide a folder that contains the copy (the copy is bound afterwards anyway)
        if os.path.isdir(h) and not (workdir_real + os.sep).startswith(h + os.sep):
            args += ["--tmpfs", h]
    args += ["--bind", workdir_real, workdir_real, "--chdir", workdir_real]
    return args


def _readonly_needs() -> list[str]:
    """Folders under /tmp that a sandboxed run must still see (read-only)."""
    from ._paths import data_dir

    course_root = Path(__file__).resolve().parents[2]
    candidates = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, course_root, data_dir())}
    tmp = os.path.realpath("/tmp") + os.sep
    return sorted(p for p in candidates if (p + os.sep).startswith(tmp) and os.path.isdir(p))


def _prlimit_args(memory: int | None, cpu: int | None) -> list[str]:
    prlimit = shutil.which("prlimit")
    if prlimit is None or (memory is None and cpu is None):
        return []
    args = [prlimit]
    if memory:
        args.append(f"--as={int(memory)}")
    if cpu:
        args.append(f"--cpu={int(cpu)}")
    return args + ["--"]


@functools.lru_cache(maxsize=None)
def sandbox_status() -> tuple[bool, str]:
    """Self-test bubblewrap once per process: ``(works, explanation)``.

    The test starts a sandbox exactly like the grader does and checks that ``/`` is
    read-only inside while the bound folder is writable.
    """
    if os.environ.get("SAHEL_COURSE_NO_SANDBOX"):
        return False, "SAHEL_COURSE_NO_SANDBOX is set"
    if shutil.which("bwrap") is None:
        return False, "bwrap (Debian/Ubuntu package 'bubblewrap') is not installed"
    with tempfile.TemporaryDirectory(prefix="sahel-selftest-") as tmp:
        probe = Path(tmp) / "probe"
        script = (
            "import os,sys\n"
            "open('probe','w').write('ok')\n"
            "try:\n"
            f"    open({str(Path(sys.executable).parent / '.sahel_probe')!r},'w')\n"
            "    sys.exit(3)\n"
            "except OSError:\n"
            "    pass\n"
        )
        try:
            cp = subprocess.run(
                _bwrap_args(tmp) + ["--", sys.executable, "-c", script],
                capture_output=True, text=True, timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"bwrap could not start: {exc}"
        if cp.returncode == 3:
            return False, "bwrap started but '/' was writable inside the sandbox"
        if cp.returncode != 0 or not probe.exists():
            return False, f"bwrap self-test failed (exit {cp.returncode}): {cp.stderr.strip()[:300]}"
    return True, "bubblewrap sandbox works"


def sandbox_env(workdir: str) -> dict[str, str]:
    """A small, clean environment for the runner and kernel (no ``JPY_PARENT_PID``)."""
    venv_bin = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": "/tmp",
        "IPYTHONDIR": os.path.join(workdir, ".ipython"),
        "JUPYTER_RUNTIME_DIR": os.path.join(workdir, ".runtime"),
        "JUPYTER_CONFIG_DIR": os.path.join(workdir, ".jupyter"),
        "JUPYTER_DATA_DIR": os.path.join(workdir, ".jupyter-data"),
        "MPLCONFIGDIR": os.path.join(workdir, ".mpl"),
        "JUPYTER_PLATFORM_DIRS": "1",
        **_QUIET_ENV,
    }
    for key in ("SAHEL_COURSE_DATA", "VIRTUAL_ENV", "PYTHONPATH"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    return env


def run_sandboxed(
    notebook_path: str | os.PathLike,
    workdir: str | os.PathLike,
    *,
    cell_timeout: int = 30,
    wall_timeout: int | None = None,
    memory: int | None = DEFAULT_MEMORY,
    use_sandbox: bool = True,
    hide: list[str] | tuple[str, ...] = (),
) -> RunResult:
    """Execute ``notebook_path`` (a file inside ``workdir``) and return the executed notebook.

    ``workdir`` is the only writable folder. Each code cell gets ``cell_timeout``
    seconds; the whole run gets ``wall_timeout`` (default: cells x timeout + 60 s).
    """
    import nbformat

    workdir = os.path.realpath(workdir)
    src = os.path.realpath(notebook_path)
    out = os.path.join(workdir, "executed.ipynb")
    nb = nbformat.read(src, as_version=4)
    n_code = sum(1 for c in nb.cells if c.cell_type == "code")
    if wall_timeout is None:
        wall_timeout = cell_timeout * max(n_code, 1) + 60
    # run this file directly: importing the package would load the whole toolkit first
    runner = [sys.executable, os.path.abspath(__file__), "run", src, out,
              "--timeout", str(int(cell_timeout))]
    cmd = _prlimit_args(memory, wall_timeout + 30)
    if use_sandbox:
        cmd += _bwrap_args(workdir, hide) + ["--"]
    cmd += runner
    env = sandbox_env(workdir)
    result = RunResult(notebook=None)
    proc = subprocess.Popen(
        cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=wall_timeout)
    except subprocess.TimeoutExpired:
        result.wall_timeout = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, stderr = proc.communicate()
    if not use_sandbox:
        # without a pid namespace, kill whatever the student left running
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    result.returncode = proc.returncode
    result.stderr = (stderr or "")[-4000:]
    if os.path.exists(out):
        try:
            result.notebook = nbformat.read(out, as_version=4)
        except Exception:  # noqa: BLE001 - a broken output file is a kernel problem
            result.notebook = None
    if result.wall_timeout:
        result.flags.append("timeout")
    if result.notebook is not None:
        flags = result.notebook.metadata.get("sahel_grading", {}).get("flags", [])
        result.flags += [f for f in flags if f not in result.flags]
    elif not result.wall_timeout:
        result.flags.append("kernel_died")
    return result


# --------------------------------------------------------------------------- runner


def _skip_slow_imports() -> None:
    """jsonschema imports ``rfc3987_syntax`` (1.5 s compiling a grammar) for a URI format
    check that notebooks never need; skip it in the runner and the grading workers."""
    sys.modules.setdefault("rfc3987_syntax", None)


def _run(in_path: str, out_path: str, timeout: int) -> int:
    """Runner executed *inside* the sandbox: nbclient + an ipc kernel in the same folder."""
    _skip_slow_imports()
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    os.environ.pop("JPY_PARENT_PID", None)
    workdir = os.path.dirname(os.path.abspath(out_path))
    for sub in (".ipython", ".runtime", ".jupyter", ".jupyter-data", ".mpl"):
        os.makedirs(os.path.join(workdir, sub), exist_ok=True)
    nb = nbformat.read(in_path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.setdefault("sahel_grading", {})["status"] = "not_run"
    flags: list[str] = []

    def save() -> None:
        nb.metadata["sahel_grading"] = {"flags": flags}
        tmp = out_path + ".part"
        nbformat.write(nb, tmp)
        os.replace(tmp, out_path)

    def on_executed(cell, cell_index, execute_reply):  # noqa: ARG001
        content = (execute_reply or {}).get("content", {})
        status = content.get("status", "error")
        if status == "error" and content.get("ename") == TIMEOUT_ENAME:
            status = "timeout"
            if "timeout" not in flags:
                flags.append("timeout")
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename=TIMEOUT_ENAME,
                evalue=f"this cell ran for more than {timeout} s and was stopped",
                traceback=[f"{TIMEOUT_ENAME}: this cell ran for more than {timeout} s and was stopped"],
            ))
        cell.metadata.setdefault("sahel_grading", {})["status"] = status
        save()

    km = AsyncKernelManager(
        kernel_name="python3", transport="ipc", ip=os.path.join(workdir, "kernel-ipc"),
        connection_file=os.path.join(workdir, "kernel-connection.json"),
    )
    client = NotebookClient(
        nb, km=km, timeout=timeout, interrupt_on_timeout=True, allow_errors=True,
        startup_timeout=120, iopub_timeout=4, record_timing=False, shutdown_kernel="immediate",
        error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": f"more than {timeout} s",
                          "traceback": []},
        on_cell_executed=on_executed, resources={"metadata": {"path": workdir}},
    )
    save()
    kernel_log = open(os.path.join(workdir, "kernel.log"), "w")  # noqa: SIM115
    try:
        client.execute(stdout=kernel_log, stderr=kernel_log, stdin=subprocess.DEVNULL, cwd=workdir)
    except DeadKernelError:
        flags.append("kernel_died")
    except Exception as exc:  # noqa: BLE001 - report, never crash silently
        flags.append("kernel_died")
        print(f"runner: {type(exc).__name__}: {exc}", file=sys.stderr)
    finally:
        _kill_strays()
    save()
    return 0


def _kill_strays() -> None:
    """Kill every other process of this sandbox (only meaningful in a pid namespace)."""
    if os.getpid() > 10:  # not in a fresh pid namespace: leave to the caller's killpg
        return
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in (1, me):
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sahel_course.sandbox")
    sub = parser.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="execute a notebook (used inside the sandbox)")
    run.add_argument("notebook")
    run.add_argument("output")
    run.add_argument("--timeout", type=int, default=30)
    sub.add_parser("check", help="self-test the sandbox")
    args = parser.parse_args(argv)
    if args.cmd == "run":
        return _run(args.notebook, args.output, args.timeout)
    ok, why = sandbox_status()
    print(json.dumps({"sandbox": ok, "detail": why}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
