"""Where the course's data folder is."""
from __future__ import annotations

import os
from pathlib import Path

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """Return the folder holding ``articles/`` and the reference CSV files.

    The environment variable ``SAHEL_COURSE_DATA`` overrides the default, which is
    the ``data/`` folder at the top of the course repository.

    >>> (data_dir() / "articles").is_dir()
    True
    """
    override = os.environ.get("SAHEL_COURSE_DATA")
    return Path(override).expanduser() if override else _REPO_DATA
