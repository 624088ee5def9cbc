"""Visible checks: the kind, immediate feedback in the students' check cells.

These run in the student's own kernel, so they can only *help*: the grade is
decided elsewhere, by :mod:`sahel_course.grading.compare` on the answers exported
from the sandbox. Light on purpose (imports nothing heavy).

The visible tests in the exercises call these helpers. Each raises an
:class:`AssertionError` whose message says what is wrong in plain words; a wrong
*type* raises :class:`WrongTypeError` (a subclass), which the grader reports as
the ``wrong_type`` flag. Values are compared only after an exact type check, so
an object that pretends to equal everything cannot pass.

>>> check_type(3, int, "q1")
>>> check_value("Mali", "Mali", "q2")
>>> check_close(0.5004, 0.5, "q3", abs_tol=0.01)
>>> check_type("3", int, "q1")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
sahel_course.grading.checks.WrongTypeError: q1: expected a whole number (int), but your answer is a piece of text (str). Hint: remove the quotes around numbers.
"""
from __future__ import annotations

import math
import numbers

__all__ = [
    "WrongTypeError", "check_type", "check_value", "check_close", "check_one_of",
    "check_columns", "check_len", "check_true",
]

TYPE_WORDS = {
    "int": "a whole number (int)",
    "float": "a decimal number (float)",
    "str": "a piece of text (str)",
    "bool": "True or False (bool)",
    "list": "a list",
    "tuple": "a tuple",
    "dict": "a dictionary (dict)",
    "set": "a set",
    "NoneType": "nothing (None) - did you forget to assign your answer?",
    "DataFrame": "a pandas DataFrame",
    "Series": "a pandas Series",
    "Timestamp": "a pandas Timestamp (a date)",
}


class WrongTypeError(AssertionError):
    """The answer has the wrong type (reported by the grader as ``wrong_type``)."""


def _numpy_plain(tp) -> str | None:
    """For a numpy scalar type, the plain Python type that holds the same value ('int', ...)."""
    if getattr(tp, "__module__", "") != "numpy":
        return None
    name = tp.__name__
    return ("int" if name.startswith(("int", "uint")) else "float" if name.startswith("float")
            else "bool" if name.startswith("bool") else "str" if name.startswith("str") else None)


def _describe(tp) -> str:
    if isinstance(tp, tuple):
        return " or ".join(_describe(t) for t in tp)
    if _numpy_plain(tp):
        kind = {"int": "whole number", "float": "decimal number", "bool": "True/False value", "str": "text"}
        return f"a numpy {tp.__name__} (numpy's own kind of {kind[_numpy_plain(tp)]})"
    return TYPE_WORDS.get(tp.__name__, f"a {tp.__name__}")


def _hint(hint: str | None) -> str:
    return f" Hint: {hint}" if hint else ""


def _require_answer(answer, name: str) -> None:
    if answer is None:
        raise AssertionError(f"{name}: there is no answer yet. Write your code in the answer cell, "
                             f"store the result in the answer variable and run the cell.")


def check_type(answer, expected_type, name: str, hint: str | None = None) -> None:
    """Check that ``type(answer)`` is exactly ``expected_type`` (or one of a tuple).

    Subclasses are refused on purpose (``True`` is not an ``int`` answer, and a
    ``str`` subclass could redefine ``==``).
    """
    types = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    if type(None) not in types:
        _require_answer(answer, name)
    if type(answer) not in types:
        if hint is None and str in types and type(answer) is not str:
            hint = "put text in quotes, e.g. 'Bamako'." if type(answer).__name__ != "NoneType" else None
        if hint is None and int in types and type(answer) is str:
            hint = "remove the quotes around numbers."
        plain = _numpy_plain(type(answer))
        if hint is None and plain:
            hint = (f"pandas and numpy give values of their own types; wrap the result in {plain}(...), "
                    f"e.g. {plain}(table['count'].sum()).")
        raise WrongTypeError(
            f"{name}: expected {_describe(expected_type)}, but your answer is "
            f"{_describe(type(answer))}.{_hint(hint)}"
        )


def _canonical(value):
    """Rebuild a value from exact built-in types only (refuses look-alikes)."""
    tp = type(value)
    if value is None or tp in (bool, int, float, str):
        return tp(value) if value is not None else None
    if tp in (list, tuple):
        return tp(_canonical(v) for v in value)
    if tp in (set, frozenset):
        return frozenset(_canonical(v) for v in value)
    if tp is dict:
        return {_canonical(k): _canonical(v) for k, v in value.items()}
    try:  # numpy scalars
        import numpy as np

        if isinstance(value, np.integer) and tp.__module__ == "numpy":
            return int(value)
        if isinstance(value, np.floating) and tp.__module__ == "numpy":
            return float(value)
        if isinstance(value, np.str_) and tp is np.str_:
            return str.__str__(value)
    except ImportError:  # pragma: no cover
        pass
    raise WrongTypeError(f"values of type {tp.__name__} cannot be checked here")


def check_value(answer, expected, name: str, hint: str | None = None,
                ignore_case: bool = False, ignore_order: bool = False) -> None:
    """Check that ``answer`` equals ``expected`` (same type first, then the value).

    The message never reveals the expected value. ``ignore_case`` compares text
    case-insensitively (and strips spaces); ``ignore_order`` compares lists as sets.
    """
    exp = _canonical(expected)
    if type(exp) is tuple and type(answer) is list:  # tuples and lists both welcome
        exp = list(exp)
    if type(exp) is list and type(answer) is tuple:
        exp = tuple(exp)
    check_type(answer, type(exp), name, hint)
    try:
        got = _canonical(answer)
    except WrongTypeError:
        raise WrongTypeError(f"{name}: your answer contains values of an unexpected type.{_hint(hint)}") from None
    if ignore_case:
        got, exp = fold(got), fold(exp)
    if ignore_order and type(got) in (list, tuple):
        got, exp = sorted(map(repr, got)), sorted(map(repr, exp))
    if not (type(got) is type(exp) and _strict_equal(got, exp)):
        raise AssertionError(f"{name}: your answer is not the one we expected.{_hint(hint)}")


def fold(v):
    """Text compared case- and space-insensitively (inside lists, tuples and sets too)."""
    if type(v) is str:
        return " ".join(v.split()).casefold()
    if type(v) in (list, tuple):
        return type(v)(fold(x) for x in v)
    if type(v) is frozenset:
        return frozenset(fold(x) for x in v)
    return v


def _strict_equal(a, b) -> bool:
    if type(a) is not type(b):
        # allow int/float mixes inside containers
        if type(a) in (int, float) and type(b) in (int, float):
            return a == b
        return False
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_strict_equal(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(_strict_equal(a[k], b[k]) for k in a)
    return a == b  # exact built-in types only: their own __eq__


def check_close(answer, expected: float, name: str, rel_tol: float = 1e-6,
                abs_tol: float = 1e-9, hint: str | None = None) -> None:
    """Check a number with :func:`math.isclose` (ints, floats and numpy numbers accepted)."""
    _require_answer(answer, name)
    ok_types = (int, float)
    tp = type(answer)
    is_numpy = tp.__module__ == "numpy" and isinstance(answer, numbers.Real)
    if tp not in ok_types and not is_numpy or tp is bool:
        raise WrongTypeError(
            f"{name}: expected a number (int or float), but your answer is {_describe(tp)}.{_hint(hint)}"
        )
    value = float(answer)
    if math.isnan(value) or not math.isclose(value, float(expected), rel_tol=rel_tol, abs_tol=abs_tol):
        raise AssertionError(f"{name}: the number is not the one we expected.{_hint(hint)}")


def check_one_of(answer, options, name: str, what: str = "value") -> None:
    """Check that a text answer is one of ``options`` (helps with spelling mistakes)."""
    options = [str(o) for o in options]
    check_type(answer, str, name)
    if str.__str__(answer) not in options:
        shown = ", ".join(repr(o) for o in options[:12]) + (" ..." if len(options) > 12 else "")
        raise AssertionError(
            f"{name}: {answer!s:.60} is not a known {what}; check the spelling. It should be one of: {shown}"
        )


def check_columns(answer, columns, name: str, min_rows: int = 0) -> None:
    """Check that ``answer`` is a pandas DataFrame with (at least) these columns."""
    _require_answer(answer, name)
    import pandas as pd

    cols = list(columns)
    if type(answer) is not pd.DataFrame:
        raise WrongTypeError(
            f"{name}: expected a DataFrame with columns {cols}, but your answer is {_describe(type(answer))}."
        )
    missing = [c for c in cols if c not in list(answer.columns)]
    if missing:
        raise AssertionError(
            f"{name}: expected a DataFrame with columns {cols}; missing: {missing} "
            f"(your columns: {list(answer.columns)[:10]}). Check the spelling, or use reset_index()."
        )
    if len(answer) < min_rows:
        raise AssertionError(f"{name}: the DataFrame has {len(answer)} rows; expected at least {min_rows}.")


def check_len(answer, n: int, name: str) -> None:
    """Check the length of a list, tuple, set, dict or DataFrame."""
    _require_answer(answer, name)
    if type(answer).__name__ not in ("list", "tuple", "set", "dict", "DataFrame", "Series"):
        raise WrongTypeError(f"{name}: expected a list (or table), but your answer is {_describe(type(answer))}.")
    if len(answer) != n:
        raise AssertionError(f"{name}: expected {n} items, but your answer has {len(answer)}.")


def check_true(condition, name: str, message: str) -> None:
    """Raise ``AssertionError(f"{name}: {message}")`` unless ``condition is True``."""
    if condition is not True and not (type(condition).__name__ == "bool_" and bool(condition)):
        raise AssertionError(f"{name}: {message}")
