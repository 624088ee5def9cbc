"""Lesson 08's synthesis: one row per article gathering the evidence of lessons 02-07.

Every value is computed by the course's own helpers (naming, distinctive words, voices,
claims, the Entman table); nothing is typed in here.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .checks import check_corpus

__all__ = ["framing_profile", "PROFILE_NAMES"]

#: Default ``names`` of :func:`framing_profile`: column title -> referent of ``data/naming.csv``.
PROFILE_NAMES: dict[str, str] = {"name for the Malian rulers": "malian_government",
                                 "name for the Russian personnel": "russian_personnel"}


def framing_profile(corpus: pd.DataFrame, names: Mapping[str, str] | None = None,
                    stance_referent: str = "malian_government", stance: str = "pejorative",
                    naming: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article (index ``id``, corpus order) gathering the evidence of lessons 02-07.

    Columns: outlet, kind, published, words; for each ``column title: referent`` of ``names``
    (default :data:`PROFILE_NAMES`: the Malian rulers and the Russian personnel) the article's
    most frequent variant for that referent in ``naming`` (default ``data/naming.csv``; place
    names such as "Bamako" left out; "-" when the article never names it); right after the
    column of ``stance_referent``, the share of ``stance`` names among that referent's names
    (column "<stance> share of those names", from
    :func:`sahel_course.naming.stance_shares`); then the top 5 distinctive words (Fightin'
    Words, one vs rest), quotations with a named speaker, scare quotes, loaded attribution
    verbs, hedges per 1,000 words, unnamed sources, claims judged wrong or inconsistent, typos
    (from ``data/claims.csv``), and Entman's problem, cause and remedy (from ``data/entman.csv``;
    "not coded yet" for an article that has no row there, or for every article when the file
    does not exist). A referent or stance that ``naming`` does not have raises an error with
    the closest valid choice.

    >>> from sahel_course import load_corpus
    >>> profile = framing_profile(load_corpus())
    >>> profile.loc["wire-2022-05-france-cooperation", "name for the Malian rulers"]
    'military junta'
    """
    from ._kind import choose
    from ._paths import data_dir
    from .claims import load_claims
    from .distinctive import one_vs_rest
    from .naming import naming_table, stance_shares
    from .reference import load_entman, load_naming, load_places
    from .voices import find_quotes, hedges, unnamed_sources

    check_corpus(corpus, "framing_profile")
    naming = load_naming() if naming is None else naming
    names = dict(PROFILE_NAMES if names is None else names)
    referents = list(dict.fromkeys(naming["referent"]))
    for title, referent in names.items():
        names[title] = choose(referent, referents, "referent", "framing_profile")
    stance_referent = choose(stance_referent, referents, "referent", "framing_profile")
    stance = choose(stance, sorted(set(naming["stance"])), "stance", "framing_profile")
    stance_column = f"{stance} share of those names"

    ids = list(corpus["id"])
    places = set(load_places()["name"].str.lower())
    counted = naming_table(corpus, naming)
    counted = counted[(counted["count"] > 0) & ~counted["variant"].str.lower().isin(places)]

    def top_variant(referent: str, article_id: str) -> str:
        rows = counted[(counted["referent"] == referent) & (counted["id"] == article_id)]
        return rows.sort_values("count", ascending=False, kind="stable")["variant"].iloc[0] if len(rows) else "-"

    shares = stance_shares(corpus, stance_referent, naming)

    def stance_share(article_id: str) -> float:
        value = shares.loc[article_id].get(stance, 0.0) if article_id in shares.index else float("nan")
        return round(float(value), 2)

    distinctive = one_vs_rest(corpus)
    quotes = find_quotes(corpus)
    hedge_rows = hedges(corpus)
    unnamed = unnamed_sources(corpus)
    claims = load_claims()
    if (data_dir() / "entman.csv").is_file():
        entman = load_entman()
    else:
        entman = pd.DataFrame(columns=["article_id", "function", "summary", "evidence_quote"])

    def entman_summary(article_id: str, function: str) -> str:
        rows = entman[(entman["article_id"] == article_id) & (entman["function"] == function)]
        return rows["summary"].iloc[0] if len(rows) else "not coded yet"

    records = []
    for _, a in corpus.iterrows():
        i = a["id"]
        q = quotes[quotes["id"] == i]
        c = claims[claims["article_id"] == i]
        record = {
            "id": i,
            "outlet": a["outlet"],
            "kind": a["outlet_type"],
            "published": f"{a['published']:%Y-%m-%d}" + (" (month)" if a["published_precision"] != "day" else ""),
            "words": int(a["n_words"]),
        }
        for title, referent in names.items():
            record[title] = top_variant(referent, i)
            if referent == stance_referent:
                record[stance_column] = stance_share(i)
        record.setdefault(stance_column, stance_share(i))
        record.update({
            "distinctive words": ", ".join(distinctive.loc[distinctive["group"] == i, "word"].head(5)),
            "quotations with a named speaker": int(q["speaker"].notna().sum()),
            "scare quotes": int((q["pattern"] == "scare quote").sum()),
            "loaded attribution verbs": int((q["verb_class"] == "loaded").sum()),
            "hedges per 1,000 words": round(1000 * int((hedge_rows["id"] == i).sum()) / max(int(a["n_words"]), 1), 1),
            "unnamed sources": int((unnamed["id"] == i).sum()),
            "claims wrong or inconsistent": int(c["verdict"].isin(["wrong", "inconsistent"]).sum()),
            "typos": int((c["verdict"] == "typo").sum()),
            "problem (Entman)": entman_summary(i, "problem_definition"),
            "cause (Entman)": entman_summary(i, "causal_interpretation"),
            "remedy (Entman)": entman_summary(i, "remedy"),
        })
        records.append(record)
    return pd.DataFrame.from_records(records).set_index("id").reindex(ids)
