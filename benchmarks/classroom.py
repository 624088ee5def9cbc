"""A class on one machine, for real: JupyterHub + nbgitpuller + N simulated students.

    python benchmarks/classroom.py                 # N = 5, 10, 20 (`make classroom`)
    python benchmarks/classroom.py --students 2    # the smoke version
    python benchmarks/classroom.py --card          # resource card: every lesson, one student

For each N, a fresh JupyterHub (PyPI ``jupyterhub``, ``configurable-http-proxy`` from npm in
tools/browser/) listens on 127.0.0.1 with the dummy authenticator and the simple local-process
spawner (one folder per student under a scratch directory). N students, all at once, each:

1. log in through the hub's login form;
2. start a server (REST API with a token the hub issues for that student) and wait until the
   hub's progress stream says it is ready (*spawn* time);
3. pull the student edition with nbgitpuller from a local git URL (``file://``) through
   ``/user/<name>/git-pull/api`` (*pull* time);
4. execute lesson 01 cell by cell through the server's kernel websocket, comparing every output
   nbval would compare with the committed one (sanitized with notebooks/nbval_sanitize.cfg), and
   stopping at the first error (*run* time);
5. shut the kernel down and stop the server.

A sampler reads every process's resident memory (RSS, so shared library pages count in each
process) every 0.5 s and attributes it to a student (``JUPYTERHUB_USER`` in the process's
environment: server and kernel), the hub or the proxy. Results go to
``build/classroom/results.json``; the table printed at the end is what docs/benchmarks.md holds.
"""
from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHP = ROOT / "tools" / "browser" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "notebooks/01_the_story.ipynb"
COMPARED = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")
TARGET = "sahel-course"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_proxy() -> None:
    if not CHP.exists():
        print("installing configurable-http-proxy (npm ci in tools/browser)", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=CHP.parents[2], check=True,
                       env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))


def make_edition(work: Path, sets: list[str] | None) -> str:
    """The student edition as a git repository; returns its file:// URL."""
    from sahel_course.edition import write_student_edition

    out = write_student_edition(work / "student-edition", root=ROOT, sets=sets, git=True, quiet=True)
    return out.as_uri()


# --------------------------------------------------------------------------- the hub


class Hub:
    def __init__(self, work: Path, timeout: int = 180):
        self.work = work
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        (work / "homes").mkdir(parents=True, exist_ok=True)
        path = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])
        config = f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/homes/{{username}}"
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {["--allow-root"] if os.geteuid() == 0 else []!r}
c.Spawner.environment = {{"PATH": {path!r}, "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}}
c.Spawner.http_timeout = {timeout}
c.Spawner.start_timeout = {timeout}
c.JupyterHub.services = [{{"name": "classroom", "api_token": "{self.token}"}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["classroom"]}}]
c.JupyterHub.cleanup_servers = True
"""
        (work / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        self.log = open(work / "hub.log", "w")
        self.proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(work / "jupyterhub_config.py")],
                                     cwd=work, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(os.environ, PATH=path))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited at start; see {work / 'hub.log'}")
            try:
                if self.api("get", "/").ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer within 60 s; see {work / 'hub.log'}")

    def api(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, f"{self.base}/hub/api{path}", headers=headers, timeout=300, **kw)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# --------------------------------------------------------------------------- memory sampler


class Sampler(threading.Thread):
    """Peak RSS per student (server + kernel), per student kernel, for the hub and the proxy."""

    def __init__(self, hub_pid: int):
        super().__init__(daemon=True)
        self.hub_pid = hub_pid
        self.user_peak: dict[str, int] = {}
        self.kernel_peak: dict[str, int] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self.hub_peak = self.proxy_peak = self.total_peak = 0
        self.owner: dict[int, str | None] = {}
        self.halt = threading.Event()

    def _owner(self, proc: psutil.Process) -> str | None:
        if proc.pid not in self.owner:
            try:
                self.owner[proc.pid] = proc.environ().get("JUPYTERHUB_USER")
            except (psutil.Error, OSError):
                self.owner[proc.pid] = None
        return self.owner[proc.pid]

    def sample(self) -> None:
        users: dict[str, int] = {}
        kernels: dict[str, int] = {}
        try:
            hub = psutil.Process(self.hub_pid)
            family = [hub, *hub.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for proc in family:
            try:
                rss = proc.memory_info().rss
                cmd = " ".join(proc.cmdline())
                cpu = sum(proc.cpu_times()[:2])
            except psutil.Error:
                continue
            total += rss
            if proc.pid == self.hub_pid:
                self.hub_peak = max(self.hub_peak, rss)
            elif "configurable-http-proxy" in cmd:
                self.proxy_peak = max(self.proxy_peak, rss)
            elif (user := self._owner(proc)):
                users[user] = users.get(user, 0) + rss
                self.cpu[proc.pid] = (user, cpu)
                if "ipykernel" in cmd:
                    kernels[user] = kernels.get(user, 0) + rss
        for d, peak in ((users, self.user_peak), (kernels, self.kernel_peak)):
            for user, rss in d.items():
                peak[user] = max(peak.get(user, 0), rss)
        self.total_peak = max(self.total_peak, total)

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(0.5)

    def cpu_per_user(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for user, cpu in self.cpu.values():
            out[user] = out.get(user, 0.0) + cpu
        return out


# --------------------------------------------------------------------------- one student


def sanitizer() -> list[tuple[re.Pattern, str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "notebooks" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


SANITIZE = sanitizer()


def _clean(text: str) -> str:
    for pattern, repl in SANITIZE:
        text = pattern.sub(repl, text)
    return text.rstrip()


def _comparable(outputs: list[dict]) -> list[tuple[str, str]]:
    """What nbval compares: stream text and the non-image representations, sanitized."""
    seen = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            seen.append((out.get("name", ""), _clean("".join(out.get("text", "")))))
        elif kind in ("execute_result", "display_data"):
            for key in COMPARED:
                if key in out.get("data", {}):
                    value = out["data"][key]
                    value = value if isinstance(value, str) else json.dumps(value, sort_keys=True) \
                        if not isinstance(value, list) else "".join(value)
                    seen.append((key, _clean(value)))
    # stream messages can arrive in several pieces: merge consecutive ones of the same stream
    merged: list[tuple[str, str]] = []
    for key, value in seen:
        if merged and key in ("stdout", "stderr") and merged[-1][0] == key:
            merged[-1] = (key, merged[-1][1] + "\n" + value)
        else:
            merged.append((key, value))
    return [(k, re.sub(r"\n+", "\n", v).strip()) if k in ("stdout", "stderr") else (k, v) for k, v in merged]


def execute_notebook(base: str, name: str, token: str, path: str, ws_timeout: float = 120) -> dict:
    """Open a kernel for ``path`` on the user's server, run every cell, compare outputs; shut down."""
    headers = {"Authorization": f"token {token}"}
    user = f"{base}/user/{name}"
    r = requests.post(f"{user}/api/sessions", headers=headers, timeout=300,
                      json={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
    r.raise_for_status()
    session = r.json()
    kernel_id = session["kernel"]["id"]
    contents = requests.get(f"{user}/api/contents/{path}?content=1", headers=headers, timeout=60)
    contents.raise_for_status()
    nb = nbformat.from_dict(contents.json()["content"])
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/user/{name}/api/kernels/{kernel_id}/channels"
        f"?session_id={uuid.uuid4().hex}", header=[f"Authorization: token {token}"], timeout=ws_timeout)
    mismatches, errors, cells = [], [], 0
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or "nbval-skip" in cell.metadata.get("tags", []):
                continue
            cells += 1
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": name, "session": uuid.uuid4().hex,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell.source, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            outputs, idle, replied = [], False, False
            while not (idle and replied):
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "status" and content["execution_state"] == "idle":
                    idle = True
                elif kind == "execute_reply":
                    replied = True
                elif kind in ("stream", "execute_result", "display_data", "error"):
                    outputs.append({"output_type": kind, **content})
            if any(o["output_type"] == "error" for o in outputs):
                err = next(o for o in outputs if o["output_type"] == "error")
                errors.append(f"cell {index}: {err['ename']}: {err['evalue']}")
                break
            if "nbval-ignore-output" in cell.metadata.get("tags", []):
                continue
            if _comparable(outputs) != _comparable(cell.outputs):
                mismatches.append(f"cell {index}")
    finally:
        ws.close()
        requests.delete(f"{user}/api/sessions/{session['id']}", headers=headers, timeout=60)
    return {"cells": cells, "errors": errors, "mismatches": mismatches}


def student(hub: Hub, name: str, repo: str, lessons: list[str]) -> dict:
    result = {"name": name, "failure": None}
    phase = "login"
    try:
        t0 = time.monotonic()
        s = requests.Session()
        s.get(f"{hub.base}/hub/login", timeout=120).raise_for_status()
        xsrf = s.cookies.get("_xsrf", path="/hub/")
        r = s.post(f"{hub.base}/hub/login", data={"username": name, "password": "class", "_xsrf": xsrf},
                   allow_redirects=False, timeout=120)
        if r.status_code != 302 or "jupyterhub-session-id" not in s.cookies:
            raise RuntimeError(f"login answered {r.status_code}")
        result["login_s"] = time.monotonic() - t0

        phase = "token"
        r = hub.api("post", f"/users/{name}/tokens", json={"expires_in": 3600, "note": "classroom"})
        r.raise_for_status()
        token = r.json()["token"]

        phase = "spawn"
        t0 = time.monotonic()
        r = hub.api("post", f"/users/{name}/server", token=token)
        if r.status_code not in (201, 202):
            raise RuntimeError(f"spawn request answered {r.status_code}: {r.text[:200]}")
        with hub.api("get", f"/users/{name}/server/progress", token=token, stream=True) as events:
            ready = False
            for line in events.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[5:])
                    if event.get("failed"):
                        raise RuntimeError(event.get("message", "spawn failed"))
                    if event.get("ready"):
                        ready = True
                        break
            if not ready:
                raise RuntimeError("the progress stream ended before the server was ready")
        result["spawn_s"] = time.monotonic() - t0

        phase = "pull"
        t0 = time.monotonic()
        headers = {"Authorization": f"token {token}"}
        url = f"{hub.base}/user/{name}/git-pull/api"
        with requests.get(url, params={"repo": repo, "branch": "main", "targetpath": TARGET},
                          headers=headers, stream=True, timeout=300) as events:
            events.raise_for_status()
            last = {}
            for line in events.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    last = json.loads(line[5:])
                    if last.get("phase") in ("finished", "error"):
                        break
        if last.get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller: {last.get('message') or last}")
        listing = requests.get(f"{hub.base}/user/{name}/api/contents/{TARGET}/notebooks", headers=headers,
                               timeout=60)
        listing.raise_for_status()
        if not any(item["name"] == Path(LESSON).name for item in listing.json()["content"]):
            raise RuntimeError("the pulled folder has no lesson 01")
        result["pull_s"] = time.monotonic() - t0

        phase = "run"
        result["runs"] = {}
        for lesson in lessons:
            t0 = time.monotonic()
            run = execute_notebook(hub.base, name, token, f"{TARGET}/{lesson}")
            run["seconds"] = time.monotonic() - t0
            result["runs"][lesson] = run
            if run["errors"] or run["mismatches"]:
                raise RuntimeError(f"{lesson}: errors {run['errors']}, outputs differ in {run['mismatches']}")
        result["run_s"] = sum(r["seconds"] for r in result["runs"].values())

        phase = "stop"
        t0 = time.monotonic()
        r = hub.api("delete", f"/users/{name}/server")
        if r.status_code not in (202, 204):
            raise RuntimeError(f"stop answered {r.status_code}")
        while hub.api("get", f"/users/{name}").json().get("servers"):
            time.sleep(0.5)
        result["stop_s"] = time.monotonic() - t0
    except Exception as err:  # every failure is recorded with its phase, none is skipped
        result["failure"] = f"{phase}: {type(err).__name__}: {err}"
    return result


# --------------------------------------------------------------------------- a class


def run_class(n: int, repo: str, scratch: Path, lessons: list[str], timeout: int) -> dict:
    work = scratch / f"class-{n}"
    work.mkdir(parents=True)
    hub = Hub(work, timeout=timeout)
    sampler = Sampler(hub.proc.pid)
    sampler.start()
    cpu0 = sum(psutil.cpu_times()[:3])
    t0 = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(lambda i: student(hub, f"student{i:02d}", repo, lessons), range(1, n + 1)))
        wall = time.monotonic() - t0
    finally:
        sampler.halt.set()
        sampler.join()
        hub.stop()
    cpu = sampler.cpu_per_user()
    for r in results:
        r["peak_rss_mib"] = sampler.user_peak.get(r["name"], 0) / 2**20
        r["kernel_peak_rss_mib"] = sampler.kernel_peak.get(r["name"], 0) / 2**20
        r["cpu_s"] = cpu.get(r["name"], 0.0)
    return {"students": n, "wall_s": wall, "results": results,
            "hub_peak_mib": sampler.hub_peak / 2**20, "proxy_peak_mib": sampler.proxy_peak / 2**20,
            "all_peak_mib": sampler.total_peak / 2**20, "machine_cpu_s": sum(psutil.cpu_times()[:3]) - cpu0}


def _stat(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {max(values):.1f}" if values else "-"


def table(classes: list[dict]) -> str:
    rows = ["| students | spawn s (median / worst) | pull s | lesson 01 run s | all done s | "
            "peak MiB per student (median / worst) | hub MiB | proxy MiB | CPU s per student | failures |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for c in classes:
        ok = [r for r in c["results"] if not r["failure"]]
        fails = [r["failure"] for r in c["results"] if r["failure"]]
        rows.append(
            f"| {c['students']} | {_stat([r['spawn_s'] for r in ok])} | {_stat([r['pull_s'] for r in ok])} | "
            f"{_stat([r['run_s'] for r in ok])} | {c['wall_s']:.0f} | "
            f"{_stat([r['peak_rss_mib'] for r in c['results']])} | {c['hub_peak_mib']:.0f} | "
            f"{c['proxy_peak_mib']:.0f} | {statistics.median([r['cpu_s'] for r in c['results']]):.1f} | "
            f"{len(fails)}/{c['students']}{': ' + '; '.join(fails[:3]) if fails else ''} |")
    return "\n".join(rows)


def card(result: dict) -> str:
    student_ = result["results"][0]
    rows = ["| lesson | run s | kernel peak MiB |", "|---|---:|---:|"]
    for lesson, run in student_.get("runs", {}).items():
        rows.append(f"| {Path(lesson).stem} | {run['seconds']:.1f} | {run.get('kernel_peak_mib', 0):.0f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--card", action="store_true", help="one student runs every lesson, one kernel at a time")
    parser.add_argument("--timeout", type=int, default=180, help="Spawner http_timeout and start_timeout (s)")
    parser.add_argument("--sets", nargs="*", default=None, help="exercise sets in the edition (default: all)")
    parser.add_argument("--out", default=str(ROOT / "build" / "classroom" / "results.json"))
    args = parser.parse_args(argv)
    ensure_proxy()
    with tempfile.TemporaryDirectory(prefix="sahel-class-") as tmp:
        scratch = Path(tmp)
        t0 = time.monotonic()
        repo = make_edition(scratch, args.sets)
        print(f"student edition built as a git repository in {time.monotonic() - t0:.0f} s", flush=True)
        classes = []
        if args.card:
            lessons = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
            classes.append(run_card(lessons, repo, scratch, args.timeout))
            print(card(classes[0]))
        else:
            for n in args.students:
                print(f"class of {n}: starting", flush=True)
                classes.append(run_class(n, repo, scratch, [LESSON], args.timeout))
                print(table(classes[-1:]).splitlines()[-1], flush=True)
            print(table(classes))
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"cpus": os.cpu_count(), "classes": classes}, indent=1), encoding="utf-8")
        print(f"results: {out}")
    failures = sum(bool(r["failure"]) for c in classes for r in c["results"])
    return 1 if failures else 0


def run_card(lessons: list[str], repo: str, scratch: Path, timeout: int) -> dict:
    """One student, each lesson in its own kernel; the kernel's peak RSS per lesson."""
    work = scratch / "card"
    work.mkdir(parents=True)
    hub = Hub(work, timeout=timeout)
    try:
        per_lesson = {}
        result = None
        for lesson in lessons:
            sampler = Sampler(hub.proc.pid)
            sampler.start()
            if result is None:
                result = student(hub, "student01", repo, [lesson])
                run = result.get("runs", {}).get(lesson, {})
            else:
                token = hub.api("post", "/users/student01/tokens", json={"expires_in": 3600}).json()["token"]
                hub.api("post", "/users/student01/server", token=token)
                while not hub.api("get", "/users/student01").json().get("servers", {}).get("", {}).get("ready"):
                    time.sleep(0.5)
                t0 = time.monotonic()
                run = execute_notebook(hub.base, "student01", token, f"{TARGET}/{lesson}")
                run["seconds"] = time.monotonic() - t0
                hub.api("delete", "/users/student01/server")
                while hub.api("get", "/users/student01").json().get("servers"):
                    time.sleep(0.5)
            sampler.halt.set()
            sampler.join()
            run["kernel_peak_mib"] = sampler.kernel_peak.get("student01", 0) / 2**20
            run["server_and_kernel_peak_mib"] = sampler.user_peak.get("student01", 0) / 2**20
            run["hub_peak_mib"] = sampler.hub_peak / 2**20
            run["proxy_peak_mib"] = sampler.proxy_peak / 2**20
            per_lesson[lesson] = run
            if result.get("failure") or run.get("errors") or run.get("mismatches"):
                result["failure"] = result.get("failure") or f"{lesson}: {run.get('errors')} {run.get('mismatches')}"
                break
        result["runs"] = per_lesson
    finally:
        hub.stop()
    return {"students": 1, "results": [result], "card": True}


if __name__ == "__main__":
    sys.exit(main())
