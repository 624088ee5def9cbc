"""Release and grading round trip, tamper cases and the sandbox (one grade run for all).

The whole file runs one `sahel-course release` and one `sahel-course grade` (about a
minute on two cores) and checks the rows, the feedback and the files the tamper
submissions tried to change.
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

from sahel_course import grading, sandbox
from sahel_course.cli import fill_answers, list_sets

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "exercises"
BIN = Path(sys.executable).parent
TAMPER_SET = "ex02_sources"
SETS = list_sets(COURSE)


def _env():
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def _cli(*args, **kw):
    return subprocess.run([str(BIN / "sahel-course"), *args], capture_output=True, text=True,
                          env=_env(), **kw)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    cp = _cli("release", "--out", str(out))
    assert cp.returncode == 0, cp.stderr + cp.stdout
    return out


def _points(nb, gid):
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == gid:
            return c.metadata["nbgrader"]["points"]
    raise KeyError(gid)


def _set_source(nb, gid, source):
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == gid:
            c.source = source
            return
    raise KeyError(gid)


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    """One grade run: solved + blank for every set, plus the tamper cases on one set."""
    root = tmp_path_factory.mktemp("grading")
    subs, out = root / "submissions", root / "out"
    # With a working sandbox the escape attempt aims at real targets (the repository, another
    # submission, the grader's home). Without one nothing could stop it, so it aims at decoys:
    # the test must never damage the checkout it runs in.
    sandboxed, _ = sandbox.sandbox_status()
    decoys = root / "decoys"
    decoys.mkdir()
    home_probe = (Path.home() if sandboxed else decoys) / ".sahel_grading_probe"
    probe_existed = home_probe.exists()
    src = {s: COURSE / "source" / s / f"{s}.ipynb" for s in SETS}
    rel = {s: released / s / f"{s}.ipynb" for s in SETS}

    def write(student, set_name, nb_or_text):
        d = subs / student / set_name
        d.mkdir(parents=True, exist_ok=True)
        p = d / f"{set_name}.ipynb"
        if isinstance(nb_or_text, str):
            p.write_text(nb_or_text)
        else:
            nbformat.write(nb_or_text, str(p))
        return p

    for s in SETS:
        write("solved", s, fill_answers(rel[s], src[s]))
        write("blank", s, rel[s].read_text())
    t = TAMPER_SET
    # 1. visible test replaced by `pass`, with a wrong answer to q1
    nb = fill_answers(rel[t], src[t])
    _set_source(nb, "q1_answer", "answer_q1 = 'news agency?'")
    _set_source(nb, "q1_check", "pass")
    write("edited_test", t, nb)
    # 2. the test cell of q2 (visible + hidden tests) deleted, with a wrong answer
    nb = fill_answers(rel[t], src[t])
    _set_source(nb, "q2_answer", "answer_q2 = 'not-an-article'")
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q2_check"]
    write("deleted_hidden", t, nb)
    # 3. an answer that claims to equal everything
    nb = fill_answers(rel[t], src[t])
    _set_source(nb, "q2_answer", "class AlwaysEqual(str):\n    def __eq__(self, other):\n        return True\n"
                "    __hash__ = str.__hash__\nanswer_q2 = AlwaysEqual('x')")
    write("always_equal", t, nb)
    # 4. an infinite loop in one answer
    nb = fill_answers(rel[t], src[t])
    _set_source(nb, "q3_answer", "while True:\n    pass")
    write("infinite_loop", t, nb)
    # 5. tries to change files outside its copy
    victim = subs / "solved" / SETS[0] / f"{SETS[0]}.ipynb"
    readme = REPO / "pyproject.toml"
    if not sandboxed:
        victim, readme = decoys / "other-submission.ipynb", decoys / "course-file.toml"
        shutil.copy(subs / "solved" / SETS[0] / f"{SETS[0]}.ipynb", victim)
        shutil.copy(REPO / "pyproject.toml", readme)
    victim_bytes = victim.read_bytes()
    readme_bytes = readme.read_bytes()
    nb = fill_answers(rel[t], src[t])
    nb.cells.insert(2, nbformat.v4.new_code_cell(f"open({str(readme)!r}, 'a').write('pwned')"))
    nb.cells.insert(3, nbformat.v4.new_code_cell(f"import os\nos.remove({str(victim)!r})"))
    nb.cells.insert(4, nbformat.v4.new_code_cell(f"open({str(home_probe)!r}, 'w').write('pwned')"))
    write("escape", t, nb)
    # 6. not a notebook at all
    write("invalid_json", t, '{"cells": [ this is not json')
    cp = _cli("grade", str(subs), "--out", str(out), "--jobs", "2", "--timeout", "10", "--no-progress")
    assert cp.returncode == 0, cp.stderr[-3000:] + cp.stdout
    with open(out / "grades.csv", newline="") as fh:
        rows = {(r["student"], r["set"]): r for r in csv.DictReader(fh)}
    yield dict(rows=rows, out=out, stdout=cp.stdout, stderr=cp.stderr, src=src, victim=victim,
               victim_bytes=victim_bytes, readme=readme, readme_bytes=readme_bytes,
               home_probe=home_probe, probe_existed=probe_existed)
    if home_probe.exists() and not probe_existed:
        home_probe.unlink()


def _flags(row):
    return set(filter(None, row["flags"].split(";")))


def _auto_max(path):
    nb = nbformat.read(str(path), as_version=4)
    return sum(c.metadata["nbgrader"]["points"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


# --------------------------------------------------------------------------- release


def test_release_strips_solutions_and_hidden_tests(released):
    for s in SETS:
        text = (released / s / f"{s}.ipynb").read_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, s
        assert "HIDDEN" not in text, s
        assert "YOUR CODE HERE" in text and "YOUR ANSWER HERE" in text, s
        nb = json.loads(text)
        assert any(c["metadata"].get("nbgrader", {}).get("grade") for c in nb["cells"]), s


def test_release_leaves_repository_clean(released):
    assert not (COURSE / "gradebook.db").exists()
    assert not (COURSE / "release").exists()


# --------------------------------------------------------------------------- round trip


def test_solved_notebooks_get_full_marks(graded):
    for s in SETS:
        row = graded["rows"][("solved", s)]
        assert float(row["score"]) == _auto_max(graded["src"][s]) == float(row["auto_max_score"]), (s, row)
        assert _flags(row) <= {"no_sandbox"}, (s, row)
        assert row["needs_manual_grading"] == "True"  # the written answer was filled in


def test_blank_notebooks_get_zero(graded):
    for s in SETS:
        row = graded["rows"][("blank", s)]
        assert float(row["score"]) == 0, row
        assert row["needs_manual_grading"] == "False", row  # unchanged written answer scores 0
        assert "wrong_type" not in _flags(row), row  # no answer is not a wrong type


# --------------------------------------------------------------------------- tamper cases


def _full(graded):
    return _auto_max(graded["src"][TAMPER_SET])


def test_edited_visible_test_is_restored_and_flagged(graded):
    row = graded["rows"][("edited_test", TAMPER_SET)]
    q1 = _points(nbformat.read(str(graded["src"][TAMPER_SET]), as_version=4), "q1_check")
    assert "altered_test_cell" in _flags(row)
    assert float(row["score"]) == _full(graded) - q1


def test_deleted_hidden_test_cell_is_restored_and_flagged(graded):
    row = graded["rows"][("deleted_hidden", TAMPER_SET)]
    q2 = _points(nbformat.read(str(graded["src"][TAMPER_SET]), as_version=4), "q2_check")
    assert "deleted_hidden_tests" in _flags(row)
    assert float(row["score"]) == _full(graded) - q2


def test_always_equal_object_does_not_pass(graded):
    row = graded["rows"][("always_equal", TAMPER_SET)]
    q2 = _points(nbformat.read(str(graded["src"][TAMPER_SET]), as_version=4), "q2_check")
    assert "wrong_type" in _flags(row)
    assert float(row["score"]) == _full(graded) - q2


def test_infinite_loop_times_out_and_later_cells_still_count(graded):
    row = graded["rows"][("infinite_loop", TAMPER_SET)]
    q3 = _points(nbformat.read(str(graded["src"][TAMPER_SET]), as_version=4), "q3_check")
    assert "timeout" in _flags(row)
    assert float(row["score"]) == _full(graded) - q3


def test_escape_attempts_change_nothing(graded):
    row = graded["rows"][("escape", TAMPER_SET)]
    assert float(row["score"]) == _full(graded), row
    if "no_sandbox" in _flags(row):
        # Without bubblewrap nothing can stop student code from writing where the grader may:
        # the run says so loudly (see test_sandbox_status_or_loud_fallback) and flags every row.
        assert shutil.which("bwrap") is None, "bwrap is installed, so the sandbox must have been used"
        return
    assert graded["victim"].read_bytes() == graded["victim_bytes"]
    assert graded["readme"].read_bytes() == graded["readme_bytes"]
    assert "blocked_write" in _flags(row)
    assert graded["home_probe"].exists() == graded["probe_existed"]


def test_invalid_json_scores_zero_and_is_flagged(graded):
    row = graded["rows"][("invalid_json", TAMPER_SET)]
    assert float(row["score"]) == 0 and "invalid_json" in _flags(row)


def test_summary_lists_anomalies(graded):
    for student in ("edited_test", "deleted_hidden", "always_equal", "infinite_loop", "invalid_json"):
        assert f"{student}/{TAMPER_SET}" in graded["stdout"]


# --------------------------------------------------------------------------- feedback and sandbox


def test_feedback_never_shows_hidden_tests(graded):
    htmls = sorted((graded["out"] / "feedback").rglob("*.html"))
    assert len(htmls) >= 2 * len(SETS) + 4
    for html in htmls:
        text = html.read_text()
        assert "HIDDEN TESTS" not in text and "importlib.reload(_g)" not in text, html
        assert "hidden check" not in text or "a check in this cell failed" in text or "not the one" in text, html
    solved = (graded["out"] / "feedback" / "solved" / f"{SETS[0]}.html").read_text()
    assert "Feedback" in solved and "passed" in solved


def test_sandbox_status_or_loud_fallback(graded):
    ok, why = sandbox.sandbox_status()
    flags = [_flags(r) for r in graded["rows"].values()]
    if shutil.which("bwrap"):
        assert ok, f"bwrap is installed but its self-test failed: {why}"
        assert not any("no_sandbox" in f for f in flags)
    else:
        assert "WARNING: grading WITHOUT a sandbox" in graded["stderr"], why
        assert all("no_sandbox" in f for f in flags)


# --------------------------------------------------------------------------- the check helpers


class _AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class _StrEq(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize("bad", [_AlwaysEqual(), _StrEq("nope"), True])
def test_checks_refuse_lookalikes(bad):
    with pytest.raises(grading.WrongTypeError):
        grading.check_value(bad, "gfp-2022-08-battle-over-mali" if not isinstance(bad, bool) else 1, "q1")


def test_checks_messages_are_kind():
    with pytest.raises(AssertionError, match="no answer yet"):
        grading.check_type(None, int, "q1")
    with pytest.raises(AssertionError, match="check the spelling"):
        grading.check_one_of("gfp-2022", ["gfp-2022-08-battle-over-mali"], "q2", what="article id")
    import pandas as pd

    with pytest.raises(AssertionError, match="expected a DataFrame with columns"):
        grading.check_columns(pd.DataFrame({"x": [1]}), ["id", "count"], "q3")
    with pytest.raises(AssertionError, match="not the one we expected") as err:
        grading.check_value(3, 4, "q4")
    assert "4" not in str(err.value).replace("q4", "")  # never reveals the answer


def test_checks_accept_right_answers():
    import numpy as np

    grading.check_value([1, 2], [1, 2], "q")
    grading.check_value({"a": 1}, {"a": 1}, "q")
    grading.check_close(np.float64(0.70588), 0.7058823, "q", rel_tol=1e-4)
    grading.check_close(np.int64(3), 3, "q")
    grading.check_value(" Mali ", "mali", "q", ignore_case=True)
