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

Terms (``term_pattern``: kwic, rates, naming_table, actor_mentions)
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

Paragraphs (``paragraphs``)
    Every non-blank line is a paragraph (some articles separate paragraphs by a
    blank line, others by a single line break).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["tokenize", "sentences", "paragraphs", "ABBREVIATIONS", "normalize_word", "loose", "term_pattern",
           "term_head", "term_tail", "term_regex", "term_words", "is_acronym"]

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


def _fold(text: str) -> str:
    """Lower case, ``’`` -> ``'``, Unicode hyphens -> ``-``; same length as ``text``."""
    low = _lower(text).replace(_CURLY, "'")
    if "\u2010" in low or "\u2011" in low:
        low = low.replace("\u2010", "-").replace("\u2011", "-")
    return low


def normalize_word(word: str) -> str:
    """Return ``word`` the way counting tables store it: lower case, ``’`` as ``'``.

    >>> normalize_word("MINUSMA’s")
    "minusma's"
    """
    return _fold(word)


def _lower(text: str) -> str:
    """``text.lower()``, but always of the same length as ``text``.

    A few letters lower-case to two characters ("İ" -> "i" + combining dot); they
    are replaced by the first one, so words stay whole and positions still match.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    return low


def _prepare(text: str) -> str:
    # Compose accents (e + combining acute -> é) so that they stay inside words.
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
    text = _prepare(text)
    if lower:
        return _TOKEN_RE.findall(_fold(text))
    return _TOKEN_RE.findall(text)


def _token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character positions of the words of ``text`` (no NFC step)."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


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


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    nxt = m.end()
    # the next sentence must start with (opening quote +) a capital letter or digit
    while nxt < len(text) and text[nxt] in _OPENERS:
        nxt += 1
    if nxt >= len(text) or not (text[nxt].isupper() or text[nxt].isdigit()):
        return False
    if text[m.start()] != ".":
        return True
    # the word that the full stop belongs to, e.g. "(Col."
    start = m.start()
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    word = text[word_start : start + 1].lstrip(_LEADING_PUNCT)
    if word in ABBREVIATIONS:  # case matters: "No. 5" but "said no. Then"
        return False
    if len(word) == 2 and word[0].isupper():  # an initial: "J. Smith"
        return False
    return True


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (see the module notes for the rules).

    >>> sentences("Sanctions hit two officers (Col. Moustapha Sangaré and Maj. "
    ...           "Lassine Togola). The plan runs to Dec. 31, 2023. “It is over.” He left.")
    ['Sanctions hit two officers (Col. Moustapha Sangaré and Maj. Lassine Togola).', 'The plan runs to Dec. 31, 2023.', '“It is over.”', 'He left.']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"sentences() needs a string, not {type(text).__name__}; "
            "pass one article's text, e.g. sentences(article['text'])."
        )
    out: list[str] = []
    for para in paragraphs(text):
        begin = 0
        for m in _END_RE.finditer(para):
            if _ends_sentence(para, m):
                piece = para[begin : m.end()].strip()
                if piece:
                    out.append(piece)
                begin = m.end()
        rest = para[begin:].strip()
        if rest:
            out.append(rest)
    return out


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
    return re.sub(r"\s+", " ", _prepare(str(text)).translate(_LOOSE)).strip().lower()


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
    return [_fold(w) for w in tokenize(term, lower=False)]


def term_pattern(term: str) -> re.Pattern[str]:
    """The compiled pattern of ``term`` (a word or phrase), to search the folded text
    (``_fold(_prepare(text))``): the one matching rule of the course (see the module notes).

    >>> text = "MINUSMA’s mandate; the Transitional Government of Mali"
    >>> [m.group() for m in term_pattern("minusma").finditer(_fold(_prepare(text)))]
    ["minusma's"]
    >>> bool(term_pattern("transitional government").search(_fold(_prepare(text))))
    True
    """
    return re.compile(term_regex(term_words(term)))
