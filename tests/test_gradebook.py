"""The instructor's loop after autograding: roster, collect, written answers, gradebook, export, report.

A class of five on the tiny red-team set rt01 (questions 1, 2, 3 autograded for 1, 2 and
1 points; question 4 written, 2 points): a fake Canvas and a fake Moodle download with
accents (one name decomposed as macOS writes it), a missing student, a late file and
files that cannot be placed. Expected totals are worked out by hand below.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import nbformat
import pytest

from sahel_course.grading import collect, export, roster, sandbox, written
from sahel_course.grading.releasing import release
from sahel_course.grading.simulate import fill_answers

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "redteam_course"
BIN = Path(sys.executable).parent
needs_sandbox = pytest.mark.skipif(not sandbox.capabilities().bwrap, reason="needs bubblewrap (root in CI)")

ROSTER = """\ufeffstudent,name,lms_id,sis_id,login_id,email,section
amadou,"Diallo, Amadou",1001,S-01,adiallo,amadou.diallo@example.edu,Group A
awa,"Traoré, Awa",1002,S-02,atraore,awa.traore@example.edu,Group A
kofi,"Mensah, Kofi",1003,S-03,kmensah,kofi.mensah@example.edu,Group B
ines,"Ben Salah, Inès",1004,S-04,ibensalah,ines.bensalah@example.edu,Group B
moussa,"Keïta, Moussa",1005,S-05,mkeita,moussa.keita@example.edu,Group B
"""

# Hand-computed: auto points from which answers are filled, written points from WRITTEN below.
#            answers filled   auto  written  total (max 4 + 2 = 6)
# amadou     q1 q2 q3         4     2        6
# awa        q1 q3            2     1.5      3.5   (late: Canvas "late_", Moodle --late awa)
# kofi       none             0     0        0
# ines       q1 q2            3     1        4
# moussa     (no submission)  -     -        -
# With --late-penalty 10: awa loses 10% of 6 = 0.6 points, 3.5 - 0.6 = 2.9 (48.33% of 6).
ANSWERS = {"amadou": ["q1_answer", "q2_answer", "q3_answer"], "awa": ["q1_answer", "q3_answer"],
           "kofi": [], "ines": ["q1_answer", "q2_answer"]}
TEXTS = {"amadou": "Because the student controls the kernel.", "awa": "It can be <b>patched</b>.",
         "kofi": "I don't know.", "ines": "The kernel is the student's."}
WRITTEN = {"amadou": ("2", "Exactly right."), "awa": ("1.5", "Say who controls it & why it matters."),
           "kofi": ("0", "See the model answer."), "ines": ("1", "")}
TOTALS = {"amadou": 6.0, "awa": 3.5, "kofi": 0.0, "ines": 4.0}


def _cli(*args):
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([str(BIN / "sahel-course"), *args], capture_output=True, text=True, env=env)


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def _csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the fixture course with a rubric for rt01, released, and the class's notebooks."""
    root = tmp_path_factory.mktemp("class")
    c = root / "course"
    shutil.copytree(FIXTURE, c)
    (c / "rubrics.yaml").write_text(
        "levels:\n  full: says who controls the kernel and why that matters\n  partial: one of the two\n"
        "  none: neither\nsets:\n  rt01:\n    q4_written:\n      points: 2\n"
        "      full_marks_need: the student controls the kernel (1), so its results cannot be trusted (1)\n")
    rel = release(["rt01"], course=c, out=root / "release", quiet=True) / "rt01" / "rt01.ipynb"
    src = c / "source" / "rt01" / "rt01.ipynb"
    nbs = {}
    for who, ids in ANSWERS.items():
        nb = fill_answers(rel, src, ids)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "q4_written":
                cell.source = TEXTS[who]
        nbs[who] = nbformat.writes(nb).encode()
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return {"root": root, "course": c, "nbs": nbs, "roster": root / "roster.csv"}


def canvas_zip(course) -> Path:
    nbs = course["nbs"]
    return _zip(course["root"] / "canvas.zip", {
        "dialloamadou_1001_50001_rt01.ipynb": nbs["amadou"],
        "dialloamadou_1001_50001_notes.txt": b"my notes",
        "traoréawa_late_1002_50002_rt01.ipynb": nbs["awa"],
        "mensahkofi_1003_50003_rt01-1.ipynb": nbs["kofi"],
        "bensalahines_1004_50004_My rt01 copy.ipynb": nbs["ines"],
        "strangerperson_9999_59999_rt01.ipynb": nbs["kofi"],
        "rt01.ipynb": nbs["kofi"],
    })


def moodle_zip(course) -> Path:
    """Moodle 4.x names the folder ``..._assignsubmission_file``; Moodle 3.x ended it with ``_``; flat too."""
    nbs = course["nbs"]
    awa = unicodedata.normalize("NFD", "Awa Traoré")  # as a Mac names it
    return _zip(course["root"] / "moodle.zip", {
        "Amadou Diallo_301_assignsubmission_file/rt01.ipynb": nbs["amadou"],
        f"{awa}_302_assignsubmission_file_/rt01.ipynb": nbs["awa"],
        "Kofi Mensah_303_assignsubmission_file_rt01.ipynb": nbs["kofi"],
        "Inès Ben Salah_304_assignsubmission_file/Copie de rt01.ipynb": nbs["ines"],
        "Stranger Person_399_assignsubmission_file_/rt01.ipynb": nbs["kofi"],
        "__MACOSX/._rt01.ipynb": b"\x00",
    })


# --- roster ---------------------------------------------------------------------------------

def test_roster_reads_bom_and_normalises_names(course, tmp_path):
    nfd = tmp_path / "r.csv"
    nfd.write_text(unicodedata.normalize("NFD", ROSTER), encoding="utf-8")
    students = roster.load(nfd)
    assert [s.student for s in students] == ["amadou", "awa", "kofi", "ines", "moussa"]
    assert students[1].name == "Traoré, Awa" and unicodedata.is_normalized("NFC", students[1].name)


def test_roster_saved_with_semicolons(tmp_path):
    p = tmp_path / "roster.csv"
    p.write_text("student;name;email\nawa;Traoré, Awa;awa@example.edu\n", encoding="utf-8")
    assert roster.load(p)[0].name == "Traoré, Awa"


@pytest.mark.parametrize("text, expected", [
    ("student,name,lms\na,A,1\n", "unknown column(s) ['lms']"),
    ("student,lms_id\na,1\n", "missing column(s) ['name']"),
    ("student,name\na,A\na,B\n", "row 3: field 'student': 'a' already used in row 2"),
    ("student,name\na,\n", "row 2: field 'name' is empty"),
    ("student,name,email\na,A,x@y\nb,B,x@y\n", "row 3: field 'email': 'x@y' is also in row 2"),
    ("student,name\n../evil,A\n", "cannot be a folder name"),
])
def test_roster_errors_name_row_and_field(tmp_path, text, expected):
    p = tmp_path / "roster.csv"
    p.write_text(text)
    with pytest.raises(roster.RosterError, match=None) as err:
        roster.load(p)
    assert expected in str(err.value) and str(p) in str(err.value)


# --- collect --------------------------------------------------------------------------------

def test_parse_vendor_names():
    c = collect.parse("traoréawa_late_1002_50002_rt01.ipynb")
    assert (c["lms"], c["id"], c["late"], c["file"]) == ("canvas", "1002", True, "rt01.ipynb")
    # Canvas lower-cases the whole prefix ("LATE" becomes "late"); upper case is read too
    assert collect.parse("traoreawa_LATE_1002_50002_rt01.ipynb")["late"] is True
    assert collect.parse("traoreawa_1002_50002_rt01.ipynb")["late"] is False
    # a sortable name keeps "_" (Canvas keeps word characters)
    assert collect.parse("o_brien_1003_50003_rt01.ipynb")["name"] == "o_brien"
    modern = collect.parse("Amadou Diallo_301_assignsubmission_file/sub/rt01.ipynb")
    assert (modern["lms"], modern["id"], modern["file"]) == ("moodle", "301", "sub/rt01.ipynb")
    assert collect.parse("dialloamadou_1001_50001_my_file_v2.ipynb")["file"] == "my_file_v2.ipynb"
    flat = collect.parse("Amadou Diallo_301_assignsubmission_file_rt01.ipynb")
    assert (flat["lms"], flat["name"], flat["id"], flat["file"]) == ("moodle", "Amadou Diallo", "301", "rt01.ipynb")
    assert collect.parse("rt01.ipynb") is None


def test_collect_canvas_and_moodle_give_the_same_layout(course):
    students = roster.load(course["roster"])
    outs = {}
    for lms, archive in (("canvas", canvas_zip(course)), ("moodle", moodle_zip(course))):
        out = course["root"] / lms / "submissions"
        done = collect.collect(archive, "rt01", students, out, known_sets=["rt01"],
                               late=["awa"] if lms == "moodle" else None)
        outs[lms] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert done["placed"] == 4 and [r[1] for r in done["missing"]] == ["moussa"], done["report"]
        rows = _csv(course["root"] / lms / "collect-rt01.csv")
        assert len(rows) == len(zipfile.ZipFile(archive).namelist()) + 1  # every file, plus moussa
        done[lms] = done
        outs[lms + "_report"] = done
    assert outs["canvas"] == outs["moodle"]
    assert sorted(outs["canvas"]) == [f"{s}/rt01/rt01.ipynb" for s in ("amadou", "awa", "ines", "kofi")]
    assert outs["canvas"]["awa/rt01/rt01.ipynb"] == course["nbs"]["awa"]
    canvas = outs["canvas_report"]
    assert [r[1] for r in canvas["late"]] == ["awa"]
    assert [r[1] for r in outs["moodle_report"]["late"]] == ["awa"]
    assert "named with --late" in outs["moodle_report"]["late"][0][4]
    not_placed = {r[0]: r[4] for r in canvas["not_placed"]}
    assert set(not_placed) == {"dialloamadou_1001_50001_notes.txt", "strangerperson_9999_59999_rt01.ipynb",
                               "rt01.ipynb"}
    assert "not a notebook" in not_placed["dialloamadou_1001_50001_notes.txt"]
    assert "no roster student with lms_id 9999" in not_placed["strangerperson_9999_59999_rt01.ipynb"]
    moodle = {r[0]: r[4] for r in outs["moodle_report"]["not_placed"]}
    assert set(moodle) == {"Stranger Person_399_assignsubmission_file_/rt01.ipynb", "__MACOSX/._rt01.ipynb"}


def test_collect_again_replaces_a_students_set_folder_and_says_so(course, tmp_path):
    students = roster.load(course["roster"])
    nbs = course["nbs"]
    out = tmp_path / "submissions"
    first = _zip(tmp_path / "first.zip", {
        "dialloamadou_1001_1_rt01.ipynb": nbs["kofi"],
        "dialloamadou_1001_2_rt01 (old copy).ipynb": nbs["kofi"],
        "bensalahines_1004_3_rt01.ipynb": nbs["ines"],
    })
    done = collect.collect(first, "rt01", students, out)
    assert sorted(p.name for p in (out / "amadou" / "rt01").iterdir()) == ["rt01-2.ipynb", "rt01.ipynb"]
    assert done["replaced"] == [] and done["kept_previous"] == []
    corrected = _zip(tmp_path / "corrected.zip", {"dialloamadou_1001_4_rt01.ipynb": nbs["amadou"]})
    done = collect.collect(corrected, "rt01", students, out)
    # amadou's folder now holds exactly the corrected notebook: the stale second copy is gone
    assert [p.name for p in (out / "amadou" / "rt01").iterdir()] == ["rt01.ipynb"]
    assert (out / "amadou" / "rt01" / "rt01.ipynb").read_bytes() == nbs["amadou"]
    assert [(r[0], r[1], r[3]) for r in done["replaced"]] == [
        ("amadou/rt01/rt01-2.ipynb", "amadou", "replaced"), ("amadou/rt01/rt01.ipynb", "amadou", "replaced")]
    # ines is not in the corrected download: her earlier notebook stays, and the report says so
    assert (out / "ines" / "rt01" / "rt01.ipynb").read_bytes() == nbs["ines"]
    assert [(r[0], r[1]) for r in done["kept_previous"]] == [("ines/rt01/rt01.ipynb", "ines")]
    rows = _csv(tmp_path / "collect-rt01.csv")
    assert {(r["file"], r["status"]) for r in rows} >= {("amadou/rt01/rt01-2.ipynb", "replaced"),
                                                        ("ines/rt01/rt01.ipynb", "kept_previous")}
    assert {r["set"] for r in rows} == {"rt01"}


def test_collect_refuses_unknown_late_student(course, tmp_path):
    with pytest.raises(collect.CollectError, match="--late awa.traore: not a student key"):
        collect.collect(moodle_zip(course), "rt01", roster.load(course["roster"]), tmp_path / "s",
                        late=["awa.traore"])


def test_collect_cli_refuses_unknown_set_and_lists_files(course):
    cp = _cli("collect", str(canvas_zip(course)), "--set", "nope", "--roster", str(course["roster"]),
              "--course", str(course["course"]), "--out", str(course["root"] / "x"))
    assert cp.returncode == 2 and "'nope' is not a set of the course" in cp.stderr
    cp = _cli("collect", str(canvas_zip(course)), "--set", "rt01", "--roster", str(course["roster"]),
              "--course", str(course["course"]), "--out", str(course["root"] / "cli" / "submissions"))
    assert cp.returncode == 0, cp.stderr
    assert "dialloamadou_1001_50001_notes.txt: not a notebook (.ipynb)" in cp.stdout
    assert "traoréawa_late_1002_50002_rt01.ipynb: matched by id; LATE (Canvas marked it late)" in cp.stdout
    assert "moussa: Keïta, Moussa: no notebook in the download" in cp.stdout


# --- the whole loop -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graded(course):
    subs = course["root"] / "subs"
    collect.collect(canvas_zip(course), "rt01", roster.load(course["roster"]), subs)
    out = course["root"] / "grading"
    cp = _cli("grade", str(subs), "--out", str(out), "--course", str(course["course"]), "--no-progress")
    assert cp.returncode == 0, cp.stderr + cp.stdout
    return {**course, "out": out}


def _fill(path: Path, values: dict):
    rows = _csv(path)
    for r in rows:
        if r["student"] in values:
            r["points"], r["comment"] = values[r["student"]]
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@needs_sandbox
def test_the_whole_loop(graded):
    out, c, r = graded["out"], str(graded["course"]), str(graded["roster"])
    auto = {row["student"]: float(row["auto_score"]) for row in _csv(out / "grades.csv")}
    assert auto == {"amadou": 4.0, "awa": 2.0, "kofi": 0.0, "ines": 3.0}

    cp = _cli("written", "rt01", "--grading", str(out), "--roster", r, "--course", c)
    assert cp.returncode == 0, cp.stderr
    assert "4 written answer(s) of rt01 still to grade" in cp.stdout
    page = (out / "written" / "rt01.html").read_text()
    assert "It can be &lt;b&gt;patched&lt;/b&gt;." in page and "<b>patched" not in page
    assert "Because the student controls everything that runs there." in page  # the model answer
    assert "the student controls the kernel (1)" in page and "No submission from: Keïta, Moussa (moussa)" in page
    sheet = out / "written.csv"
    rows = _csv(sheet)
    assert [(x["student"], x["question"], x["max_points"], x["points"]) for x in rows] == [
        (s, "q4_written", "2", "") for s in ("amadou", "awa", "ines", "kofi")]

    # wrong entries are refused with row and field
    _fill(sheet, {"amadou": ("3", ""), "awa": ("1,5", "")})
    cp = _cli("gradebook", "--grading", str(out), "--roster", r)
    assert cp.returncode == 2
    assert "row 2 (amadou, rt01, q4_written): field 'points': 3 is outside 0..2" in cp.stderr
    assert "row 3 (awa, rt01, q4_written): field 'points': '1,5' is not a number (use a dot" in cp.stderr

    # three of four graded; re-running `written` keeps them
    _fill(sheet, {k: v for k, v in WRITTEN.items() if k != "ines"})
    cp = _cli("written", "rt01", "--grading", str(out), "--roster", r, "--course", c)
    assert "1 written answer(s) of rt01 still to grade" in cp.stdout, cp.stdout + cp.stderr
    kept = {x["student"]: (x["points"], x["comment"]) for x in _csv(sheet)}
    assert kept == {**{k: v for k, v in WRITTEN.items() if k != "ines"}, "ines": ("", "")}
    cp = _cli("gradebook", "--grading", str(out), "--roster", r)
    assert cp.returncode == 0 and "ines/rt01" in cp.stdout
    status = {x["student"]: x["status"] for x in _csv(out / "gradebook.csv")}
    assert status == {"amadou": "complete", "awa": "complete", "ines": "written_pending", "kofi": "complete",
                      "moussa": "missing"}

    _fill(sheet, WRITTEN)
    cp = _cli("gradebook", "--grading", str(out), "--roster", r)
    assert cp.returncode == 0, cp.stderr
    book = {x["student"]: x for x in _csv(out / "gradebook.csv")}
    for who, total in TOTALS.items():
        b = book[who]
        assert (float(b["auto_score"]), float(b["auto_max"]), float(b["written_score"]), float(b["written_max"]),
                float(b["total"]), float(b["max"])) == (auto[who], 4.0, float(WRITTEN[who][0]), 2.0, total, 6.0)
    assert book["moussa"]["status"] == "missing" and book["moussa"]["total"] == "" and book["moussa"]["max"] == "6"
    q = {(x["student"], x["question"]): x for x in _csv(out / "gradebook_questions.csv")}
    assert q[("awa", "q2_check")]["score"] == "0" and q[("awa", "q3_check")]["score"] == "1"
    assert q[("awa", "q4_written")]["comment"] == "Say who controls it & why it matters."
    totals = {x["student"]: (x["total"], x["max"], x["percent"]) for x in _csv(out / "totals.csv")}
    assert totals["awa"] == ("3.5", "6", f"{100 * 3.5 / 6:g}") and totals["moussa"] == ("0", "6", "0")
    assert {x["student"]: x["late"] for x in _csv(out / "gradebook.csv")}["awa"] == ""  # not told yet
    fb = (out / "feedback" / "awa" / "rt01.html").read_text()
    assert '<th scope="row">Automatically graded</th><td>2 / 4</td>' in fb
    assert '<th scope="row">Written answers (graded by your instructor)</th><td>1.5 / 2</td>' in fb
    assert '<tr class="sum"><th scope="row">Total</th><td>3.5 / 6</td>' in fb
    assert "Student: <strong>Traoré, Awa</strong>" in fb
    assert "Say who controls it &amp; why it matters." in fb

    # late: collect's report goes into late.csv; first without a penalty, then 10% of the maximum
    report = graded["root"] / "collect-rt01.csv"
    cp = _cli("gradebook", "--grading", str(out), "--roster", r, "--collected", str(report))
    assert cp.returncode == 0, cp.stderr
    assert "1 late: awa/rt01 (no penalty)" in cp.stdout
    b = {x["student"]: x for x in _csv(out / "gradebook.csv")}["awa"]
    assert (b["late"], b["late_penalty"], b["total"]) == ("yes", "0", "3.5")
    cp = _cli("gradebook", "--grading", str(out), "--roster", r, "--late-penalty", "10")
    assert cp.returncode == 0, cp.stderr
    assert [(x["student"], x["set"], x["penalty_percent"]) for x in _csv(out / "late.csv")] == [("awa", "rt01", "10")]
    book = {x["student"]: x for x in _csv(out / "gradebook.csv")}
    assert (book["awa"]["late"], book["awa"]["late_penalty"], book["awa"]["total"]) == ("yes", "0.6", "2.9")
    assert [book[w]["late"] for w in ("amadou", "kofi", "ines", "moussa")] == ["", "", "", ""]
    assert book["amadou"]["total"] == "6"
    totals = {x["student"]: (x["total"], x["max"], x["percent"]) for x in _csv(out / "totals.csv")}
    assert totals["awa"] == ("2.9", "6", f"{100 * 2.9 / 6:g}")
    fb = (out / "feedback" / "awa" / "rt01.html").read_text()
    assert '<th scope="row">Handed in late</th><td>-0.6 (10% of 6)</td>' in fb
    assert '<tr class="sum"><th scope="row">Total</th><td>2.9 / 6</td>' in fb
    cp = _cli("gradebook", "--grading", str(out), "--late-penalty", "150")
    assert cp.returncode == 2 and "from 0 to 100" in cp.stderr

    # exports
    cp = _cli("export", "--to", "canvas", "--grading", str(out), "--roster", r, "--canvas-id", "rt01=4242")
    assert cp.returncode == 0, cp.stderr
    raw = (out / "export" / "canvas.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Student,ID,SIS User ID,SIS Login ID,Section,rt01 (4242)"
    assert lines[1:] == ['"Diallo, Amadou",1001,S-01,adiallo,Group A,6', '"Traoré, Awa",1002,S-02,atraore,Group A,2.9',
                         '"Mensah, Kofi",1003,S-03,kmensah,Group B,0', '"Ben Salah, Inès",1004,S-04,ibensalah,Group B,4']
    # moussa has no grade: left out of the Canvas file (Canvas reads an empty cell as a change), and said so
    assert "moussa/rt01 (missing)" in cp.stdout and "not in the Canvas file" in cp.stdout and "moussa" in cp.stdout
    cp = _cli("export", "--to", "moodle", "--grading", str(out), "--roster", r)
    assert cp.returncode == 0, cp.stderr
    raw = (out / "export" / "moodle.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and unicodedata.is_normalized("NFC", raw.decode())
    m = list(csv.reader(io.StringIO(raw.decode())))
    assert m[0] == ["Email address", "ID number", "Full name", "rt01", "rt01 feedback"]
    assert m[2] == ["awa.traore@example.edu", "S-02", "Traoré, Awa", "2.9",
                    "Question 4: Say who controls it & why it matters. Late: -0.6 point(s) (10% of 6)."]
    assert m[5] == ["moussa.keita@example.edu", "S-05", "Keïta, Moussa", "", ""]
    cp = _cli("export", "--to", "nbgrader", "--grading", str(out), "--roster", r)
    n = _csv(out / "export" / "nbgrader.csv")
    assert [(x["student_id"], x["last_name"], x["first_name"], x["raw_score"], x["late_submission_penalty"],
             x["score"], x["max_score"]) for x in n] == [
        ("amadou", "Diallo", "Amadou", "6", "0", "6", "6"), ("awa", "Traoré", "Awa", "3.5", "0.6", "2.9", "6"),
        ("kofi", "Mensah", "Kofi", "0", "0", "0", "6"), ("ines", "Ben Salah", "Inès", "4", "0", "4", "6"),
        ("moussa", "Keïta", "Moussa", "", "", "", "6")]

    cp = _cli("class-report", "--grading", str(out), "--roster", r)
    assert cp.returncode == 0, cp.stderr
    report = (out / "class_report.html").read_text()
    # full points per question, by hand: q1 amadou awa ines; q2 amadou ines; q3 amadou awa; q4 amadou
    assert ("Question 1: 3 of 4; Question 2: 2 of 4; Question 3: 2 of 4; Question 4 (written): 1 of 4"
            in report)
    # totals 100%, 48.3% (awa, late), 0%, 66.7%
    assert "1 at 0-10%, 1 at 40-50%, 1 at 60-70%, 1 at 90-100%" in report
    assert "Fewest full marks: <strong>Question 4</strong> (1 of 4)" in report


def test_export_refuses_students_without_ids(graded, tmp_path):
    if not (graded["out"] / "results").is_dir():
        pytest.skip("needs the graded class")
    bad = tmp_path / "roster.csv"
    bad.write_text("student,name,email\namadou,\"Diallo, Amadou\",a@x\n")
    with pytest.raises(export.ExportError, match="student 'amadou': Canvas needs 'lms_id'"):
        export.export(graded["out"], roster.load(bad), "canvas")


def test_rubric_file_matches_the_guide_and_the_notebooks():
    """exercises/rubrics.yaml, section 4 of the guide and the notebooks' points agree."""
    from sahel_course.grading.spec import list_sets, load_set

    rub = written.load_rubric(REPO / "exercises")
    guide = (REPO / "docs" / "instructor-guide-grading.md").read_text()
    for s in list_sets(REPO / "exercises"):
        ex = load_set(REPO / "exercises" / "source" / s / f"{s}.ipynb")
        for q in (q for q in ex.questions if q.kind == "written"):
            entry = rub["sets"][s][q.grade_id]
            assert entry["points"] == q.points, s
            assert f"| {s.replace('_', ' ')} | {entry['points']} | {entry['full_marks_need']} |" in guide, s
    flat = " ".join(guide.split())
    for level in rub["levels"].values():
        assert level in flat
