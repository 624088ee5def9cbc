"""Small helpers for the lesson notebooks (display, set-up check, the lesson list, "Your turn" cells).

These helpers contain no analysis: they show figures with their alt text, print
tables as plain text (so that nbval can compare them), read ``data/lessons.yaml`` (the
one place where each lesson's time, objectives and discussion questions live), and check
a student's input in the "Your turn" cells before calling the analysis modules.

For the notebooks' imports, this module also re-exports analysis helpers from the modules
that own them: ``footnotes`` (:mod:`sahel_course.footnotes`), ``load_entman`` and
``ENTMAN_FUNCTIONS`` (:mod:`sahel_course.reference`), ``framing_profile``
(:mod:`sahel_course.synthesis`) and ``check_quotations`` (:mod:`sahel_course.claims`).

>>> from sahel_course.lesson import load_lessons
>>> lessons = load_lessons()
>>> lessons[0]["file"]
'00_start_here.ipynb'
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ._errors import CourseDataError
from ._paths import data_dir
from .claims import check_quotations
from .footnotes import footnotes
from .reference import ENTMAN_FUNCTIONS, load_entman
from .synthesis import framing_profile
from .text import quote_in

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
    your own. The figure is closed afterwards so that it is not shown twice. A figure
    with a layout engine (every chart of :mod:`sahel_course.plots`) is shown as laid out;
    any other is trimmed to what is drawn.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, Markdown, display

    if alt is None:
        from .plots import alt_text
        alt = alt_text(fig)
    # Render the PNG ourselves: this works whatever matplotlib backend is active
    # (with MPLBACKEND=Agg, displaying the figure object would show no picture).
    # A laid-out figure already fits its page (tests/test_plots.py checks the course's charts);
    # "tight" would draw it a second time to measure it.
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches=None if fig.get_layout_engine() else "tight")
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
    from ._kind import need_table, need_whole_number

    need_table(timeline, ("date", "event"), "events_in_year", "load_timeline()", "timeline")
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
    from ._kind import choose, need_table, need_text

    need_table(glossary, ("term", "expansion", "definition", "source"), "look_up", "load_glossary()", "glossary")
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
    from ._kind import choose, need_table

    need_table(entman, ("article_id", "function", "summary", "evidence_quote"), "show_entman", "load_entman(corpus)",
               "Entman table")
    article_id = choose(article_id, list(dict.fromkeys(entman["article_id"])), "coded article id", "show_entman")
    for _, row in entman[entman["article_id"] == article_id].iterrows():
        print(row["function"].replace("_", " ").upper())
        print("  ", row["summary"])
        print("   evidence:", f"“{row['evidence_quote']}”")


def find_in_article(corpus, article_id, quote) -> bool:
    """Say whether ``quote`` is part of an article (lesson 05), forgiving quote marks and case.

    "Part of" has the one meaning of :func:`sahel_course.text.quote_in`: straight and curly
    quotes and apostrophes count as the same, capital letters are ignored, and a line break
    counts as a space; the sentence printed says so.

    >>> import pandas as pd
    >>> demo = pd.DataFrame({"id": ["a"], "text": ["Mali’s “transitional” government"]})
    >>> find_in_article(demo, "a", 'mali\\'s "Transitional" government')
    Found in a (ignoring capital letters and the kind of quotation marks and apostrophes).
    True
    """
    from ._kind import choose, need_text

    article_id = choose(article_id, _corpus_ids(corpus), "article id", "find_in_article")
    quote = need_text(quote, "quotation", "find_in_article", "'the junta announced'").strip("\"“”'‘’ ")
    text = corpus.loc[corpus["id"].astype(str) == article_id, "text"].iloc[0]
    found = quote_in(quote, text)
    print(("Found in " if found else "Not found in ") + article_id
          + " (ignoring capital letters and the kind of quotation marks and apostrophes)."
          + ("" if found else " Check the spelling and the punctuation, or copy the words from the article."))
    return found


def find_claims(claims, quote_part) -> None:
    """Print the ledger's claims whose quote contains ``quote_part`` (lesson 06), or say there are none.

    The search ignores capital letters and the kind of quotation marks and apostrophes
    (:func:`sahel_course.text.quote_in`).
    """
    from ._kind import need_table, need_text

    need_table(claims, ("article_id", "quote", "record", "verdict", "source"), "find_claims", "load_claims()",
               "claims ledger")
    text = need_text(quote_part, "search text", "find_claims", "'independent in 1958'")
    hits = claims[[quote_in(text, q) for q in claims["quote"]]]
    if hits.empty:
        in_record = int(sum(quote_in(text, r) for r in claims["record"]))
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
    from ._kind import CourseTypeError, choose, need_table

    if not isinstance(my_codes, dict):
        raise CourseTypeError("check_codes(): my_codes must be a dictionary {'unit': 'frame', ...}, "
                              f"not {type(my_codes).__name__}; keep the curly brackets and the colons.")
    need_table(frames, ("frame",), "check_codes", "policy_frames()", "codebook")
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

    from ._kind import CourseInputError, choose, need_table
    from .frames import agreement, policy_frames

    frames = policy_frames() if frames is None else frames
    need_table(codings, ("unit", "coder", "code"), "agree_with", "pd.read_csv(data_dir() / 'codings_example.csv')",
               "codings table")
    need_table(frames, ("frame",), "agree_with", "policy_frames()", "codebook")
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
