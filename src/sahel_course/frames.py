"""Framing: two published codebooks, a rough keyword auto-coder, and intercoder agreement.

* :func:`policy_frames` - the 15 dimensions of the Policy Frames Codebook (Boydstun, Card,
  Gross, Resnik & Smith 2014), used in the Media Frames Corpus (Card et al. 2015) and in
  SemEval-2023 Task 3 (subtask 2). Definitions and keywords are ours.
* :func:`persuasion_techniques` - the 23 persuasion techniques in 6 categories of SemEval-2023
  Task 3, subtask 3 (Piskorski, Stefanovitch, Da San Martino & Nakov 2023).
* :func:`auto_code` - transparent keyword matching, paragraph by paragraph: a first pass
  to argue with, never a substitute for human coding.
* :func:`agreement` - Krippendorff's alpha (nominal, via the ``krippendorff`` package) and
  Cohen's kappa (two coders) for a table of human codings.

Both codebooks are CSV files in ``sahel_course/data/`` with a ``source`` column giving the
full reference.
"""
from __future__ import annotations

import re
from importlib import resources

import numpy as np
import pandas as pd

from .text import fold, paragraphs, prepare, term_pattern, term_words

__all__ = ["policy_frames", "persuasion_techniques", "auto_code", "agreement", "cohen_kappa"]


def _read(name: str) -> pd.DataFrame:
    with resources.files("sahel_course").joinpath("data").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def policy_frames() -> pd.DataFrame:
    """The 15 framing dimensions of the Policy Frames Codebook (Boydstun et al. 2014).

    Columns: ``frame_id`` (1-15), ``frame``, ``definition`` (our wording), ``keywords``
    (a list of lowercase words and phrases used by :func:`auto_code`; edit them freely),
    ``source`` (the full reference).

    >>> pf = policy_frames()
    >>> len(pf), pf["frame"].iloc[0], pf["frame"].iloc[-1]
    (15, 'Economic', 'Other')
    >>> "mercenaries" in pf.set_index("frame").loc["Security and defense", "keywords"]
    True
    """
    table = _read("policy_frames.csv")
    table["frame_id"] = table["frame_id"].astype(int)
    table["keywords"] = [[k.strip() for k in s.split(";") if k.strip()] for s in table["keywords"]]
    return table


def persuasion_techniques() -> pd.DataFrame:
    """The SemEval-2023 Task 3 (subtask 3) taxonomy: 23 persuasion techniques in 6 categories.

    Columns: ``category``, ``technique`` (readable name), ``label`` (the label used in the
    task's data files, e.g. ``Doubt`` for *Casting Doubt*), ``definition`` (our wording),
    ``source`` (Piskorski et al. 2023).

    >>> pt = persuasion_techniques()
    >>> len(pt), pt["category"].nunique()
    (23, 6)
    >>> pt.groupby("category", sort=False).size().to_dict()
    {'Attack on reputation': 5, 'Justification': 5, 'Simplification': 3, 'Distraction': 3, 'Call': 3, 'Manipulative wording': 4}
    """
    return _read("persuasion_techniques.csv")


def _keyword_table(frames: pd.DataFrame | None) -> list[tuple[str, list[tuple[str, re.Pattern[str]]]]]:
    frames = policy_frames() if frames is None else frames
    if not isinstance(frames, pd.DataFrame) or not {"frame", "keywords"} <= set(frames.columns):
        raise ValueError("auto_code(frames=...) needs a DataFrame with columns 'frame' and 'keywords' "
                         "(like policy_frames()); keywords may be a list or a text 'word; word'.")
    out = []
    for frame, kws in zip(frames["frame"], frames["keywords"]):
        if isinstance(kws, str):
            kws = [k.strip() for k in kws.split(";")]
        kws = sorted({str(k).strip().lower() for k in kws if str(k).strip()})
        wordless = [kw for kw in kws if not term_words(kw)]
        if wordless:
            raise ValueError(f"auto_code(frames=...): the keyword {wordless[0]!r} of frame {frame!r} contains no word "
                             "(only punctuation); write it as a word or phrase, or delete it.")
        out.append((str(frame), [(kw, term_pattern(kw)) for kw in kws]))
    return out


def auto_code(corpus: pd.DataFrame, frames: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rough first-pass frame coding by keyword matching, one paragraph at a time.

    Returns one row per (paragraph, frame) hit: ``id, paragraph, text, frame, matched``,
    where ``paragraph`` is the 1-based number of the paragraph in the article body (every
    non-blank line counts, headings included, as in :func:`sahel_course.text.paragraphs`;
    the same numbering as the units ``"<id>#<paragraph>"`` of ``data/codings_example.csv``)
    and ``matched`` lists the keywords that fired (``"; "``-separated). Keywords are matched
    with the course's one rule (:func:`sahel_course.text.term_pattern`: whole words, any case,
    both apostrophes alike, a keyword also matches its possessive). Paragraphs with no hit
    get one row with frame ``"none"``.

    **This is a rough first pass.** A keyword says nothing about how a word is used
    ("no solution", quoted or denied), the lists are ours and incomplete, and a
    paragraph can mention security without being framed around it. Use it to find
    paragraphs to read, then code them yourself and compare (see :func:`agreement`).

    >>> demo = pd.DataFrame({"id": ["demo"], "text": ["Wagner mercenaries arrived.\\nThe weather was fine."]})
    >>> auto_code(demo)[["paragraph", "frame", "matched"]].values.tolist()
    [[1, 'Security and defense', 'mercenaries'], [2, 'none', '']]
    """
    if not isinstance(corpus, pd.DataFrame) or not {"id", "text"} <= set(corpus.columns):
        from ._kind import CourseTypeError
        raise CourseTypeError("auto_code() needs the corpus DataFrame from load_corpus() (columns 'id' and 'text').")
    table = _keyword_table(frames)
    rows: list[dict] = []
    for art_id, text in zip(corpus["id"], corpus["text"]):
        for number, para in enumerate(paragraphs(str(text)), start=1):
            hit = False
            folded = fold(prepare(para))
            for frame, pats in table:
                matched = [kw for kw, rx in pats if rx.search(folded)]
                if matched:
                    hit = True
                    rows.append(dict(id=art_id, paragraph=number, text=para, frame=frame, matched="; ".join(matched)))
            if not hit:
                rows.append(dict(id=art_id, paragraph=number, text=para, frame="none", matched=""))
    out = pd.DataFrame(rows, columns=["id", "paragraph", "text", "frame", "matched"])
    out["paragraph"] = out["paragraph"].astype("int64")
    return out


def cohen_kappa(codes_a: list | pd.Series, codes_b: list | pd.Series) -> float:
    """Cohen's kappa for two coders who coded the same units (same order).

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of units on which the coders
    agree and p_e = sum over codes k of (share of units coder A gave k) x (share coder B
    gave k): the agreement expected if both coded at random with their own code shares
    (Cohen 1960). Undefined (nan) when p_e = 1 (both coders always used one same code).

    Worked example (50 grant proposals: yes/yes 20, yes/no 5, no/yes 10, no/no 15):
    p_o = 35/50 = 0.7, p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5, kappa = 0.2 / 0.5 = 0.4.

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    a, b = list(codes_a), list(codes_b)
    if len(a) != len(b) or not a:
        raise ValueError("cohen_kappa() needs two equally long, non-empty lists of codes (one per unit).")
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return float("nan") if p_e == 1 else (p_o - p_e) / (1 - p_e)


def agreement(codings: pd.DataFrame) -> dict:
    """Intercoder agreement for nominal codes (e.g. frames) in a long table ``unit, coder, code``.

    Returns a dict:

    * ``alpha``: Krippendorff's alpha, nominal level, computed by the ``krippendorff``
      package; units a coder did not code are missing data (allowed);
    * ``kappa``: Cohen's kappa (:func:`cohen_kappa`) on the units both coders coded, when
      there are exactly two coders; otherwise None;
    * ``n_units``, ``n_coders``: how many distinct units and coders;
    * ``observed_agreement``: over units coded by two or more coders, the share of coder
      pairs within a unit that gave the same code (for two coders: the share of units on
      which they agree).

    Rows with an empty code are treated as "not coded". One code per unit and coder.

    >>> codings = pd.DataFrame({"unit": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...                         "coder": ["ana", "ben"] * 3,
    ...                         "code": ["Political", "Political", "Economic", "Political", "Economic", "Economic"]})
    >>> result = agreement(codings)
    >>> result["n_units"], result["n_coders"], round(result["observed_agreement"], 3), round(result["kappa"], 3)
    (3, 2, 0.667, 0.4)
    """
    import krippendorff

    from ._kind import CourseInputError, CourseTypeError

    if not isinstance(codings, pd.DataFrame):
        raise CourseTypeError("agreement() needs a DataFrame with columns unit, coder, code "
                        "(one row per unit and coder), e.g. pd.read_csv('data/codings_example.csv').")
    missing = [c for c in ("unit", "coder", "code") if c not in codings.columns]
    if missing:
        raise CourseInputError(f"agreement(): the table has no column(s) {', '.join(missing)}. It needs one row per "
                         f"unit and coder with columns unit, coder, code (it has: {', '.join(map(str, codings.columns))}).")
    data = codings[["unit", "coder", "code"]].copy()
    data = data[data["code"].notna() & (data["code"].astype(str).str.strip() != "")]
    data["code"] = data["code"].astype(str).str.strip()
    dup = data.duplicated(["unit", "coder"], keep=False)
    if dup.any():
        first = data[dup].iloc[0]
        raise ValueError(f"agreement(): coder '{first['coder']}' gave unit '{first['unit']}' more than one code. "
                         "Keep one code per unit and coder (for several frames per unit, code each frame "
                         "as its own yes/no question).")
    coders = sorted(data["coder"].astype(str).unique())
    if len(coders) < 2:
        who = f"only '{coders[0]}'" if coders else "nobody"
        raise ValueError(f"agreement(): {who} coded the units. Agreement needs at least two coders "
                         "who code the same units independently.")
    codes = sorted(data["code"].unique())
    if len(codes) < 2:
        raise ValueError(f"agreement(): every code is '{codes[0]}'. With a single code there is no variation, so "
                         "chance agreement is 100% and alpha (and kappa) are undefined (0/0). Observed agreement "
                         "is 100%; code more varied material before measuring reliability.")
    units = sorted(data["unit"].astype(str).unique())
    wide = data.assign(unit=data["unit"].astype(str), coder=data["coder"].astype(str)).pivot(
        index="coder", columns="unit", values="code").reindex(index=coders, columns=units)
    index = {c: float(i) for i, c in enumerate(codes)}
    matrix = np.array([[index[v] if isinstance(v, str) else np.nan for v in row] for row in wide.to_numpy()])
    pairable = (~np.isnan(matrix)).sum(axis=0) >= 2
    if not pairable.any():
        raise ValueError("agreement(): no unit was coded by two or more coders, so nothing can be compared. "
                         "Have at least two coders code the same units.")
    with np.errstate(divide="ignore", invalid="ignore"):  # no library warning reaches a student
        alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    shares = []
    for col in matrix.T[pairable]:
        vals = col[~np.isnan(col)]
        pairs = len(vals) * (len(vals) - 1)
        same = sum(int((vals == v).sum()) - 1 for v in vals)
        shares.append(same / pairs)
    kappa = None
    if len(coders) == 2:
        both = wide.dropna(axis=1)
        kappa = cohen_kappa(both.iloc[0].tolist(), both.iloc[1].tolist()) if both.shape[1] else None
    return {"alpha": alpha, "kappa": kappa, "n_units": len(units), "n_coders": len(coders),
            "observed_agreement": float(np.mean(shares))}
