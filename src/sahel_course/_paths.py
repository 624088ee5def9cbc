"""Where the course's folders are."""
from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]


def course_root() -> Path:
    """Return the course folder (the one holding ``data/``, ``notebooks/``, ``exercises/``).

    (Placeholder: issue 12 replaces this with a search of SAHEL_COURSE_ROOT, the working
    directory and its parents.)
    """
    override = os.environ.get("SAHEL_COURSE_ROOT")
    return Path(override).expanduser().resolve() if override else _REPO


def data_dir() -> Path:
    """Return the folder holding ``articles/`` and the reference CSV files.

    The environment variable ``SAHEL_COURSE_DATA`` overrides the default, which is
    the ``data/`` folder at the top of the course repository.

    >>> (data_dir() / "articles").is_dir()
    True
    """
    override = os.environ.get("SAHEL_COURSE_DATA")
    return Path(override).expanduser() if override else course_root() / "data"
