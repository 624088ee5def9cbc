"""Step 4, decode: the answers that left the sandbox, read as plain data and nothing else.

The file was written by code the student controls (see ``kernel_export.py``), so it is
read with a size cap and decoded strictly into a small set of plain types; anything
else becomes :class:`Unsupported`. No pickle, no ``eval``, no import of student types.

>>> decode_value({"$tuple": [1, "a"]})
(1, 'a')
>>> decode_value({"$numpy": "int64", "value": 3})
Numpy(name='int64', value=3)
>>> decode_value({"$set": [2, 1]}) == frozenset({1, 2})
True
>>> decode_value({"$evil": 1})
Unsupported(type='an unknown value')
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

#: Largest answers file read from a sandbox (bytes).
MAX_ANSWERS = 2 * 1024**2


@dataclass(frozen=True)
class Unsupported:
    type: str


@dataclass(frozen=True)
class Missing:
    pass


@dataclass(frozen=True)
class Numpy:
    """A numpy scalar (the value is a plain Python number, bool or str)."""
    name: str
    value: object


@dataclass(frozen=True)
class Table:
    """A pandas DataFrame as data: column names and rows (tuples of plain values)."""
    columns: tuple
    index: tuple
    rows: tuple


@dataclass(frozen=True)
class Column:
    """A pandas Series as data."""
    name: object
    index: tuple
    data: tuple


class AnswersError(ValueError):
    """The answers file is missing, too large or not valid data."""


def _scalar_ok(v) -> bool:
    return v is None or type(v) in (bool, int, float, str)


def decode_value(v, depth: int = 0):
    """Decode one encoded value; unknown shapes become :class:`Unsupported`."""
    if depth > 25:
        return Unsupported("nested too deeply")
    if _scalar_ok(v):
        if type(v) is int and abs(v) > 10**30:
            return Unsupported("a number too large")
        return v
    if type(v) is list:
        return [decode_value(x, depth + 1) for x in v]
    if type(v) is not dict or len(v) not in (1, 2):
        return Unsupported("an unknown value")
    tag = next(iter(v))
    body = v[tag]
    try:
        if tag == "$tuple" and type(body) is list:
            return tuple(decode_value(x, depth + 1) for x in body)
        if tag == "$set" and type(body) is list:
            return frozenset(_hashable(decode_value(x, depth + 1)) for x in body)
        if tag == "$dict" and type(body) is list:
            return {_hashable(decode_value(k, depth + 1)): decode_value(x, depth + 1) for k, x in body}
        if tag == "$numpy" and type(body) is str and _scalar_ok(v.get("value")):
            return Numpy(body[:40], v["value"])
        if tag == "$date" and type(body) is str and len(body) < 40:
            return datetime.fromisoformat(body)
        if tag == "$dataframe" and type(body) is dict:
            cols = tuple(_hashable(decode_value(c, depth + 1)) for c in body["columns"])
            rows = tuple(tuple(decode_value(x, depth + 1) for x in row) for row in body["data"])
            if any(len(r) != len(cols) for r in rows):
                return Unsupported("a malformed table")
            return Table(cols, tuple(_hashable(decode_value(i, depth + 1)) for i in body["index"]), rows)
        if tag == "$series" and type(body) is dict:
            return Column(_hashable(decode_value(body.get("name"), depth + 1)),
                          tuple(_hashable(decode_value(i, depth + 1)) for i in body["index"]),
                          tuple(decode_value(x, depth + 1) for x in body["data"]))
        if tag == "$unsupported" and type(body) is str:
            return Unsupported(body[:80])
        if tag == "$missing":
            return Missing()
    except (KeyError, TypeError, ValueError):
        return Unsupported("a malformed value")
    return Unsupported("an unknown value")


def _hashable(v):
    if type(v) is list:
        return tuple(_hashable(x) for x in v)
    if type(v) is dict:
        return tuple(sorted(((_hashable(k), _hashable(x)) for k, x in v.items()), key=repr))
    hash(v)
    return v


def decode(data: bytes | None, names: list[str]) -> dict:
    """Decode an answers file: ``{name: value}`` for exactly ``names`` (others are ignored).

    Raises :class:`AnswersError` when there is no usable file.
    """
    if data is None:
        raise AnswersError("no answers file")
    if len(data) > MAX_ANSWERS:
        raise AnswersError(f"the answers are larger than {MAX_ANSWERS // 1024**2} MB")
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=lambda c: {"NaN": math.nan,
                                                                       "Infinity": math.inf,
                                                                       "-Infinity": -math.inf}[c])
    except (ValueError, UnicodeDecodeError, RecursionError, KeyError) as exc:
        raise AnswersError(f"the answers file is not valid JSON ({type(exc).__name__})") from None
    if type(raw) is not dict:
        raise AnswersError("the answers file is not a JSON object")
    return {n: decode_value(raw[n]) if n in raw else Missing() for n in names}
