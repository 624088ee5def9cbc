"""Kind answers to a student's mistakes: one short message, the valid choices, the closest one.

Every helper that a lesson invites students to call checks its input up front with
:func:`choose` (ids, referents, frames, terms ...), :func:`need_text` or
:func:`need_whole_number` and raises a :class:`CourseInputError`. In JupyterLab such an
error shows as ONE line (IPython asks the exception how to render itself through
``_render_traceback_``), never as a long traceback. Outside IPython it is an ordinary
exception (a ``ValueError``, and a ``LookupError`` or ``TypeError`` where that fits).

>>> choose("sputnik-2021-09-plan", ["sputnik-2021-09-plan-b", "wire-2022-05-france-cooperation"],
...        what="article id", func="get_article")
Traceback (most recent call last):
...
sahel_course._kind.CourseInputError: get_article(): there is no article id 'sputnik-2021-09-plan'. Did you mean 'sputnik-2021-09-plan-b'? The article ids are: sputnik-2021-09-plan-b, wire-2022-05-france-cooperation.
>>> choose(" Sputnik-2021-09-plan-B ", ["sputnik-2021-09-plan-b"], what="article id", func="get_article")
'sputnik-2021-09-plan-b'
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["CourseInputError", "CourseTypeError", "choose", "need_text", "need_whole_number", "WILDCARDS"]

#: Characters that students try as wildcards; the course's searches do not support them.
WILDCARDS = "*?%"


class CourseInputError(ValueError, LookupError):
    """A helper was called with an id, name, term or number it cannot use.

    The message is one line: what is wrong, the valid choices, the closest one. In a
    notebook it is shown without a traceback.
    """

    def _render_traceback_(self) -> list[str]:  # IPython: show this instead of a traceback
        return [f"\x1b[1;31m{type(self).__name__}\x1b[0m: {self}"]


class CourseTypeError(CourseInputError, TypeError):
    """A helper was given the wrong kind of value (a number instead of text, ...)."""


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _describe(value: Any) -> str:
    kind = type(value).__name__
    names = {"int": "a whole number", "float": "a number", "str": "text", "list": "a list", "tuple": "a tuple",
             "dict": "a dictionary", "NoneType": "None (nothing)", "bool": "True/False", "DataFrame": "a table "
             "(DataFrame)", "Series": "a column (Series)", "set": "a set"}
    return names.get(kind, f"{_a(kind)} {kind}")


def need_text(value: Any, what: str, func: str, example: str) -> str:
    """Return ``value`` stripped of surrounding spaces, or raise a kind error if it is not text.

    >>> need_text(2022, "term", "kwic", "'Wagner'")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseTypeError: kwic(): the term must be text in quotation marks, such as 'Wagner', not a whole number (2022).
    """
    if not isinstance(value, str):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise CourseTypeError(f"{func}(): the {what} must be text in quotation marks, such as {example}, "
                              f"not {_describe(value)} ({shown}).")
    stripped = value.strip()
    if not stripped:
        raise CourseInputError(f"{func}(): the {what} is empty; write one between the quotation marks, "
                               f"such as {example}.")
    return stripped


def need_table(value: Any, columns: Iterable[str], func: str, source: str, what: str = "table"):
    """Return ``value`` if it is a pandas table with ``columns``; else a kind error naming ``source``.

    A ``CourseInputError`` (a ``ValueError``) when columns are missing, a ``CourseTypeError``
    when ``value`` is not a table at all.

    >>> need_table("claims", ["quote"], "find_claims", "load_claims()")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseTypeError: find_claims() needs the table from load_claims(), not text ('claims'); pass the table itself, made with load_claims().
    """
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise CourseTypeError(f"{func}() needs the {what} from {source}, not {_describe(value)} ({shown}); "
                              f"pass the table itself, made with {source}.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise CourseInputError(f"{func}(): the {what} has no column(s) {', '.join(missing)}; use the {what} "
                               f"from {source}.")
    return value


def need_whole_number(value: Any, what: str, func: str, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int, or raise a kind error naming the allowed range.

    >>> need_whole_number(30, "paragraph number", "unit_text", 1, 12)
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: unit_text(): paragraph number 30 does not exist; choose a whole number from 1 to 12.
    """
    import numbers

    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise CourseTypeError(f"{func}(): the {what} must be a whole number such as {low if low is not None else 1}, "
                              f"not {_describe(value)} ({value!r}).")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low} to {high}" if low is not None and high is not None else (
            f"of at least {low}" if low is not None else f"of at most {high}")
        raise CourseInputError(f"{func}(): {what} {value} does not exist; choose a whole number {span}.")
    return value


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest in spelling to ``value`` (ignoring case), or None if none is close."""
    options = [str(c) for c in choices]
    lowered = {c.lower(): c for c in options}
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    if not match:  # a part of a long id ("sputnik") is close enough too
        parts = [c for c in options if value.lower() in c.lower()]
        return parts[0] if len(parts) == 1 else None
    return lowered[match[0]]


def _listing(choices: list[str], limit: int = 20) -> str:
    shown = ", ".join(choices[:limit])
    return shown + (f" and {len(choices) - limit} more" if len(choices) > limit else "")


def choose(value: Any, choices: Iterable[Any], what: str, func: str, example: str | None = None) -> Any:
    """Return the choice that ``value`` names, or raise a one-line :class:`CourseInputError`.

    Surrounding spaces and capital letters are forgiven. A wrong type, a wildcard or an
    unknown name gets a message listing the valid choices and suggesting the closest.
    """
    options = list(dict.fromkeys(choices))
    labels = [str(c) for c in options]
    example = example or (f"'{labels[0]}'" if labels else "'...'")
    if not isinstance(value, str) and value in options:  # e.g. a number as a group label
        return value
    text = need_text(value, what, func, example)
    for option, label in zip(options, labels):
        if label == text:
            return option
    for option, label in zip(options, labels):
        if label.lower() == text.lower():
            return option
    if any(ch in text for ch in WILDCARDS):
        raise CourseInputError(f"{func}(): wildcards such as * or ? are not supported in {what}s; "
                               f"write the {what} in full. The {what}s are: {_listing(labels)}.")
    if not labels:
        raise CourseInputError(f"{func}(): there is no {what} to choose from (the table is empty).")
    near = closest(text, labels)
    hint = f" Did you mean '{near}'?" if near else ""
    raise CourseInputError(f"{func}(): there is no {what} '{text}'.{hint} The {what}s are: {_listing(labels)}.")
