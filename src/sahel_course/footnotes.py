"""An article's footnotes (its ``references`` column), one row per note: who it cites, when, in which language.

>>> import pandas as pd
>>> demo = pd.DataFrame({"id": ["a"], "references": ["[1] See also The Next Lost War."]})
>>> footnotes(demo)["self_citation"].tolist()
[True]
"""
from __future__ import annotations

import re

import pandas as pd

from .checks import corpus_ids
from .text import guess_language

__all__ = ["footnotes", "FOOTNOTE_COLUMNS"]

FOOTNOTE_COLUMNS = ["id", "note", "text", "self_citation", "domain", "date", "language"]
_FOOTNOTE = re.compile(r"^\s*(\[\d+\]|\*)\s*(.*)$")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|fr|org|de|net|int|tr|ru|uk|info))\b", re.IGNORECASE)
_DOTTED_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")


def footnotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """Split each article's footnotes (the ``references`` column) into one row per note.

    A note is a line that starts with a marker ``[n]`` or ``*``; other lines are not notes.
    Columns: ``id``, ``note`` (the marker, e.g. ``[3]``), ``text``, ``self_citation``
    (True for "See also ..." notes, which point to the outlet's own earlier articles),
    ``domain`` (a web address named in the note, if any), ``date`` (a dd.mm.yyyy date
    in the note, as YYYY-MM-DD, if any) and ``language`` (``en`` for a "See also" note,
    otherwise the rough guess of :func:`sahel_course.text.guess_language`: ``en``, ``fr``,
    ``de`` or ``unknown``; check it by reading the note). Articles without footnotes have no rows.

    >>> demo = pd.DataFrame({"id": ["a"], "references": [
    ...     "[1] Mali : pourquoi la Minusma ne peut pas enquêter. jeuneafrique.com 11.04.2022.\\n\\n"
    ...     "[2] See also The Next Lost War."]})
    >>> footnotes(demo)[["note", "self_citation", "domain", "date", "language"]].values.tolist()
    [['[1]', False, 'jeuneafrique.com', '2022-04-11', 'fr'], ['[2]', True, '', '', 'en']]
    """
    from ._kind import CourseTypeError

    if not isinstance(corpus, pd.DataFrame) or "references" not in corpus.columns:
        raise CourseTypeError("footnotes() needs the corpus table from load_corpus() (it has a 'references' column).")
    rows = []
    for article_id, refs in zip(corpus_ids(corpus), corpus["references"]):
        for line in str(refs or "").splitlines():
            m = _FOOTNOTE.match(line)
            if not m:
                continue
            text = m.group(2).strip()
            domain = _DOMAIN.search(text)
            date = _DOTTED_DATE.search(text)
            self_cite = text.lower().startswith("see also")
            rows.append({
                "id": article_id, "note": m.group(1), "text": text, "self_citation": self_cite,
                "domain": domain.group(1).lower() if domain else "",
                "date": f"{date.group(3)}-{date.group(2)}-{date.group(1)}" if date else "",
                "language": "en" if self_cite else guess_language(text),
            })
    return pd.DataFrame(rows, columns=FOOTNOTE_COLUMNS)
