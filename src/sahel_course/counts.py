"""Word counts and rates of terms, per article or per group of articles.

Words are counted with the rules of :mod:`sahel_course.text` (``tokenize``); terms are
matched with its one matching rule (``term_pattern``, see the notes there).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from sahel_course._kind import CourseInputError, CourseTypeError
from sahel_course.checks import check_by, check_corpus, check_term, groups, say_not_found
from sahel_course.text import fold, prepare, term_pattern, tokenize, word_count

__all__ = ["word_counts", "rates", "count_matrix"]


def count_matrix(texts: list[str], codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (words, counts[V, G]) with rows sorted by total count desc, then word.

    Memory-lean: each text's words are counted with a C-level Counter, turned into
    (vocabulary index, count) arrays at once, and the dense matrix is filled
    directly in its final row order (no copy).
    """
    vocab: dict[str, int] = {}
    setdefault = vocab.setdefault
    idx_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    grp_parts: list[int] = []  # number of distinct words of each group

    def add(counter: Counter, g: int) -> None:
        idx_parts.append(np.array([setdefault(w, len(vocab)) for w in counter], dtype=np.int32))
        val_parts.append(np.fromiter(counter.values(), dtype=np.int64, count=len(counter)).astype(np.int32))
        grp_parts.append(len(counter))

    if n_groups == len(texts):  # one text per group (by="id"): codes are 0, 1, 2, ...
        for g, text in enumerate(texts):
            add(Counter(tokenize(text)), g)
    else:
        counters = [Counter() for _ in range(n_groups)]
        for text, g in zip(texts, codes):
            counters[g].update(tokenize(text))
        for g, counter in enumerate(counters):
            add(counter, g)
            counters[g] = Counter()  # free memory as we go
    idx = np.concatenate(idx_parts) if idx_parts else np.zeros(0, dtype=np.int32)
    idx_parts.clear()  # free memory as we go
    vals = np.concatenate(val_parts) if val_parts else np.zeros(0, dtype=np.int32)
    val_parts.clear()
    grp = np.repeat(np.arange(n_groups, dtype=np.int32), grp_parts)
    words = np.array(list(vocab), dtype=object)
    totals = np.bincount(idx, weights=vals, minlength=len(words))
    alpha_rank = np.empty(len(words), dtype=np.int64)
    alpha_rank[np.argsort(words.astype(str), kind="stable")] = np.arange(len(words))
    order = np.lexsort((alpha_rank, -totals))  # row r of the result is word order[r]
    new_row = np.empty(len(words), dtype=np.int64)
    new_row[order] = np.arange(len(words))
    matrix = np.zeros((len(words), n_groups), dtype=np.int64)
    matrix[new_row[idx], grp] = vals
    return words[order], matrix


def word_counts(corpus: pd.DataFrame, by: str = "id") -> pd.DataFrame:
    """Count every word (see :func:`sahel_course.text.tokenize`) per group of articles.

    Returns a DataFrame with one row per word (index ``word``, lower case, ``’`` as
    ``'``) and one integer column per value of ``by`` (``"id"``: one column per
    article; ``"outlet"``: one per outlet; any column name works). Columns follow
    the order of the corpus; rows are sorted by total count (most frequent
    first), then alphabetically.

    >>> toy = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"],
    ...                     "text": ["Mali’s junta. The junta!", "Mali's army"]})
    >>> word_counts(toy)  # doctest: +NORMALIZE_WHITESPACE
    id       a  b
    word
    junta    2  0
    mali's   1  1
    army     0  1
    the      1  0
    >>> int(word_counts(toy, by="outlet")["X"].sum())
    6
    """
    check_corpus(corpus, "word_counts")
    check_by(corpus, by, "word_counts")
    labels, codes = groups(corpus, by)
    words, matrix = count_matrix(list(corpus["text"]), codes, len(labels))
    columns = pd.Index(labels, name=by)
    if columns.dtype == object:
        columns = pd.Index(labels, name=by, dtype=object)
    return pd.DataFrame(matrix, index=pd.Index(words, name="word", dtype=object), columns=columns, copy=False)


def rates(
    corpus: pd.DataFrame, terms: str | Iterable[str], by: str = "id", per: float = 1000
) -> pd.DataFrame:
    """How often each term occurs per ``per`` words, for each group of articles.

    ``terms`` is one term or a list of terms (multi-word terms allowed; matching
    rules as in :func:`kwic`). The rate is ``matches / words * per`` where
    ``words`` is the number of words of the group as :func:`tokenize` counts them.
    Returns a DataFrame with one row per group (index named after ``by``) and one
    float column per term.

    >>> toy = pd.DataFrame({"id": ["a", "b"],
    ...                     "text": ["The junta and the military junta.", "No junta here at all"]})
    >>> rates(toy, ["junta", "military junta"], per=100)  # doctest: +NORMALIZE_WHITESPACE
            junta  military junta
    id
    a   33.333333       16.666667
    b   20.000000        0.000000
    """
    check_corpus(corpus, "rates")
    check_by(corpus, by, "rates")
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, Iterable):
        raise CourseTypeError(f"rates(): give a term or a list of terms such as ['Wagner', 'junta'], "
                              f"not {type(terms).__name__} ({terms!r}).")
    terms = list(terms)
    if not terms:
        raise CourseInputError("rates(): the list of terms is empty; give at least one term, e.g. ['Wagner'].")
    patterns = [_checked_pattern(t) for t in terms]
    if not isinstance(per, (int, float)) or isinstance(per, bool) or per <= 0:
        raise CourseInputError(f"rates(): per={per!r} must be a positive number such as 1000.")
    labels, codes = groups(corpus, by)
    texts = [prepare(t) for t in corpus["text"]]
    n_words = np.zeros(len(labels), dtype=np.int64)
    hits = np.zeros((len(labels), len(terms)), dtype=np.int64)
    for text, g in zip(texts, codes):
        n_words[g] += word_count(text)
        normed = fold(text)
        for j, pat in enumerate(patterns):
            hits[g, j] += len(pat.findall(normed))
    for j, term in enumerate(terms):
        if len(corpus) and hits[:, j].sum() == 0:
            say_not_found(corpus, term, "rates")
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(n_words[:, None] > 0, hits / np.maximum(n_words, 1)[:, None] * per, 0.0)
    return pd.DataFrame(values, index=pd.Index(labels, name=by), columns=terms)


def _checked_pattern(term: object) -> "re.Pattern[str]":
    check_term(term, "rates")
    return term_pattern(term)
