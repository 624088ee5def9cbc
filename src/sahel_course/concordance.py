"""Keyword in context (concordance): every occurrence of a term with its surrounding words,
as a table (``kwic``), a notebook display (``kwic_view``) or plain text (``format_kwic``).

Terms are matched with the one rule of :mod:`sahel_course.text` (``term_pattern``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sahel_course._kind import CourseInputError, CourseTypeError
from sahel_course.checks import check_corpus, check_term, corpus_ids, say_not_found
from sahel_course.text import fold, prepare, term_pattern, word_spans

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["kwic", "kwic_view", "format_kwic", "KwicView"]

_KWIC_COLUMNS = ["id", "outlet", "published", "left", "match", "right"]
_CHARS_PER_WORD = 12


def _left_context(text: str, start: int, window: int) -> str:
    if window <= 0:
        return ""
    para_start = text.rfind("\n", 0, start) + 1
    budget = window * _CHARS_PER_WORD
    while True:
        lo = max(para_start, start - budget)
        spans = [a for a, _ in word_spans(text, lo, start)]
        if len(spans) > window or lo == para_start:
            break
        budget *= 2
    if not spans:
        return text[lo:start].strip()
    first = spans[-window] if len(spans) >= window else spans[0]
    return text[first:start].strip()


def _right_context(text: str, end: int, window: int) -> str:
    if window <= 0:
        return ""
    para_end = text.find("\n", end)
    if para_end < 0:
        para_end = len(text)
    budget = window * _CHARS_PER_WORD
    while True:
        hi = min(para_end, end + budget)
        spans = [b for _, b in word_spans(text, end, hi)]
        if len(spans) > window or hi == para_end:
            break
        budget *= 2
    if not spans:
        return text[end:hi].strip()
    last = spans[window - 1] if len(spans) >= window else spans[-1]
    return text[end:last].strip()


def kwic(corpus: pd.DataFrame, term: str, window: int = 5) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``window`` words each side.

    Matching is whole-word, case-insensitive, treats ``’`` and ``'`` alike, accepts
    multi-word terms and possessives (see the module notes). ``match`` shows the
    text as written; ``left``/``right`` are the text as written from the
    ``window``-th word before / up to the ``window``-th word after, within the same
    paragraph. Returns a plain DataFrame with columns
    ``id, outlet, published, left, match, right`` in corpus order (a corpus without
    ``outlet``/``published`` columns gets empty ones). For an aligned display in a
    notebook use :func:`kwic_view`; for plain text use :func:`format_kwic`.

    >>> toy = pd.DataFrame({"id": ["a"], "outlet": ["X"], "published": [pd.Timestamp("2023-07-01")],
    ...     "text": ["Mali’s transitional government rejects it. The Transitional\\nGovernment"]})
    >>> kwic(toy, "Transitional Government", window=2)[["left", "match", "right"]]
         left                    match       right
    0  Mali’s  transitional government  rejects it
    >>> kwic(toy, "mali's", window=1)["match"].tolist()
    ['Mali’s']
    """
    check_corpus(corpus, "kwic")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise CourseInputError(f"kwic(): window={window!r} must be a whole number of words, 0 or more, e.g. 5.")
    check_term(term, "kwic")
    pattern = term_pattern(term)
    ids = corpus_ids(corpus)
    outlets = list(corpus["outlet"]) if "outlet" in corpus.columns else [pd.NA] * len(corpus)
    dates = list(corpus["published"]) if "published" in corpus.columns else [pd.NaT] * len(corpus)
    rows: list[tuple] = []
    for i, raw in enumerate(corpus["text"]):
        text = prepare(raw)
        for m in pattern.finditer(fold(text)):
            rows.append(
                (
                    ids[i],
                    outlets[i],
                    dates[i],
                    _left_context(text, m.start(), window),
                    text[m.start() : m.end()],
                    _right_context(text, m.end(), window),
                )
            )
    out = pd.DataFrame(rows, columns=_KWIC_COLUMNS)
    if not rows and len(corpus):
        say_not_found(corpus, term, "kwic")
    if "published" in corpus.columns:
        out["published"] = out["published"].astype(corpus["published"].dtype)
    return out


class KwicView:
    """A concordance ready for display: HTML in a notebook, aligned plain text elsewhere.

    Made by :func:`kwic_view`; ``to_html()`` gives the styled table, ``repr()`` the
    text of :func:`format_kwic` (so saved notebooks contain no memory addresses).
    """

    def __init__(self, table: pd.DataFrame, styler: "Styler") -> None:
        self.table = table
        self.styler = styler

    def to_html(self) -> str:
        if self.table.empty:
            return "<p>No matches: the term does not occur in any article.</p>"
        return self.styler.to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return format_kwic(self.table) if len(self.table) else "No matches: the term does not occur in any article."


def kwic_view(table: pd.DataFrame, max_rows: int = 200) -> KwicView:
    """Show a :func:`kwic` table in a notebook with the keywords lined up.

    In a notebook it shows as a table (the table itself is unchanged) whose ``left``
    column is right-aligned, ``match`` bold and centred, in a monospaced font; only the
    first ``max_rows`` rows are shown. Its plain-text form is :func:`format_kwic`.

    >>> toy = pd.DataFrame({"id": ["a"], "text": ["the Wagner Group arrived"]})
    >>> "text-align: right" in kwic_view(kwic(toy, "Wagner")).to_html()
    True
    """
    if not isinstance(table, pd.DataFrame) or not {"left", "match", "right"} <= set(table.columns):
        raise CourseTypeError("kwic_view() needs the table returned by kwic(), e.g. kwic_view(kwic(corpus, 'Wagner')).")
    mono = {"font-family": "monospace", "white-space": "pre"}
    shown = table.head(max_rows)
    # a fixed id derived from the content keeps saved notebooks identical from run to run
    uuid = "kwic" + format(int(pd.util.hash_pandas_object(shown[["left", "match", "right"]], index=True).sum()) % 16**8, "08x")
    styler = (
        shown.style.set_uuid(uuid)
        .set_properties(subset=["left"], **{"text-align": "right", **mono})
        .set_properties(subset=["match"], **{"text-align": "center", "font-weight": "bold", **mono})
        .set_properties(subset=["right"], **{"text-align": "left", **mono})
        .hide(axis="index")  # the row numbers mean nothing to a reader
    )
    if "published" in shown.columns:  # the day, not "2021-09-20 00:00:00"
        styler = (styler.format({"published": lambda d: "" if pd.isna(d) else f"{d:%Y-%m-%d}"})
                  .set_properties(subset=["published"], **{"white-space": "nowrap"}))
    return KwicView(shown, styler)


def format_kwic(table: pd.DataFrame, width: int = 40) -> str:
    """Return a :func:`kwic` table as plain text, one line per hit, keywords aligned.

    ``left`` is cut to its last ``width`` characters, ``right`` to its first.

    >>> toy = pd.DataFrame({"id": ["a", "b"], "text": ["so the Wagner Group came", "Wagner left"]})
    >>> print(format_kwic(kwic(toy, "wagner", window=2), width=8))
    a   so the [Wagner] Group ca
    b          [Wagner] left
    """
    if not isinstance(table, pd.DataFrame) or not {"left", "match", "right"} <= set(table.columns):
        raise CourseTypeError("format_kwic() needs the table returned by kwic(), e.g. format_kwic(kwic(corpus, 'Wagner')).")
    ids = [str(i) for i in table["id"]] if "id" in table.columns else [""] * len(table)
    id_w = max((len(i) for i in ids), default=0)
    lines = []
    for i, left, match, right in zip(ids, table["left"], table["match"], table["right"]):
        lines.append(f"{i:<{id_w}} {left[-width:]:>{width}} [{match}] {right[:width]}".rstrip())
    return "\n".join(lines)
