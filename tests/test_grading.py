"""The grader on the real exercise sets: release, a solved and a blank class, a broken course.

(The adversarial cases are in tests/test_grading_redteam.py; the trusted steps'
unit tests are at the end of this file and in the modules' doctests.)
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from sahel_course.grading import answers, check, intake, pipeline, sandbox
from sahel_course.grading.simulate import fill_answers
from sahel_course.grading.spec import Question, list_sets, load_set

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "exercises"
BIN = Path(sys.executable).parent
SETS = list_sets(COURSE)
CAPS = sandbox.capabilities()
needs_sandbox = pytest.mark.skipif(os.geteuid() != 0 and not CAPS.bwrap, reason="needs bubblewrap or root")


def _cli(*args, env=None):
    e = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env or {}))
    return subprocess.run([str(BIN / "sahel-course"), *args], capture_output=True, text=True, env=e)


_RELEASE_CHANGED: set[str] = set()


def _listing(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    before = _listing(COURSE)
    cp = _cli("release", "--out", str(out))
    assert cp.returncode == 0, cp.stderr + cp.stdout
    after = _listing(COURSE)
    _RELEASE_CHANGED.update(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return out


def test_release_strips_solutions(released):
    for s in SETS:
        text = (released / s / f"{s}.ipynb").read_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text and "Model answer" not in text, s
        assert "YOUR CODE HERE" in text and "YOUR ANSWER HERE" in text, s
        assert json.loads(text)["metadata"]["sahel_course"]["set"] == s


def test_release_leaves_repository_clean(released):
    # compared with the folder as it was before (an instructor may have released there already)
    assert not _RELEASE_CHANGED, sorted(_RELEASE_CHANGED)[:10]


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    """One CLI grade run over the real sets: a solved notebook for each, a blank one for two."""
    root = tmp_path_factory.mktemp("grading")
    subs, out = root / "submissions", root / "out"
    for s in SETS:
        src, rel = COURSE / "source" / s / f"{s}.ipynb", released / s / f"{s}.ipynb"
        (subs / "solved" / s).mkdir(parents=True)
        nbformat.write(fill_answers(rel, src), str(subs / "solved" / s / f"{s}.ipynb"))
    for s in SETS[:2]:
        (subs / "blank" / s).mkdir(parents=True)
        shutil.copy(released / s / f"{s}.ipynb", subs / "blank" / s / f"{s}.ipynb")
    args = ["grade", str(subs), "--out", str(out), "--jobs", "2", "--no-progress"]
    cp = _cli(*args) if CAPS.bwrap else _cli(*args, "--no-sandbox")
    assert cp.returncode == 0, cp.stderr[-3000:] + cp.stdout
    rows = list(csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig")))
    return {"rows": {(r["student"], r["set"]): r for r in rows}, "out": out, "stdout": cp.stdout}


def test_every_solution_notebook_runs_without_an_error(graded):
    """Computing the answer keys runs each set's solution notebook (this is the only place
    `make test` runs them); an error in any cell, visible checks included, is a course error."""
    assert "course_error" not in {f for r in graded["rows"].values() for f in r["flags"].split(";")}
    assert "could not be computed" not in graded["stdout"] and "solution notebook" not in graded["stdout"]


@needs_sandbox
def test_solved_notebooks_get_full_marks(graded):
    for s in SETS:
        row = graded["rows"][("solved", s)]
        ex = load_set(COURSE / "source" / s / f"{s}.ipynb")
        assert float(row["auto_score"]) == ex.max_auto == float(row["auto_max"]), (s, row)
        assert row["flags"] in ("", "no_sandbox"), (s, row)
        assert float(row["written_max"]) == ex.max_written > 0


@needs_sandbox
def test_blank_notebooks_get_zero_without_flags(graded):
    for s in SETS[:2]:
        row = graded["rows"][("blank", s)]
        assert float(row["auto_score"]) == 0 and "wrong_type" not in row["flags"], row


@needs_sandbox
def test_summary_states_limits(graded):
    assert "limits in force:" in graded["stdout"]


@needs_sandbox
def test_broken_course_data_is_one_instructor_error(released, tmp_path):
    """A malformed article: every row flagged course_error, the text only in the summary."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "articles" / "zz-broken.md").write_text("---\nid: [unclosed\n---\nbody\n", encoding="utf-8")
    subs, out = tmp_path / "subs", tmp_path / "out"
    s = "ex02_sources"
    for student in ("ana", "ben"):
        (subs / student / s).mkdir(parents=True)
        nbformat.write(fill_answers(released / s / f"{s}.ipynb", COURSE / "source" / s / f"{s}.ipynb"),
                       str(subs / student / s / f"{s}.ipynb"))
    cp = _cli("grade", str(subs), "--out", str(out), "--jobs", "2", "--no-progress",
              *([] if CAPS.bwrap else ["--no-sandbox"]), env={"SAHEL_COURSE_DATA": str(data)})
    assert cp.returncode == 0, cp.stderr[-2000:]
    assert cp.stdout.count("COURSE ERROR in ex02_sources") == 1
    assert "zz-broken" in cp.stdout
    rows = list(csv.DictReader(open(out / "grades.csv", encoding="utf-8-sig")))
    assert [r["flags"].replace("no_sandbox;", "") for r in rows] == ["course_error", "course_error"]
    assert all(r["auto_score"] == "" for r in rows)  # no score, not a zero
    page = (out / "feedback" / "ana" / f"{s}.html").read_text()
    assert "zz-broken" not in page and "problem on the course" in page


def test_grading_refuses_without_sandbox_unless_asked(tmp_path, monkeypatch):
    (tmp_path / "subs").mkdir()
    monkeypatch.setenv("SAHEL_COURSE_NO_SANDBOX", "1")
    sandbox.capabilities.cache_clear()
    try:
        with pytest.raises(pipeline.GradingRefused, match="--no-sandbox"):
            pipeline.grade(tmp_path / "subs", out=tmp_path / "out", course=COURSE, progress=False)
    finally:
        monkeypatch.delenv("SAHEL_COURSE_NO_SANDBOX")
        sandbox.capabilities.cache_clear()


def test_output_inside_submissions_is_refused(tmp_path):
    (tmp_path / "subs").mkdir()
    with pytest.raises(pipeline.GradingRefused, match="must not be inside"):
        pipeline.grade(tmp_path / "subs", out=tmp_path / "subs" / "out", course=COURSE, progress=False)


# --------------------------------------------------------------------------- trusted steps


def _q(compare="equal", **kw):
    return Question("q_check", "Question 7", 2.0, "auto", "answer_q7", {"compare": compare, **kw})


@pytest.mark.parametrize("answer, expected, status", [
    (5, 5, "passed"),
    (5, 6, "wrong"),
    (True, 1, "wrong_type"),            # a bool is not a count
    ("5", 5, "wrong_type"),
    (answers.Numpy("int64", 5), 5, "passed"),
    (answers.Unsupported("Always"), 5, "wrong_type"),
    (answers.Missing(), 5, "missing"),
    (None, 5, "missing"),
    ([1, 2], (1, 2), "passed"),         # list and tuple both welcome
    (["b", "a"], ["a", "b"], "wrong"),  # order matters unless ignore_order
    (float("nan"), float("nan"), "wrong"),
])
def test_equal_check(answer, expected, status):
    assert check.check(_q(), answer, expected).status == status


def test_close_check_uses_tolerance_and_refuses_text():
    q = _q("close", rel_tol=1e-3)
    assert check.check(q, 0.7059, 0.70588).status == "passed"       # |d| = 2e-5 < 7e-4
    assert check.check(q, 0.72, 0.70588).status == "wrong"
    assert check.check(q, "0.7", 0.70588).status == "wrong_type"


def test_rows_check_ignores_row_order_and_extra_columns():
    q = _q("rows", columns=["id", "n"])
    key = answers.Table(("id", "n"), (0, 1), (("a", 1), ("b", 2)))
    mine = answers.Table(("n", "id", "extra"), (5, 6), ((2, "b", "x"), (1, "a", "y")))
    assert check.check(q, mine, key).status == "passed"
    other = answers.Table(("id", "n"), (0, 1), (("a", 1), ("b", 3)))
    assert check.check(q, other, key).status == "wrong"
    assert check.check(q, answers.Table(("id",), (0,), (("a",),)), key).status == "wrong"


def test_decoder_refuses_everything_but_plain_data():
    raw = json.dumps({"answer_q1": {"$pickle": "gASV"}, "answer_q2": {"$tuple": [1, {"$set": [1]}]},
                      "answer_q3": {"$date": "2013-07-01T00:00:00"}, "other": 1}).encode()
    got = answers.decode(raw, ["answer_q1", "answer_q2", "answer_q3", "answer_q4"])
    assert got["answer_q1"] == answers.Unsupported("an unknown value")
    assert got["answer_q2"] == (1, frozenset({1}))
    assert got["answer_q3"].year == 2013
    assert got["answer_q4"] == answers.Missing() and "other" not in got
    for bad in (None, b"[1]", b"\xff", b"{" * 100_000, b" " * (answers.MAX_ANSWERS + 1)):
        with pytest.raises(answers.AnswersError):
            answers.decode(bad, ["a"])


def test_intake_identifies_the_set_from_the_notebook():
    nb = {"metadata": {}, "cells": [{"cell_type": "markdown", "metadata": {"nbgrader": {"grade_id": "ex03_naming_intro"}},
                                     "source": ""}]}
    assert intake.identify_set(nb, SETS) == "ex03_naming"
    assert intake.identify_set({"metadata": {"sahel_course": {"set": "ex01_story"}}, "cells": []}, SETS) == "ex01_story"
    assert intake.identify_set({"metadata": {}, "cells": []}, SETS) is None


def test_read_regular_never_follows_links_or_blocks(tmp_path):
    (tmp_path / "f").write_bytes(b"x" * 10)
    os.symlink("/dev/zero", tmp_path / "link")
    os.mkfifo(tmp_path / "fifo")
    assert intake.read_regular(tmp_path / "f", 100) == b"x" * 10
    assert len(intake.read_regular(tmp_path / "f", 4)) == 5  # cap + 1: the caller sees "too large"
    assert intake.read_regular(tmp_path / "link", 100) is None
    assert intake.read_regular(tmp_path / "fifo", 100) is None


def test_intake_grades_the_wrong_set_as_the_set_it_is(tmp_path):
    """ex02's notebook handed in under ex01's folder: graded as ex02, flagged, never 'tampering'."""
    folder = tmp_path / "ana" / SETS[0]
    folder.mkdir(parents=True)
    shutil.copy(COURSE / "source" / SETS[1] / f"{SETS[1]}.ipynb", folder / f"{SETS[1]}.ipynb")
    (tmp_path / "ben" / SETS[0]).mkdir(parents=True)  # an honest one beside it
    shutil.copy(COURSE / "source" / SETS[0] / f"{SETS[0]}.ipynb", tmp_path / "ben" / SETS[0] / "mine.ipynb")
    found = intake.collect(tmp_path, SETS)
    got = {(s.student, s.set): s for s in found.submissions}
    assert set(got) == {("ana", SETS[1]), ("ben", SETS[0])} and not found.skipped and not found.unreadable
    assert got["ana", SETS[1]].flags == ["wrong_set_folder"] and SETS[0] in got["ana", SETS[1]].notes[0]
    assert got["ben", SETS[0]].flags == [] and "mine.ipynb" in got["ben", SETS[0]].notes[0]


def test_visible_check_explains_numpy_numbers():
    import numpy as np
    from sahel_course.grading.checks import WrongTypeError, check_type
    with pytest.raises(WrongTypeError) as err:
        check_type(np.int64(3), int, "Question 1")
    assert "numpy int64" in str(err.value) and "int(...)" in str(err.value) and "a int64" not in str(err.value)
    with pytest.raises(WrongTypeError, match=r"numpy bool.*True/False value.*bool\(\.\.\.\)"):
        check_type(np.bool_(True), bool, "Question 2")


def test_cell_status_of_a_tampered_executed_notebook_is_ignored():
    """executed.ipynb comes back from the sandbox: a malformed cell must not crash the grader."""
    from sahel_course.grading.execute import _status
    good = {"metadata": {"sahel_grading": {"status": "timeout"}}}
    assert _status(good) == "timeout"
    for bad in (None, [], {"metadata": [1]}, {"metadata": {"sahel_grading": "timeout"}}, {"metadata": None}):
        assert _status(bad) is None
