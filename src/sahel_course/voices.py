"""Who speaks in an article, and how the article frames what they say.

Three transparent, rule-based helpers for close reading:

* :func:`find_quotes` - direct quotations, with the speaker and the attribution verb
  when the sentence gives them ("…," he said / Maïga said Mali must "…").
* :func:`hedges` - sentences with hedging words ("it can be assumed", "reportedly", "may").
* :func:`unnamed_sources` - sentences citing sources without names ("analysts", "some in Berlin").

The word lists are plain CSV files shipped with the package (``sahel_course/data/``:
``attribution_verbs.csv``, ``hedges.csv``, ``unnamed_sources.csv``) so that an instructor
can read and extend them. Attribution verbs are classed *neutral* ("said", "told") or
*loaded* ("claimed", "admitted", "insisted"): loaded verbs tell the reader how to judge
the statement. "confirmed" is classed loaded because it presents the statement as true.

These are rules, not understanding: they miss attributions phrased in other ways and
sometimes pick the wrong speaker. Always read the sentence (the ``quote`` and
``sentence`` columns are there for that).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd

from .checks import check_corpus
from .text import paragraphs, sentence_spans, sentences, term_spans, word_count

__all__ = ["find_quotes", "hedges", "unnamed_sources", "attribution_verbs", "QUOTE_COLUMNS", "paragraph_quotes",
           "lexicon_spans"]

QUOTE_COLUMNS = ["id", "quote", "speaker", "verb", "verb_class", "pattern"]

# opening and closing quotation marks: curly “ ”, straight ", German „ “, guillemets « »
_QUOTE_RE = re.compile(r"[\u201c\"\u201e\u00ab]\s*([^\u201c\u201d\"\u201e\u00ab\u00bb\n]+?)\s*[\u201d\"\u201c\u00bb]")
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_PRONOUN = r"(?:he|she|they|we|I|it)"
_ADVERB = r"(?:\w+ly\s+)?"
# words that start a new clause: the speaker of an attribution verb comes after them
_CLAUSE_WORDS = {"that", "which", "who", "whom", "and", "but", "when", "while", "as", "after", "because", "if",
                 "where", "though", "although", "since", "so", "then"}
# words to drop at the edges of a speaker phrase
_EDGE_WORDS = {"a", "an", "the", "even", "also", "later", "then", "had", "has", "have", "was", "were", "is", "are",
               "would", "will", "once", "again", "already", "recently", "last", "week", "month", "year", "on",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"}


def _read_list(name: str) -> pd.DataFrame:
    with resources.files("sahel_course").joinpath("data").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def _verb_table() -> dict[str, str]:
    table = _read_list("attribution_verbs.csv")
    return {w.strip().lower(): c.strip() for w, c in zip(table["word"], table["class"])}


def attribution_verbs() -> pd.DataFrame:
    """The attribution verbs (one row per word form) with their class and origin.

    >>> v = attribution_verbs().set_index("word")
    >>> v.loc["said", "class"], v.loc["claimed", "class"]
    ('neutral', 'loaded')
    """
    return _read_list("attribution_verbs.csv")


def _verb_alternation() -> str:
    return "|".join(sorted(map(re.escape, _verb_table()), key=len, reverse=True))


def _clean_speaker(words: list[str]) -> str | None:
    while words and (words[0].lower().strip(",") in _EDGE_WORDS or words[0].lower() in _CLAUSE_WORDS):
        words = words[1:]
    while words and (words[-1].lower() in _EDGE_WORDS or words[-1].lower().endswith("ly")):
        words = words[:-1]
    text = " ".join(words).strip(" ,;:–-")
    return text or None


def _speaker_before(text: str) -> str | None:
    """The speaker phrase that ends ``text`` (the words just before an attribution verb)."""
    stripped = text.rstrip()
    if stripped.endswith(","):  # "Jean-Pierre Lacroix, the UN Under-Secretary-General ..., said"
        m = re.search(rf"((?:{_CAP}\s+){{0,4}}{_CAP})\s*,[^,]{{1,120}},$", stripped)
        if m:
            return m.group(1)
        stripped = stripped.rstrip(",")
    clause = re.split(r"[,;:()\u2013\u2014]", stripped)[-1]
    words = clause.split()[-10:]
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _CLAUSE_WORDS:
            words = words[i + 1:]
            break
    articles = [i for i, w in enumerate(words[:-1]) if w.lower() in ("a", "an", "the")]
    if articles:  # "response to a report by Reuters" -> "report by Reuters"
        words = words[articles[-1] + 1:]
    speaker = _clean_speaker(words)
    if speaker is None:  # e.g. "..., and even admitted it": fall back to the first name in the sentence
        caps = re.findall(rf"{_CAP}(?:\s+{_CAP})*", text)
        caps = [c for c in caps if c not in ("The", "A", "An", "In", "On", "At", "As", "When", "While")]
        if caps:
            speaker = re.sub(r"^(?:The|A|An)\s+", "", caps[0])
    return speaker


def _attribute(para: str, start: int, end: int, prev_end: int, prev: dict | None, quote: str,
               sentence_starts: list[int]) -> dict:
    """Find the speaker and verb of the quotation spanning para[start:end].

    ``sentence_starts``: where the sentences of ``para`` begin (:func:`sahel_course.text.sentence_spans`).
    Only sentence starts strictly between the previous quotation and this one count: a
    quotation that itself begins a sentence may still be introduced by the words before it.
    """
    verbs = _verb_alternation()
    table = _verb_table()
    after = para[end:end + 120]
    # 1. quote - verb - name: “…,” he said / "…?" Maiga asked / “…,” the Algerian leader stated
    m = re.match(rf"\s*,?\s*(?P<speaker>{_PRONOUN}|the(?:\s+[\w’'\-]+){{1,3}}?|(?:{_CAP}\s+){{0,3}}{_CAP})"
                 rf"\s+{_ADVERB}(?P<verb>{verbs})\b", after)
    if m and m.group("speaker").lower() not in _CLAUSE_WORDS:
        return dict(speaker=m.group("speaker"), verb=m.group("verb"), pattern="quote-verb-name")
    # 1b. inverted: “…,” said Maiga
    m = re.match(rf"\s*,?\s*(?P<verb>{verbs})\s+(?P<speaker>(?:{_CAP}\s+){{0,3}}{_CAP})", after)
    if m:
        return dict(speaker=m.group("speaker"), verb=m.group("verb"), pattern="quote-verb-name")
    # 2. name - verb - quote, within the same sentence and after the previous quotation
    cuts = [s - prev_end for s in sentence_starts if prev_end < s < start]
    before = para[prev_end:start]
    segment = before[cuts[-1]:] if cuts else before
    hits = list(re.finditer(rf"(?<![\w’'])(?P<verb>{verbs})\b", segment, flags=re.IGNORECASE))
    hits = [h for h in hits if h.group("verb").lower() in table  # not passive: "that having been said"
            and not re.search(r"\b(?:been|be|being|is|was|were)\s+$", segment[:h.start()], flags=re.IGNORECASE)]
    if hits:
        h = hits[-1]
        return dict(speaker=_speaker_before(segment[:h.start()]), verb=h.group("verb"), pattern="name-verb-quote")
    # 3. continuation of the previous attributed quotation ("…?" Maiga asked. "Should we…?")
    if prev is not None and prev.get("speaker") and prev_end <= start and word_count(quote) > 2:
        gap = para[prev_end:start]
        new_sentence = bool(cuts) or (
            prev["quote"].rstrip().endswith((".", "!", "?")) and gap.strip()[:1].isupper())
        if word_count(gap) <= 6 or not new_sentence:
            return dict(speaker=prev["speaker"], verb=prev["verb"], pattern="continuation")
    return dict(speaker=None, verb=None, pattern="unattributed")


def find_quotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """Direct quotations in each article, with speaker and attribution verb where the text gives them.

    Returns one row per quotation: ``id, quote, speaker, verb, verb_class, pattern``.

    ``pattern`` says how the attribution was found:

    * ``quote-verb-name``: “…,” he said / "…?" Maiga asked / “…,” said Maiga
    * ``name-verb-quote``: Maïga said Mali must "…" (the verb comes before the quote in the sentence)
    * ``continuation``: a quote that follows an attributed one ("…?" Maiga asked. "Should we…?")
    * ``unattributed``: no speaker found (``speaker``, ``verb`` and ``verb_class`` are None)
    * ``scare quote``: an unattributed quote of one or two words (“Wagner”, “partnership”)

    ``verb_class`` is ``neutral`` or ``loaded`` (see :func:`attribution_verbs`).
    Curly (“ ”), straight (" "), German („ “) and French (« ») quotation marks are
    recognised. Rules, not understanding: check each row against the text.

    >>> demo = pd.DataFrame({"id": ["demo"], "text": [
    ...     '"If partners have decided to leave certain areas, if they decide to leave tomorrow - '
    ...     'what do we do?" Maiga asked. "Should we not have a plan B?"\\n'
    ...     'The junta praised the “partnership” with Russia.']})
    >>> find_quotes(demo)[["speaker", "verb", "verb_class", "pattern"]].values.tolist()
    [['Maiga', 'asked', 'neutral', 'quote-verb-name'], ['Maiga', 'asked', 'neutral', 'continuation'], [None, None, None, 'scare quote']]
    """
    check_corpus(corpus, "find_quotes")
    rows: list[dict] = []
    for art_id, text in zip(corpus["id"], corpus["text"]):
        for para in paragraphs(str(text)):
            for _start, _end, row in paragraph_quotes(para):
                rows.append(dict(id=art_id, **row))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS, dtype=object)


def paragraph_quotes(para: str) -> list[tuple[int, int, dict]]:
    """The quotations of one paragraph as ``(start, end, row)``: the characters ``para[start:end]``
    (quotation marks included) and the row of :func:`find_quotes` without its ``id``.

    >>> [(s, e, r["speaker"]) for s, e, r in paragraph_quotes('"Leave," Maiga said.')]
    [(0, 8, 'Maiga')]
    """
    table = _verb_table()
    out: list[tuple[int, int, dict]] = []
    prev: dict | None = None
    prev_end = 0
    starts = [a for a, _ in sentence_spans(para)]
    for m in _QUOTE_RE.finditer(para):
        quote = m.group(1).strip().rstrip(",").rstrip()
        info = _attribute(para, m.start(), m.end(), prev_end, prev, quote, starts)
        info["quote"] = quote
        if info["pattern"] == "unattributed" and word_count(quote) <= 2:
            info["pattern"] = "scare quote"
        verb = info["verb"]
        out.append((m.start(), m.end(), dict(quote=quote, speaker=info["speaker"], verb=verb,
                                             verb_class=table.get(verb.lower()) if verb else None,
                                             pattern=info["pattern"])))
        prev, prev_end = info, m.end()
        if info["pattern"] == "quote-verb-name":  # skip past "he said" so it is not reused
            tail = re.match(rf"\s*,?\s*[^.!?\"“”]*?\b{re.escape(verb)}\b", para[m.end():])
            prev_end = m.end() + (tail.end() if tail else 0)
    return out


@lru_cache(maxsize=None)
def _lexicon(name: str) -> tuple[tuple[str, bool], ...]:
    """The phrases of a word list with their ``case_sensitive`` flag."""
    table = _read_list(name)
    return tuple((phrase.strip(), case.strip().lower() in ("yes", "true", "1"))
                 for phrase, case in zip(table["phrase"], table["case_sensitive"]) if phrase.strip())


def lexicon_spans(text: str, lexicon: str) -> list[tuple[int, int, str]]:
    """``(start, end, phrase)`` of every hit of a word list (``"hedges.csv"`` or
    ``"unnamed_sources.csv"``) in ``text``; where hits overlap, the longest one at the
    earliest position wins. Phrases are matched with the course's one rule
    (:func:`sahel_course.text.term_spans`: whole words, any case unless the list marks the
    phrase ``case_sensitive``, both apostrophes alike, a phrase also matches its possessive).

    >>> lexicon_spans("It can be assumed that analysts may know.", "hedges.csv")
    [(0, 17, 'it can be assumed'), (32, 35, 'may')]
    """
    spans = sorted((a, a - b, b, phrase)
                   for phrase, case in _lexicon(lexicon) for a, b in term_spans(text, phrase, case))
    out, taken_until = [], -1
    for start, _neg, end, phrase in spans:  # longest match first at each position
        if start < taken_until:
            continue
        out.append((start, end, phrase))
        taken_until = end
    return out


def _scan(corpus: pd.DataFrame, lexicon: str, column: str, func: str) -> pd.DataFrame:
    check_corpus(corpus, func)
    rows: list[dict] = []
    for art_id, text in zip(corpus["id"], corpus["text"]):
        for sent in sentences(str(text)):
            for _start, _end, phrase in lexicon_spans(sent, lexicon):
                rows.append({"id": art_id, "sentence": sent, column: phrase})
    return pd.DataFrame(rows, columns=["id", "sentence", column], dtype=object)


def hedges(corpus: pd.DataFrame) -> pd.DataFrame:
    """Sentences with hedging words: one row per (sentence, hedge) hit: ``id, sentence, hedge``.

    The lexicon (``sahel_course/data/hedges.csv``) holds phrases such as "it can be assumed",
    "it stands to reason", "suspected", "reportedly", "may", "could", "according to".
    Matching ignores case, except for "may" (lowercase only, so the month May is not
    counted). Where two phrases overlap, the longer one wins. A hedge is not an error:
    it marks a claim the writer does not fully vouch for, and students judge whether the
    evidence justifies the hedge (or its absence).

    >>> demo = pd.DataFrame({"id": ["demo"], "text": ["In May, troops left. It can be assumed that they are Russian soldiers."]})
    >>> hedges(demo)["hedge"].tolist()
    ['it can be assumed']
    """
    return _scan(corpus, "hedges.csv", "hedge", "hedges")


def unnamed_sources(corpus: pd.DataFrame) -> pd.DataFrame:
    """Sentences that cite unnamed sources: one row per hit: ``id, sentence, phrase``.

    The lexicon (``sahel_course/data/unnamed_sources.csv``) holds "analysts", "observers",
    "sources", "experts", "reports", "many analysts", "some in Berlin", "Western journalists
    and academics", "human rights organizations", "it was said", ... The longest phrase
    wins where several overlap ("many analysts" rather than "analysts"). "reports" also
    matches reports that are named elsewhere: read the sentence.

    >>> demo = pd.DataFrame({"id": ["demo"], "text": ["Many analysts expected it. This is why some in Berlin object."]})
    >>> unnamed_sources(demo)["phrase"].tolist()
    ['many analysts', 'some in Berlin']
    """
    return _scan(corpus, "unnamed_sources.csv", "phrase", "unnamed_sources")
