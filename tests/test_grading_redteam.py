"""Red team: adversarial and careless submissions, graded as root in the bubblewrap sandbox.

One grade run (tiny exercise set ``tests/fixtures/redteam_course``, so each notebook
costs about a second of CPU) holds every attack. Each case states the honest score and
the flags it must get; afterwards the test checks that nothing outside the sandboxes
changed: the course files, the other submissions, the output folder, $HOME, the host's
/tmp, the Python environment, and that no host socket was reached.

Every attack was first run against the previous grader (checks in the student's kernel,
``--ro-bind / /`` as root) where it gave full marks or escaped; see the closing note.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import socket
import stat
import sys
import threading
from pathlib import Path

import nbformat
import pytest

from sahel_course.grading import pipeline, sandbox
from sahel_course.grading.releasing import release
from sahel_course.grading.simulate import fill_answers

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "tests" / "fixtures" / "redteam_course"
SRC = COURSE / "source" / "rt01" / "rt01.ipynb"
VENV = Path(sys.prefix)
HOME = Path.home()
CAPS = sandbox.capabilities()

if os.geteuid() != 0:
    pytest.skip("the red-team suite runs as root, as CI does (it mounts tmpfs and uses cgroups)",
                allow_module_level=True)
if not CAPS.bwrap:  # as root (CI) a missing sandbox is a failure, not a skip
    raise RuntimeError(f"bubblewrap is required for the red-team suite: {CAPS.detail}")

WRONG = "answer_q1 = 999\nanswer_q2 = 999\nanswer_q3 = 9.99\n"
Q1 = "answer_q1 = sum(len(w) for w in 'Reading the Sahel crisis'.split())\n"
Q2 = "import sahel_course as sc\nanswer_q2 = int((sc.load_timeline()['date'].dt.year == 2013).sum())\n"
Q3 = "import math\nanswer_q3 = round(math.pi, 3)\n"
PWN = "/tmp/sahel-redteam-pwned"
ORPHAN = "sahel-redteam-orphan"  # the process name the orphan_daemon attack gives its daemon


def _processes_named(name: str) -> list[str]:
    """PIDs of live processes whose command line contains ``name`` (read from /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if name.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found

# name -> (code for the q1 answer cell, honest auto score, flags that must be present)
ATTACKS: dict[str, tuple[str, float, set[str]]] = {
    # --- the checks live in the kernel: patch them --------------------------------------
    "patch_check_functions": ("""
import sys
for name, mod in list(sys.modules.items()):
    if name.startswith('sahel_course'):
        for attr in dir(mod):
            if attr.startswith('check'):
                try: setattr(mod, attr, lambda *a, **k: None)
                except Exception: pass
""" + WRONG, 0, set()),
    "rebind_importlib": ("""
import importlib, builtins
importlib.reload = lambda m: m
importlib.import_module = lambda *a, **k: None
""" + WRONG, 0, set()),
    "meta_path_finder": ("""
import sys, types
class Finder:
    def find_spec(self, name, path=None, target=None):
        if 'grading' in name or 'json' in name:
            raise ImportError('blocked')
        return None
sys.meta_path.insert(0, Finder())
""" + WRONG, 0, set()),
    "fake_course_data": ("""
import pandas as pd, sahel_course as sc, sahel_course.reference as ref
fake = pd.DataFrame({'date': pd.to_datetime(['2013-01-01']), 'actors': ['MINUSMA']})
sc.load_timeline = ref.load_timeline = lambda *a, **k: fake
answer_q2 = int((sc.load_timeline()['date'].dt.year == 2013).sum())
answer_q1 = 999
answer_q3 = 9.99
""", 0, set()),
    "eq_lookalike": ("""
class Always(int):
    def __eq__(self, other): return True
    __hash__ = int.__hash__
answer_q1 = Always(999)
answer_q2 = Always(999)
answer_q3 = 9.99
""", 0, {"wrong_type"}),
    "patch_builtin_type": ("import builtins\nbuiltins.type = lambda *a: int\nbuiltins.isinstance = lambda *a: True\n"
                           + WRONG, 0, set()),
    "sleep_forever": ("import time\ntime.sleep(10 ** 6)\n" + Q1, 0, {"cell_timeout"}),  # Q1 never ran
    "patch_math_isclose": ("import math\nmath.isclose = lambda *a, **k: True\n" + WRONG, 0, set()),
    "input_transformer": ("""
ip = get_ipython()
ip.input_transformers_post.append(lambda lines: [l for l in lines if 'check' not in l and 'assert' not in l])
""" + WRONG, 0, set()),
    "ast_transformer": ("""
import ast
class Drop(ast.NodeTransformer):
    def visit_Assert(self, node): return None
get_ipython().ast_transformers.append(Drop())
""" + WRONG, 0, set()),
    "settrace_overwrite": ("""
import sys
def tracer(frame, event, arg):
    for k in list(frame.f_locals):
        if k.startswith('answer_'):
            frame.f_locals[k] = 999
    return tracer
sys.settrace(tracer)
""" + WRONG, 0, set()),
    "patch_do_execute": ("""
import inspect
ip = get_ipython()
kernel = ip.kernel
orig = kernel.do_execute
async def do_execute(*a, **kw):
    res = orig(*a, **kw)
    if inspect.isawaitable(res):
        res = await res
    res['status'] = 'ok'
    return res
kernel.do_execute = do_execute
ip.showtraceback = lambda *a, **kw: None
""" + WRONG, 0, set()),
    # --- forge what comes back, kill the runner -------------------------------------------
    "forge_outputs_and_kill_runner": ("""
import json, os, signal
args = [open(f'/proc/{p}/cmdline','rb').read().replace(b'\\0', b' ') for p in os.listdir('/proc') if p.isdigit()]
print(args)
nb = {'cells': [], 'metadata': {'sahel_grading': {'points': 1000}}, 'nbformat': 4, 'nbformat_minor': 5}
open('/home/student/executed.ipynb', 'w').write(json.dumps(nb))
open('/home/student/answers.json', 'w').write(json.dumps({'answer_q1': 999, 'points': 1000, 'score': 1000}))
os.kill(os.getppid(), signal.SIGKILL)
""", 0, {"kernel_died"}),
    "symlink_outputs_to_host_files": ("""
import os
for name in ('answers.json', 'executed.ipynb'):
    try: os.remove('/home/student/' + name)
    except OSError: pass
os.symlink('/etc/passwd', '/home/student/answers.json')
os.symlink('/etc/shadow', '/home/student/executed.ipynb')
import shutil
shutil.rmtree = lambda *a, **k: None
os.unlink = os.remove = lambda *a, **k: None
""" + WRONG, 0, set()),
    # --- break out: capabilities, remounts, namespaces, files ------------------------------
    "remount_root_rw": ("""
import subprocess
r = subprocess.run('umount -l /tmp; mount -o remount,bind,rw /; mount -o remount,rw /course/data; '
                   'echo pwned > /course/data/pwned.txt; echo pwned > {PWN}', shell=True, capture_output=True, text=True)
print(r.returncode, r.stderr[-300:])
""" + WRONG, 0, set()),
    "nested_user_namespace": ("""
import subprocess
r = subprocess.run(['unshare', '-Urm', 'sh', '-c', 'mount -o remount,rw /course/data && echo x > /course/data/pwned2.txt; '
                    'mount -t tmpfs none /home && echo y > {PWN}2'], capture_output=True, text=True)
print(r.returncode, r.stderr[-300:])
""" + WRONG, 0, set()),
    "write_everywhere": ("""
import os
targets = ['{REPO}', '{REPO}/data', '{REPO}/src/sahel_course', '{VENV}', '{HOME}', '{OTHER}', '{OUT}',
           '/course/data', '/course/pkg', '/usr', '/tmp/../..', '/root']
for t in targets:
    try:
        open(os.path.join(t, 'pwned.txt'), 'w').write('x')
        print('WROTE', t)
    except OSError as e:
        print('blocked', t, type(e).__name__)
try:
    open('{OTHER_NB}', 'w').write('{}')
except OSError as e:
    print('blocked other', type(e).__name__)
""" + WRONG, 0, set()),
    "read_and_run_solutions": ("""
import glob, json
paths = glob.glob('/**/rt01.ipynb', recursive=True) + glob.glob('{COURSE}/source/*/*.ipynb')
print(paths)
for p in paths:
    try:
        nb = json.load(open(p))
    except Exception:
        continue
    for c in nb['cells']:
        if 'BEGIN SOLUTION' in ''.join(c['source']):
            exec(''.join(c['source']))
""", 0, set()),
    "secrets_into_feedback": ("""
import os
leak = []
for p in ('/etc/shadow', '/etc/passwd', '{HOME}/.bashrc', '/root/.bash_history'):
    try: leak.append(open(p).read()[:200])
    except OSError as e: leak.append(type(e).__name__)
for d in ('{HOME}', '/root', '/'):
    try: leak.append(str(os.listdir(d)))
    except OSError as e: leak.append(type(e).__name__)
print('\\n'.join(leak))
print('Automatically graded points: 4 / 4')
from IPython.display import HTML, display
display(HTML('<script>alert(1)</script><b>Automatically graded points: 4 / 4</b>'))
answer_q1 = '\\n'.join(leak)
answer_q2 = 999
answer_q3 = 9.99
""", 0, {"wrong_type"}),
    "host_unix_socket": ("""
import socket, glob
for path in glob.glob('/tmp/**/*.sock', recursive=True) + ['{SOCK}']:
    try:
        s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(path); s.sendall(b'pwned'); print('CONNECTED', path)
    except OSError as e:
        print('blocked', path, type(e).__name__)
try:
    s = socket.create_connection(('127.0.0.1', {PORT}), timeout=2); s.sendall(b'pwned'); print('CONNECTED tcp')
except OSError as e:
    print('blocked tcp', type(e).__name__)
""" + WRONG, 0, set()),
    # --- exhaust resources ----------------------------------------------------------------
    "fork_bomb": ("""
import os, time
n = 0
try:
    while True:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        n += 1
except OSError as e:
    print('stopped after', n, type(e).__name__)
""" + Q1, 1, {"process_limit"}),
    "memory_bomb": ("""
blocks = []
for i in range(3):
    blocks.append(bytearray(b'\\x01') * (1024 ** 3))
""" + WRONG, 0, {"kernel_died", "memory_limit"}),
    "output_flood": ("""
import sys
for i in range(4000):
    sys.stdout.write('x' * 5000 + '\\n')
""" + Q1, 1, {"output_truncated"}),
    "disk_fill": ("""
chunk = b'0' * (1024 * 1024)
for where in ('/home/student/fill.bin', '/tmp/fill.bin'):
    try:
        with open(where, 'wb') as fh:
            for _ in range(400):
                fh.write(chunk)
    except OSError as e:
        print('disk full at', where, type(e).__name__)
""" + Q1, 1, set()),
    "infinite_loop_then_honest": ("while True:\n    pass\n", 3, {"cell_timeout"}),  # q2, q3 answered below
    # a daemon (double fork, new session) meant to outlive the sandbox and tamper with later runs
    "orphan_daemon": ("""
import os
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv('/bin/sleep', ['{ORPHAN}', '600'])
    os._exit(0)
os.waitpid(pid, 0)
""" + Q1, 1, set()),
    "ignore_interrupt_loop": ("""
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
""", 0, {"kernel_died", "cell_timeout"}),
    # ignores the interrupt and then does nothing at all: killed after the watchdog's idle grace
    "ignore_interrupt_sleep": ("""
import signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
time.sleep(10 ** 6)
""", 0, {"kernel_died", "cell_timeout"}),  # the row says which cell the kernel was killed in
}

# Cases built by hand below: (student folder, expected honest auto score or None, flags)
EXPECT_EXTRA = {
    "solved": (4, set()),
    "blank": (0, set()),
    "metadata_tamper": (1, set()),
    "html_injection": (0, set()),
    "swapped_cells_and_written_elsewhere": (4, {"extra_cells", "written_outside_answer_cell"}),
    "deleted_check_cell": (4, {"altered_locked_cell"}),
    "numpy_answer": (4, set()),
    "two_notebooks": (4, {"several_notebooks"}),
    "notebook_in_student_folder": (4, {"not_in_set_folder"}),
    "renamed_file": (4, set()),
    "invalid_json": (0, {"unreadable"}),
    "nfd_Jose\u0301": (4, set()),
}


def _checksum_tree(root: Path, skip: tuple[str, ...] = ("__pycache__", ".pytest_cache")) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in skip and not d.endswith(".egg-info")]
        for f in filenames:
            p = Path(dirpath) / f
            try:
                out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "special"
            except OSError:
                out[str(p.relative_to(root))] = "unreadable"
    return out


def _course_state() -> dict:
    return {d: _checksum_tree(REPO / d) for d in ("src", "data", "exercises", "tests/fixtures")}


def _fill(code: str, values: dict) -> str:
    for k, v in values.items():
        code = code.replace("{" + k + "}", str(v))
    return code


class _Listener(threading.Thread):
    """A host-side server that records every connection (none must arrive)."""

    def __init__(self, sock):
        super().__init__(daemon=True)
        self.sock, self.hits = sock, 0

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


@pytest.fixture(scope="module")
def redteam(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam")
    rel = release(["rt01"], course=COURSE, out=root / "release", quiet=True) / "rt01" / "rt01.ipynb"
    subs, out = root / "submissions", root / "out"
    out.mkdir()
    (out / "sentinel.txt").write_text("the grader must not lose this")
    usock = socket.socket(socket.AF_UNIX)
    sock_path = str(root / "host.sock")
    usock.bind(sock_path)
    usock.listen()
    tsock = socket.socket()
    tsock.bind(("127.0.0.1", 0))
    tsock.listen()
    listeners = [_Listener(usock), _Listener(tsock)]
    for lst in listeners:
        lst.start()
    other_nb = subs / "solved" / "rt01" / "rt01.ipynb"
    fmt = {"REPO": REPO, "VENV": VENV, "HOME": HOME, "OTHER": other_nb.parent, "OTHER_NB": other_nb,
           "OUT": out, "COURSE": COURSE, "PWN": PWN, "ORPHAN": ORPHAN, "SOCK": sock_path, "PORT": tsock.getsockname()[1]}

    def solved(ids=None):
        return fill_answers(rel, SRC, ids)

    def put(student: str | bytes, nb, name: str = "rt01.ipynb", folder: str | None = "rt01"):
        base = os.path.join(os.fsencode(subs), os.fsencode(student))
        d = os.path.join(base, os.fsencode(folder)) if folder else base
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, os.fsencode(name))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(nb if isinstance(nb, str) else nbformat.writes(nb))
        return path

    def cell(nb, gid):
        return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)

    put("solved", solved())
    put("blank", nbformat.read(str(rel), as_version=4))
    for name, (code, _, _) in ATTACKS.items():
        nb = solved(["q2_answer", "q3_answer"]) if name == "infinite_loop_then_honest" else solved([])
        cell(nb, "q1_answer").source = _fill(code, fmt)
        if name == "infinite_loop_then_honest":
            cell(nb, "q2_answer").source = Q2
            cell(nb, "q3_answer").source = Q3
        put(name, nb)
    nb = solved(["q1_answer"])  # points and answer names rewritten by the student
    for c in nb.cells:
        if "sahel_grading" in c.metadata:
            c.metadata["sahel_grading"] = {"answer": "answer_q1", "compare": "close", "abs_tol": 1e9}
        if c.metadata.get("nbgrader", {}).get("grade"):
            c.metadata["nbgrader"]["points"] = 1000
    nb.metadata["sahel_course"] = {"set": "rt01", "points": 1000}
    put("metadata_tamper", nb)
    nb = solved([])
    cell(nb, "q1_answer").source = "# <script>alert('code')</script>\nanswer_q1 = '<img src=x onerror=alert(1)>'"
    cell(nb, "q4_written").source = "<script>alert('written')</script><iframe src='https://example.org'></iframe>"
    put("html_injection", nb)
    nb = solved([])  # q1's code in q2's cell and the other way round; written answer in a new cell
    cell(nb, "q1_answer").source = Q2
    cell(nb, "q2_answer").source = Q1
    cell(nb, "q3_answer").source = Q3
    idx = nb.cells.index(cell(nb, "q4_written"))
    nb.cells.insert(idx + 1, nbformat.v4.new_markdown_cell("My written answer is here, in a cell I added."))
    put("swapped_cells_and_written_elsewhere", nb)
    nb = solved()
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q2_check"]
    cell(nb, "q1_check").source = "print('Question 1: public checks passed.')  # edited"
    put("deleted_check_cell", nb)
    nb = solved()
    cell(nb, "q1_answer").source = "import numpy as np\n" + Q1.replace("= sum(", "= np.int64(sum(").rstrip() + ")\n"
    put("numpy_answer", nb)
    put("two_notebooks", nbformat.read(str(rel), as_version=4))
    put("two_notebooks", solved(), name="rt01-Copy1.ipynb")
    put("notebook_in_student_folder", solved(), folder=None)
    put("renamed_file", solved(), name="my work (final).ipynb")
    put("invalid_json", "{ this is not json")
    put("nfd_Jose\u0301", solved())
    put(b"bytes_\xff\xfe_name", solved())
    put("too_large", "{" + " " * (21 * 1024**2) + "}")
    # intake traps: each must be listed as not graded, none may hang or crash the grader
    for student in ("symlink_to_dev_zero", "fifo", "device", "symlinked_folder"):
        (subs / student / "rt01").mkdir(parents=True)
    os.symlink("/dev/zero", subs / "symlink_to_dev_zero" / "rt01" / "rt01.ipynb")
    os.mkfifo(subs / "fifo" / "rt01" / "rt01.ipynb")
    os.mknod(subs / "device" / "rt01" / "rt01.ipynb", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    os.rmdir(subs / "symlinked_folder" / "rt01")
    os.symlink(subs / "solved" / "rt01", subs / "symlinked_folder" / "rt01")
    (subs / "stray.txt").write_text("a file at the top level")

    home_before = sorted(os.listdir(HOME))
    course_before = _course_state()
    subs_before = _checksum_tree(subs)
    venv_bin_before = sorted(os.listdir(VENV))
    # Limits: the correct cells of rt01 need about 0.3 CPU s, so 3 CPU s per cell is a 10x margin;
    # 10 s without any CPU use is far from what a correct cell shows even on a starved machine.
    # Four at a time: the sleeping and hanging attacks mostly wait, so their waits overlap.
    limits = sandbox.Limits(memory=1024**3, processes=64, cpu_seconds=90, wall_seconds=400, disk=128 * 1024**2)
    summary = pipeline.grade(subs, out=out, course=COURSE, jobs=4, limits=limits, cell_cpu=3, cell_idle=10,
                             progress=False)
    for lst in listeners:
        lst.sock.close()
    return {
        "summary": summary, "out": out, "subs": subs,
        "rows": {r["student"]: r for r in summary["results"]},
        "csv": list(csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig"))),
        "after": {"home": sorted(os.listdir(HOME)), "course": _course_state(), "subs": _checksum_tree(subs),
                  "venv": sorted(os.listdir(VENV))},
        "before": {"home": home_before, "course": course_before, "subs": subs_before, "venv": venv_bin_before},
        "socket_hits": sum(lst.hits for lst in listeners),
        "orphans": _processes_named(ORPHAN),
    }


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_gets_honest_score_and_flags(redteam, name):
    _, score, flags = ATTACKS[name]
    row = redteam["rows"][name]
    assert row["auto_score"] == score, (name, row["auto_score"], row["flags"], row.get("problem"))
    assert flags <= set(row["flags"]), (name, row["flags"])
    assert row["auto_score"] <= row["auto_max"] == 4


@pytest.mark.parametrize("name", list(EXPECT_EXTRA))
def test_careless_and_tampered_cases(redteam, name):
    score, flags = EXPECT_EXTRA[name]
    row = redteam["rows"]["nfd_Jos\u00e9" if name.startswith("nfd") else name]
    assert row["auto_score"] == score, (name, row["auto_score"], row["flags"], row.get("notes"))
    assert flags <= set(row["flags"]), (name, row["flags"])


def test_nothing_outside_the_sandbox_changed(redteam):
    before, after = redteam["before"], redteam["after"]
    assert after["course"] == before["course"], "a submission changed the course files"
    assert after["subs"] == before["subs"], "a submission changed a submission"
    assert after["home"] == before["home"], "a submission changed $HOME"
    assert after["venv"] == before["venv"], "a submission changed the Python environment"
    assert not any(Path(PWN + s).exists() for s in ("", "2")), "a submission wrote to the host's /tmp"
    assert redteam["socket_hits"] == 0, "a submission reached a host socket"
    assert redteam["orphans"] == [], "a process started by a submission outlived its sandbox"
    out = redteam["out"]
    assert (out / "sentinel.txt").read_text() == "the grader must not lose this"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["sentinel.txt", "grades.csv", "not_graded.csv", "results", "feedback", "summary.txt", "limits.json"])


def test_csv_is_complete_and_valid(redteam):
    rows = redteam["csv"]
    students = [r["student"] for r in rows]
    expected = set(ATTACKS) | {k if not k.startswith("nfd") else "nfd_Jos\u00e9" for k in EXPECT_EXTRA}
    expected |= {"bytes_\ufffd\ufffd_name", "too_large"}
    assert expected <= set(students), expected - set(students)
    assert len(students) == len(set(students))  # one row per student and set here
    assert "nfd_Jos\u00e9" in students and "nfd_Jose\u0301" not in students  # NFC
    odd = next(r for r in rows if r["student"].startswith("bytes_"))
    assert odd["auto_score"] == "4" and "odd_name" in odd["flags"]
    big = next(r for r in rows if r["student"] == "too_large")
    assert big["auto_score"] == "0" and "too_large" in big["flags"]
    assert all(float(r["auto_score"] or 0) <= float(r["auto_max"]) for r in rows)


def test_every_file_not_graded_is_listed_with_a_reason(redteam):
    skipped = dict(redteam["summary"]["skipped"])
    for student in ("symlink_to_dev_zero", "fifo", "device"):
        assert any(p.startswith(student + "/") for p in skipped), student
    assert any(p.startswith("symlinked_folder/") and "symbolic link" in why for p, why in skipped.items())
    assert skipped.get("stray.txt", "").startswith("a file at the top level")
    assert any(p.startswith("two_notebooks/") for p in skipped)  # the blank copy, not counted
    listed = (redteam["out"] / "not_graded.csv").read_text(encoding="utf-8-sig")
    assert "fifo/rt01/rt01.ipynb" in listed


def test_written_answer_outside_its_cell_reaches_the_instructor(redteam):
    row = redteam["rows"]["swapped_cells_and_written_elsewhere"]
    written = next(q for q in row["questions"] if q["kind"] == "written")
    assert "My written answer is here" in written["text"]


def test_feedback_is_safe_to_share(redteam):
    out = redteam["out"]
    shadow_first = open("/etc/shadow").readline().strip() if os.path.exists("/etc/shadow") else "root:"
    home_entries = {e for e in os.listdir(HOME) if len(e) > 4} - {".bashrc", ".bash_history"}
    for page in (out / "feedback").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "<iframe" not in html and "<img" not in html
        assert shadow_first not in html, page
        # outside the student's own code and text (shown escaped), nothing from the grader's machine
        ours = re.sub(r"<details>.*?</details>|<pre>.*?</pre>", "", html, flags=re.S)
        assert "Traceback" not in ours and str(REPO) not in ours and "/tmp/" not in ours, page
        assert not any(e in ours for e in home_entries), page
    inj = (out / "feedback" / "html_injection" / "rt01.html").read_text()
    assert "&lt;script&gt;alert(&#x27;written&#x27;)&lt;/script&gt;" in inj
    fake = (out / "feedback" / "secrets_into_feedback" / "rt01.html").read_text()
    assert "Automatically graded points: <strong>0 / 4</strong>" in fake
    fake_ours = re.sub(r"<details>.*?</details>|<pre>.*?</pre>", "", fake, flags=re.S)
    assert "4 / 4" not in fake_ours.replace("0 / 4", "")


def test_feedback_names_questions_and_gives_kind_hints(redteam):
    page = (redteam["out"] / "feedback" / "blank" / "rt01.html").read_text()
    assert "Question 1 (1 point)" in page and "Question 2 (2 points)" in page
    assert "store your answer in `answer_q1`" in page
    wrong = (redteam["out"] / "feedback" / "patch_math_isclose" / "rt01.html").read_text()
    assert "Hint: count the letters of each word" in wrong and "21" not in wrong.split("<details>")[0]
    numpy_page = (redteam["out"] / "feedback" / "numpy_answer" / "rt01.html").read_text()
    assert "numpy" in numpy_page


def test_limits_are_reported(redteam):
    text = redteam["summary"]["summary"]
    assert "limits in force:" in text and "memory 1024 MiB" in text
    assert ("cgroup" in text) == CAPS.cgroups
