"""Checks of a student's input shared by the analysis modules (one place, public names).

Every function takes ``func``, the name of the course function the student called, so that
an error says which call went wrong, what was wrong and what to do.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sahel_course._errors import CourseDataError
from sahel_course._kind import CourseInputError, CourseTypeError, need_text
from sahel_course.text import normalize_word, tokenize

__all__ = ["check_corpus", "check_by", "check_term", "near_words", "say_not_found", "corpus_ids", "groups"]


def check_corpus(corpus: Any, func: str) -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise CourseTypeError(
            f"{func}() needs the corpus as a pandas DataFrame, not {type(corpus).__name__}; "
            "load it with corpus = load_corpus()."
        )
    if "text" not in corpus.columns:
        cols = ", ".join(map(str, corpus.columns)) or "(none)"
        raise CourseDataError(
            f"{func}(): the corpus has no 'text' column (its columns are: {cols}); "
            "pass the DataFrame returned by load_corpus()."
        )
    bad = [i for i, t in zip(corpus_ids(corpus), corpus["text"]) if not isinstance(t, str)]
    if bad:
        raise CourseDataError(
            f"{func}(): the 'text' of article {bad[0]!r} is not a string; "
            "every row needs its article text (use '' for an empty article)."
        )


def check_by(corpus: pd.DataFrame, by: Any, func: str) -> None:
    if not isinstance(by, str) or by not in corpus.columns:
        from sahel_course._kind import closest

        cols = ", ".join(map(str, corpus.columns))
        near = closest(by, list(map(str, corpus.columns))) if isinstance(by, str) else None
        hint = f" Did you mean '{near}'?" if near else ""
        raise CourseInputError(f"{func}(): by={by!r} is not a column of the corpus.{hint} Use one of: {cols}.")
    missing = corpus[by].isna()
    if missing.any():
        raise ValueError(
            f"{func}(): column {by!r} is empty for {int(missing.sum())} article(s); "
            f"fill it first, e.g. corpus = corpus.fillna({{{by!r}: 'unknown'}})."
        )


def check_term(term: Any, func: str) -> list[str]:
    term = need_text(term, "term", func, "'Wagner'")
    if any(ch in term for ch in "*%"):
        raise CourseInputError(
            f"{func}(): wildcards such as * are not supported in {term!r}; search for each word in full "
            "(e.g. 'terrorists', then 'terrorism')."
        )
    words = tokenize(term, lower=False)
    if not words:
        raise CourseInputError(
            f"{func}(): the term {term!r} contains no word (only punctuation); "
            "give a word or phrase such as 'Wagner'."
        )
    return words


def near_words(corpus: pd.DataFrame, term: str, n: int = 3) -> list[str]:
    """Words of the corpus spelt like ``term`` (for "did you mean ...?")."""
    import difflib

    vocab = sorted({w for t in corpus["text"] for w in tokenize(t)})
    return difflib.get_close_matches(normalize_word(term.strip()), vocab, n=n, cutoff=0.75)


def say_not_found(corpus: pd.DataFrame, term: str, func: str) -> None:
    """Print one sentence for a term found nowhere (a student sees why a result is empty)."""
    near = near_words(corpus, term)
    hint = f" Did you mean {' or '.join(repr(w) for w in near)}?" if near else ""
    glued = " (Two terms glued together? Put a comma between the terms of a list.)" if (
        not near and len(term) > 14 and " " not in term.strip()) else ""
    print(f"Note from {func}(): {term.strip()!r} does not occur in any of the {len(corpus)} articles.{hint}{glued}")


def corpus_ids(corpus: pd.DataFrame) -> list:
    return list(corpus["id"]) if "id" in corpus.columns else list(corpus.index)


def groups(corpus: pd.DataFrame, by: str) -> tuple[list, np.ndarray]:
    """Group labels in order of first appearance, and each row's group number."""
    codes, uniques = pd.factorize(corpus[by], sort=False)
    return list(uniques), codes
