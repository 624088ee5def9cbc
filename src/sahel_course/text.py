"""Split article text into words, sentences and paragraphs.

The rules are deliberately simple and the same everywhere in the course
(word counts, keyword in context, naming tables, distinctive words), so that a
number a student sees in one table can be checked in another.

Words (``tokenize``)
    * A word is a run of letters and digits. Runs are joined into one word by
      - an apostrophe, straight ``'`` or curly ``’``, between two letters/digits:
        ``MINUSMA’s``, ``they're``, ``wasn’t`` are one word each;
      - a hyphen between two letters/digits: ``anti-colonial``, ``self-defense``,
        ``G5-Sahel``, ``10-year``;
      - a comma or full stop between two digits: ``1,350``, ``15,000``, ``1.2``
        (and dates written ``01.07.2023``).
    * A range written with a hyphen, ``1,500-2,000``, is therefore ONE word (a
      hyphenated word made of two numbers). Written with an en dash,
      ``1,500–2,000``, it is two words: the en dash is punctuation.
    * Dotted abbreviations of single letters (``U.S.``, ``U.N.``, ``e.g.``) are one
      word, full stops included: ``u.s.``.
    * An apostrophe at the start or end of a word is a quotation mark or a plural
      possessive (``soldiers'``), not part of the word: the word is ``soldiers``.
    * Punctuation, quotes and dashes are never words.
    * ``lower=True`` (the default, used for all counting) lower-cases the words AND
      turns every curly apostrophe ``’`` into a straight one ``'`` (and the rare
      Unicode hyphens into ``-``), so ``MINUSMA’s`` and ``MINUSMA's`` become the
      same word ``minusma's``.
      ``lower=False`` returns the words exactly as written (curly apostrophes kept).

Sentences (``sentences``)
    A sentence ends at ``.``, ``!`` or ``?`` (possibly followed by closing quotes,
    brackets or a footnote marker such as ``[4]``) when the next sentence starts
    with a capital letter, a digit or an opening quote. It does not end after the abbreviations in ``ABBREVIATIONS``
    (``Col.``, ``Maj.``, ``Dec.``, ``U.S.`` ...) or after a single capital initial
    (``J.``). A line break always ends a sentence (headings are sentences).

Terms (``term_pattern``, ``term_spans``): the one rule every module uses to find a word or
phrase (``kwic``, ``rates``, ``naming_table``, ``actor_mentions``, the hedge and unnamed-source
lists of ``voices``, the keyword auto-coder of ``frames``)
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

    * ``term_spans(text, term, case_sensitive=True)`` also requires the letters in the
      case of ``term`` (the hedge "may" is not the month "May").

Paragraphs (``paragraphs``)
    Every non-blank line is a paragraph (some articles separate paragraphs by a
    blank line, others by a single line break).

Quotations (``quote_in``)
    A quotation is "in" a text when it is part of it after :func:`loose` on both sides:
    capital letters ignored, straight and curly quotes and apostrophes alike, dashes as
    hyphens, runs of spaces and line breaks as one space. Every quotation check of the
    course (claims ledger, Entman table, a student's paragraph, ``find_in_article``) uses it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["tokenize", "word_count", "word_spans", "sentences", "sentence_spans", "paragraphs", "ABBREVIATIONS",
           "prepare", "fold", "normalize_word", "loose", "quote_in", "term_pattern", "term_spans", "term_head", "term_tail",
           "term_regex", "term_words", "is_acronym", "guess_language", "LANGUAGE_HINTS"]

# --- words --------------------------------------------------------------------
# [^\W_] = a letter or a digit (\w without the underscore), Unicode-aware.
_ALNUM = r"[^\W_]"
_APOSTROPHES = "'\u2019"          # straight and curly (right single quotation mark)
_HYPHENS = "\\-\u2010\u2011"      # hyphen-minus, hyphen, non-breaking hyphen
# Joiners between two alphanumeric runs: apostrophe, hyphen, or . , between digits.
_JOIN = rf"(?:[{_APOSTROPHES}{_HYPHENS}]|(?<=\d)[.,](?=\d))"
TOKEN_PATTERN = (
    rf"{_ALNUM}+(?:{_JOIN}{_ALNUM}+)*"
    # a single letter followed by ".x." etc.: U.S.  U.N.  e.g.  i.e.
    rf"(?:\.(?<=(?<!{_ALNUM})[^\W\d_]\.)(?:[^\W\d_]\.)+(?!{_ALNUM}))?"
)
_TOKEN_RE = re.compile(TOKEN_PATTERN)
_CURLY = "\u2019"


def fold(text: str) -> str:
    """Lower case, ``’`` -> ``'``, Unicode hyphens -> ``-``; always the same length as ``text``,
    so a position found in the folded copy is the same position in ``text``.

    >>> fold("MINUSMA’s Anti\u2010Colonial")
    "minusma's anti-colonial"
    """
    low = _lower(text).replace(_CURLY, "'")
    if "\u2010" in low or "\u2011" in low:
        low = low.replace("\u2010", "-").replace("\u2011", "-")
    return low


def normalize_word(word: str) -> str:
    """Return ``word`` the way counting tables store it: lower case, ``’`` as ``'``.

    >>> normalize_word("MINUSMA’s")
    "minusma's"
    """
    return fold(word)


def _lower(text: str) -> str:
    """``text.lower()``, but always of the same length as ``text``.

    A few letters lower-case to two characters ("İ" -> "i" + combining dot); they
    are replaced by the first one, so words stay whole and positions still match.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    return low


def prepare(text: str) -> str:
    """``text`` with its accents composed (e + combining acute -> é, Unicode NFC), so that they stay
    inside words. Every position a function of this module returns is a position in ``prepare(text)``
    (the same as in ``text`` for the course's articles, which are stored composed).

    >>> len(prepare("Se\u0301gou")), prepare("Se\u0301gou") == "S\u00e9gou"
    (5, True)
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def tokenize(text: str, lower: bool = True) -> list[str]:
    """Split ``text`` into words (see the module notes for the exact rules).

    With ``lower=True`` the words are lower-cased and curly apostrophes become
    straight ones, so a search for ``MINUSMA's`` or ``MINUSMA’s`` finds the same
    word. With ``lower=False`` the words are returned as written.

    >>> tokenize("MINUSMA’s 1,350 anti-colonial troops (U.S.-trained) left.")
    ["minusma's", '1,350', 'anti-colonial', 'troops', 'u.s.', 'trained', 'left']
    >>> tokenize("“Russian instructors,” they're called: 1,500-2,000 men.", lower=False)
    ['Russian', 'instructors', "they're", 'called', '1,500-2,000', 'men']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"tokenize() needs a string, not {type(text).__name__}; "
            "pass one article's text, e.g. tokenize(article['text'])."
        )
    text = prepare(text)
    if lower:
        return _TOKEN_RE.findall(fold(text))
    return _TOKEN_RE.findall(text)


def word_count(text: str) -> int:
    """How many words ``text`` has: ``len(tokenize(text))``, without building the list.

    >>> word_count("MINUSMA’s 1,350 anti-colonial troops left.")
    5
    """
    if not isinstance(text, str):
        raise TypeError(f"word_count() needs a string, not {type(text).__name__}.")
    return sum(1 for _ in _TOKEN_RE.finditer(prepare(text)))


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` positions of the words of ``text`` (the words of :func:`tokenize`),
    only those inside ``text[start:end]``. ``text`` must already be :func:`prepare`-d.

    >>> text = "the Wagner Group, in Mali"
    >>> [text[a:b] for a, b in word_spans(text, 4)]
    ['Wagner', 'Group', 'in', 'Mali']
    """
    return [m.span() for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


# --- paragraphs -----------------------------------------------------------------
_LINE_RE = re.compile(r"[^\S\n]*\n\s*")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of ``text``: every non-blank line, stripped.

    >>> paragraphs("First paragraph.\\nSecond one.\\n\\n\\nThird.  ")
    ['First paragraph.', 'Second one.', 'Third.']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"paragraphs() needs a string, not {type(text).__name__}; "
            "pass one article's text, e.g. paragraphs(article['text'])."
        )
    return [p.strip() for p in text.splitlines() if p.strip()]


# --- sentences ------------------------------------------------------------------
#: Words ending in a full stop after which a sentence does NOT end (case-sensitive).
ABBREVIATIONS = frozenset(
    """
    Col. Maj. Gen. Lt. Capt. Cpt. Sgt. Brig. Adm. Cmdr. Dr. Mr. Mrs. Ms. Prof. Sr. Jr. St. Mt.
    No. Nos. Art. Vol. Fig. pp. ca. cf. vs. etc. approx. Inc. Ltd. Co. Corp.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    U.S. U.N. U.K. E.U. e.g. i.e. a.m. p.m.
    """.split()
)
# A candidate end: terminal punctuation, optional closing quotes/brackets or
# footnote markers ("[4]"), then spaces.
_END_RE = re.compile(r"[.!?\u2026]+(?:[\"'\u201d\u2019\u00bb)\]]|\[\d+\])*[^\S\n]+")
_OPENERS = "\"'\u201c\u2018\u00ab([\u2014\u2013-"
_LEADING_PUNCT = "\"'\u201c\u2018\u00ab(["


def _ends_sentence(line: str, m: re.Match[str], offset: int) -> bool:
    """Whether the candidate end ``m`` (found in the whole text, ``line`` starting at ``offset``) ends a sentence."""
    nxt = m.end() - offset
    # the next sentence must start with (opening quote +) a capital letter or digit
    while nxt < len(line) and line[nxt] in _OPENERS:
        nxt += 1
    if nxt >= len(line) or not (line[nxt].isupper() or line[nxt].isdigit()):
        return False
    start = m.start() - offset
    if line[start] != ".":
        return True
    # the word that the full stop belongs to, e.g. "(Col."
    word_start = line.rfind(" ", 0, start) + 1
    word = line[word_start : start + 1].lstrip(_LEADING_PUNCT)
    if word in ABBREVIATIONS:  # case matters: "No. 5" but "said no. Then"
        return False
    if len(word) == 2 and word[0].isupper():  # an initial: "J. Smith"
        return False
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` positions of the sentences of ``text`` (the rules of :func:`sentences`):
    ``text[start:end]`` is the sentence, without the spaces around it.

    >>> text = "He said no. Then he left.\\nNew line"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['He said no.', 'Then he left.', 'New line']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"sentences() needs a string, not {type(text).__name__}; "
            "pass one article's text, e.g. sentences(article['text'])."
        )
    out: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            out.append((a + lead, b - trail))

    para_start = 0
    for raw_line in text.splitlines(keepends=True):  # the line breaks of paragraphs()
        line = raw_line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        para_end = para_start + len(line)
        begin = para_start
        for m in _END_RE.finditer(text, para_start, para_end):
            if _ends_sentence(line, m, para_start):
                add(begin, m.end())
                begin = m.end()
        add(begin, para_end)
        para_start += len(raw_line)
    return out


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (see the module notes for the rules).

    >>> sentences("Sanctions hit two officers (Col. Moustapha Sangaré and Maj. "
    ...           "Lassine Togola). The plan runs to Dec. 31, 2023. “It is over.” He left.")
    ['Sanctions hit two officers (Col. Moustapha Sangaré and Maj. Lassine Togola).', 'The plan runs to Dec. 31, 2023.', '“It is over.”', 'He left.']
    """
    return [text[a:b] for a, b in sentence_spans(text)]


# --- loose comparison (quotation checks) ------------------------------------------
_LOOSE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
                        "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-",
                        "\u2011": "-", "\u00a0": " "})


def loose(text: str) -> str:
    """``text`` for a forgiving comparison: straight and curly quotes and apostrophes alike,
    dashes as hyphens, runs of spaces and line breaks as one space, lower case.

    >>> loose("Mali’s  “Transitional”\\nGovernment") == loose("mali's \\"transitional\\" government")
    True
    """
    return re.sub(r"\s+", " ", prepare(str(text)).translate(_LOOSE)).strip().lower()


# --- terms: the one matching rule ----------------------------------------------
# Terms are matched on a *normalised copy* of the text that has exactly the same
# length as the text (so positions carry over to the text as written): lower
# case, curly apostrophe -> straight, Unicode hyphens -> "-". The term is
# normalised the same way and searched as plain lower-case words, which lets the
# regex engine jump to candidate positions quickly (no IGNORECASE scanning).

_ALN = r"[^\W_]"
_JOINERS = "['\u2019\\-\u2010\u2011]"


def is_acronym(words: list[str]) -> bool:
    letters = "".join(words)
    return len(words) == 1 and letters.isalpha() and letters.isupper() and len(letters) <= 4


def term_head(first: str) -> str:
    """Regex for the first word of a term followed by the left word-boundary check.

    The left boundary is a look-behind placed *after* the first word, so that the
    pattern starts with a literal and the regex engine can search quickly.
    """
    f = re.escape(first)
    head = f"{f}(?<!{_ALN}{f})(?<!{_ALN}{_JOINERS}{f})"
    if first[0].isdigit():
        head += f"(?<!\\d[.,]{f})"
    return head


def term_tail(words: list[str]) -> str:
    """Regex for the words after the first one, then the right boundary (with 's)."""
    rest = "".join(r"[^\S\n]+" + re.escape(w) for w in words[1:])
    right = f"(?:['\u2019]s)?(?!{_ALN})(?!{_JOINERS}{_ALN})"
    if words[-1][-1].isdigit():
        right += r"(?![.,]\d)"
    return rest + right


def term_regex(words: list[str]) -> str:
    """Regex for one term (its words already normalised or, for acronyms, as written)."""
    return term_head(words[0]) + term_tail(words)


def term_words(term: str) -> list[str]:
    return [fold(w) for w in tokenize(term, lower=False)]


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """The compiled pattern of ``term`` (a word or phrase), to search the folded text
    (``fold(prepare(text))``): the one matching rule of the course (see the module notes).

    >>> text = "MINUSMA’s mandate; the Transitional Government of Mali"
    >>> [m.group() for m in term_pattern("minusma").finditer(fold(prepare(text)))]
    ["minusma's"]
    >>> bool(term_pattern("transitional government").search(fold(prepare(text))))
    True
    """
    return re.compile(term_regex(term_words(term)))


def _as_written(words: list[str]) -> list[str]:
    """Words with curly apostrophes and Unicode hyphens made plain, case kept (for case-sensitive terms)."""
    return [w.replace(_CURLY, "'").replace("\u2010", "-").replace("\u2011", "-") for w in words]


def term_spans(text: str, term: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of every match of ``term`` in ``text`` (positions in :func:`prepare`\\ ``(text)``),
    with the one matching rule of the course (see the module notes).

    With ``case_sensitive=True`` a match must also have the letters of ``term`` in the same case
    (``may`` then finds "may" but not the month "May"); the two apostrophes still count alike.

    >>> text = "In May, MINUSMA’s troops may leave; the may-pole stays."
    >>> [text[a:b] for a, b in term_spans(text, "minusma")]
    ['MINUSMA’s']
    >>> [text[a:b] for a, b in term_spans(text, "may")], [text[a:b] for a, b in term_spans(text, "may", True)]
    (['May', 'may'], ['may'])
    """
    text = prepare(text)
    spans = [m.span() for m in term_pattern(term).finditer(fold(text))]
    if case_sensitive:
        want = _as_written(tokenize(term, lower=False))
        spans = [(a, b) for a, b in spans if _same_case(_as_written(tokenize(text[a:b], lower=False)), want)]
    return spans


def _same_case(got: list[str], want: list[str]) -> bool:
    if len(got) != len(want):
        return False
    last_ok = got[-1] == want[-1] or got[-1] in (want[-1] + "'s", want[-1] + "'S")  # a possessive
    return got[:-1] == want[:-1] and last_ok


def quote_in(quote: str, text: str) -> bool:
    """Whether ``quote`` is part of ``text``: THE meaning of "this quotation is in the article" in the course.

    Compared with :func:`loose`: capital letters ignored, straight and curly quotes and
    apostrophes alike, dashes as hyphens, runs of spaces and line breaks as one space;
    every other character must be the same. An empty quote is never found.

    >>> quote_in('mali\\'s "Transitional" government', "Mali’s “transitional”\\ngovernment rejects it")
    True
    >>> quote_in("transitional governments", "Mali’s transitional government")
    False
    """
    needle = loose(quote)
    return bool(needle) and needle in loose(text)


# --- language guess (footnotes) ---------------------------------------------------
#: A few very common words of each language; the guess counts them (see :func:`guess_language`).
LANGUAGE_HINTS: dict[str, frozenset[str]] = {
    "fr": frozenset({"le", "la", "les", "des", "du", "une", "et", "au", "pour", "pourquoi", "pas", "ne", "à", "mais",
                     "veut-il", "l'armée", "d'avoir", "accusés", "soutien", "régime", "nouvelle"}),
    "de": frozenset({"der", "die", "das", "und", "auf", "neue", "nicht", "ende", "wie", "offenbar", "um", "streit",
                     "überlassen", "blick", "entdeckt", "russische", "alte", "einsatzkräfte"}),
    "en": frozenset({"the", "of", "and", "to", "up", "future", "security", "council", "see", "also", "is", "a"}),
}


def guess_language(text: str) -> str:
    """A rough guess of the language of a short text: ``"en"``, ``"fr"``, ``"de"`` or ``"unknown"``.

    Counts the words of :func:`tokenize` that are in :data:`LANGUAGE_HINTS`; the language with
    most wins (a tie goes to English, then French); no hint word at all gives ``"unknown"``.
    A guess, not a fact: read the text.

    >>> guess_language("Mali : pourquoi la Minusma ne peut pas enquêter"), guess_language("Moura 2022")
    ('fr', 'unknown')
    """
    words = tokenize(text)
    scores = {lang: sum(w in hints for w in words) for lang, hints in LANGUAGE_HINTS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "unknown"
