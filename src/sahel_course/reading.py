"""Read a whole article in the notebook, with the layers the lessons teach switched on.

:func:`reading_view` shows one article as accessible HTML (semantic markup, no JavaScript,
the same output every run): a header (title, outlet, date, author), the body as a
numbered list of paragraphs (numbered as :func:`sahel_course.text.paragraphs` and the
coding units ``"<id>#<n>"`` of lesson 07), and optional layers:

``names``      the naming variants of ``data/naming.csv``, each followed by its stance in words
``quotes``     direct quotations, with the speaker and the attribution verb (and its class)
``hedges``     hedging words and unnamed sources ("it can be assumed", "analysts")
``claims``     the claims of ``data/claims.csv`` with their verdict, the record and its source
``footnotes``  the article's footnotes, numbered as written

Every mark carries a word (its stance, speaker, verdict ...), not only a colour or a
line style, and a legend explains the marks. Its plain-text form (``repr``) marks the
same things in brackets. It works for any article in ``data/articles/``, also one an
instructor adds; names, quotations and hedges are found by the same rules as in the
lessons, so they can be wrong: the reading is yours.

>>> import pandas as pd
>>> demo = pd.DataFrame({"id": ["demo"], "title": ["A demo"], "outlet": ["Nobody"],
...     "published": [pd.Timestamp("2022-05-03")], "author": [None], "references": [""],
...     "text": ['The junta spoke.\\n"We stay," the colonel said. It can be assumed that they stay.']})
>>> print(repr(reading_view(demo, "demo", layers=["quotes", "hedges"])))
A demo
Nobody, 2022-05-03, unsigned
[1] The junta spoke.
[2] {"We stay," | quotation: the colonel, said (neutral)} the colonel said. {It can be assumed | hedge} that they stay.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from ._kind import CourseTypeError, choose
from .text import paragraphs

__all__ = ["LAYERS", "reading_view", "ReadingView"]

#: The layers a student can switch on, in the order of the lessons.
LAYERS: tuple[str, ...] = ("names", "quotes", "hedges", "claims", "footnotes")

# Marks: a light background AND a line style AND a word, so nothing relies on colour alone.
# Colours from the Okabe-Ito palette, as light tints.
_STANCE_STYLE = {
    "pejorative": ("#F5C9A6", "solid"), "legitimising": ("#BFE3F7", "double"), "official": ("#BFE3F7", "double"),
    "euphemistic": ("#F3D6E8", "dotted"), "descriptive": ("#D6EFE6", "dashed"), "neutral": ("#EEEEEE", "dashed"),
}
_LAYER_STYLE = {"quote": "#FFF3BF", "hedge": "#E4E4F7", "unnamed": "#E4E4F7", "claim": "#FFFFFF"}


@dataclass(order=True)
class _Mark:
    start: int
    end: int
    kind: str = field(compare=False)  # name, quote, hedge, unnamed, claim
    label: str = field(compare=False)  # words shown after the marked text
    title: str = field(compare=False, default="")
    style: str = field(compare=False, default="")
    inner: list = field(compare=False, default_factory=list)


def _loose_pattern(quote: str) -> re.Pattern[str]:
    """A regex finding ``quote`` in a paragraph whatever its quotation marks, dashes, spaces or case."""
    same = {"'": "['\u2018\u2019]", "\u2019": "['\u2018\u2019]", "\u2018": "['\u2018\u2019]",
            '"': "[\"\u201c\u201d\u201e]", "\u201c": "[\"\u201c\u201d\u201e]", "\u201d": "[\"\u201c\u201d\u201e]",
            "-": "[-\u2013\u2014]", "\u2013": "[-\u2013\u2014]", "\u2014": "[-\u2013\u2014]"}
    parts = []
    for ch in quote.strip():
        parts.append(r"\s+" if ch.isspace() else same.get(ch, re.escape(ch)))
    return re.compile(re.sub(r"(\\s\+)+", r"\\s+", "".join(parts)), re.IGNORECASE)


def _nest(marks: list[_Mark]) -> list[_Mark]:
    """Keep marks that nest (a name inside a quotation); a mark that crosses an earlier one is shown
    after the paragraph instead (returned in the second list)."""
    accepted: list[_Mark] = []
    for mark in marks:  # in priority order
        if all(mark.end <= m.start or mark.start >= m.end or (m.start <= mark.start and mark.end <= m.end)
               or (mark.start <= m.start and m.end <= mark.end) for m in accepted):
            accepted.append(mark)
    accepted.sort(key=lambda m: (m.start, -m.end))
    roots: list[_Mark] = []
    stack: list[_Mark] = []
    for mark in accepted:
        mark.inner = []
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        (stack[-1].inner if stack else roots).append(mark)
        stack.append(mark)
    return roots


def _html(text: str, marks: list[_Mark], lo: int, hi: int) -> str:
    out, pos = [], lo
    for m in marks:
        out.append(html.escape(text[pos:m.start]))
        body = _html(text, m.inner, m.start, m.end)
        out.append(f'<mark style="{m.style}" title="{html.escape(m.title)}">{body}</mark>'
                   f'<small style="font-size:0.75em;color:#333;"> [{html.escape(m.label)}]</small>')
        pos = m.end
    out.append(html.escape(text[pos:hi]))
    return "".join(out)


def _plain(text: str, marks: list[_Mark], lo: int, hi: int) -> str:
    out, pos = [], lo
    for m in marks:
        out.append(text[pos:m.start])
        out.append("{" + _plain(text, m.inner, m.start, m.end) + " | " + m.label + "}")
        pos = m.end
    out.append(text[pos:hi])
    return "".join(out)


class ReadingView:
    """One article ready to read: HTML in a notebook, numbered plain text elsewhere (``repr``)."""

    def __init__(self, header: dict, paras: list[tuple[int, str, list[_Mark], list[str]]], legend: list[str],
                 footnotes: list[str] | None, notes: list[str]):
        self.header, self.paras, self.legend, self.footnotes, self.notes = header, paras, legend, footnotes, notes

    def _repr_html_(self) -> str:
        h = self.header
        parts = [f'<article lang="en" aria-label="{html.escape(h["title"])}" '
                 'style="max-width:46em;font-family:Georgia,serif;line-height:1.6;">',
                 f'<header><h3 style="margin-bottom:0.2em;">{html.escape(h["title"])}</h3>',
                 f'<p style="margin-top:0;color:#333;">{html.escape(h["byline"])}</p></header>']
        if self.legend:
            parts.append('<aside aria-label="Legend" style="border:1px solid #999;padding:0.3em 0.8em;'
                         'font-family:sans-serif;font-size:0.85em;"><strong>How to read the marks</strong><ul>')
            parts += [f"<li>{item}</li>" for item in self.legend]
            parts.append("</ul></aside>")
        first = self.paras[0][0] if self.paras else 1
        parts.append(f'<ol start="{first}" aria-label="Paragraphs, numbered">')
        for number, text, marks, after in self.paras:
            parts.append(f'<li value="{number}"><p>{_html(text, marks, 0, len(text))}</p>')
            if after:
                parts.append('<ul style="font-family:sans-serif;font-size:0.85em;">'
                             + "".join(f"<li>{html.escape(a)}</li>" for a in after) + "</ul>")
            parts.append("</li>")
        parts.append("</ol>")
        for note in self.notes:
            parts.append(f'<p style="font-family:sans-serif;font-size:0.85em;">{html.escape(note)}</p>')
        if self.footnotes is not None:
            parts.append('<footer><h4>Footnotes (as published)</h4>')
            if self.footnotes:
                parts.append("<ul>" + "".join(f"<li>{html.escape(f)}</li>" for f in self.footnotes) + "</ul>")
            else:
                parts.append("<p>This article has no footnotes.</p>")
            parts.append("</footer>")
        parts.append("</article>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        lines = [self.header["title"], self.header["byline"]]
        for number, text, marks, after in self.paras:
            lines.append(f"[{number}] " + _plain(text, marks, 0, len(text)))
            lines += [f"     - {a}" for a in after]
        lines += self.notes
        if self.footnotes is not None:
            lines.append("Footnotes: " + (" | ".join(self.footnotes) if self.footnotes else "none"))
        return "\n".join(lines)


def _check_layers(layers) -> list[str]:
    if layers is None:
        return []
    if isinstance(layers, str):
        layers = [layers]
    if not isinstance(layers, (list, tuple, set)):
        raise CourseTypeError(f"reading_view(): layers must be a list such as ['names', 'quotes'], "
                              f"not {type(layers).__name__}.")
    chosen = [choose(layer, LAYERS, "layer", "reading_view") for layer in layers]
    return [layer for layer in LAYERS if layer in chosen]


def reading_view(corpus: pd.DataFrame, article_id: str, layers=None, paragraphs_from: int = 1,
                 paragraphs_to: int | None = None, naming: pd.DataFrame | None = None,
                 claims: pd.DataFrame | None = None) -> ReadingView:
    """The whole article ``article_id`` (or paragraphs ``paragraphs_from``..``paragraphs_to``) to read.

    ``layers`` is a list of :data:`LAYERS` to switch on (none by default). ``naming`` and
    ``claims`` default to ``data/naming.csv`` and ``data/claims.csv``. See the module notes.
    """
    from ._kind import need_whole_number
    from .corpus import get_article

    layers = _check_layers(layers)
    article = get_article(corpus, article_id)
    paras = paragraphs(str(article["text"]))
    lo = need_whole_number(paragraphs_from, "first paragraph", "reading_view", 1, len(paras))
    hi = len(paras) if paragraphs_to is None else need_whole_number(
        paragraphs_to, "last paragraph", "reading_view", lo, len(paras))
    author = article.get("author")
    published = article.get("published")
    when = f"{published:%Y-%m-%d}" if isinstance(published, pd.Timestamp) else str(published or "undated")
    byline = f"{article.get('outlet', '')}, {when}, " + (author if isinstance(author, str) and author else "unsigned")
    header = {"title": str(article.get("title", article["id"])), "byline": byline}

    legend: list[str] = []
    finders = []
    if "quotes" in layers:
        from .voices import paragraph_quotes

        def quotes(text: str) -> list[_Mark]:
            out = []
            for start, end, row in paragraph_quotes(text):
                if row["pattern"] == "scare quote":
                    label = "scare quote"
                elif row["speaker"]:
                    label = f"quotation: {row['speaker']}, {row['verb']} ({row['verb_class']})"
                else:
                    label = "quotation: speaker not found"
                out.append(_Mark(start, end, "quote", label, row["pattern"],
                                 f"background:{_LAYER_STYLE['quote']};border-bottom:2px solid #000;"))
            return out
        finders.append(quotes)
        legend.append('<mark style="background:#FFF3BF;border-bottom:2px solid #000;">quotation</mark> '
                      "[quotation: speaker, attribution verb (neutral or loaded)]; a one- or two-word quotation "
                      "without a speaker is marked [scare quote]. The speaker is found by rules: check it.")
    if "claims" in layers:
        from .claims import load_claims
        table = load_claims() if claims is None else claims
        mine = table[table["article_id"] == article["id"]]
        placed: set[str] = set()

        def claim_marks(text: str) -> list[_Mark]:
            out = []
            for _, c in mine.iterrows():
                m = _loose_pattern(str(c["quote"])).search(text)
                if m:
                    placed.add(c["claim_id"])
                    out.append(_Mark(m.start(), m.end(), "claim", f"claim {c['claim_id']}: {c['verdict']}",
                                     f"record: {c['record']}", "background:#FFFFFF;border:1px solid #000;"
                                     "text-decoration:underline wavy #D55E00;"))
            return out
        finders.append(claim_marks)
        legend.append('<mark style="background:#fff;border:1px solid #000;text-decoration:underline wavy #D55E00;">'
                      "claim</mark> [claim id: verdict], with the record and its source listed under the paragraph.")
    if "names" in layers:
        from .naming import VariantSet, clean_variants
        from .reference import load_naming
        table = load_naming() if naming is None else naming
        stance_of = {(r, str(v).strip().lower()): s for r, v, s in
                     zip(table["referent"], table["variant"], table.get("stance", [""] * len(table)))}
        sets = []
        for referent in pd.unique(table["referent"].dropna()):
            variants = clean_variants(table.loc[table["referent"] == referent, "variant"])
            sets.append((referent, variants, VariantSet(variants)))

        def names(text: str) -> list[_Mark]:
            out = []
            for referent, variants, matcher in sets:
                for start, end, k in matcher.spans(text):
                    stance = stance_of.get((referent, variants[k].lower()), "") or "no stance"
                    colour, line = _STANCE_STYLE.get(stance, ("#EEEEEE", "dashed"))
                    out.append(_Mark(start, end, "name", f"{stance} name for {referent}", variants[k],
                                     f"background:{colour};border-bottom:2px {line} #000;"))
            return out
        finders.append(names)
        legend.append("A naming variant of data/naming.csv is followed by its stance in words, e.g. "
                      '<mark style="background:#F5C9A6;border-bottom:2px solid #000;">junta</mark> '
                      "[pejorative name for malian_government]; the underline differs by stance (solid: pejorative, "
                      "double: legitimising or official, dotted: euphemistic, dashed: descriptive or neutral).")
    if "hedges" in layers:
        from .voices import lexicon_spans

        def hedge_marks(text: str) -> list[_Mark]:
            out = [_Mark(s, e, "hedge", "hedge", p, "background:#E4E4F7;border-bottom:2px dotted #000;")
                   for s, e, p in lexicon_spans(text, "hedges.csv")]
            out += [_Mark(s, e, "unnamed", "unnamed source", p, "background:#E4E4F7;border-bottom:2px dashed #000;")
                    for s, e, p in lexicon_spans(text, "unnamed_sources.csv")]
            return out
        finders.append(hedge_marks)
        legend.append('<mark style="background:#E4E4F7;border-bottom:2px dotted #000;">it can be assumed</mark> '
                      "[hedge]: the writer does not fully vouch for the claim; "
                      '<mark style="background:#E4E4F7;border-bottom:2px dashed #000;">analysts</mark> '
                      "[unnamed source]: a source without a name.")
    shown = []
    for number in range(lo, hi + 1):
        text = paras[number - 1]
        marks: list[_Mark] = []
        for finder in finders:  # priority: quotations, claims, names, hedges
            marks += finder(text)
        after = []
        if "claims" in layers:
            for _, c in mine.iterrows():
                if any(m.kind == "claim" and m.label.startswith(f"claim {c['claim_id']}:") for m in marks):
                    after.append(f"Claim {c['claim_id']} ({c['verdict']}): record: {c['record']} "
                                 f"Source: {c['source']}.")
        shown.append((number, text, _nest(marks), after))
    notes = []
    if "claims" in layers and lo == 1 and hi == len(paras):
        missing = [f"{c} ({v})" for c, v in zip(mine["claim_id"], mine["verdict"]) if c not in placed]
        if missing:
            notes.append("Claims of this article not found in its body (for instance typos in the footnotes): "
                         + ", ".join(missing) + ".")
        if mine.empty:
            notes.append("The claims ledger has no claim for this article yet.")
    footnotes = None
    if "footnotes" in layers:
        refs = article.get("references")
        footnotes = [line.strip() for line in str(refs if isinstance(refs, str) else "").splitlines() if line.strip()]
    return ReadingView(header, shown, legend, footnotes, notes)
