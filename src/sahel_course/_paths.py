"""Where the course's folders are.

The package does not assume it sits inside a checkout: it is installed into hub images,
Binder images and student environments, far from the course folder. The course folder is
the one holding ``data/lessons.yaml`` (the *course marker*) and ``data/articles/``. It is
found, in this order:

1. the ``root`` argument of :func:`course_root`, or the environment variable
   ``SAHEL_COURSE_ROOT``: used as given, and an error if it is not a course folder;
2. the working directory and each of its parents (a lesson runs in ``notebooks/``, so its
   parent is the course);
3. the folder the package was loaded from and each of its parents (a clone with an
   editable install, or a ``.venv`` inside the course folder).

``SAHEL_COURSE_DATA`` still overrides the data folder alone (see :func:`data_dir`).
"""
from __future__ import annotations

import os
from pathlib import Path

from ._errors import CourseDataError

ENV_ROOT = "SAHEL_COURSE_ROOT"
ENV_DATA = "SAHEL_COURSE_DATA"
MARKER = Path("data") / "lessons.yaml"


def is_course_folder(folder: str | os.PathLike) -> bool:
    """True if ``folder`` holds the course marker ``data/lessons.yaml`` and ``data/articles/``.

    >>> is_course_folder(course_root())
    True
    >>> is_course_folder(course_root() / "notebooks")
    False
    """
    folder = Path(folder)
    return (folder / MARKER).is_file() and (folder / "data" / "articles").is_dir()


def _upwards(start: Path):
    yield start
    yield from start.parents


def course_root(root: str | os.PathLike | None = None) -> Path:
    """Return the course folder (the one holding ``data/``, ``notebooks/``, ``exercises/``).

    Looks at ``root`` (or ``$SAHEL_COURSE_ROOT``), then the working directory and its
    parents, then the package's own folder and its parents, for ``data/lessons.yaml``.
    Raises :class:`~sahel_course.CourseDataError` saying where it looked.

    >>> (course_root() / "data" / "lessons.yaml").is_file()
    True
    >>> course_root("/no/such/folder")
    Traceback (most recent call last):
    ...
    sahel_course._errors.CourseDataError: the course folder given as argument (/no/such/folder) is not a course folder: it has no data/lessons.yaml with data/articles/ beside it. Give the folder that holds data/, notebooks/ and exercises/.
    """
    explicit, origin = root, "given as argument"
    if explicit is None and os.environ.get(ENV_ROOT):
        explicit, origin = os.environ[ENV_ROOT], f"in ${ENV_ROOT}"
    if explicit is not None:
        folder = Path(explicit).expanduser().resolve()
        if not is_course_folder(folder):
            raise CourseDataError(
                f"the course folder {origin} ({folder}) is not a course folder: it has no "
                f"{MARKER.as_posix()} with data/articles/ beside it. "
                "Give the folder that holds data/, notebooks/ and exercises/.")
        return folder
    cwd = Path.cwd().resolve()
    package = Path(__file__).resolve().parent
    for start in (cwd, package):
        for folder in _upwards(start):
            if is_course_folder(folder):
                return folder
    raise CourseDataError(
        f"cannot find the course folder: looked for {MARKER.as_posix()} (with data/articles/) in "
        f"${ENV_ROOT} (not set), in the working directory {cwd} and its parents, and next to the "
        f"installed package ({package}) and its parents. Open the notebooks from inside the course "
        f"folder, or set {ENV_ROOT}=/path/to/the/course (the folder that holds data/ and notebooks/).")


def data_dir() -> Path:
    """Return the folder holding ``articles/`` and the reference CSV files.

    The environment variable ``SAHEL_COURSE_DATA`` overrides the default, which is
    the ``data/`` folder of :func:`course_root`.

    >>> (data_dir() / "articles").is_dir()
    True
    """
    override = os.environ.get(ENV_DATA)
    return Path(override).expanduser() if override else course_root() / "data"
