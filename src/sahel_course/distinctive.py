"""Distinctive vocabulary: "Fightin' Words" (Monroe, Colaresi & Quinn 2008).

Log-odds ratio with an informative Dirichlet prior, exactly as in the course
brief. For two sets of counts i and j (y = counts, n = totals), a word w, and
a prior a_w with a0 = sum of a_w::

    delta_w = ln[(y_iw + a_w) / (n_i + a0 - y_iw - a_w)]
            - ln[(y_jw + a_w) / (n_j + a0 - y_jw - a_w)]
    var_w   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

Choices made here (and why):

* **Vocabulary**: the union of the words of the two sides (one shared
  vocabulary). Words that occur on neither side are dropped even if the
  background has them: they cannot occur in the comparison, and keeping them
  would only change a0.
* **Prior**: a_w = alpha0 * (background share of w), the share being taken over
  that vocabulary, so the a_w always add up to alpha0 (= a0 in the formula).
  The background defaults to ``counts_a + counts_b``.
* **alpha0** defaults to the total of the background counts over the
  vocabulary, so that by default **a_w is simply the background count of w**
  (with the default background: a_w = y_aw + y_bw). A smaller alpha0 means a
  weaker prior (less shrinkage of rare words).
* Natural logarithm; no stopword removal (the prior discounts frequent words);
  no minimum frequency; rank by z, not by delta.
* A word that occurs in the counts but has a zero background count has no
  prior (a_w = 0) and the formula breaks down: this raises an error asking for
  a background that covers both sides.
* z(i vs j) = -z(j vs i) exactly.

Short texts give weak evidence: with a few hundred words, a |z| of 2 is
easily reached by chance; read the words in context (``kwic``) before
concluding anything.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sahel_course.checks import check_by, check_corpus, groups
from sahel_course.counts import count_matrix

__all__ = ["fightin_words", "one_vs_rest", "head_to_head"]


def _as_counts(counts: Any, name: str) -> pd.Series:
    if isinstance(counts, pd.DataFrame):
        raise TypeError(
            f"fightin_words(): {name} is a DataFrame; pass one column of counts, "
            f"e.g. word_counts(corpus)['<id>'] (a Series word -> count)."
        )
    if isinstance(counts, pd.Series):
        s = counts
    elif isinstance(counts, Mapping):
        s = pd.Series(dict(counts), dtype=object if counts else "float64")
        if len(s) and not all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in s):
            raise TypeError(f"fightin_words(): {name} must hold numbers (word counts), e.g. {{'junta': 3}}.")
        s = s.astype("float64")
    else:
        raise TypeError(
            f"fightin_words(): {name} must map words to counts (a pandas Series or a dict), "
            f"not {type(counts).__name__}."
        )
    if len(s) and not pd.api.types.is_numeric_dtype(s.dtype):
        raise TypeError(f"fightin_words(): {name} must hold numbers (word counts), not {s.dtype} values.")
    s = s.astype("float64")
    if s.isna().any() or (s < 0).any():
        raise ValueError(f"fightin_words(): {name} has missing or negative counts; counts must be 0 or more.")
    if not s.index.is_unique:
        s = s.groupby(level=0, sort=False).sum()
    return s


def _z_scores(ya: np.ndarray, yb: np.ndarray, prior: np.ndarray, a0: float) -> tuple[np.ndarray, np.ndarray]:
    """delta and z of the brief's formula; arrays broadcast (vocabulary on axis 0)."""
    na = ya.sum(axis=0)
    nb = yb.sum(axis=0)
    delta = np.log((ya + prior) / (na + a0 - ya - prior)) - np.log((yb + prior) / (nb + a0 - yb - prior))
    var = 1.0 / (ya + prior) + 1.0 / (yb + prior)
    return delta, delta / np.sqrt(var)


def _prior(default_bg: np.ndarray, background: Any, vocab: pd.Index, alpha0: Any, func: str) -> np.ndarray:
    """The informative prior a_w = alpha0 * (background share of w) over ``vocab``.

    ``background`` None means ``default_bg`` (the pooled counts); ``alpha0`` None means
    the background's total, so that a_w equals the background count.
    """
    if background is None:
        bg = default_bg
    else:
        bg = _as_counts(background, "background").reindex(vocab, fill_value=0.0).to_numpy()
        if (bg <= 0).any():
            missing = list(vocab[bg <= 0][:3])
            raise ValueError(
                f"{func}(): the background has no count for {missing} (and maybe more), "
                "which occur in the counts; use a background that covers both sides, e.g. the whole corpus."
            )
    if alpha0 is None:
        alpha0 = float(bg.sum())
    if isinstance(alpha0, bool) or not isinstance(alpha0, (int, float, np.number)) or not alpha0 > 0:
        raise ValueError(f"{func}(): alpha0={alpha0!r} must be a positive number (or None for the default).")
    return float(alpha0) * bg / bg.sum()


def fightin_words(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    background: Mapping[str, float] | pd.Series | None = None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Words distinctive of side a (large positive z) versus side b (large negative z).

    ``counts_a``/``counts_b`` map words to counts (a pandas Series such as a column
    of :func:`~sahel_course.compare.word_counts`, or a dict). ``background``
    (default ``counts_a + counts_b``) sets the prior a_w = alpha0 * background
    share of w; ``alpha0`` defaults to the background total over the shared
    vocabulary, i.e. a_w = background count of w (see the module notes).
    Returns a DataFrame indexed by ``word`` with columns ``count_a, count_b,
    prior, delta, z``, sorted by z (largest first; ties by word).

    >>> fw = fightin_words({"junta": 4, "the": 10}, {"government": 3, "the": 12})
    >>> fw.round(3)  # doctest: +NORMALIZE_WHITESPACE
                count_a  count_b  prior  delta      z
    word
    junta             4        0    4.0  0.827  1.350
    the              10       12   22.0 -0.156 -0.633
    government        0        3    3.0 -0.744 -1.053
    """
    a = _as_counts(counts_a, "counts_a")
    b = _as_counts(counts_b, "counts_b")
    vocab = a.index.union(b.index)
    ya = a.reindex(vocab, fill_value=0.0).to_numpy()
    yb = b.reindex(vocab, fill_value=0.0).to_numpy()
    keep = (ya + yb) > 0  # words that occur on neither side cannot be compared
    vocab, ya, yb = vocab[keep], ya[keep], yb[keep]
    if len(vocab) == 0:
        raise ValueError("fightin_words(): both counts are empty; give the word counts of two texts or groups.")
    prior = _prior(ya + yb, background, vocab, alpha0, "fightin_words")
    a0 = float(prior.sum())
    delta, z = _z_scores(ya, yb, prior, a0)
    out = pd.DataFrame(
        {
            "count_a": ya.astype("int64") if np.all(ya == np.round(ya)) else ya,
            "count_b": yb.astype("int64") if np.all(yb == np.round(yb)) else yb,
            "prior": prior,
            "delta": delta,
            "z": z,
        },
        index=pd.Index(np.asarray(vocab, dtype=object), name="word", dtype=object),
    )
    order = np.lexsort((np.asarray(vocab, dtype=str), -z))
    return out.iloc[order]


def one_vs_rest(
    corpus: pd.DataFrame,
    by: str = "id",
    alpha0: float | None = None,
    background: Mapping[str, float] | pd.Series | None = None,
) -> pd.DataFrame:
    """Fightin' Words of each group against all the other articles together.

    For every value g of ``by`` (each article with ``"id"``, each outlet with
    ``"outlet"``), side a = the words of g, side b = the words of the rest of the
    corpus; the prior is the whole corpus (or ``background``), as in
    :func:`fightin_words`. Returns a long DataFrame ``group, word, count_a,
    count_b, delta, z``, groups in corpus order, each sorted by z descending
    (ties by word). ``z`` is large for words typical of the group.

    >>> toy = pd.DataFrame({"id": ["a", "b", "c"],
    ...                     "text": ["the junta rules", "the government rules", "the government"]})
    >>> res = one_vs_rest(toy)
    >>> res[res["group"] == "a"].head(2).round(3)  # doctest: +NORMALIZE_WHITESPACE
      group   word  count_a  count_b  delta      z
    0     a  junta        1        0  0.981  0.801
    1     a  rules        1        1  0.223  0.273
    """
    check_corpus(corpus, "one_vs_rest")
    check_by(corpus, by, "one_vs_rest")
    labels, codes = groups(corpus, by)
    if len(labels) < 2:
        raise ValueError(
            f"one_vs_rest(): column {by!r} has only one value; it needs at least two groups to compare."
        )
    words, matrix = count_matrix(list(corpus["text"]), codes, len(labels))
    if matrix.sum() == 0:
        raise ValueError("one_vs_rest(): the articles contain no words; check the 'text' column of the corpus.")
    y = matrix.astype("float64")  # V x G
    total = y.sum(axis=1)
    prior = _prior(total, background, pd.Index(words, dtype=object), alpha0, "one_vs_rest")[:, None]
    a0 = float(prior.sum())
    rest = total[:, None] - y
    # vocabulary of each comparison = words of the group or of the rest = all words
    delta, z = _z_scores(y, rest, prior, a0)
    n_words, n_groups = y.shape
    # order: group, then z descending, then word
    word_rank = np.argsort(np.argsort(words.astype(str), kind="stable"))
    order_in_group = np.lexsort((np.broadcast_to(word_rank[:, None], z.shape).T, -z.T))  # G x V
    rows = order_in_group.ravel()
    cols = np.repeat(np.arange(n_groups), n_words)
    return pd.DataFrame(
        {
            "group": np.array(labels, dtype=object)[cols],
            "word": words[rows],
            "count_a": matrix[rows, cols],
            "count_b": rest[rows, cols].astype("int64"),
            "delta": delta[rows, cols],
            "z": z[rows, cols],
        }
    )


def head_to_head(counts: pd.DataFrame, side_a: str, side_b: str, **options: Any) -> pd.DataFrame:
    """:func:`fightin_words` of two columns of a :func:`~sahel_course.compare.word_counts` table,
    named by their ids (a wrong or misspelt id gets a message listing the ids).

    >>> counts = pd.DataFrame({"a": [2, 0, 1], "b": [0, 2, 1]}, index=pd.Index(["junta", "government", "the"], name="word"))
    >>> head_to_head(counts, "a", "b").index[0]
    'junta'
    >>> head_to_head(counts, "a", "c")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: head_to_head(): there is no article id 'c'. The article ids are: a, b.
    """
    from sahel_course._kind import CourseInputError, CourseTypeError, choose

    if not isinstance(counts, pd.DataFrame):
        raise CourseTypeError("head_to_head() needs the table of word_counts(corpus) first, "
                              "e.g. head_to_head(counts, 'sputnik-2021-09-plan-b', 'wire-2022-05-france-cooperation').")
    ids = list(counts.columns)
    a = choose(side_a, ids, "article id", "head_to_head")
    b = choose(side_b, ids, "article id", "head_to_head")
    if a == b:
        raise CourseInputError(f"head_to_head(): both sides are '{a}'; choose two different articles.")
    return fightin_words(counts[a], counts[b], **options)
