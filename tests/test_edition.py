"""The student edition: what it holds, what it must never hold, and that it runs elsewhere.

The edition is built once (about 20 s: nbgrader releases every exercise set). The last test
installs the package from the edition, NOT editable, into a fresh virtual environment outside
the repository and checks where the course is found from there.

Under `make test` (tools/run_checks.py) the edition and that environment are built where
``SAHEL_CHECKS_EDITION`` and ``SAHEL_CHECKS_EDITION_VENV`` say and kept: the "lessons" stage
then runs every lesson under nbval (outputs compared) FROM the edition with that non-editable
install, so the lessons run once and that run is also the proof that the edition works.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

from sahel_course import CourseDataError, edition

REPO = Path(__file__).resolve().parents[1]
# Written out here, not imported from the module under test.
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "*Model answer.*")


@pytest.fixture(scope="module")
def student(tmp_path_factory) -> Path:
    given = os.environ.get("SAHEL_CHECKS_EDITION")
    out = Path(given) if given else tmp_path_factory.mktemp("edition") / "sahel-course-student"
    assert edition.main([str(out), "--git", "--course", str(REPO)] + (["--force"] if given else [])) == 0
    return out


def _text_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(folder).parts:
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                pass


def _secret_texts() -> list[str]:
    """Lines only the instructor's copy has: hidden-test code and model answers, from exercises/source."""
    secrets = []
    for path in sorted((REPO / "exercises" / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line or "BEGIN SOLUTION" in line:
                    inside = True
                elif "END HIDDEN TESTS" in line or "END SOLUTION" in line:
                    inside = False
                elif inside and len(line.strip()) >= 30:
                    secrets.append(line.strip())
            if "*Model answer.*" in cell.source:
                secrets.append(cell.source.split("*Model answer.*", 1)[1].strip()[:120])
    return secrets


def test_edition_has_the_student_parts_and_nothing_else(student):
    top = sorted(p.name for p in student.iterdir())
    assert top == sorted([".git", ".gitignore", ".student-edition", "Makefile", "README.md", "binder", "data",
                          "exercises", "jupyter-config", "notebooks", "pyproject.toml", "requirements.lock", "src"])
    sets = sorted(p.parent.name for p in (REPO / "exercises" / "source").glob("*/*.ipynb"))
    assert sorted(p.name for p in (student / "exercises").iterdir()) == sets and sets
    assert not (student / "exercises" / "source").exists()
    lessons = sorted(p.name for p in (student / "notebooks").glob("*.ipynb"))
    assert lessons == sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb")) and lessons
    for name in lessons:  # byte for byte: `make test` runs the lessons from the edition
        assert (student / "notebooks" / name).read_bytes() == (REPO / "notebooks" / name).read_bytes(), name
    for name in ("articles", "lessons.yaml", "timeline.csv", "claims.csv"):
        assert (student / "data" / name).exists(), name
    for path in (REPO / "src" / "sahel_course").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            copy = student / path.relative_to(REPO)
            assert copy.read_bytes() == path.read_bytes(), f"{copy} differs from the package"
    assert not list(student.rglob("__pycache__")) and not list(student.rglob(".ipynb_checkpoints"))


def test_released_exercises_are_student_versions(student):
    for path in sorted((student / "exercises").glob("*/*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "YOUR CODE HERE" in text or "YOUR ANSWER HERE" in text, path.name
        # every graded code cell of the source is still there, by grade_id
        source = REPO / "exercises" / "source" / path.parent.name / path.name
        ids = lambda nb: {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}  # noqa: E731
        assert ids(nbformat.read(path, as_version=4)) == ids(nbformat.read(source, as_version=4))


def test_students_get_the_course_settings_without_the_graders_tools(student):
    config = student / "jupyter-config"
    lab = json.loads((config / "labconfig" / "default_setting_overrides.d" / "sahel-course.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    page = json.loads((config / "labconfig" / "page_config.d" / "sahel-course-student.json").read_text())
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    assert "@jupyter/nbgrader:validate-assignment" not in page["disabledExtensions"]
    server = json.loads((config / "jupyter_server_config.d" / "sahel-course-student.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert not (REPO / "jupyter-config" / "labconfig" / "page_config.d").exists()  # the instructor keeps them


def test_no_solution_or_hidden_test_marker_anywhere(student):
    package = student / "src" / "sahel_course"
    hits = []
    for path, text in _text_files(student):
        if package in path.parents and path.suffix == ".py":
            continue  # the grader's code names the markers it strips; checked identical to the repo above
        hits += [f"{path.relative_to(student)}: {m}" for m in MARKERS if m in text]
    assert hits == []
    # the check must be able to fail: the repository itself has them
    assert any(m in (REPO / "exercises" / "source" / "ex01_story" / "ex01_story.ipynb").read_text() for m in MARKERS)


def test_no_solution_text_anywhere(student):
    secrets = _secret_texts()
    assert len(secrets) > 20  # hidden tests and model answers of eight sets
    leaked = [(s, str(path.relative_to(student))) for path, text in _text_files(student)
              for s in secrets if s in text]
    assert leaked == []


def test_edition_is_one_clean_git_commit(student):
    log = subprocess.run(["git", "log", "--oneline"], cwd=student, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1
    status = subprocess.run(["git", "status", "--porcelain"], cwd=student, capture_output=True, text=True, check=True)
    assert status.stdout == ""
    tracked = subprocess.run(["git", "ls-files"], cwd=student, capture_output=True, text=True, check=True).stdout
    assert "notebooks/01_the_story.ipynb" in tracked and "exercises/ex01_story/ex01_story.ipynb" in tracked


def test_refuses_to_overwrite_what_is_not_an_edition(tmp_path, capsys):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.md").write_text("mine")
    assert edition.main([str(tmp_path / "thesis"), "--course", str(REPO)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert edition.main([str(tmp_path / "thesis"), "--force", "--course", str(REPO)]) == 2
    assert "is not an earlier student edition" in capsys.readouterr().err
    assert (tmp_path / "thesis" / "chapter1.md").read_text() == "mine"
    with pytest.raises(CourseDataError, match="would contain the course folder"):
        edition.write_student_edition(REPO.parent, root=REPO)
    with pytest.raises(CourseDataError, match="is not a course folder"):
        edition.write_student_edition(tmp_path / "out", root=tmp_path / "thesis")


def test_an_unknown_set_leaves_nothing_behind(tmp_path, capsys):
    out = tmp_path / "edition"
    assert edition.main([str(out), "--sets", "ex99_nope", "--course", str(REPO)]) == 2
    assert "ex99_nope" in capsys.readouterr().err
    assert not out.exists()


def test_a_leaked_solution_stops_the_edition(tmp_path):
    """A course whose data README quotes a solution region: the edition is refused and removed."""
    course = tmp_path / "course"
    for name in (*edition.COPIED, "exercises/source/ex01_story", "exercises/nbgrader_config.py",
                 "tools/student_edition"):
        src, dest = REPO / name, course / name
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    with (course / "data" / "README.md").open("a", encoding="utf-8") as f:
        f.write("\n### BEGIN SOLUTION\nanswer_q1 = 12\n### END SOLUTION\n")
    out = tmp_path / "edition"
    with pytest.raises(CourseDataError, match=r"data/README\.md: BEGIN SOLUTION.*data/README\.md: END SOLUTION"):
        edition.write_student_edition(out, root=course, quiet=True)
    assert not out.exists()


def test_marker_scan_finds_a_planted_solution(tmp_path):
    (tmp_path / "ex").mkdir()
    (tmp_path / "ex" / "ex.ipynb").write_text(json.dumps({"source": "### BEGIN HIDDEN TESTS\nassert x"}))
    (tmp_path / "notes.md").write_text("*Model answer.* It was 2013.")
    assert edition.find_solution_markers(tmp_path) == [
        "ex/ex.ipynb: BEGIN HIDDEN TESTS", "notes.md: *Model answer.*"]


def _uv() -> list[str]:
    if shutil.which("uv"):
        return [shutil.which("uv")]
    for python in ("python3", sys.executable):
        if subprocess.run([python, "-m", "uv", "--version"], capture_output=True).returncode == 0:
            return [python, "-m", "uv"]
    pytest.fail("uv is needed to build the test environment (`make env` installs it for python3)")


def test_non_editable_install_finds_the_course_elsewhere(student, tmp_path):
    """`uv pip install <edition>` (not -e) into a new venv; the course is found from anywhere.

    (`make test` then runs every lesson of the edition with this environment: its "lessons" stage.)
    """
    venv = Path(os.environ.get("SAHEL_CHECKS_EDITION_VENV") or tmp_path / "venv")
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    for key in ("SAHEL_COURSE_ROOT", "SAHEL_COURSE_DATA", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(key, None)
    uv = _uv()
    subprocess.run([*uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    # The dependencies (the locked versions, already installed and compiled in the checkout's
    # environment) are shared through a .pth line; the package itself is built from the edition
    # and installed as a wheel: `pip install .`, not `-e`. (.pth files inside the shared folder,
    # such as the checkout's editable-install hook, are not processed, so the edition's copy is
    # the only sahel_course on the path: checked below.)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()
    Path(site, "dependencies-from-checkout.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([*uv, "pip", "install", "--quiet", "--python", str(python), "--no-progress", "--no-deps",
                    "--compile-bytecode", "--reinstall-package", "sahel-course", str(student)], check=True, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env["MPLBACKEND"] = "Agg"
    where = subprocess.run([str(python), "-c", "import sahel_course, sys; print(sahel_course.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert where.startswith(str(venv)) and "site-packages" in where, where  # a real install, not the edition's src/

    # outside any course folder: a clear error that says where it looked
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    lost = subprocess.run([str(python), "-c", "import sahel_course as sc; sc.load_corpus()"],
                          cwd=nowhere, capture_output=True, text=True, env=env)
    assert lost.returncode != 0
    assert "cannot find the course folder" in lost.stderr and "SAHEL_COURSE_ROOT" in lost.stderr
    assert str(nowhere) in lost.stderr
    # the same, pointed at the edition by the environment variable
    found = subprocess.run([str(python), "-c", "import sahel_course as sc; print(len(sc.load_corpus()))"],
                           cwd=nowhere, capture_output=True, text=True, env=dict(env, SAHEL_COURSE_ROOT=str(student)))
    assert found.stdout.strip() == str(len(list((student / "data" / "articles").glob("*.md")))), found.stderr
