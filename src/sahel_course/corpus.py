"""The article corpus: one Markdown file per article, YAML front matter, then the body.

File layout (see ``data/README.md``)::

    ---
    id: sputnik-2021-09-plan-b
    title: ...
    ... (the other front-matter fields)
    ---

    The article body, verbatim.

    <!-- references -->
    [1] footnotes, kept apart from the body

    <!-- boilerplate -->
    Share buttons, photo credits ...

Only the body goes into ``text`` (and so into every word count); the footnotes go into
``references`` and the page furniture into ``boilerplate``.
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pandas as pd
import yaml

from ._errors import CourseDataError
from ._paths import data_dir
from .text import tokenize

__all__ = ["OUTLET_TYPES", "FIELDS", "load_corpus", "read_article", "get_article"]

#: Controlled vocabulary for ``outlet_type`` (documented in data/README.md).
OUTLET_TYPES: tuple[str, ...] = (
    "state-affiliated media",
    "advocacy site",
    "think tank / analysis",
    "news agency",
    "newspaper",
    "broadcaster",
    "official / UN",
    "blog",
)
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: Front-matter fields every article must have (``seed_file`` is optional).
FIELDS: tuple[str, ...] = (
    "id", "title", "outlet", "outlet_type", "published", "published_precision", "dating_evidence",
    "author", "language", "original_language", "translated", "source_note",
)
OPTIONAL_FIELDS: tuple[str, ...] = ("seed_file",)
NULLABLE: frozenset[str] = frozenset({"author", "translated"})

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANG = re.compile(r"^([a-z]{2}|unknown)$")
_SECTION = re.compile(r"^<!--\s*(references|boilerplate)\s*-->\s*$", re.MULTILINE)
COLUMNS = ["id", "title", "outlet", "outlet_type", "published", "published_precision", "author", "language",
           "original_language", "translated", "dating_evidence", "source_note", "text", "references",
           "boilerplate", "n_words", "path"]


def _fail(path: Path, what: str, fix: str) -> CourseDataError:
    return CourseDataError(f"{path.name}: {what}. {fix}")


def _check_field(path: Path, key: str, value: object) -> object:
    """Validate one front-matter value and return it normalised."""
    if value is None:
        if key in NULLABLE:
            return None
        raise _fail(path, f"field '{key}' is empty", f"Give '{key}' a value (see data/README.md).")
    if key == "published":
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return pd.Timestamp(value)
        text = str(value)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise _fail(path, f"field 'published' is '{text}', not a date", "Write it as YYYY-MM-DD, e.g. 2023-07-03.")
        try:
            return pd.Timestamp(_dt.date.fromisoformat(text))
        except ValueError:
            raise _fail(path, f"field 'published' is '{text}', which is not a real calendar date",
                        "Check the month and day (YYYY-MM-DD).") from None
    if key == "translated":
        if not isinstance(value, bool):
            raise _fail(path, f"field 'translated' is {value!r}", "Write true, false, or null (unknown).")
        return value
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"field '{key}' is {value!r}, not a piece of text", f"Write '{key}' as text.")
    value = value.strip()
    if key == "id" and not _ID.match(value):
        raise _fail(path, f"field 'id' is '{value}'",
                    "Use lowercase letters, digits and hyphens only, e.g. 'outlet-2023-07-topic'.")
    if key == "outlet_type" and value not in OUTLET_TYPES:
        raise _fail(path, f"field 'outlet_type' is '{value}', which is not in the vocabulary",
                    "Use one of: " + "; ".join(OUTLET_TYPES) + " (or add a type to OUTLET_TYPES and data/README.md).")
    if key == "published_precision" and value not in PRECISIONS:
        raise _fail(path, f"field 'published_precision' is '{value}'", "Use one of: day, month, year.")
    if key in ("language", "original_language") and not _LANG.match(value):
        raise _fail(path, f"field '{key}' is '{value}'", "Use a two-letter ISO 639-1 code such as 'en', or 'unknown'.")
    return value


def read_article(path: str | Path) -> dict:
    """Read and validate one article file; return its fields, body, references and boilerplate.

    >>> a = read_article(data_dir() / "articles" / "sputnik-2021-09-plan-b.md")
    >>> a["outlet"], a["published"].year, a["text"].startswith("As France ends")
    ('Sputnik', 2021, True)
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise _fail(path, f"is not UTF-8 text (bad byte at position {err.start})",
                    "Open it in an editor and save it with UTF-8 encoding.") from None
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n")
    if not raw.startswith("---\n"):
        raise _fail(path, "does not start with a '---' line (the YAML front matter is missing)",
                    "Put the fields between two '---' lines at the top of the file (see data/README.md).")
    end = raw.find("\n---\n", 3)
    if end == -1:
        raise _fail(path, "has no closing '---' line after the front matter",
                    "Add a line with three dashes between the fields and the article text.")
    try:
        meta = yaml.safe_load(raw[4:end + 1])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" near line {mark.line + 2}" if mark is not None else ""
        raise _fail(path, f"has broken YAML front matter{where} ({getattr(err, 'problem', err)})",
                    "Check the quotes and colons there; text containing ': ' must be quoted.") from None
    if not isinstance(meta, dict):
        raise _fail(path, "front matter is not a list of 'field: value' lines",
                    "Write one 'field: value' per line between the '---' lines.")
    unknown = sorted(set(meta) - set(FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise _fail(path, f"has unknown field(s) {', '.join(map(str, unknown))}",
                    "Check the spelling; the allowed fields are: " + ", ".join(FIELDS + OPTIONAL_FIELDS) + ".")
    missing = [f for f in FIELDS if f not in meta]
    if missing:
        raise _fail(path, f"is missing field(s) {', '.join(missing)}",
                    "Add them to the front matter (use null for an unknown author).")
    record = {key: _check_field(path, key, meta[key]) for key in FIELDS}

    rest = raw[end + 5:]
    parts = _SECTION.split(rest)
    sections = {"body": parts[0], "references": "", "boilerplate": ""}
    for name, content in zip(parts[1::2], parts[2::2]):
        if sections[name]:
            raise _fail(path, f"has two '<!-- {name} -->' sections", "Merge them into one.")
        sections[name] = content.strip()
    body = sections["body"].strip()
    if not body:
        raise _fail(path, "has an empty body (no article text after the front matter)",
                    "Paste the article text below the closing '---' line.")
    record.update(text=body, references=sections["references"], boilerplate=sections["boilerplate"],
                  n_words=len(tokenize(body, lower=False)), path=path.name)
    return record


def load_corpus(folder: str | Path | None = None) -> pd.DataFrame:
    """Load every article in ``folder`` (default: the course's ``data/articles``).

    Returns one row per article, ordered by publication date (then id). ``text`` is
    the body only; ``n_words`` counts its word tokens. Every ``.md`` file in the folder
    is an article: a file that is not valid raises :class:`CourseDataError` naming the
    file, the field and the fix, so nothing is skipped silently.

    >>> corpus = load_corpus()
    >>> list(corpus.columns[:5])
    ['id', 'title', 'outlet', 'outlet_type', 'published']
    >>> corpus["published"].is_monotonic_increasing
    True
    """
    folder = Path(folder) if folder is not None else data_dir() / "articles"
    if not folder.is_dir():
        raise CourseDataError(f"{folder}: no such folder of articles. Check the path "
                              "(or unset SAHEL_COURSE_DATA to use the course's own data).")
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    strays = [p.name for p in files if p.suffix != ".md" or not p.is_file()]
    if strays:
        raise CourseDataError(f"{folder.name}/: {', '.join(strays)} is not an article file (.md). "
                              "Convert it to Markdown with front matter, or move it out of the folder.")
    if not files:
        raise CourseDataError(f"{folder}: the folder has no article files (*.md). Add at least one article.")
    records = [read_article(p) for p in files]
    seen: dict[str, str] = {}
    for r in records:
        if r["id"] in seen:
            raise CourseDataError(f"{r['path']}: field 'id' is '{r['id']}', already used by {seen[r['id']]}. "
                                  "Give every article its own id.")
        seen[r["id"]] = r["path"]
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"])
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame.sort_values(["published", "id"], kind="stable").reset_index(drop=True)


def get_article(corpus: pd.DataFrame, article_id: str) -> pd.Series:
    """Return the row of ``corpus`` whose id is ``article_id``.

    >>> get_article(load_corpus(), "sputnik-2021-09-plan-b")["outlet"]
    'Sputnik'
    """
    from ._kind import CourseInputError, CourseTypeError, closest, need_text

    if not isinstance(corpus, pd.DataFrame) or "id" not in corpus.columns:
        raise CourseTypeError("get_article() needs the corpus table from load_corpus() as its first argument, "
                              "e.g. get_article(corpus, 'sputnik-2021-09-plan-b').")
    article_id = need_text(article_id, "article_id", "get_article", "'sputnik-2021-09-plan-b'")
    ids = [str(i) for i in corpus["id"]]
    same = [i for i in ids if i.lower() == article_id.lower()]  # forgive capitals and spaces around the id
    if not same:
        near = closest(article_id, ids)
        hint = f" Did you mean '{near}'?" if near else ""
        raise CourseInputError(f"No article has the id '{article_id}'. Known ids: {', '.join(ids)}.{hint}")
    return corpus[corpus["id"] == same[0]].iloc[0]
