"""The claims ledger: numbers and facts as each article states them, against the record.

``data/claims.csv`` has one row per claim, with the columns in :data:`CLAIM_COLUMNS`:

* ``claim_id`` - unique id of the claim; ``article_id`` - the article (``data/articles/<id>.md``);
* ``quote`` - the words of the article, copied verbatim from its body;
* ``claim_type``, ``quantity`` (e.g. ``moura_deaths``), ``stated_value`` - what is claimed;
* ``record``, ``source`` - what the reference record says, and where that comes from;
* ``verdict`` - one of :data:`VERDICTS`; ``note`` - explanation (may be empty).

:func:`load_claims` validates the file and names the file, row and field of any problem;
:func:`check_quotes` checks that every quote really is in its article.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ._paths import data_dir
from .reference import CLAIM_COLUMNS as _CLAIM_COLUMNS
from .reference import VERDICTS as _VERDICTS
from .reference import SCHEMAS, load_table
from .text import quote_in

__all__ = ["CLAIM_COLUMNS", "VERDICTS", "load_claims", "moura_figures", "claims_summary", "check_quotes",
           "quotations", "check_quotations"]

#: The ledger's columns (its schema is ``reference.SCHEMAS["claims"]``).
CLAIM_COLUMNS: list[str] = list(_CLAIM_COLUMNS)
#: Allowed verdicts, in the order used by :func:`claims_summary`.
VERDICTS: tuple[str, ...] = _VERDICTS


def load_claims(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the claims ledger (default ``data/claims.csv``).

    Every value is text. Problems raise :class:`~sahel_course.CourseDataError` with the
    file, the spreadsheet row (the header is row 1) and the field, and say what to do.
    A claim whose ``article_id`` has no file in ``data/articles/`` is an error.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "claims.csv").write_text(
    ...     "claim_id,article_id,quote,claim_type,quantity,stated_value,record,source,verdict,note\\n"
    ...     "c1,sputnik-2021-09-plan-b,There are not enough troops,opinion,,,,unverified,needs context,\\n", encoding="utf-8")
    >>> load_claims(folder / "claims.csv")[["claim_id", "verdict"]].values.tolist()
    [['c1', 'needs context']]
    >>> _ = (folder / "bad.csv").write_text(
    ...     "claim_id,article_id,quote,claim_type,quantity,stated_value,record,source,verdict,note\\n"
    ...     "c1,sputnik-2021-09-plan-b,There are not enough troops,opinion,,,,unverified,maybe,\\n", encoding="utf-8")
    >>> load_claims(folder / "bad.csv")
    Traceback (most recent call last):
    ...
    sahel_course._errors.CourseDataError: bad.csv, row 2, field 'verdict': 'maybe' is not one of: correct, wrong, inconsistent, needs context, typo.
    """
    table = load_table("claims", path, claims_schema())
    return table[CLAIM_COLUMNS + [c for c in table.columns if c not in CLAIM_COLUMNS]]


def claims_schema():
    """The ledger's schema, with a check that every ``article_id`` names a file in ``data/articles/``."""
    import dataclasses

    schema = SCHEMAS["claims"]
    articles = data_dir() / "articles"
    if not articles.is_dir():
        return schema
    known = sorted(p.stem for p in articles.glob("*.md") if not p.name.startswith("."))

    def article_exists(value: str) -> str | None:
        if value in known:
            return None
        return f"no article '{value}' in data/articles/. Use one of: {', '.join(known)}"
    return dataclasses.replace(schema, checks={**schema.checks, "article_id": article_exists})


def _claims(claims: pd.DataFrame | None) -> pd.DataFrame:
    if claims is None:
        return load_claims()
    missing = [c for c in ("claim_id", "article_id", "verdict") if c not in getattr(claims, "columns", [])]
    if missing:
        raise ValueError(f"expected the claims table from load_claims(); it has no column(s) {', '.join(missing)}.")
    return claims


def moura_figures(claims: pd.DataFrame | None = None, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims about the death toll at Moura (``quantity == "moura_deaths"``), oldest article first.

    Adds the article's ``outlet`` and ``published`` date (from the corpus) to each claim,
    sorted by ``published`` then ``claim_id``. By default loads ``data/claims.csv`` and the corpus.

    >>> claims = pd.DataFrame({"claim_id": ["c2", "c1"], "article_id": ["b", "a"],
    ...     "quantity": ["moura_deaths", "moura_deaths"], "stated_value": ["500", "300"], "verdict": ["correct"] * 2})
    >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"],
    ...     "published": pd.to_datetime(["2022-08-22", "2023-07-15"])})
    >>> moura_figures(claims, corpus)[["claim_id", "outlet", "stated_value"]].values.tolist()
    [['c1', 'A', '300'], ['c2', 'B', '500']]
    """
    claims = _claims(claims)
    if corpus is None:
        from .corpus import load_corpus
        corpus = load_corpus()
    if "quantity" not in claims.columns:
        raise ValueError("moura_figures(): the claims table has no 'quantity' column; use load_claims().")
    moura = claims[claims["quantity"] == "moura_deaths"]
    info = corpus[["id", "outlet", "published"]].rename(columns={"id": "article_id"})
    out = moura.merge(info, on="article_id", how="left", validate="many_to_one")
    return out.sort_values(["published", "claim_id"], kind="stable").reset_index(drop=True)


def claims_summary(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many claims of each verdict per article: one row per article, one column per verdict, and ``total``.

    >>> claims = pd.DataFrame({"claim_id": ["c1", "c2", "c3"], "article_id": ["a", "a", "b"],
    ...                        "verdict": ["correct", "wrong", "correct"]})
    >>> claims_summary(claims).loc["a"].to_dict()
    {'correct': 1, 'wrong': 1, 'inconsistent': 0, 'needs context': 0, 'typo': 0, 'total': 2}
    """
    claims = _claims(claims)
    table = pd.crosstab(claims["article_id"], claims["verdict"])
    extra = sorted(set(table.columns) - set(VERDICTS))
    table = table.reindex(columns=list(VERDICTS) + extra, fill_value=0).astype("int64")
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.sort_index()


def check_quotes(claims: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """The claims whose ``quote`` is not found in the body of their article.

    A typo (``claim_type == "typo"``) may also be quoted from the article's footnotes
    (the ``references`` column), since footnotes are part of what the outlet published.

    Returns those rows of ``claims`` with a ``problem`` column ("no article ..." or
    "quote not found in the article body"). "Found" has the one meaning of
    :func:`sahel_course.text.quote_in`: capital letters ignored, straight and curly quotes and
    apostrophes alike, dashes as hyphens, runs of spaces and line breaks as one space.
    An empty result means every quote checks out.

    >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Human rights organizations speak of a massacre."]})
    >>> claims = pd.DataFrame({"claim_id": ["c1", "c2"], "article_id": ["a", "a"],
    ...                        "quote": ["speak of a massacre", "speak of a genocide"]})
    >>> check_quotes(claims, corpus)[["claim_id", "problem"]].values.tolist()
    [['c2', 'quote not found in the article body']]
    """
    for what, table, cols in (("claims", claims, ("claim_id", "article_id", "quote")), ("corpus", corpus, ("id", "text"))):
        missing = [c for c in cols if c not in getattr(table, "columns", [])]
        if missing:
            raise ValueError(f"check_quotes(): the {what} table has no column(s) {', '.join(missing)}.")
    bodies = dict(zip(corpus["id"], corpus["text"]))
    notes = dict(zip(corpus["id"], corpus["references"].fillna(""))) if "references" in corpus.columns else {}
    kinds = claims["claim_type"] if "claim_type" in claims.columns else [""] * len(claims)
    problems = []
    for art, quote, kind in zip(claims["article_id"], claims["quote"], kinds):
        if art not in bodies:
            problems.append(f"no article '{art}' in the corpus")
        elif quote_in(quote, bodies[art]) or (kind == "typo" and quote_in(quote, notes.get(art, ""))):
            problems.append(None)
        else:
            problems.append("quote not found in the article body")
    out = claims.assign(problem=problems)
    return out[out["problem"].notna()].reset_index(drop=True)


# quotation marks around a quotation in a student's paragraph: curly, straight, German, French
_QUOTED = re.compile(r"[“\"„«]([^”“\"„«»]{3,})[”“\"»]")


def quotations(paragraph: str) -> list[str]:
    """The quotations (3 characters or more between quotation marks) of a paragraph, in order,
    without the final ``.,;`` a writer puts inside the marks.

    >>> quotations('He said “we leave.” Sputnik wrote "interim government", not «x».')
    ['we leave', 'interim government']
    """
    return [q.strip().rstrip(".,;") for q in _QUOTED.findall(paragraph)]


def check_quotations(paragraph: str, corpus: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Find the quotations in a paragraph you wrote and say which articles contain them.

    Returns (quotation, [ids of the articles whose body contains it]); an empty list means
    the quotation is not in any article. "Contains" has the one meaning of
    :func:`sahel_course.text.quote_in`: capital letters ignored, straight and curly quotes and
    apostrophes alike, dashes as hyphens, line breaks as spaces. A paragraph without any
    quotation in quotation marks gets a printed sentence saying so (and an empty list).

    >>> demo = pd.DataFrame({"id": ["a"], "text": ["the junta’s men announced on Tuesday"]})
    >>> check_quotations('The wire says the "Junta’s Men announced" it; not “the government”.', demo)
    [('Junta’s Men announced', ['a']), ('the government', [])]
    >>> check_quotations("No quotation here.", demo)
    Your paragraph contains no quotation in quotation marks ("..." or “...”), so there is nothing to check.
    []
    """
    from ._kind import need_table, need_text

    need_table(corpus, ("id", "text"), "check_quotations", "load_corpus()", "corpus")
    paragraph = need_text(paragraph, "paragraph", "check_quotations", '"""Sputnik calls ... "interim government" ..."""')
    bodies = [(str(i), text) for i, text in zip(corpus["id"], corpus["text"])]
    found = [(quote, [i for i, body in bodies if quote_in(quote, body)]) for quote in quotations(paragraph)]
    if not found:
        print('Your paragraph contains no quotation in quotation marks ("..." or “...”), so there is nothing to check.')
    return found
