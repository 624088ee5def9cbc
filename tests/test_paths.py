"""course_root(): argument, $SAHEL_COURSE_ROOT, working directory and parents, package folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from sahel_course import CourseDataError
from sahel_course import _paths

REPO = Path(__file__).resolve().parents[1]


def _course(folder: Path) -> Path:
    (folder / "data" / "articles").mkdir(parents=True)
    (folder / "data" / "lessons.yaml").write_text("lessons: []\n")
    (folder / "notebooks").mkdir()
    return folder


def test_the_checkout_is_a_course_folder():
    assert _paths.course_root(REPO) == REPO
    assert _paths.is_course_folder(REPO)


def test_working_directory_and_its_parents_come_before_the_package(tmp_path, monkeypatch):
    other = _course(tmp_path / "my course")
    monkeypatch.delenv("SAHEL_COURSE_ROOT", raising=False)
    monkeypatch.delenv("SAHEL_COURSE_DATA", raising=False)
    monkeypatch.chdir(other / "notebooks")
    assert _paths.course_root() == other.resolve()
    assert _paths.data_dir() == other.resolve() / "data"
    monkeypatch.chdir(tmp_path)  # not inside a course: falls back to the package's own checkout
    assert _paths.course_root() == REPO


def test_environment_variable_wins_and_is_checked(tmp_path, monkeypatch):
    other = _course(tmp_path / "elsewhere")
    monkeypatch.chdir(REPO / "notebooks")
    monkeypatch.setenv("SAHEL_COURSE_ROOT", str(other))
    assert _paths.course_root() == other.resolve()
    monkeypatch.setenv("SAHEL_COURSE_ROOT", str(other / "notebooks"))
    with pytest.raises(CourseDataError, match=r"in \$SAHEL_COURSE_ROOT .*notebooks\) is not a course folder"):
        _paths.course_root()
    # an explicit argument beats the variable
    assert _paths.course_root(other) == other.resolve()


@pytest.mark.parametrize("broken", ["no data", "no articles", "marker is a folder"])
def test_half_a_course_is_not_a_course(tmp_path, broken):
    folder = _course(tmp_path / "c")
    if broken == "no data":
        (folder / "data" / "lessons.yaml").unlink()
        (folder / "data" / "articles").rmdir()
    elif broken == "no articles":
        (folder / "data" / "articles").rmdir()
    else:
        (folder / "data" / "lessons.yaml").unlink()
        (folder / "data" / "lessons.yaml").mkdir()
    assert not _paths.is_course_folder(folder)
    with pytest.raises(CourseDataError, match="data/lessons.yaml"):
        _paths.course_root(folder)


def test_lost_everywhere_names_every_place_it_looked(tmp_path, monkeypatch):
    monkeypatch.delenv("SAHEL_COURSE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(_paths, "__file__", str(tmp_path / "site-packages" / "sahel_course" / "_paths.py"))
    with pytest.raises(CourseDataError) as err:
        _paths.course_root()
    message = str(err.value)
    for words in ("cannot find the course folder", "data/lessons.yaml", "$SAHEL_COURSE_ROOT (not set)",
                  str(tmp_path), "site-packages", "SAHEL_COURSE_ROOT=/path/to/the/course"):
        assert words in message, words
