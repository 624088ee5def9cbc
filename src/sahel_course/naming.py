"""Naming choices and actor mentions: how often each variant of a referent ("junta",
"transitional government") or each actor ("Wagner Group", "Wagner") occurs in each article.

Terms are matched with the one rule of :mod:`sahel_course.text` (``term_pattern``; short
all-capital acronyms keep their case), plus the longest-match rule of :class:`VariantSet`.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from sahel_course.checks import check_by, check_corpus, corpus_ids, groups
from sahel_course.text import fold, is_acronym, prepare, term_head, term_tail, tokenize

__all__ = ["naming_table", "naming_matrix", "actor_mentions", "stance_shares", "VariantSet", "clean_variants"]


class VariantSet:
    """Matcher for the variants of one referent (or the names of one actor).

    Longest match: the variants are tried longest first (more words, then more
    characters) at each position, scanning left to right, so a stretch of text is
    counted once, for the longest variant that matches there. Short all-capital
    variants (acronyms, see ``is_acronym``) are matched with their case in a
    second pass and dropped where they overlap a match of the first pass.
    """

    def __init__(self, variants: list[str]):
        self.variants = variants
        plain: dict[str, int] = {}
        acro: dict[str, int] = {}
        for k, v in enumerate(variants):
            words = tokenize(v, lower=False)
            if is_acronym(words):
                acro.setdefault(words[0], k)
            else:
                plain.setdefault(" ".join(fold(w) for w in words), k)
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
            tails = "|".join(term_tail(words) for words in by_first[first])
            alternatives.append(f"{term_head(first)}(?:{tails})")
        return re.compile("|".join(alternatives))

    @staticmethod
    def _which(keys: dict[str, int], matched: str) -> int:
        key = " ".join(matched.replace("\u2019", "'").split())
        if key in keys:
            return keys[key]
        return keys[key[:-2]]  # possessive 's

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, variant number)`` of every counted match in ``text`` (same rules as ``count``)."""
        text = prepare(text)
        normed = fold(text)
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


def count_variant_sets(texts: list[str], sets: list[list[str]]) -> list[np.ndarray]:
    """For each set of variants, counts[n_texts, n_variants] (longest-match rule)."""
    matchers = [VariantSet(v) for v in sets]
    out: list[list[list[int]]] = [[] for _ in sets]
    for text in texts:
        normed = fold(text)
        for matcher, rows in zip(matchers, out):
            row = [0] * len(matcher.variants)
            matcher.count(text, normed, row)
            rows.append(row)
    return [np.array(rows, dtype=np.int64).reshape(len(texts), len(v)) for rows, v in zip(out, sets)]


def clean_variants(values: Iterable[Any]) -> list[str]:
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
    check_corpus(corpus, "naming_table")
    if naming is None:
        from sahel_course.reference import load_naming

        naming = load_naming()
    if not isinstance(naming, pd.DataFrame) or not {"referent", "variant"} <= set(naming.columns):
        raise TypeError(
            "naming_table() needs a naming table with columns 'referent' and 'variant'; "
            "leave naming=None to use data/naming.csv."
        )
    referents = list(pd.unique(naming["referent"].dropna()))
    sets = [clean_variants(naming.loc[naming["referent"] == r, "variant"]) for r in referents]
    texts = [prepare(t) for t in corpus["text"]]
    ids = corpus_ids(corpus)
    frames = []
    for referent, variants, counts in zip(referents, sets, count_variant_sets(texts, sets)):
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
    check_corpus(corpus, "naming_matrix")
    check_by(corpus, by, "naming_matrix")
    table = naming_table(corpus, naming)
    group_of = dict(zip(corpus_ids(corpus), corpus[by]))
    labels, _ = groups(corpus, by)
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
    check_corpus(corpus, "actor_mentions")
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
        sets.append(clean_variants([name, *extra]))
    texts = [prepare(t) for t in corpus["text"]]
    ids = corpus_ids(corpus)
    counts = np.column_stack([c.sum(axis=1) for c in count_variant_sets(texts, sets)]) if sets else np.zeros((len(ids), 0))
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
    table = table.reindex(corpus_ids(corpus)).fillna(0)
    totals = table.sum(axis=1)
    out = table.div(totals.where(totals > 0), axis=0)
    out.columns.name = "stance"
    out.index.name = "id"
    return out
