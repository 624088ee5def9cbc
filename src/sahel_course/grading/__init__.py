"""Grading: visible checks for students, and the instructor's release and autograde pipeline.

For students' notebooks, the check cells call the kind helpers in :mod:`.checks`
(re-exported here). For instructors, :func:`release` makes student versions with
nbgrader and :func:`grade` autogrades a folder of submissions (see
docs/instructor-guide-grading.md). The pipeline's steps each live in a module:
:mod:`.intake`, :mod:`.merge`, :mod:`.execute` (with :mod:`.sandbox` and
:mod:`.runner`), :mod:`.answers`, :mod:`.check`, :mod:`.score`, :mod:`.feedback`,
:mod:`.report`, composed in :mod:`.pipeline`.
"""
from .checks import (WrongTypeError, check_close, check_columns, check_len, check_one_of, check_true,
                     check_type, check_value)


def release(*args, **kwargs):
    """Generate student versions; see :func:`sahel_course.grading.releasing.release`."""
    from .releasing import release as _release

    return _release(*args, **kwargs)


def grade(*args, **kwargs):
    """Autograde a folder of submissions; see :func:`sahel_course.grading.pipeline.grade`."""
    from .pipeline import grade as _grade

    return _grade(*args, **kwargs)


__all__ = ["WrongTypeError", "check_type", "check_value", "check_close", "check_one_of",
           "check_columns", "check_len", "check_true", "release", "grade"]
