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

__all__ = ["OUTLET_TYPES", "FIELDS", "load_corpus", "read_article", "get_article", "corpus_problems"]

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
#: The longest article id: ids label charts, and a longer one would not fit beside them.
MAX_ID_LENGTH = 40
_LANG = re.compile(r"^([a-z]{2}|unknown)$")
_SECTION = re.compile(r"^<!--\s*(references|boilerplate)\s*-->\s*$", re.MULTILINE)
COLUMNS = ["id", "title", "outlet", "outlet_type", "published", "published_precision", "author", "language",
           "original_language", "translated", "dating_evidence", "source_note", "text", "references",
           "boilerplate", "n_words", "path"]


class _Loader(yaml.SafeLoader):
    """YAML loader for front matter: dates stay text (checked by us), a repeated key is an error."""


# Drop YAML's automatic date conversion, so that an unquoted 2023-13-45 reaches our own check.
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check_field(key: str, value: object, raw: str | None = None) -> tuple[object, str | None]:
    """Validate one front-matter value: return (normalised value, None) or (None, 'problem. fix')."""
    if value is None:
        if key in NULLABLE:
            return None, None
        return None, f"empty. Give '{key}' a value (see data/README.md)"
    if key == "translated":
        if not isinstance(value, bool):
            return None, f"{value!r} is not true, false or null. Write true, false, or null (unknown)"
        return value, None
    if not isinstance(value, str):
        kind = "true/false" if isinstance(value, bool) else "a number" if isinstance(value, (int, float)) else "a list or table"
        return None, (f"YAML reads this value as {kind}, not as text. Put it in quotes, "
                      f"e.g. {key}: '{raw if raw is not None else value}'" if kind != "a list or table" else
                      f"YAML reads this value as {kind}, not as text. Write it on one line, in quotes if it "
                      "contains ': ' or starts with [ or {")
    value = value.strip()
    if not value:
        return None, f"empty. Give '{key}' a value (see data/README.md)"
    if key == "published":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return None, f"'{value}' is not a date. Write it as YYYY-MM-DD, e.g. 2023-07-03"
        try:
            return pd.Timestamp(_dt.date.fromisoformat(value)), None
        except ValueError:
            return None, f"'{value}' is not a real calendar date. Check the month and day (YYYY-MM-DD)"
    if key == "id" and not _ID.match(value):
        return None, f"'{value}' has characters other than lowercase letters, digits and hyphens. Use e.g. 'outlet-2023-07-topic'"
    if key == "id" and len(value) > MAX_ID_LENGTH:
        return None, (f"'{value}' has {len(value)} characters; an id is printed in every chart, legend and table, so "
                      f"keep it to {MAX_ID_LENGTH} at most, e.g. 'outlet-2023-07-topic' (rename the file to match)")
    if key == "outlet_type" and value not in OUTLET_TYPES:
        return None, (f"'{value}' is not in the vocabulary. Use one of: " + "; ".join(OUTLET_TYPES)
                      + " (or add a type to OUTLET_TYPES and data/README.md)")
    if key == "published_precision" and value not in PRECISIONS:
        return None, f"'{value}' is not one of: day, month, year"
    if key in ("language", "original_language") and not _LANG.match(value):
        return None, f"'{value}' is not a language code. Use a two-letter ISO 639-1 code such as 'en', or 'unknown'"
    return value, None


def _front_matter(path: Path, text: str, problems: list[str]) -> dict | None:
    """Parse the YAML between the '---' lines into {key: (value, line)}; add problems, return None if unreadable."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 2}" if mark is not None else ""
        problems.append(f"{path.name}{where}: broken YAML front matter ({getattr(err, 'problem', None) or err}). "
                        "Check the quotes and colons there; text containing ': ' must be quoted")
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path.name}: the front matter is not a list of 'field: value' lines. "
                        "Write one 'field: value' per line between the '---' lines")
        return None
    meta: dict[str, tuple[object, int, str | None]] = {}
    loader = _Loader("")
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
        key = str(key_node.value)
        if key in meta:
            problems.append(f"{path.name}, line {line}, field '{key}': appears twice (first on line {meta[key][1]}). "
                            "Keep one (YAML would silently keep the last)")
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as err:
            problems.append(f"{path.name}, line {line}, field '{key}': cannot be read ({err}). Write it as plain text")
            continue
        meta[key] = (value, line, value_node.value if isinstance(value_node, yaml.ScalarNode) else None)
    return meta


def _article(path: Path) -> tuple[dict | None, list[str]]:
    """Read one article file; return (record or None, every problem found)."""
    problems: list[str] = []
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [f"{path.name}: is not UTF-8 text (bad byte at position {err.start}). "
                      "Open it in an editor and save it with UTF-8 encoding"]
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not re.match(r"---[ \t]*\n", raw):
        return None, [f"{path.name}, line 1: does not start with a '---' line (the YAML front matter is missing). "
                      "Put the fields between two '---' lines at the top of the file (see data/README.md)"]
    opening = raw.index("\n") + 1
    closing = re.compile(r"^---[ \t]*$", re.MULTILINE).search(raw, opening)
    if closing is None:
        return None, [f"{path.name}: has no closing '---' line after the front matter. "
                      "Add a line with only three dashes between the fields and the article text"]
    meta = _front_matter(path, raw[opening:closing.start()], problems)
    if meta is None:
        return None, problems
    unknown = [k for k in meta if k not in FIELDS + OPTIONAL_FIELDS]
    for key in unknown:
        problems.append(f"{path.name}, line {meta[key][1]}, field '{key}': unknown field. Check the spelling; the "
                        "allowed fields are: " + ", ".join(FIELDS + OPTIONAL_FIELDS))
    missing = [f for f in FIELDS if f not in meta]
    if missing:
        problems.append(f"{path.name}: missing field(s) {', '.join(missing)}. "
                        "Add them to the front matter (use null for an unknown author)")
    record: dict[str, object] = {}
    for key in FIELDS + OPTIONAL_FIELDS:
        if key not in meta:
            continue
        value, problem = _check_field(key, meta[key][0], meta[key][2])
        if problem:
            problems.append(f"{path.name}, line {meta[key][1]}, field '{key}': {problem}")
        record[key] = value
    if isinstance(record.get("id"), str) and record["id"] != path.stem:
        problems.append(f"{path.name}, line {meta['id'][1]}, field 'id': '{record['id']}' differs from the file name. "
                        f"The id is the file name without .md: rename the file to {record['id']}.md or write id: {path.stem}")

    rest = raw[closing.end():]
    parts = _SECTION.split(rest)
    sections = {"body": parts[0], "references": "", "boilerplate": ""}
    for name, content in zip(parts[1::2], parts[2::2]):
        if sections[name]:
            problems.append(f"{path.name}: has two '<!-- {name} -->' sections. Merge them into one")
        sections[name] = content.strip()
    body = sections["body"].strip()
    if not body:
        problems.append(f"{path.name}: has an empty body (no article text after the front matter). "
                        "Paste the article text below the closing '---' line")
    if problems:
        return None, problems
    record.update(text=body, references=sections["references"], boilerplate=sections["boilerplate"],
                  n_words=len(tokenize(body, lower=False)), path=path.name)
    return record, []


def _raise(problems: list[str], where: str) -> None:
    if len(problems) == 1:
        raise CourseDataError(problems[0] + ".")
    if problems:
        raise CourseDataError(f"{where}: {len(problems)} problems (fix them all, then load again):\n"
                              + "\n".join(f"  - {p}." for p in problems))


def read_article(path: str | Path) -> dict:
    """Read and validate one article file; return its fields, body, references and boilerplate.

    Every problem of the file is reported at once, in one :class:`CourseDataError` that names
    the file, the line and the field, and says what to do.

    >>> a = read_article(data_dir() / "articles" / "sputnik-2021-09-plan-b.md")
    >>> a["outlet"], a["published"].year, a["text"].startswith("As France ends")
    ('Sputnik', 2021, True)
    """
    path = Path(path)
    if not path.is_file():
        raise CourseDataError(f"{path.name}: no such article file ({path}). Check the path.")
    record, problems = _article(path)
    _raise(problems, path.name)
    return record


def article_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The article files of ``folder`` and the problems with the folder's other entries.

    Every ``*.md`` file is an article. Entries whose name starts with a dot and does not end
    in ``.md`` (editor and Jupyter housekeeping such as ``.ipynb_checkpoints``) are ignored;
    a hidden ``.md`` file or any other file is a problem, never skipped silently.
    """
    problems = []
    files = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") and not p.name.endswith(".md"):
            continue
        if p.name.startswith("."):
            problems.append(f"{folder.name}/{p.name}: a hidden article file (its name starts with a dot) would not be "
                            f"loaded. Rename it to {p.name.lstrip('.')} to include it, or move it out of the folder")
        elif p.suffix != ".md" or not p.is_file():
            problems.append(f"{folder.name}/{p.name}: is not an article file (.md). "
                            "Convert it to Markdown with front matter, or move it out of the folder")
        else:
            files.append(p)
    return files, problems


def corpus_problems(folder: str | Path | None = None) -> list[str]:
    """Every problem of every article in ``folder`` (default ``data/articles``); empty when all is well.

    >>> corpus_problems()
    []
    """
    try:
        load_corpus(folder)
    except CourseDataError as err:
        text = str(err)
        return [line[4:] for line in text.splitlines()[1:]] if "\n" in text else [text]
    return []


def load_corpus(folder: str | Path | None = None) -> pd.DataFrame:
    """Load every article in ``folder`` (default: the course's ``data/articles``).

    Returns one row per article, ordered by publication date (then id). ``text`` is
    the body only; ``n_words`` counts its word tokens. Every ``.md`` file in the folder
    is an article, and its ``id`` is its file name without ``.md``. If anything is wrong,
    one :class:`CourseDataError` lists every problem of every file (file, line, field and
    fix), so nothing is skipped silently.

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
    files, problems = article_files(folder)
    if not files and not problems:
        raise CourseDataError(f"{folder}: the folder has no article files (*.md). Add at least one article.")
    records = []
    for p in files:
        record, found = _article(p)
        problems += found
        if record is not None:
            records.append(record)
    _raise(problems, f"{folder.name}/")
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
