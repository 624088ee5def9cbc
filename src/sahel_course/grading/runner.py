"""Step 3, run (inside the sandbox): execute the notebook, then export the answers as data.

Started by :mod:`sahel_course.grading.execute` as a plain script (standard library,
nbformat and nbclient only, so it starts fast)::

    python runner.py NOTEBOOK --names answer_q1,answer_q2 [--cell-cpu 60]

It writes ``executed.ipynb`` (for display only) and ``answers.json`` in its folder.
Both are untrusted once they leave: the student's code runs in the same sandbox and
could have written them. The grader uses only the answer values, decoded strictly,
and only when this runner exits with 0.

* Each cell may use ``--cell-cpu`` CPU seconds (all processes of the sandbox, read
  from /proc, so a busy machine never turns a correct cell into a timeout); then the
  kernel is interrupted and the cell is marked ``timeout``; the run goes on.
* Each cell keeps at most ``--max-output`` characters of output.
* After the last cell, everything the notebook wrote is removed (so a full disk cannot
  stop the export) and the export code runs in the kernel.
"""
import argparse
import os
import shutil
import signal
import sys
import threading
import time

sys.modules.setdefault("rfc3987_syntax", None)  # where installed (not in requirements.lock), jsonschema compiles 38 grammars we never need (1 CPU s)

HERE = os.getcwd()
KEEP = {"in.ipynb", "executed.ipynb", "answers.json", ".sandbox.log", ".runner", "kernel.json",
        ".ipython", ".runtime", ".jupyter", ".jupyter-data", ".mpl"}


def cpu_of_others() -> float:
    """CPU seconds of every process in this pid namespace except the runner."""
    tick = os.sysconf("SC_CLK_TCK")
    total, me = 0, os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in (me, 1):
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])
        except (OSError, IndexError, ValueError):
            continue
    return total / tick


class Watchdog(threading.Thread):
    """Stop a cell that used more than ``limit`` CPU seconds, or sat ``idle`` seconds without using any.

    CPU time, not wall time, so a busy machine never stops a correct cell; an idle
    limit on top, so a cell that sleeps or hangs does not hold the grader forever.
    First an interrupt. The kernel is killed if the cell is still running after that
    and it either keeps computing (``GRACE_CPU`` more CPU seconds: the interrupt was
    ignored) or does nothing at all for ``GRACE_IDLE`` seconds (it hangs), or at the
    latest ``GRACE_WALL`` seconds after the interrupt. A kernel that obeys the
    interrupt needs a few hundredths of a CPU second to do so, even on a busy machine.
    """

    GRACE_CPU, GRACE_IDLE, GRACE_WALL = 1.0, 3.0, 30.0
    PROGRESS = 0.2  #: CPU seconds that count as "doing something" for the idle limits

    def __init__(self, limit: float, idle: float, kernel_pid):
        super().__init__(daemon=True)
        self.limit, self.idle, self.kernel_pid = limit, idle, kernel_pid
        self.active, self.fired = False, False
        self.start_cpu = self.mark_cpu = self.mark_time = self.fired_at = self.fired_cpu = 0.0
        self.stop = threading.Event()

    def arm(self):
        self.start_cpu = self.mark_cpu = cpu_of_others()
        self.mark_time = time.monotonic()
        self.fired, self.active = False, True

    def verdict(self, now: float, cpu: float):
        """The signal to send now (or None), given the clock and the sandbox's CPU seconds.

        A cell that computes for ever and ignores the interrupt:

        >>> w = Watchdog(limit=3, idle=5, kernel_pid=lambda: None)
        >>> w.verdict(now=1.0, cpu=2.0), w.verdict(now=2.0, cpu=3.5)   # 3.5 CPU s > 3
        (None, <Signals.SIGINT: 2>)
        >>> w.verdict(now=2.5, cpu=4.0), w.verdict(now=3.0, cpu=4.6)   # ignored: 1.1 more CPU s
        (None, <Signals.SIGKILL: 9>)

        A cell that sleeps, then hangs after the interrupt:

        >>> h = Watchdog(limit=3, idle=5, kernel_pid=lambda: None)
        >>> h.verdict(now=5.5, cpu=0.0), h.verdict(now=8.0, cpu=0.05), h.verdict(now=8.6, cpu=0.05)
        (<Signals.SIGINT: 2>, None, <Signals.SIGKILL: 9>)
        """
        if cpu - self.mark_cpu > self.PROGRESS:
            self.mark_cpu, self.mark_time = cpu, now
        if not self.fired:
            if cpu - self.start_cpu > self.limit or now - self.mark_time > self.idle:
                self.fired, self.fired_at, self.fired_cpu, self.mark_time = True, now, cpu, now
                return signal.SIGINT
            return None
        if (cpu - self.fired_cpu > self.GRACE_CPU or now - self.mark_time > self.GRACE_IDLE
                or now - self.fired_at > self.GRACE_WALL):
            return signal.SIGKILL
        return None

    def run(self):
        while not self.stop.wait(0.25):
            if not self.active or self.kernel_pid() is None:
                continue
            sig = self.verdict(time.monotonic(), cpu_of_others())
            if sig is not None:
                self._signal(sig)

    def _signal(self, sig):
        try:
            os.kill(self.kernel_pid(), sig)
        except (OSError, TypeError):
            pass


def clean_workdir(private_tmp: bool):
    """Remove what the notebook wrote (the kernel's own folders stay, minus any big file).

    ``/tmp`` is emptied only when it is the sandbox's private one (``--private-tmp``).
    """
    for name in os.listdir(HERE):
        p = os.path.join(HERE, name)
        if name not in KEEP and not name.startswith("kernel-ipc"):
            shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) and not os.path.islink(p) else _unlink(p)
    for folder, _, files in os.walk(HERE):
        for f in files:
            p = os.path.join(folder, f)
            try:
                if os.lstat(p).st_size > 1_000_000 and f not in KEEP:
                    _unlink(p)
            except OSError:
                pass
    for name in os.listdir("/tmp") if private_tmp else []:
        p = os.path.join("/tmp", name)
        shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) and not os.path.islink(p) else _unlink(p)


def _unlink(p):
    try:
        os.unlink(p)
    except OSError:
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--names", default="")
    ap.add_argument("--export-code", required=True)
    ap.add_argument("--cell-cpu", type=float, default=60)
    ap.add_argument("--cell-wall", type=float, default=900)
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--private-tmp", action="store_true", help="/tmp is the sandbox's own (empty it before export)")
    ap.add_argument("--max-output", type=int, default=20_000)
    args = ap.parse_args(argv)
    open(os.path.join(HERE, ".runner"), "w").close()
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    os.environ.pop("JPY_PARENT_PID", None)
    for sub in (".ipython", ".runtime", ".jupyter", ".jupyter-data", ".mpl"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    nb = nbformat.read(args.notebook, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    truncated = []

    class Client(NotebookClient):
        """nbclient, keeping at most ``--max-output`` characters of output per cell."""

        def output(self, outs, msg, display_id, cell_index):
            if cell_index in truncated:
                return None
            out = super().output(outs, msg, display_id, cell_index)
            size = sum(len(str(o)) for o in outs)
            if size > args.max_output:
                truncated.append(cell_index)
                last = outs[-1] if outs else None
                if last is not None and last.get("output_type") == "stream":
                    last["text"] = last["text"][: max(0, len(last["text"]) - (size - args.max_output))]
                elif last is not None:
                    outs.pop()
                outs.append(nbformat.v4.new_output("stream", name="stderr", text="\n[output cut: too long]\n"))
            return out

    km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(HERE, "kernel-ipc"),
                       connection_file=os.path.join(HERE, "kernel.json"))
    client = Client(nb, km=km, timeout=int(args.cell_wall), interrupt_on_timeout=True, allow_errors=True,
                    startup_timeout=120, iopub_timeout=4, record_timing=False, shutdown_kernel="immediate",
                    resources={"metadata": {"path": HERE}})
    watchdog = Watchdog(args.cell_cpu, args.idle, lambda: getattr(km.provisioner, "pid", None))
    watchdog.start()
    status = {}
    names = [n for n in args.names.split(",") if n]
    exported = False
    with client.setup_kernel(cwd=HERE, stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"),
                             stdin=open(os.devnull)):
        try:
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                watchdog.arm()
                try:
                    client.execute_cell(cell, index)
                    st = "error" if any(o.get("output_type") == "error" for o in cell.outputs) else "ok"
                except CellTimeoutError:
                    st = "timeout"
                except DeadKernelError:  # killed by the watchdog (a timeout) or died on its own
                    status[index] = "timeout" if watchdog.fired else "kernel_died"
                    raise
                watchdog.active = False
                status[index] = "timeout" if watchdog.fired else st
            clean_workdir(args.private_tmp)
            with open(args.export_code, encoding="utf-8") as fh:
                code = fh.read()
            export = nbformat.v4.new_code_cell(
                f"exec({code!r}, __sahel_ns := {{'__name__': '_sahel_export'}})\n"
                f"__sahel_ns['write_answers'](globals(), {names!r}, {os.path.join(HERE, 'answers.json')!r})")
            nb.cells.append(export)
            watchdog.arm()
            try:
                client.execute_cell(export, len(nb.cells) - 1)
            finally:
                watchdog.active = False
                nb.cells.pop()
            exported = not any(o.get("output_type") == "error" for o in export.outputs)
        except DeadKernelError:
            pass
    watchdog.stop.set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.metadata["sahel_grading"] = {"status": status.get(index, "not_run")}
    nb.metadata["sahel_grading"] = {"truncated": truncated}
    nbformat.write(nb, os.path.join(HERE, "executed.ipynb"))
    return 0 if exported else 3


if __name__ == "__main__":
    sys.exit(main())
