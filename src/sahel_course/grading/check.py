"""Step 5, check (trusted): compare each decoded answer with the answer key.

Runs in the grader's own process on plain data only; no student code is ever
executed here. Messages are kind and never reveal the expected value.

>>> from sahel_course.grading.spec import Question
>>> q = Question("q1_check", "Question 1", 1.0, "auto", "answer_q1", {"compare": "equal"})
>>> check(q, 12, 12).status, check(q, 11, 12).status, check(q, "12", 12).status
('passed', 'wrong', 'wrong_type')
>>> check(q, 12.0, 12).message
'Question 1: expected a whole number (int), but your answer is a decimal number (float).'
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from .answers import Column, Missing, Numpy, Table, Unsupported
from .checks import TYPE_WORDS
from .checks import fold as _fold


@dataclass
class Result:
    status: str        #: passed, wrong, wrong_type, missing, key_error
    message: str
    note: str = ""     #: e.g. a word about numpy types (counted as right)


def _plain(v):
    """Unwrap numpy scalars; returns (value, was_numpy)."""
    return (v.value, True) if type(v) is Numpy else (v, False)


def _words(v) -> str:
    name = {Table: "DataFrame", Column: "Series", datetime: "Timestamp", frozenset: "set",
            type(None): "NoneType"}.get(type(v), type(v).__name__)
    if type(v) is Unsupported:
        return f"a value of a type the grader cannot read ({v.type})"
    return TYPE_WORDS.get(name, f"a {name}")


_NUMPY_NOTE = ("your answer is a numpy number (e.g. numpy.int64); it was counted, "
               "but wrap it in int(...) or float(...) to get a plain Python number")


def _same(a, b) -> bool:
    """Equality on decoded plain data: exact types, numbers within 1e-9, NaN never equal."""
    a, _ = _plain(a)
    b, _ = _plain(b)
    if type(a) in (int, float) and type(b) in (int, float) and type(a) is not bool and type(b) is not bool:
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if type(a) is not type(b):
        return False
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def _type_ok(answer, expected) -> bool:
    a, _ = _plain(answer)
    e, _ = _plain(expected)
    if type(e) in (list, tuple):
        return type(a) in (list, tuple)
    return type(a) is type(e)


def check(question, answer, expected) -> Result:
    """Compare ``answer`` with ``expected`` as ``question.compare`` says."""
    spec, title = question.compare, question.title
    hint = f" Hint: {spec['hint']}" if spec.get("hint") else ""
    if isinstance(expected, (Missing, Unsupported)):
        return Result("key_error", f"{title}: the answer key could not be computed")
    if isinstance(answer, Missing):
        return Result("missing", f"{title}: no answer found: store your answer in `{question.answer}` "
                                 "and run the cell.")
    if answer is None and expected is not None:
        return Result("missing", f"{title}: `{question.answer}` is None: did you forget to assign your answer?")
    note = _NUMPY_NOTE if type(answer) is Numpy else ""
    how = spec["compare"]
    if how == "close":
        a, _ = _plain(answer)
        if type(a) not in (int, float):
            return Result("wrong_type", f"{title}: expected a number, but your answer is {_words(answer)}.{hint}")
        e, _ = _plain(expected)
        ok = not math.isnan(a) and math.isclose(a, e, rel_tol=spec.get("rel_tol", 1e-6), abs_tol=spec.get("abs_tol", 1e-9))
        return Result("passed" if ok else "wrong",
                      f"{title}: passed." if ok else f"{title}: the number is not the one we expected.{hint}", note)
    if how == "rows":
        cols = tuple(spec.get("columns") or ())
        if type(answer) is not Table:
            return Result("wrong_type", f"{title}: expected a pandas DataFrame, but your answer is {_words(answer)}.{hint}")
        missing = [c for c in cols if c not in answer.columns]
        if missing:
            return Result("wrong", f"{title}: your table has no column(s) {missing}; "
                                   f"its columns are {list(answer.columns)[:10]}.{hint}")
        ok = _rows(answer, cols) == _rows(expected, cols) if type(expected) is Table else False
        return Result("passed" if ok else "wrong",
                      f"{title}: passed." if ok else f"{title}: the rows of your table are not the ones we expected.{hint}")
    # equal
    if not _type_ok(answer, expected):
        return Result("wrong_type", f"{title}: expected {_words(_plain(expected)[0])}, "
                                    f"but your answer is {_words(_plain(answer)[0])}.{hint}")
    a, e = _plain(answer)[0], _plain(expected)[0]
    if spec.get("ignore_case"):
        a, e = _fold(a), _fold(e)
    if spec.get("ignore_order") and type(a) in (list, tuple):
        a, e = sorted(map(repr, a)), sorted(map(repr, e))
    if type(e) in (list, tuple):
        a, e = list(a), list(e)
    ok = _same(a, e)
    return Result("passed" if ok else "wrong",
                  f"{title}: passed." if ok else f"{title}: your answer is not the one we expected.{hint}", note)


def _rows(table: Table, cols: tuple) -> list:
    idx = [table.columns.index(c) for c in cols]
    rows = [tuple(_norm_cell(r[i]) for i in idx) for r in table.rows]
    return sorted(rows, key=repr)


def _norm_cell(v):
    v, _ = _plain(v)
    if type(v) is float and v.is_integer():
        return int(v)
    return v
