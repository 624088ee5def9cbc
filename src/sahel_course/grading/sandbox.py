"""Run one untrusted command in a throwaway sandbox that holds as root.

The recipe (checked on Debian 12, bubblewrap 0.8, cgroups v1; see the course brief):

* **Work folder**: a host-side ``tmpfs`` with ``size=`` (the disk cap), owned by the
  unprivileged uid that runs the code; it is the only writable place besides a
  size-limited private ``/tmp``. Without root it is a plain temporary folder.
* **Namespaces**: bubblewrap with ``--unshare-ipc --unshare-pid --unshare-net
  --unshare-uts --unshare-cgroup`` (no network, no host sockets, its own processes),
  ``--die-with-parent --new-session --clearenv``.
* **Filesystem**: nothing of ``/`` but read-only binds of ``/usr`` (``/bin``, ``/lib``,
  ``/lib64`` as symlinks into it), ``/etc/ld.so.cache``, the Python environment, the
  package and the course data. No solutions, no ``$HOME``, no other submission.
* **Privileges**: as root, ``setpriv`` switches to uid/gid 65534 with every capability
  dropped and ``no_new_privs`` before the runner starts (so ``mount``, ``unshare`` and
  friends fail). Without root, bubblewrap's user namespace already has no capabilities.
* **Limits** on the *whole* sandbox: cgroups v1 ``memory``, ``pids`` and ``cpu`` (CPU
  time read from ``cpuacct``) where writable; otherwise ``prlimit`` per process (and,
  as root, a dedicated uid per parallel slot so the process cap counts only that slot).

:func:`capabilities` says what this machine allows; :meth:`Limits.describe` says which
limits are in force. Without bubblewrap the grader refuses to run unless the
instructor passes ``--no-sandbox`` (see :mod:`sahel_course.grading.pipeline`).
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

NOBODY = 65534
INSIDE_HOME = "/home/student"
INSIDE_DATA = "/course/data"
INSIDE_PKG = "/course/pkg"
CGROUP_ROOT = Path("/sys/fs/cgroup")
_CONTROLLERS = ("memory", "pids", "cpu", "cpuacct")

_QUIET_ENV = {
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2", "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    "JUPYTER_PLATFORM_DIRS": "1", "PYTHONHASHSEED": "0",
}


@dataclass
class Limits:
    """Resource limits for one sandbox (the whole sandbox, where cgroups allow)."""

    memory: int = 2 * 1024**3        #: bytes of memory for everything in the sandbox
    processes: int = 128             #: processes and threads at once
    cpu_seconds: float = 300.0       #: CPU seconds for the whole run (then it is killed)
    wall_seconds: float = 1200.0     #: generous wall-clock cap on top
    disk: int = 256 * 1024**2        #: bytes in the work folder (and again in /tmp)
    cpus: float = 1.0                #: share of cores (cgroup cpu quota)

    def describe(self, caps: "Capabilities | None" = None) -> list[str]:
        caps = caps or capabilities()
        mib = 1024**2
        how = "whole sandbox (cgroup)" if caps.cgroups else "per process (rlimit)"
        lines = [
            f"memory {self.memory // mib} MiB, {how}",
            f"processes {self.processes}, " + ("whole sandbox (cgroup)" if caps.cgroups else
                                               "per dedicated uid (rlimit)" if caps.root else
                                               "per uid (rlimit, shared with your other processes)"),
            f"CPU {self.cpu_seconds:g} s for the whole notebook ("
            + ("cgroup cpuacct" if caps.cgroups else "rlimit per process") + f"), wall clock {self.wall_seconds:g} s",
            f"disk {self.disk // mib} MiB in the work folder" + (" (tmpfs)" if caps.root else " (file-size rlimit)")
            + f" and {self.disk // mib} MiB in /tmp",
        ]
        if caps.cgroups:
            lines.append(f"CPU share {self.cpus:g} core(s) (cgroup cpu quota)")
        return lines


@dataclass(frozen=True)
class Capabilities:
    bwrap: bool
    root: bool
    cgroups: bool
    detail: str


@functools.lru_cache(maxsize=None)
def capabilities() -> Capabilities:
    """What this machine allows: bubblewrap (self-tested), root, writable cgroups v1."""
    root = os.geteuid() == 0
    cg = root and all(os.access(CGROUP_ROOT / c, os.W_OK) for c in _CONTROLLERS) and \
        (CGROUP_ROOT / "memory" / "memory.limit_in_bytes").exists() and not os.environ.get("SAHEL_COURSE_NO_CGROUPS")
    if os.environ.get("SAHEL_COURSE_NO_SANDBOX"):
        return Capabilities(False, root, cg, "SAHEL_COURSE_NO_SANDBOX is set")
    if shutil.which("bwrap") is None:
        return Capabilities(False, root, cg, "bwrap (Debian/Ubuntu package 'bubblewrap') is not installed")
    caps = Capabilities(True, root, cg, "")
    try:
        with Workspace(Limits(), caps) as ws:
            res = run(["/bin/sh", "-c", "echo ok > probe; touch /usr/.sahel-probe 2>/dev/null && exit 3; exit 0"],
                      ws, Limits(cpu_seconds=20, wall_seconds=60), caps=caps)
            ok = res.returncode == 0 and (ws.path / "probe").exists()
    except OSError as exc:
        return Capabilities(False, root, cg, f"bwrap could not start: {exc}")
    if not ok:
        return Capabilities(False, root, cg, f"bwrap self-test failed (exit {res.returncode}): {res.log_tail()}")
    return Capabilities(True, root, cg, "bubblewrap sandbox works")


# --------------------------------------------------------------------------- work folder


class Workspace:
    """The sandbox's only writable folder: a size-limited tmpfs owned by the sandbox uid."""

    def __init__(self, limits: Limits, caps: Capabilities | None = None, uid: int = NOBODY):
        self.limits, self.caps, self.uid = limits, caps or capabilities(), uid
        self.path: Path = Path()
        self._mounted = False

    def __enter__(self) -> "Workspace":
        self.path = Path(tempfile.mkdtemp(prefix="sahel-sbx-"))
        if self.caps.root and self.caps.bwrap:
            subprocess.run(["mount", "-t", "tmpfs", "-o",
                            f"size={self.limits.disk},uid={self.uid},gid={self.uid},mode=0700,nosuid,nodev",
                            "tmpfs", str(self.path)], check=True, capture_output=True)
            self._mounted = True
        return self

    def write(self, name: str, data: bytes) -> Path:
        """Write a file the sandbox may read and change (owned by the sandbox uid)."""
        p = self.path / name
        p.write_bytes(data)
        if self._mounted:
            os.chown(p, self.uid, self.uid)
        return p

    def read(self, name: str, cap: int) -> bytes | None:
        """Read at most ``cap`` bytes of a *regular* file written by the sandbox (None if absent/odd)."""
        from .intake import read_regular

        return read_regular(self.path / name, cap)

    def __exit__(self, *exc) -> None:
        if self._mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True)
        shutil.rmtree(self.path, ignore_errors=True)


# --------------------------------------------------------------------------- cgroups


class CGroup:
    """One cgroup per sandbox in each v1 controller; limits, usage, kill, cleanup."""

    def __init__(self, limits: Limits):
        name = f"sahel-grading/{uuid.uuid4().hex[:12]}"
        self.dirs = {c: CGROUP_ROOT / c / name for c in _CONTROLLERS}
        for d in dict.fromkeys(p.resolve() if p.exists() else p for p in self.dirs.values()):
            d.mkdir(parents=True, exist_ok=True)
        self._set("memory", "memory.limit_in_bytes", limits.memory)
        try:  # also cap swap, where the kernel accounts it
            self._set("memory", "memory.memsw.limit_in_bytes", limits.memory)
        except OSError:
            pass
        self._set("pids", "pids.max", limits.processes)
        period = 100_000
        self._set("cpu", "cpu.cfs_period_us", period)
        self._set("cpu", "cpu.cfs_quota_us", int(period * limits.cpus))

    def _set(self, ctrl: str, key: str, value) -> None:
        (self.dirs[ctrl] / key).write_text(str(value))

    def _get(self, ctrl: str, key: str) -> str:
        try:
            return (self.dirs[ctrl] / key).read_text()
        except OSError:
            return ""

    def procs_files(self) -> list[str]:
        return sorted({str(d / "cgroup.procs") for d in self.dirs.values()})

    def cpu_seconds(self) -> float:
        v = self._get("cpuacct", "cpuacct.usage").strip()
        return int(v) / 1e9 if v else 0.0

    def report(self) -> dict:
        events = self._get("pids", "pids.events")
        return {
            "peak_memory": int(self._get("memory", "memory.max_usage_in_bytes") or 0),
            "memory_hit": any(int(self._get("memory", k) or 0) > 0 for k in ("memory.failcnt", "memory.memsw.failcnt"))
            or "oom_kill 0" not in (self._get("memory", "memory.oom_control") or "oom_kill 0"),
            "pids_hit": any(line.split()[-1] != "0" for line in events.splitlines() if line.startswith("max")),
            "cpu_seconds": self.cpu_seconds(),
        }

    def kill_all(self) -> None:
        for _ in range(50):
            pids = [int(p) for p in self._get("pids", "cgroup.procs").split()]
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.05)

    def remove(self) -> None:
        self.kill_all()
        for d in self.dirs.values():
            for _ in range(40):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.05)


# --------------------------------------------------------------------------- the run


@dataclass
class Outcome:
    """What happened to one sandboxed run (numbers measured outside the sandbox)."""

    returncode: int | None
    killed: str = ""                 #: "cpu" or "wall" when the grader stopped it
    wall_seconds: float = 0.0
    cpu_seconds: float | None = None
    peak_memory: int | None = None
    memory_hit: bool = False
    pids_hit: bool = False
    log: bytes = b""
    limits: list[str] = field(default_factory=list)

    def log_tail(self, n: int = 400) -> str:
        return self.log[-n:].decode("utf-8", "replace").strip()


def _readonly_binds() -> list[tuple[str, str]]:
    """(host path, inside path) pairs the runner needs, read-only."""
    import sahel_course
    from sahel_course._paths import data_dir

    binds = []
    for p in {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}:
        binds.append((p, p))
    pkg_parent = str(Path(sahel_course.__file__).resolve().parents[1])
    if not (pkg_parent + os.sep).startswith(os.path.realpath(sys.prefix) + os.sep):
        binds.append((pkg_parent, INSIDE_PKG))  # an editable install: the package lives in src/
    binds.append((os.path.realpath(data_dir()), INSIDE_DATA))
    return binds


def inside_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The runner's whole environment (nothing is inherited from the grader)."""
    import sahel_course

    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": INSIDE_HOME, "TMPDIR": "/tmp", "USER": "student",
        "IPYTHONDIR": f"{INSIDE_HOME}/.ipython", "MPLCONFIGDIR": f"{INSIDE_HOME}/.mpl",
        "JUPYTER_RUNTIME_DIR": f"{INSIDE_HOME}/.runtime", "JUPYTER_CONFIG_DIR": f"{INSIDE_HOME}/.jupyter",
        "JUPYTER_DATA_DIR": f"{INSIDE_HOME}/.jupyter-data",
        "SAHEL_COURSE_DATA": INSIDE_DATA, **_QUIET_ENV,
    }
    pkg_parent = str(Path(sahel_course.__file__).resolve().parents[1])
    if not (pkg_parent + os.sep).startswith(os.path.realpath(sys.prefix) + os.sep):
        env["PYTHONPATH"] = INSIDE_PKG
    env.update(extra or {})
    return env


def _bwrap_cmd(ws: Workspace, limits: Limits, caps: Capabilities, env: dict[str, str]) -> list[str]:
    cmd = [shutil.which("bwrap") or "bwrap",
           "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup",
           "--die-with-parent", "--new-session", "--clearenv",
           "--ro-bind", "/usr", "/usr"]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = os.readlink(f"/{link}") if os.path.islink(f"/{link}") else None
        if target:
            cmd += ["--symlink", target, f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            cmd += ["--ro-bind", f"/{link}", f"/{link}"]
    # the private /tmp first: binds below may live under the host's /tmp (a CI checkout) and must stay visible
    cmd += ["--size", str(limits.disk), "--perms", "1777", "--tmpfs", "/tmp"]
    binds = _readonly_binds()
    made: set[str] = {"/", "/usr", "/tmp"}
    for inside in [b[1] for b in binds] + [INSIDE_HOME, "/etc/x"]:
        # bwrap makes missing mount points 0700: create every parent readable first
        for parent in reversed(Path(inside).parents):
            if str(parent) not in made:
                made.add(str(parent))
                cmd += ["--perms", "0755", "--dir", str(parent)]
    cmd += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for host, inside in binds:
        cmd += ["--ro-bind", host, inside]
    cmd += ["--proc", "/proc", "--dev", "/dev",
            "--bind", str(ws.path), INSIDE_HOME, "--chdir", INSIDE_HOME]
    for k, v in env.items():
        cmd += ["--setenv", k, v]
    cmd.append("--")
    if caps.root:
        cmd += ["setpriv", f"--reuid={ws.uid}", f"--regid={ws.uid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    return cmd


def _prlimit_cmd(limits: Limits, caps: Capabilities, sandboxed: bool) -> list[str]:
    if caps.cgroups and sandboxed:
        return []
    cmd = ["prlimit", f"--as={limits.memory}", f"--cpu={int(limits.cpu_seconds) + 1}",
           f"--fsize={limits.disk}"]
    if caps.root and sandboxed:  # a dedicated uid per slot: the process cap counts only this sandbox
        cmd.append(f"--nproc={limits.processes}")
    return cmd + ["--"]


def run(argv: list[str], ws: Workspace, limits: Limits, *, caps: Capabilities | None = None,
        sandboxed: bool = True, env: dict[str, str] | None = None) -> Outcome:
    """Run ``argv`` (paths as seen inside) in the sandbox around ``ws``; never raises for the child.

    Inside, the work folder is ``/home/student`` and the course data ``/course/data``.
    With ``sandboxed=False`` (the instructor's ``--no-sandbox``) the command runs
    directly, in ``ws.path``, with only rlimits.
    """
    caps = caps or capabilities()
    env = inside_env(env)
    log_path = ws.path / ".sandbox.log"
    if sandboxed:
        inner = _bwrap_cmd(ws, limits, caps, env) + argv
    else:
        env = {k: v.replace(INSIDE_HOME, str(ws.path)) for k, v in env.items()}
        from sahel_course._paths import data_dir
        env["SAHEL_COURSE_DATA"] = str(data_dir())
        env.pop("PYTHONPATH", None)
        inner = [a.replace(INSIDE_HOME, str(ws.path)) for a in argv]
    cgroup = CGroup(limits) if (caps.cgroups and sandboxed) else None
    cmd = _prlimit_cmd(limits, caps, sandboxed) + inner
    if cgroup:
        # the shell joins the cgroups, then *becomes* bwrap (exec keeps the pid)
        cmd = ["/bin/sh", "-c", 'for f in $SAHEL_CG; do echo $$ > "$f" || exit 125; done; exec "$@"', "sh"] + cmd
    outcome = Outcome(returncode=None, limits=limits.describe(caps) if sandboxed else ["rlimits only"])
    start = time.monotonic()
    with open(log_path, "wb") as log:
        if cgroup is None and ws._mounted:
            os.chown(log_path, ws.uid, ws.uid)
        proc = subprocess.Popen(cmd, cwd=str(ws.path), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                env={"SAHEL_CG": " ".join(cgroup.procs_files()) if cgroup else "",
                                     "PATH": "/usr/bin:/bin", **({} if sandboxed else env)},
                                start_new_session=True)
        try:
            while True:
                try:
                    outcome.returncode = proc.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if cgroup and cgroup.cpu_seconds() > limits.cpu_seconds:
                    outcome.killed = "cpu"
                elif time.monotonic() - start > limits.wall_seconds:
                    outcome.killed = "wall"
                if outcome.killed:
                    _kill(proc, cgroup)
                    outcome.returncode = proc.wait()
                    break
        finally:
            if proc.returncode is None:
                _kill(proc, cgroup)
                proc.wait()
            if not sandboxed:  # no pid namespace: kill whatever the student left running
                _killpg(proc.pid)
            outcome.wall_seconds = time.monotonic() - start
            if cgroup:
                outcome.__dict__.update(cgroup.report())
                cgroup.remove()
    if outcome.returncode is not None and outcome.returncode < 0 and not outcome.killed:
        if outcome.returncode == -signal.SIGXCPU or outcome.returncode == -signal.SIGKILL and not cgroup:
            outcome.killed = outcome.killed or ("cpu" if outcome.returncode == -signal.SIGXCPU else "")
    outcome.log = (ws.read(".sandbox.log", 64_000) or b"")
    return outcome


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill(proc: subprocess.Popen, cgroup: CGroup | None) -> None:
    _killpg(proc.pid)
    if cgroup:
        cgroup.kill_all()
