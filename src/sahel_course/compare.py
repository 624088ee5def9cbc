"""Count and find words across articles: word counts, rates, keyword in context,
naming choices and actor mentions.

Every function takes the corpus DataFrame (``load_corpus()``; a hand-made
DataFrame with a ``text`` column also works) and uses the word rules of
:mod:`sahel_course.text`.

How terms are matched (``kwic``, ``rates``, ``naming_table``, ``actor_mentions``)
    * whole words only: ``Mali`` does not match ``Malian``, ``colonial`` does not
      match ``anti-colonial`` (a hyphenated word is one word);
    * case-insensitive (``wagner`` finds ``Wagner``); for ``naming_table`` and
      ``actor_mentions`` only, a variant written entirely in capitals with at most
      four letters (``UN``, ``US``, ``IS``, ``EU``, ``JNIM``) keeps its case, so that
      ``IS`` (Islamic State) does not count every "is";
    * the two apostrophes are the same letter: ``MINUSMA's`` finds ``MINUSMA’s``;
    * a term also matches its possessive: ``MINUSMA`` finds ``MINUSMA’s`` (search
      ``MINUSMA's`` to see only the possessives). Word counts (``word_counts``)
      keep ``minusma`` and ``minusma's`` apart, so kwic can find more than the
      word count of ``minusma`` shows;
    * a multi-word term (``transitional government``) matches the words in that
      order separated by spaces, within one paragraph; punctuation inside the
      term is ignored.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sahel_course._errors import CourseDataError
from sahel_course._kind import CourseInputError, CourseTypeError, need_text
from sahel_course.text import _TOKEN_RE, _fold, _prepare, normalize_word, tokenize

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = [
    "word_counts",
    "rates",
    "kwic",
    "kwic_view",
    "format_kwic",
    "naming_table",
    "naming_matrix",
    "actor_mentions",
    "stance_shares",
]

# ---------------------------------------------------------------- checks ------


def _check_corpus(corpus: Any, func: str) -> None:
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
    bad = [i for i, t in zip(_ids(corpus), corpus["text"]) if not isinstance(t, str)]
    if bad:
        raise CourseDataError(
            f"{func}(): the 'text' of article {bad[0]!r} is not a string; "
            "every row needs its article text (use '' for an empty article)."
        )


def _check_by(corpus: pd.DataFrame, by: Any, func: str) -> None:
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


def _check_term(term: Any, func: str) -> list[str]:
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


def _near_words(corpus: pd.DataFrame, term: str, n: int = 3) -> list[str]:
    """Words of the corpus spelt like ``term`` (for "did you mean ...?")."""
    import difflib

    vocab = sorted({w for t in corpus["text"] for w in tokenize(t)})
    return difflib.get_close_matches(normalize_word(term.strip()), vocab, n=n, cutoff=0.75)


def _say_not_found(corpus: pd.DataFrame, term: str, func: str) -> None:
    """Print one sentence for a term found nowhere (a student sees why a result is empty)."""
    near = _near_words(corpus, term)
    hint = f" Did you mean {' or '.join(repr(w) for w in near)}?" if near else ""
    glued = " (Two terms glued together? Put a comma between the terms of a list.)" if (
        not near and len(term) > 14 and " " not in term.strip()) else ""
    print(f"Note from {func}(): {term.strip()!r} does not occur in any of the {len(corpus)} articles.{hint}{glued}")


def _ids(corpus: pd.DataFrame) -> list:
    return list(corpus["id"]) if "id" in corpus.columns else list(corpus.index)


def _groups(corpus: pd.DataFrame, by: str) -> tuple[list, np.ndarray]:
    """Group labels in order of first appearance, and each row's group number."""
    codes, uniques = pd.factorize(corpus[by], sort=False)
    return list(uniques), codes


# ------------------------------------------------------------ word counts ----


def _count_matrix(texts: list[str], codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (words, counts[V, G]) with rows sorted by total count desc, then word.

    Memory-lean: each text's words are counted with a C-level Counter, turned into
    (vocabulary index, count) arrays at once, and the dense matrix is filled
    directly in its final row order (no copy).
    """
    vocab: dict[str, int] = {}
    setdefault = vocab.setdefault
    findall = _TOKEN_RE.findall
    idx_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    grp_parts: list[int] = []  # number of distinct words of each group

    def add(counter: Counter, g: int) -> None:
        idx_parts.append(np.array([setdefault(w, len(vocab)) for w in counter], dtype=np.int32))
        val_parts.append(np.fromiter(counter.values(), dtype=np.int64, count=len(counter)).astype(np.int32))
        grp_parts.append(len(counter))

    def words_of(text: str) -> list[str]:
        return findall(_fold(_prepare(text)))

    if n_groups == len(texts):  # one text per group (by="id"): codes are 0, 1, 2, ...
        for g, text in enumerate(texts):
            add(Counter(words_of(text)), g)
    else:
        counters = [Counter() for _ in range(n_groups)]
        for text, g in zip(texts, codes):
            counters[g].update(words_of(text))
        for g, counter in enumerate(counters):
            add(counter, g)
            counters[g] = Counter()  # free memory as we go
    idx = np.concatenate(idx_parts) if idx_parts else np.zeros(0, dtype=np.int32)
    del idx_parts
    vals = np.concatenate(val_parts) if val_parts else np.zeros(0, dtype=np.int32)
    del val_parts
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
    _check_corpus(corpus, "word_counts")
    _check_by(corpus, by, "word_counts")
    labels, codes = _groups(corpus, by)
    words, matrix = _count_matrix(list(corpus["text"]), codes, len(labels))
    columns = pd.Index(labels, name=by)
    if columns.dtype == object:
        columns = pd.Index(labels, name=by, dtype=object)
    return pd.DataFrame(matrix, index=pd.Index(words, name="word", dtype=object), columns=columns, copy=False)


# ---------------------------------------------------------- term matching ----
# Terms are matched on a *normalised copy* of the text that has exactly the same
# length as the text (so positions carry over to the text as written): lower
# case, curly apostrophe -> straight, Unicode hyphens -> "-". The term is
# normalised the same way and searched as plain lower-case words, which lets the
# regex engine jump to candidate positions quickly (no IGNORECASE scanning).

_ALN = r"[^\W_]"
_JOINERS = "['\u2019\\-\u2010\u2011]"


def _norm(text: str) -> str:
    """Lower-case copy of ``text`` with ' for ’ and - for Unicode hyphens, same length."""
    return _fold(text)


def _is_acronym(words: list[str]) -> bool:
    letters = "".join(words)
    return len(words) == 1 and letters.isalpha() and letters.isupper() and len(letters) <= 4


def _head(first: str) -> str:
    """Regex for the first word of a term followed by the left word-boundary check.

    The left boundary is a look-behind placed *after* the first word, so that the
    pattern starts with a literal and the regex engine can search quickly.
    """
    f = re.escape(first)
    head = f"{f}(?<!{_ALN}{f})(?<!{_ALN}{_JOINERS}{f})"
    if first[0].isdigit():
        head += f"(?<!\\d[.,]{f})"
    return head


def _tail(words: list[str]) -> str:
    """Regex for the words after the first one, then the right boundary (with 's)."""
    rest = "".join(r"[^\S\n]+" + re.escape(w) for w in words[1:])
    right = f"(?:['\u2019]s)?(?!{_ALN})(?!{_JOINERS}{_ALN})"
    if words[-1][-1].isdigit():
        right += r"(?![.,]\d)"
    return rest + right


def _branch(words: list[str]) -> str:
    """Regex for one term (its words already normalised or, for acronyms, as written)."""
    return _head(words[0]) + _tail(words)


def _norm_words(term: str) -> list[str]:
    return [_norm(w) for w in tokenize(term, lower=False)]


def _compile_term(term: str, func: str) -> re.Pattern[str]:
    _check_term(term, func)
    return re.compile(_branch(_norm_words(term)))


# ------------------------------------------------------------------ rates ----


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
    _check_corpus(corpus, "rates")
    _check_by(corpus, by, "rates")
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, Iterable):
        raise CourseTypeError(f"rates(): give a term or a list of terms such as ['Wagner', 'junta'], "
                              f"not {type(terms).__name__} ({terms!r}).")
    terms = list(terms)
    if not terms:
        raise CourseInputError("rates(): the list of terms is empty; give at least one term, e.g. ['Wagner'].")
    patterns = [_compile_term(t, "rates") for t in terms]
    if not isinstance(per, (int, float)) or isinstance(per, bool) or per <= 0:
        raise CourseInputError(f"rates(): per={per!r} must be a positive number such as 1000.")
    labels, codes = _groups(corpus, by)
    texts = [_prepare(t) for t in corpus["text"]]
    n_words = np.zeros(len(labels), dtype=np.int64)
    hits = np.zeros((len(labels), len(terms)), dtype=np.int64)
    for text, g in zip(texts, codes):
        n_words[g] += len(_TOKEN_RE.findall(text))
        normed = _norm(text)
        for j, pat in enumerate(patterns):
            hits[g, j] += len(pat.findall(normed))
    for j, term in enumerate(terms):
        if len(corpus) and hits[:, j].sum() == 0:
            _say_not_found(corpus, term, "rates")
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(n_words[:, None] > 0, hits / np.maximum(n_words, 1)[:, None] * per, 0.0)
    return pd.DataFrame(values, index=pd.Index(labels, name=by), columns=terms)


# ------------------------------------------------------------------- KWIC ----

_KWIC_COLUMNS = ["id", "outlet", "published", "left", "match", "right"]
_CHARS_PER_WORD = 12


def _left_context(text: str, start: int, window: int) -> str:
    if window <= 0:
        return ""
    para_start = text.rfind("\n", 0, start) + 1
    budget = window * _CHARS_PER_WORD
    while True:
        lo = max(para_start, start - budget)
        spans = [m.start() for m in _TOKEN_RE.finditer(text, lo, start)]
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
        spans = [m.end() for m in _TOKEN_RE.finditer(text, end, hi)]
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
    _check_corpus(corpus, "kwic")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise CourseInputError(f"kwic(): window={window!r} must be a whole number of words, 0 or more, e.g. 5.")
    pattern = _compile_term(term, "kwic")
    ids = _ids(corpus)
    outlets = list(corpus["outlet"]) if "outlet" in corpus.columns else [pd.NA] * len(corpus)
    dates = list(corpus["published"]) if "published" in corpus.columns else [pd.NaT] * len(corpus)
    rows: list[tuple] = []
    for i, raw in enumerate(corpus["text"]):
        text = _prepare(raw)
        for m in pattern.finditer(_norm(text)):
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
        _say_not_found(corpus, term, "kwic")
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
    )
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


# ------------------------------------------------- naming and actor counts ----


class _VariantSet:
    """Matcher for the variants of one referent (or the names of one actor).

    Longest match: the variants are tried longest first (more words, then more
    characters) at each position, scanning left to right, so a stretch of text is
    counted once, for the longest variant that matches there. Short all-capital
    variants (acronyms, see ``_is_acronym``) are matched with their case in a
    second pass and dropped where they overlap a match of the first pass.
    """

    def __init__(self, variants: list[str]):
        self.variants = variants
        plain: dict[str, int] = {}
        acro: dict[str, int] = {}
        for k, v in enumerate(variants):
            words = tokenize(v, lower=False)
            if _is_acronym(words):
                acro.setdefault(words[0], k)
            else:
                plain.setdefault(" ".join(_norm(w) for w in words), k)
        self.plain, self.acro = plain, acro
        self.plain_re = self._compile(plain)
        self.acro_re = self._compile(acro)

    @staticmethod
    def _compile(keys: dict[str, int]) -> re.Pattern[str] | None:
        """One regex; variants grouped by first word, longest continuation first."""
        if not keys:
            return None
        by_first: dict[str, list[list[str]]] = {}
        for key in sorted(keys, key=lambda k: (-len(k.split()), -len(k), k)):
            words = key.split()
            by_first.setdefault(words[0], []).append(words)
        alternatives = []
        for first in sorted(by_first, key=lambda w: (-len(w), w)):
            tails = "|".join(_tail(words) for words in by_first[first])
            alternatives.append(f"{_head(first)}(?:{tails})")
        return re.compile("|".join(alternatives))

    @staticmethod
    def _which(keys: dict[str, int], matched: str) -> int:
        key = " ".join(matched.replace("\u2019", "'").split())
        if key in keys:
            return keys[key]
        return keys[key[:-2]]  # possessive 's

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, variant number)`` of every counted match in ``text`` (same rules as ``count``)."""
        text = _prepare(text)
        normed = _norm(text)
        found: list[tuple[int, int, int]] = []
        if self.plain_re is not None:
            found = [(m.start(), m.end(), self._which(self.plain, m.group())) for m in self.plain_re.finditer(normed)]
        if self.acro_re is not None:
            starts = [a for a, _, _ in found]
            for m in self.acro_re.finditer(text):
                j = bisect.bisect_right(starts, m.start()) - 1
                if j >= 0 and found[j][1] > m.start():
                    continue
                found.append((m.start(), m.end(), self._which(self.acro, m.group())))
        return sorted(found)

    def count(self, text: str, normed: str, out: list[int]) -> None:
        """Add this text's counts (one per variant) to ``out``."""
        if self.acro_re is None:
            if self.plain_re is not None:
                for matched, n in Counter(self.plain_re.findall(normed)).items():
                    out[self._which(self.plain, matched)] += n
            return
        spans = []
        if self.plain_re is not None:
            for m in self.plain_re.finditer(normed):
                out[self._which(self.plain, m.group())] += 1
                spans.append(m.span())
        starts = [a for a, _ in spans]
        for m in self.acro_re.finditer(text):
            j = bisect.bisect_right(starts, m.start()) - 1
            if j >= 0 and spans[j][1] > m.start():
                continue  # inside a longer variant already counted
            out[self._which(self.acro, m.group())] += 1


def _count_sets(texts: list[str], sets: list[list[str]]) -> list[np.ndarray]:
    """For each set of variants, counts[n_texts, n_variants] (longest-match rule)."""
    matchers = [_VariantSet(v) for v in sets]
    out: list[list[list[int]]] = [[] for _ in sets]
    for text in texts:
        normed = _norm(text)
        for matcher, rows in zip(matchers, out):
            row = [0] * len(matcher.variants)
            matcher.count(text, normed, row)
            rows.append(row)
    return [np.array(rows, dtype=np.int64).reshape(len(texts), len(v)) for rows, v in zip(out, sets)]


def _clean_variants(values: Iterable[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        if isinstance(v, str) and v.strip() and tokenize(v):
            key = " ".join(tokenize(v))
            seen.setdefault(key, v.strip())
    return list(seen.values())


def naming_table(corpus: pd.DataFrame, naming: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count each naming variant of each referent in each article.

    ``naming`` has columns ``referent`` and ``variant`` (one row per variant; by
    default ``data/naming.csv`` through ``reference.load_naming()``). Counting is
    whole-word and case-insensitive (see the module notes). **Longest match**:
    within one referent, a stretch of text is counted once, for the longest
    variant that matches there, so "military junta" counts for ``military junta``
    and not also for ``junta``. Different referents are counted independently.
    Returns a long DataFrame ``referent, variant, id, count`` with a row (possibly
    0) for every variant and article, in the order of the naming table and corpus.

    >>> toy = pd.DataFrame({"id": ["a"], "text": ["The military junta, the junta’s men and the junta."]})
    >>> names = pd.DataFrame({"referent": ["junta", "junta"], "variant": ["junta", "military junta"]})
    >>> naming_table(toy, names)
      referent         variant id  count
    0    junta           junta  a      2
    1    junta  military junta  a      1
    """
    _check_corpus(corpus, "naming_table")
    if naming is None:
        from sahel_course.reference import load_naming

        naming = load_naming()
    if not isinstance(naming, pd.DataFrame) or not {"referent", "variant"} <= set(naming.columns):
        raise TypeError(
            "naming_table() needs a naming table with columns 'referent' and 'variant'; "
            "leave naming=None to use data/naming.csv."
        )
    referents = list(pd.unique(naming["referent"].dropna()))
    sets = [_clean_variants(naming.loc[naming["referent"] == r, "variant"]) for r in referents]
    texts = [_prepare(t) for t in corpus["text"]]
    ids = _ids(corpus)
    frames = []
    for referent, variants, counts in zip(referents, sets, _count_sets(texts, sets)):
        frames.append(
            pd.DataFrame(
                {
                    "referent": referent,
                    "variant": np.repeat(np.array(variants, dtype=object), len(ids)),
                    "id": np.tile(np.array(ids, dtype=object), len(variants)),
                    "count": counts.T.ravel(),
                }
            )
        )
    if not frames:
        return pd.DataFrame({"referent": [], "variant": [], "id": [], "count": []}).astype({"count": "int64"})
    return pd.concat(frames, ignore_index=True)


def naming_matrix(
    corpus: pd.DataFrame, naming: pd.DataFrame | None = None, by: str = "id", share: bool = False
) -> pd.DataFrame:
    """Wide version of :func:`naming_table`: rows (referent, variant), one column per group.

    With ``share=True`` each count is divided by the total for its referent in that
    group, so a column shows which share of the mentions of a referent used each
    variant (NaN where the referent is not mentioned).

    >>> toy = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
    ...                     "text": ["the junta, the junta", "the transitional government and the junta"]})
    >>> names = pd.DataFrame({"referent": ["junta", "junta"], "variant": ["junta", "transitional government"]})
    >>> naming_matrix(toy, names, by="outlet", share=True)  # doctest: +NORMALIZE_WHITESPACE
    outlet                              X    Y
    referent variant
    junta    junta                    1.0  0.5
             transitional government  0.0  0.5
    """
    _check_corpus(corpus, "naming_matrix")
    _check_by(corpus, by, "naming_matrix")
    table = naming_table(corpus, naming)
    group_of = dict(zip(_ids(corpus), corpus[by]))
    labels, _ = _groups(corpus, by)
    table = table.assign(**{"_group": table["id"].map(group_of)})
    wide = table.pivot_table(
        index=["referent", "variant"], columns="_group", values="count", aggfunc="sum", sort=False
    )
    wide = wide.reindex(columns=labels, fill_value=0).fillna(0).astype("int64")
    wide.columns.name = by
    if share:
        totals = wide.groupby(level="referent", sort=False).transform("sum")
        wide = wide / totals.where(totals > 0)
    return wide


def actor_mentions(corpus: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count how often each actor is mentioned in each article.

    An actor is found by its name (column ``actor``) and by each of its
    ``aliases`` (a semicolon-separated string or a list; by default ``data/actors.csv`` through
    ``reference.load_actors()``), with the same matching and longest-match rule as
    :func:`naming_table` ("Wagner Group" counts once, not also as "Wagner").
    Returns a long DataFrame ``id, actor, count`` with a row (possibly 0) for every
    article and actor.

    >>> toy = pd.DataFrame({"id": ["a"], "text": ["The Wagner Group, or Wagner, and the UN. It is late."]})
    >>> acts = pd.DataFrame({"actor": ["Wagner Group", "United Nations", "Islamic State"],
    ...                      "aliases": ["Wagner; Wagner Group", "UN;U.N.", "IS; ISGS"]})
    >>> actor_mentions(toy, acts)
      id           actor  count
    0  a    Wagner Group      2
    1  a  United Nations      1
    2  a   Islamic State      0
    """
    _check_corpus(corpus, "actor_mentions")
    if actors is None:
        from sahel_course.reference import load_actors

        actors = load_actors()
    if not isinstance(actors, pd.DataFrame) or "actor" not in actors.columns:
        raise TypeError(
            "actor_mentions() needs an actors table with columns 'actor' and 'aliases'; "
            "leave actors=None to use data/actors.csv."
        )
    names = list(actors["actor"])
    aliases = list(actors["aliases"]) if "aliases" in actors.columns else [None] * len(actors)
    sets = []
    for name, al in zip(names, aliases):
        if isinstance(al, str):
            extra = al.split(";")
        elif isinstance(al, (list, tuple, np.ndarray, pd.Series)):
            extra = list(al)
        else:  # missing
            extra = []
        sets.append(_clean_variants([name, *extra]))
    texts = [_prepare(t) for t in corpus["text"]]
    ids = _ids(corpus)
    counts = np.column_stack([c.sum(axis=1) for c in _count_sets(texts, sets)]) if sets else np.zeros((len(ids), 0))
    return pd.DataFrame(
        {
            "id": np.repeat(np.array(ids, dtype=object), len(names)),
            "actor": np.tile(np.array(names, dtype=object), len(ids)),
            "count": counts.ravel().astype("int64"),
        }
    )


def stance_shares(corpus: pd.DataFrame, referent: str = "malian_government", naming: pd.DataFrame | None = None,
                  skip_places: bool = True) -> pd.DataFrame:
    """For one referent, the share of each stance among the names each article gives it.

    One row per article (corpus order), one column per stance of ``naming`` (default
    ``data/naming.csv``, which has a ``stance`` column), values between 0 and 1 (NaN for an
    article that never names the referent). With ``skip_places=True`` (the default, used in
    every lesson) variants that are place names in ``data/places.csv`` ("Bamako" for the
    government) are left out: a city name is a metonym (a place standing for the people who
    govern from it), and often just the city.

    >>> toy = pd.DataFrame({"id": ["a"], "text": ["The junta and the transitional government met in Bamako."]})
    >>> names = pd.DataFrame({"referent": ["gov"] * 3, "variant": ["junta", "transitional government", "Bamako"],
    ...                       "stance": ["pejorative", "official", "neutral"]})
    >>> stance_shares(toy, "gov", names, skip_places=False).round(2).to_dict("index")
    {'a': {'neutral': 0.33, 'official': 0.33, 'pejorative': 0.33}}
    """
    from sahel_course._kind import choose

    if naming is None:
        from sahel_course.reference import load_naming
        naming = load_naming()
    referent = choose(referent, list(dict.fromkeys(naming["referent"])), "referent", "stance_shares")
    rows = naming[naming["referent"] == referent]
    if skip_places:
        from sahel_course.reference import load_places
        places = set(load_places()["name"].str.lower())
        rows = rows[~rows["variant"].str.strip().str.lower().isin(places)]
    counts = naming_table(corpus, rows[["referent", "variant"]])
    stance = dict(zip(rows["variant"].str.strip().str.lower(), rows["stance"]))
    counts = counts.assign(stance=counts["variant"].str.lower().map(stance))
    table = counts.pivot_table(index="id", columns="stance", values="count", aggfunc="sum", fill_value=0, sort=True)
    table = table.reindex(_ids(corpus)).fillna(0)
    totals = table.sum(axis=1)
    out = table.div(totals.where(totals > 0), axis=0)
    out.columns.name = "stance"
    out.index.name = "id"
    return out
