"""Small helpers for the lesson notebooks (display, set-up check, the lesson list).

These helpers contain no analysis: they show figures with their alt text, print
tables as plain text (so that nbval can compare them), and read ``data/lessons.yaml``,
the one place where each lesson's time, objectives and discussion questions live.

>>> from sahel_course.lesson import load_lessons
>>> lessons = load_lessons()
>>> lessons[0]["file"]
'00_start_here.ipynb'
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING
from pathlib import Path

import yaml

from ._errors import CourseDataError
from ._paths import data_dir

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LESSON_FIELDS", "load_lessons", "show", "print_table", "setup_check", "footnotes", "ENTMAN_FUNCTIONS",
           "load_entman", "framing_profile", "check_quotations", "events_in_year", "look_up", "show_entman",
           "find_in_article", "find_claims", "unit_text", "check_codes", "agree_with"]

#: Fields every entry of ``data/lessons.yaml`` must have.
LESSON_FIELDS: tuple[str, ...] = ("file", "minutes", "learn", "prerequisites", "data", "libraries",
                                  "discussion")


def load_lessons(path: str | Path | None = None) -> list[dict]:
    """Read ``data/lessons.yaml``: one entry per lesson notebook, in course order.

    Each entry has ``file`` (the notebook's file name), ``minutes`` (a whole number),
    and lists of text for ``learn``, ``prerequisites``, ``data``, ``libraries`` and
    ``discussion`` (questions for the instructor guide).

    >>> [l["minutes"] > 0 for l in load_lessons()][:2]
    [True, True]
    """
    path = Path(path) if path is not None else data_dir() / "lessons.yaml"
    label = path.name
    if not path.is_file():
        raise CourseDataError(f"{label}: file not found. Restore data/lessons.yaml from the course repository.")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CourseDataError(f"{label}: broken YAML ({err}). Check the indentation and the quotes.") from None
    lessons = doc.get("lessons") if isinstance(doc, dict) else None
    if not isinstance(lessons, list) or not lessons:
        raise CourseDataError(f"{label}: needs a top-level 'lessons:' list with one entry per notebook.")
    for i, entry in enumerate(lessons, start=1):
        if not isinstance(entry, dict):
            raise CourseDataError(f"{label}, lesson {i}: write the lesson as 'field: value' lines.")
        missing = [f for f in LESSON_FIELDS if f not in entry]
        if missing:
            raise CourseDataError(f"{label}, lesson {i} ({entry.get('file', '?')}): missing field(s) "
                                  f"{', '.join(missing)}. Every lesson needs: {', '.join(LESSON_FIELDS)}.")
        if not isinstance(entry["minutes"], int) or entry["minutes"] <= 0:
            raise CourseDataError(f"{label}, lesson {i} ({entry['file']}), field 'minutes': "
                                  f"{entry['minutes']!r} is not a positive whole number.")
        for key in LESSON_FIELDS[2:]:
            value = entry[key]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise CourseDataError(f"{label}, lesson {i} ({entry['file']}), field '{key}': "
                                      "write it as a list of lines starting with '- '.")
    return lessons


def show(fig, alt: str | None = None) -> None:
    """Show a matplotlib figure, then its alt text (a description for screen readers).

    The alt text comes from :func:`sahel_course.plots.alt_text` unless you pass
    your own. The figure is closed afterwards so that it is not shown twice.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, Markdown, display

    if alt is None:
        from .plots import alt_text
        alt = alt_text(fig)
    # Render the PNG ourselves: this works whatever matplotlib backend is active
    # (with MPLBACKEND=Agg, displaying the figure object would show no picture).
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))
    display(Markdown(f"**Alt text:** {alt}"))


def print_table(frame, columns=None, max_colwidth: int | None = None) -> None:
    """Print a DataFrame as plain text without its index (easy to read, easy to check).

    Texts are printed whole unless you give ``max_colwidth`` (characters per cell).

    >>> import pandas as pd
    >>> print_table(pd.DataFrame({"word": ["junta"], "count": [3]}))
     word  count
    junta      3
    """
    import pandas as pd

    table = frame if columns is None else frame[list(columns)]
    text = table.copy()
    for col in text.columns:
        if text[col].dtype == object or pd.api.types.is_string_dtype(text[col]):
            text[col] = text[col].map(lambda v: v if not isinstance(v, str) or max_colwidth is None
                                      or len(v) <= max_colwidth
                                      else v[:max_colwidth - 1] + "…")
    print(text.to_string(index=False))


def setup_check() -> None:
    """Print whether the course package and its data folder are ready (no file paths shown).

    >>> setup_check()  # doctest: +ELLIPSIS
    sahel_course version ...
    """
    import sahel_course
    from .corpus import load_corpus

    folder = data_dir()
    print(f"sahel_course version {sahel_course.__version__}")
    print(f"data folder found: {'yes' if folder.is_dir() else 'NO'}")
    print(f"articles folder found: {'yes' if (folder / 'articles').is_dir() else 'NO'}")
    corpus = load_corpus()
    print(f"articles loaded without errors: {'yes' if len(corpus) > 0 else 'NO'}")


# ----------------------------------------------------------- footnotes (lesson 02) ----

_FOOTNOTE = re.compile(r"^\s*(\[\d+\]|\*)\s*(.*)$")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|fr|org|de|net|int|tr|ru|uk|info))\b", re.IGNORECASE)
_DOTTED_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
_LANGUAGE_HINTS = {
    "fr": {"le", "la", "les", "des", "du", "une", "et", "au", "pour", "pourquoi", "pas", "ne", "à", "mais",
           "veut-il", "l’armée", "l'armée", "d’avoir", "d'avoir", "accusés", "soutien", "régime", "nouvelle"},
    "de": {"der", "die", "das", "und", "auf", "neue", "nicht", "ende", "wie", "offenbar", "um", "streit",
           "überlassen", "blick", "entdeckt", "russische", "alte", "einsatzkräfte"},
    "en": {"the", "of", "and", "to", "up", "future", "security", "council", "see", "also", "is", "a"},
}


def _guess_language(text: str) -> str:
    words = re.findall(r"[\w’']+", text.lower())
    scores = {lang: sum(w in hints for w in words) for lang, hints in _LANGUAGE_HINTS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "unknown"


def footnotes(corpus) -> "pd.DataFrame":
    """Split each article's footnotes (the ``references`` column) into one row per note.

    Columns: ``id``, ``note`` (the marker, e.g. ``[3]``), ``text``, ``self_citation``
    (True for "See also ..." notes, which point to the outlet's own earlier articles),
    ``domain`` (a web address named in the note, if any), ``date`` (a dd.mm.yyyy date
    in the note, as YYYY-MM-DD, if any) and ``language`` (a rough guess from a few
    common words: ``en``, ``fr``, ``de`` or ``unknown``; check it by reading the note).
    Articles without footnotes have no rows.

    >>> import pandas as pd
    >>> demo = pd.DataFrame({"id": ["a"], "references": [
    ...     "[1] Mali : pourquoi la Minusma ne peut pas enquêter. jeuneafrique.com 11.04.2022.\\n\\n"
    ...     "[2] See also The Next Lost War."]})
    >>> footnotes(demo)[["note", "self_citation", "domain", "date", "language"]].values.tolist()
    [['[1]', False, 'jeuneafrique.com', '2022-04-11', 'fr'], ['[2]', True, '', '', 'en']]
    """
    import pandas as pd

    rows = []
    for article_id, refs in zip(corpus["id"], corpus["references"]):
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
                "language": "en" if self_cite else _guess_language(text),
            })
    return pd.DataFrame(rows, columns=["id", "note", "text", "self_citation", "domain", "date", "language"])


# ------------------------------------------------------ Entman table (lessons 05, 08) ----

#: Entman's four functions of framing, in his order (the ``function`` column of entman.csv).
ENTMAN_FUNCTIONS: tuple[str, ...] = ("problem_definition", "causal_interpretation", "moral_evaluation", "remedy")


def load_entman(corpus=None) -> "pd.DataFrame":
    """Read ``data/entman.csv``: our reading of each article with Entman's four functions.

    Columns: ``article_id``, ``function`` (one of :data:`ENTMAN_FUNCTIONS`), ``summary``
    (our words) and ``evidence_quote`` (the article's words, copied exactly). When
    ``corpus`` is given, every ``article_id`` must be in it and every quote must be an
    exact part of that article's body; otherwise a :class:`CourseDataError` names the row.

    >>> table = load_entman()
    >>> sorted(set(table["function"])) == sorted(ENTMAN_FUNCTIONS)
    True
    """
    import pandas as pd

    path = data_dir() / "entman.csv"
    if not path.is_file():
        raise CourseDataError("entman.csv: file not found in the data folder. Restore it from the course repository.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    columns = ["article_id", "function", "summary", "evidence_quote"]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise CourseDataError(f"entman.csv: missing column(s) {', '.join(missing)}. The header must be: "
                              + ",".join(columns) + ".")
    bodies = dict(zip(corpus["id"], corpus["text"])) if corpus is not None else None
    for i, row in table.iterrows():
        line = int(i) + 2
        for col in columns:
            if not row[col].strip():
                raise CourseDataError(f"entman.csv, row {line}, field '{col}': empty. Fill it in.")
        if row["function"] not in ENTMAN_FUNCTIONS:
            raise CourseDataError(f"entman.csv, row {line}, field 'function': '{row['function']}' is not one of "
                                  + ", ".join(ENTMAN_FUNCTIONS) + ".")
        if bodies is not None:
            if row["article_id"] not in bodies:
                raise CourseDataError(f"entman.csv, row {line}, field 'article_id': no article has the id "
                                      f"'{row['article_id']}'. Check the spelling against data/articles/.")
            if row["evidence_quote"] not in bodies[row["article_id"]]:
                raise CourseDataError(f"entman.csv, row {line}, field 'evidence_quote': the quote is not an exact "
                                      f"part of {row['article_id']}. Copy it from the article, keeping its "
                                      "apostrophes (’ or ') and quotation marks as they are.")
    if table.duplicated(["article_id", "function"]).any():
        rows = ", ".join(str(int(i) + 2) for i in table.index[table.duplicated(["article_id", "function"], keep=False)])
        raise CourseDataError(f"entman.csv: rows {rows} give the same article and function twice. Keep one.")
    return table[columns]


# ------------------------------------------------------- synthesis (lesson 08) ----

def framing_profile(corpus) -> "pd.DataFrame":
    """One row per article gathering the evidence of lessons 02-07, for side-by-side reading.

    Columns: outlet, kind, published, words, name for the Malian rulers (most frequent
    variant in ``data/naming.csv``, place names such as "Bamako" left out), share of
    pejorative names for them, name for the Russian personnel, top distinctive words
    (Fightin' Words, one vs rest), quotations with a named speaker, scare quotes,
    loaded attribution verbs, hedges per 1,000 words, unnamed sources, claims judged
    wrong or inconsistent, typos (from ``data/claims.csv``), and Entman's problem,
    cause and remedy (from ``data/entman.csv``; "not coded yet" for new articles).
    Every value is computed by the course's own helpers; nothing is typed in here.
    """
    import pandas as pd

    from .claims import load_claims
    from .compare import naming_table, stance_shares
    from .distinctive import one_vs_rest
    from .reference import load_naming, load_places
    from .voices import find_quotes, hedges, unnamed_sources

    ids = list(corpus["id"])
    naming = load_naming()
    places = set(load_places()["name"].str.lower())
    names = naming_table(corpus, naming)
    names = names[(names["count"] > 0) & ~names["variant"].str.lower().isin(places)]

    def top_variant(referent: str, article_id: str) -> str:
        rows = names[(names["referent"] == referent) & (names["id"] == article_id)]
        return rows.sort_values("count", ascending=False, kind="stable")["variant"].iloc[0] if len(rows) else "-"

    shares = stance_shares(corpus, "malian_government", naming)

    def pejorative_share(article_id: str) -> float:
        value = shares.loc[article_id].get("pejorative", 0.0) if article_id in shares.index else float("nan")
        return round(float(value), 2)

    distinctive = one_vs_rest(corpus)
    quotes = find_quotes(corpus)
    hedge_rows = hedges(corpus)
    unnamed = unnamed_sources(corpus)
    claims = load_claims()
    try:
        entman = load_entman()
    except CourseDataError:
        entman = pd.DataFrame(columns=["article_id", "function", "summary", "evidence_quote"])

    def entman_summary(article_id: str, function: str) -> str:
        rows = entman[(entman["article_id"] == article_id) & (entman["function"] == function)]
        return rows["summary"].iloc[0] if len(rows) else "not coded yet"

    records = []
    for _, a in corpus.iterrows():
        i = a["id"]
        q = quotes[quotes["id"] == i]
        c = claims[claims["article_id"] == i]
        records.append({
            "id": i,
            "outlet": a["outlet"],
            "kind": a["outlet_type"],
            "published": f"{a['published']:%Y-%m-%d}" + (" (month)" if a["published_precision"] != "day" else ""),
            "words": int(a["n_words"]),
            "name for the Malian rulers": top_variant("malian_government", i),
            "pejorative share of those names": pejorative_share(i),
            "name for the Russian personnel": top_variant("russian_personnel", i),
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
    return pd.DataFrame.from_records(records).set_index("id").reindex(ids)


_QUOTED = re.compile(r"[“\"„«]([^”“\"„«»]{3,})[”“\"»]")


def check_quotations(paragraph: str, corpus) -> list[tuple[str, list[str]]]:
    """Find the quotations in a paragraph you wrote and say which articles contain them.

    Returns (quotation, [ids of the articles whose body contains it]); an empty list means
    the quotation is not in any article. The comparison ignores capital letters and treats
    straight and curly quotes and apostrophes alike. A paragraph without any quotation in
    quotation marks gets a printed sentence saying so (and an empty list).

    >>> import pandas as pd
    >>> demo = pd.DataFrame({"id": ["a"], "text": ["the junta’s men announced on Tuesday"]})
    >>> check_quotations('The wire says the "Junta’s Men announced" it; not “the government”.', demo)
    [('Junta’s Men announced', ['a']), ('the government', [])]
    >>> check_quotations("No quotation here.", demo)
    Your paragraph contains no quotation in quotation marks ("..." or “...”), so there is nothing to check.
    []
    """
    from ._kind import need_text
    from .text import loose

    paragraph = need_text(paragraph, "paragraph", "check_quotations", '"""Sputnik calls ... "interim government" ..."""')
    bodies = [(str(i), loose(text)) for i, text in zip(corpus["id"], corpus["text"])]
    found = []
    for quote in _QUOTED.findall(paragraph):
        quote = quote.strip().rstrip(".,;")
        found.append((quote, [i for i, body in bodies if loose(quote) in body]))
    if not found:
        print('Your paragraph contains no quotation in quotation marks ("..." or “...”), so there is nothing to check.')
    return found


# ------------------------------------------------- "Your turn" helpers (every lesson) ----
# Each checks its input first and answers a mistake in one short sentence (see _kind.py).

def _corpus_ids(corpus) -> list[str]:
    from ._kind import CourseTypeError
    import pandas as pd

    if not isinstance(corpus, pd.DataFrame) or "id" not in corpus.columns:
        raise CourseTypeError("pass the corpus table from load_corpus() first, e.g. (corpus, 'sputnik-2021-09-plan-b').")
    return [str(i) for i in corpus["id"]]


def events_in_year(timeline, year) -> None:
    """Print the timeline's events of one year (lesson 01), or say why there are none.

    >>> import pandas as pd
    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2013-01-11", "2023-06-30"]),
    ...                    "event": ["Operation Serval begins", "Resolution 2690 ends the mandate"]})
    >>> events_in_year(tl, 2013)
    2013-01-11 - Operation Serval begins
    >>> events_in_year(tl, "2031")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: events_in_year(): year 2031 does not exist; choose a whole number from 2013 to 2023.
    """
    from ._kind import need_whole_number

    years = timeline["date"].dt.year
    year = need_whole_number(year, "year", "events_in_year", int(years.min()), int(years.max()))
    rows = timeline[years == year]
    if rows.empty:
        print(f"The timeline has no event in {year}. Try a year next to it.")
    for _, row in rows.iterrows():
        print(row["date"].date(), "-", row["event"])


def look_up(glossary, term) -> None:
    """Print the glossary entries whose term contains ``term`` (any case), or suggest the closest.

    >>> import pandas as pd
    >>> g = pd.DataFrame({"term": ["APR", "ECOWAS"], "expansion": ["Accord pour la paix", "Economic Community"],
    ...                   "definition": ["The 2015 agreement.", "West African bloc."], "source": ["UN", "ECOWAS"]})
    >>> look_up(g, "ecowass")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: look_up(): there is no glossary term 'ecowass'. Did you mean 'ECOWAS'? The glossary terms are: APR, ECOWAS.
    """
    from ._kind import choose, need_text

    text = need_text(term, "glossary term", "look_up", "'ECOWAS'")
    rows = glossary[glossary["term"].str.contains(text, case=False, regex=False)]
    if rows.empty:
        choose(text, list(glossary["term"]), "glossary term", "look_up")
    for _, entry in rows.iterrows():
        print(entry["term"], "=", entry["expansion"])
        print(entry["definition"])
        print("Source:", entry["source"])


def show_entman(entman, article_id) -> None:
    """Print our Entman reading of one article (lesson 05): the four functions with their evidence."""
    from ._kind import choose

    article_id = choose(article_id, list(dict.fromkeys(entman["article_id"])), "coded article id", "show_entman")
    for _, row in entman[entman["article_id"] == article_id].iterrows():
        print(row["function"].replace("_", " ").upper())
        print("  ", row["summary"])
        print("   evidence:", f"“{row['evidence_quote']}”")


def find_in_article(corpus, article_id, quote) -> bool:
    """Say whether ``quote`` is part of an article (lesson 05), forgiving quote marks and case.

    Straight and curly quotes and apostrophes count as the same, capital letters are
    ignored, and a line break counts as a space; the sentence printed says so.

    >>> import pandas as pd
    >>> demo = pd.DataFrame({"id": ["a"], "text": ["Mali’s “transitional” government"]})
    >>> find_in_article(demo, "a", 'mali\\'s "Transitional" government')
    Found in a (ignoring capital letters and the kind of quotation marks and apostrophes).
    True
    """
    from ._kind import choose, need_text
    from .text import loose

    article_id = choose(article_id, _corpus_ids(corpus), "article id", "find_in_article")
    quote = need_text(quote, "quotation", "find_in_article", "'the junta announced'").strip("\"“”'‘’ ")
    text = corpus.loc[corpus["id"].astype(str) == article_id, "text"].iloc[0]
    found = loose(quote) in loose(text)
    print(("Found in " if found else "Not found in ") + article_id
          + " (ignoring capital letters and the kind of quotation marks and apostrophes)."
          + ("" if found else " Check the spelling and the punctuation, or copy the words from the article."))
    return found


def find_claims(claims, quote_part) -> None:
    """Print the ledger's claims whose quote contains ``quote_part`` (lesson 06), or say there are none.

    The search ignores capital letters and the kind of quotation marks and apostrophes.
    """
    from ._kind import need_text
    from .text import loose

    text = need_text(quote_part, "search text", "find_claims", "'independent in 1958'")
    hits = claims[[loose(text) in loose(q) for q in claims["quote"]]]
    if hits.empty:
        in_record = int(sum(loose(text) in loose(r) for r in claims["record"]))
        extra = (f" It does occur in the 'record' of {in_record} claim(s): the record is our reference, not "
                 "the article's words.") if in_record else " Try a shorter part of a quote."
        print(f"No claim quotes the words {text!r} (capital letters and quote marks ignored).{extra}")
    for _, claim in hits.iterrows():
        print(f"{claim['article_id']}: “{claim['quote']}”  ->  {claim['verdict']}")
        print("record:", claim["record"])
        print("source:", claim["source"])


def unit_text(corpus, unit) -> str:
    """The text of a coding unit ``"<article id>#<paragraph number>"`` (lesson 07).

    >>> import pandas as pd
    >>> demo = pd.DataFrame({"id": ["a"], "text": ["First.\\nSecond."]})
    >>> unit_text(demo, "a#2")
    'Second.'
    >>> unit_text(demo, "a#3")
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: unit_text(): paragraph number 3 does not exist; choose a whole number from 1 to 2.
    """
    from ._kind import CourseInputError, choose, need_text, need_whole_number
    from .text import paragraphs

    unit = need_text(unit, "unit", "unit_text", "'wire-2022-05-france-cooperation#7'")
    if unit.count("#") != 1:
        raise CourseInputError(f"unit_text(): a unit is written '<article id>#<paragraph number>', "
                               f"e.g. 'wire-2022-05-france-cooperation#7', not {unit!r}.")
    article_id, number = (part.strip() for part in unit.split("#"))
    article_id = choose(article_id, _corpus_ids(corpus), "article id", "unit_text")
    paras = paragraphs(corpus.loc[corpus["id"].astype(str) == article_id, "text"].iloc[0])
    return paras[need_whole_number(number, "paragraph number", "unit_text", 1, len(paras)) - 1]


def check_codes(my_codes, frames) -> None:
    """Check a student's codes ``{unit: frame}`` against the codebook (lesson 07), one sentence per problem.

    >>> import pandas as pd
    >>> check_codes({"a#1": "Politcal"}, pd.DataFrame({"frame": ["Political", "Economic"]}))
    Traceback (most recent call last):
    ...
    sahel_course._kind.CourseInputError: check_codes(): there is no frame 'Politcal'. Did you mean 'Political'? The frames are: Political, Economic.
    """
    from ._kind import CourseTypeError, choose

    if not isinstance(my_codes, dict):
        raise CourseTypeError("check_codes(): my_codes must be a dictionary {'unit': 'frame', ...}, "
                              f"not {type(my_codes).__name__}; keep the curly brackets and the colons.")
    for code in my_codes.values():
        choose(code, list(frames["frame"]), "frame", "check_codes")
    print(f"All {len(my_codes)} codes are frames of the codebook.")


def agree_with(my_codes, codings, coder="coder_a", frames=None) -> dict:
    """Compare a student's codes with one coder of ``codings`` (lesson 07) and print one sentence.

    Every unit must be one that ``coder`` coded and every code a frame of ``frames``
    (default: the Policy Frames Codebook). Returns the :func:`~sahel_course.frames.agreement` result.
    """
    import math

    import pandas as pd

    from ._kind import CourseInputError, choose
    from .frames import agreement, policy_frames

    frames = policy_frames() if frames is None else frames
    coder = choose(coder, sorted(set(codings["coder"])), "coder", "agree_with")
    theirs = codings[codings["coder"] == coder]
    units = list(theirs["unit"])
    if not isinstance(my_codes, dict) or not my_codes:
        raise CourseInputError("agree_with(): my_codes must be a non-empty dictionary {'unit': 'frame', ...}.")
    for unit, code in my_codes.items():
        choose(unit, units, f"unit coded by {coder}", "agree_with")
        choose(code, list(frames["frame"]), "frame", "agree_with")
    mine = pd.DataFrame({"unit": list(my_codes), "coder": "you", "code": [c.strip() for c in my_codes.values()]})
    pair = pd.concat([theirs[theirs["unit"].isin(my_codes)], mine])
    if pair["code"].nunique() < 2:
        print(f"You and {coder} used the single code '{pair['code'].iloc[0]}' everywhere: agreement is 100%, "
              "but kappa and alpha are undefined (chance agreement is 100% too).")
        return {"alpha": None, "kappa": None, "n_units": len(my_codes), "n_coders": 2, "observed_agreement": 1.0}
    result = agreement(pair)
    kappa = result["kappa"]
    said = ("kappa is undefined here (you both used one single code, so chance agreement is 100%)"
            if kappa is None or math.isnan(kappa) else f"kappa = {kappa:.2f}")
    print(f"You agree with {coder} on {result['observed_agreement']:.0%} of {result['n_units']} paragraphs; {said}.")
    return result
