"""The one exception type for problems in the course's data files."""
from __future__ import annotations


class CourseDataError(ValueError):
    """A data file (article, CSV, outline) is missing, malformed or inconsistent.

    The message always says which file (and row or field) is wrong and what to do.

    >>> raise CourseDataError("timeline.csv, row 3, field 'date': '2023-13-01' is not a date; use YYYY-MM-DD.")
    Traceback (most recent call last):
    ...
    sahel_course._errors.CourseDataError: timeline.csv, row 3, field 'date': '2023-13-01' is not a date; use YYYY-MM-DD.
    """
