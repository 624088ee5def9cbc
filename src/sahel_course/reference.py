"""Reference tables in ``data/``: load each CSV and check it against its schema.

Every loader returns a pandas DataFrame (``load_outline`` a dict) and raises
:class:`~sahel_course.CourseDataError` naming the file, the row (as numbered in a
spreadsheet: the header is row 1) and the field when something is wrong.
The schemas are documented in ``data/README.md``.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ._errors import CourseDataError
from ._paths import data_dir

__all__ = ["SCHEMAS", "load_table", "table_problems", "load_timeline", "load_actors", "load_naming", "load_glossary",
           "load_places", "load_bases", "load_outline", "load_entman", "ENTMAN_FUNCTIONS", "data_dir", "MAP_REGION"]

#: Longitude and latitude bounds of the course's maps (West Africa and the Sahel).
MAP_REGION = {"lon": (-18.0, 25.0), "lat": (4.0, 28.0)}

Check = Callable[[str], str | None]  # returns a problem description, or None when fine


def one_of(*allowed: str) -> Check:
    return lambda v: None if v in allowed else f"'{v}' is not one of: {', '.join(allowed)}"


def _date(v: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return f"'{v}' is not a date written YYYY-MM-DD"
    try:
        _dt.date.fromisoformat(v)
    except ValueError:
        return f"'{v}' is not a real calendar date"
    return None


def _number(lo: float, hi: float) -> Check:
    def check(v: str) -> str | None:
        try:
            x = float(v)
        except ValueError:
            return f"'{v}' is not a number"
        return None if lo <= x <= hi else f"{v} is outside {lo}..{hi}"
    return check


@dataclass(frozen=True)
class Schema:
    """Columns of one CSV file: which must be filled, and a check per column."""
    file: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    checks: dict[str, Check] = field(default_factory=dict)
    may_be_empty: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()


CONFIDENCE = ("high", "medium", "unverified")
TIMELINE_CATEGORIES = ("coup", "conflict", "diplomacy", "un", "france", "europe", "regional", "russia",
                       "human_rights", "peace_process", "withdrawal", "election")
ACTOR_TYPES = ("state", "government", "military", "armed_group", "international_org", "mission", "person",
               "company", "media", "ngo")
STANCES = ("neutral", "pejorative", "legitimising", "euphemistic", "official", "descriptive")
PLACE_KINDS = ("capital", "city", "town", "village", "base", "region", "camp")
BASE_PHASES = ("1", "2", "liquidation")


def _known_place(v: str) -> str | None:
    """A place name of bases.csv must be a ``name`` of places.csv (in the same data folder)."""
    try:
        names = set(_load("places", None)["name"])
    except CourseDataError:
        return None  # places.csv's own problems are reported for places.csv
    return None if v in names else f"'{v}' is not a name in places.csv (add the place there first, or fix the spelling)"


CLAIM_COLUMNS = ("claim_id", "article_id", "quote", "claim_type", "quantity", "stated_value", "record", "source",
                 "verdict", "note")
VERDICTS = ("correct", "wrong", "inconsistent", "needs context", "typo")
#: Entman's four functions of framing, in his order (the ``function`` column of entman.csv).
ENTMAN_FUNCTIONS: tuple[str, ...] = ("problem_definition", "causal_interpretation", "moral_evaluation", "remedy")

SCHEMAS: dict[str, Schema] = {
    "timeline": Schema("timeline.csv", ("date", "precision", "event", "actors", "category", "source", "confidence"),
                       checks={"date": _date, "precision": one_of("day", "month", "year"),
                               "category": one_of(*TIMELINE_CATEGORIES), "confidence": one_of(*CONFIDENCE)}),
    "actors": Schema("actors.csv", ("actor", "type", "aliases", "description", "source"),
                     checks={"type": one_of(*ACTOR_TYPES)}, unique=("actor",)),
    "naming": Schema("naming.csv", ("referent", "variant", "stance", "notes"),
                     checks={"stance": one_of(*STANCES)}, may_be_empty=("notes",), unique=("referent", "variant")),
    "glossary": Schema("glossary.csv", ("term", "expansion", "definition", "source"), unique=("term",)),
    "places": Schema("places.csv", ("name", "lat", "lon", "kind", "note", "source"),
                     checks={"lat": _number(-90, 90), "lon": _number(-180, 180), "kind": one_of(*PLACE_KINDS)},
                     may_be_empty=("note",), unique=("name",)),
    "bases": Schema("bases.csv", ("base", "place", "left", "precision", "how", "phase", "source", "confidence"),
                    checks={"place": _known_place, "left": _date, "precision": one_of("day", "month", "year"),
                            "phase": one_of(*BASE_PHASES), "confidence": one_of(*CONFIDENCE)},
                    may_be_empty=("left", "precision", "phase"), unique=("base",)),
    "claims": Schema("claims.csv", CLAIM_COLUMNS, checks={"verdict": one_of(*VERDICTS)},
                     may_be_empty=("note", "record", "stated_value", "quantity", "claim_type"), unique=("claim_id",)),
    "entman": Schema("entman.csv", ("article_id", "function", "summary", "evidence_quote"),
                     checks={"function": one_of(*ENTMAN_FUNCTIONS)}, unique=("article_id", "function")),
}


def _raise_all(label: str, problems: list[str]) -> None:
    """Raise one CourseDataError listing every problem found in a file (nothing if the list is empty)."""
    if len(problems) == 1:
        raise CourseDataError(problems[0])
    if problems:
        raise CourseDataError(f"{label}: {len(problems)} problems (fix them all, then load again):\n"
                              + "\n".join(f"  - {p}" for p in problems))


def read_csv_text(path: Path, label: str | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a CSV file as text: the header and the data rows with their spreadsheet row numbers.

    Line endings may be Windows, Unix or old-Mac style; a UTF-8 byte-order mark is ignored.
    Spaces around every value (and every header name) are removed. Blank lines are not rows
    (but count in the row numbers, as in a spreadsheet). A header with a repeated or empty
    column name, or a row with more or fewer fields than the header, raises
    :class:`CourseDataError` listing every such problem with its row.
    """
    import csv

    label = label or path.name
    if not path.is_file():
        raise CourseDataError(f"{label}: file not found at {path}. Restore it from the course repository.")
    try:
        raw = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as err:
        raise CourseDataError(f"{label}: not UTF-8 text (bad byte at position {err.start}). "
                              "Save it from your spreadsheet as 'CSV UTF-8'.") from None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    try:
        records = list(csv.reader(io.StringIO(raw, newline=""), strict=True))
    except csv.Error as err:
        raise CourseDataError(f"{label}: cannot be read as CSV ({err}). Check the double quotes: a field that "
                              "contains a comma or a quote must be in double quotes, with inner quotes doubled (\"\").") from None
    numbered = [(i, [v.strip() for v in rec]) for i, rec in enumerate(records, start=1) if any(v.strip() for v in rec)]
    if not numbered:
        raise CourseDataError(f"{label}: the file is empty. It needs a header row and at least one data row.")
    (_, header), rows = numbered[0], numbered[1:]
    problems = []
    seen: set[str] = set()
    for k, name in enumerate(header, start=1):
        if not name:
            problems.append(f"{label}, row 1 (header), column {k}: the column has no name. "
                            "Give it a name or delete the empty column.")
        elif name in seen:
            problems.append(f"{label}, row 1 (header): the column '{name}' appears twice. "
                            "Rename or delete one of them (a column is never renamed silently).")
        seen.add(name)
    for line, values in rows:
        if len(values) != len(header):
            more = len(values) > len(header)
            problems.append(f"{label}, row {line}: {len(values)} fields, but the header has {len(header)} columns. "
                            + ("Put a value that contains a comma in double quotes, or remove the extra comma."
                               if more else "Add the missing values (an empty value still needs its comma)."))
    _raise_all(label, problems)
    return header, rows


def table_problems(name: str, path: str | Path | None = None, schema: Schema | None = None) -> list[str]:
    """Every problem of the reference table ``name`` (a key of :data:`SCHEMAS`), as messages; empty when fine.

    >>> table_problems("glossary")
    []
    """
    try:
        _load(name, path, schema)
    except CourseDataError as err:
        text = str(err)
        return [line[4:] for line in text.splitlines()[1:]] if "\n" in text else [text]
    return []


def _load(name: str, path: str | Path | None, schema: Schema | None = None) -> pd.DataFrame:
    if name not in SCHEMAS:
        raise ValueError(f"There is no reference table called '{name}'; use one of: {', '.join(SCHEMAS)}.")
    schema = schema or SCHEMAS[name]
    path = Path(path) if path is not None else data_dir() / schema.file
    label = path.name
    header, rows = read_csv_text(path, label)
    missing = [c for c in schema.required if c not in header]
    if missing:
        raise CourseDataError(f"{label}: missing column(s) {', '.join(missing)}. "
                              f"The header must contain: {', '.join(schema.required)}.")
    if not rows:
        raise CourseDataError(f"{label}: has a header but no rows. Add at least one row.")
    problems = []
    for line, values in rows:
        row = dict(zip(header, values))
        for col in schema.required:
            value = row[col]
            if not value:
                if col not in schema.may_be_empty:
                    problems.append(f"{label}, row {line}, field '{col}': empty. Fill it in "
                                    f"(write 'unverified' in a source field if you could not check it).")
                continue
            check = schema.checks.get(col)
            problem = check(value) if check else None
            if problem:
                problems.append(f"{label}, row {line}, field '{col}': {problem}.")
    if schema.unique:
        first: dict[tuple[str, ...], int] = {}
        for line, values in rows:
            row = dict(zip(header, values))
            key = tuple(row[c] for c in schema.unique)
            if key in first:
                problems.append(f"{label}: rows {first[key]}, {line} repeat the same {' + '.join(schema.unique)} "
                                f"({' + '.join(key)}). Keep one row for each.")
            else:
                first[key] = line
    _raise_all(label, problems)
    table = pd.DataFrame([values for _, values in rows], columns=header, dtype=str)
    table.index = pd.RangeIndex(len(table))
    table.attrs["rows"] = [line for line, _ in rows]  # spreadsheet row numbers, for later messages
    return table


def load_table(name: str, path: str | Path | None = None, schema: Schema | None = None) -> pd.DataFrame:
    """Load the reference table ``name`` (a key of :data:`SCHEMAS`) and validate it.

    Every value is text with the spaces around it removed, so ``" conflict"`` is stored as
    ``"conflict"``. Any problem raises :class:`CourseDataError`, which lists every problem of
    the file, each with its row (spreadsheet numbering: the header is row 1) and field.

    >>> load_table("glossary").columns[:2].tolist()
    ['term', 'expansion']
    """
    return _load(name, path, schema)


def load_timeline() -> pd.DataFrame:
    """The dated events 2012-2025, with ``date`` as a datetime, sorted by date.

    >>> tl = load_timeline()
    >>> tl["date"].min().year, tl["date"].is_monotonic_increasing
    (2012, True)
    """
    table = load_table("timeline")
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def load_actors() -> pd.DataFrame:
    """Actors with their aliases as a list (column ``aliases``).

    >>> actors = load_actors()
    >>> "MINUSMA" in set(actors["actor"])
    True
    """
    table = load_table("actors")
    table["aliases"] = [[a.strip() for a in s.split(";") if a.strip()] for s in table["aliases"]]
    return table


def load_naming() -> pd.DataFrame:
    """Referents and the variant names sources use for them (one row per variant).

    >>> "transitional government" in set(load_naming()["variant"])
    True
    """
    return load_table("naming")


def load_glossary() -> pd.DataFrame:
    """Acronyms and terms with their expansions and definitions.

    >>> load_glossary().set_index("term").loc["MINUSMA", "expansion"][:6]
    'United'
    """
    return load_table("glossary")


def load_places() -> pd.DataFrame:
    """Places named in the articles and MINUSMA's main bases, with float ``lat``/``lon``.

    >>> p = load_places().set_index("name")
    >>> bool(p.loc["Bamako", "lat"] > 12)
    True
    """
    table = load_table("places")
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    return table


def load_entman(corpus: pd.DataFrame | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Read ``data/entman.csv``: our reading of each article with Entman's four functions.

    Columns: ``article_id``, ``function`` (one of :data:`ENTMAN_FUNCTIONS`), ``summary``
    (our words) and ``evidence_quote`` (the article's words). The file is checked against
    ``SCHEMAS["entman"]`` (every field filled, known function, one row per article and
    function). When ``corpus`` is given, every ``article_id`` must be in it and every quote
    must be part of that article's body in the sense of :func:`sahel_course.text.quote_in`
    (case and the kind of quotation marks, apostrophes and dashes ignored); otherwise a
    :class:`CourseDataError` names the row and field.

    >>> table = load_entman()
    >>> sorted(set(table["function"])) == sorted(ENTMAN_FUNCTIONS)
    True
    """
    from .text import quote_in

    table = load_table("entman", path)
    columns = list(SCHEMAS["entman"].required)
    if corpus is not None:
        bodies = dict(zip(corpus["id"], corpus["text"]))
        label = Path(path).name if path is not None else "entman.csv"
        problems = []
        for line, art, quote in zip(table.attrs["rows"], table["article_id"], table["evidence_quote"]):
            if art not in bodies:
                problems.append(f"{label}, row {line}, field 'article_id': no article has the id '{art}'. "
                                "Check the spelling against data/articles/.")
            elif not quote_in(quote, bodies[art]):
                problems.append(f"{label}, row {line}, field 'evidence_quote': the quote is not part of {art} "
                                "(even ignoring capital letters and the kind of quotation marks, apostrophes and "
                                "dashes). Copy it from the article.")
        _raise_all(label, problems)
    return table[columns]


def load_bases() -> pd.DataFrame:
    """MINUSMA's camps and when the mission left each (``left`` a datetime, empty where unknown).

    A base whose date is known must say how precise it is, and one without a date must not.

    >>> b = load_bases().set_index("base")
    >>> b.loc["Ber", "left"].strftime("%Y-%m-%d"), b.loc["Ber", "place"]
    ('2023-08-13', 'Ber')
    """
    table = load_table("bases")
    bad = [f"bases.csv, row {i + 2}, field 'precision': "
           + ("empty although 'left' has a date. Write day, month or year." if row["left"]
              else f"'{row['precision']}' although 'left' is empty. Empty both, or give the date.")
           for i, row in table.iterrows() if bool(row["left"]) != bool(row["precision"])]
    _raise_all("bases.csv", bad)
    table["left"] = pd.to_datetime(table["left"].replace("", None), format="%Y-%m-%d")
    return table


def load_outline(path: str | Path | None = None) -> dict[str, list[list[tuple[float, float]]]]:
    """Country outlines for maps: ``{country name: [ring, ...]}``, each ring a list of (lon, lat).

    Read from ``data/geo/sahel_outline.geojson`` (Natural Earth, public domain; see data/geo/README.md).

    >>> outline = load_outline()
    >>> "Mali" in outline and len(outline["Mali"][0]) > 10
    True
    """
    path = Path(path) if path is not None else data_dir() / "geo" / "sahel_outline.geojson"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseDataError(f"{path.name}: file not found at {path}. Restore data/geo/ from the repository.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CourseDataError(f"{path.name}: not valid GeoJSON ({err}). Restore it from the repository.") from None
    outline: dict[str, list[list[tuple[float, float]]]] = {}
    for n, feat in enumerate(doc.get("features", []), start=1):
        props = feat.get("properties") or {}
        name = props.get("name") or props.get("NAME") or props.get("ADMIN")
        geom = feat.get("geometry") or {}
        if not name or geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise CourseDataError(f"{path.name}, feature {n}: needs a 'name' property and a Polygon or "
                                  "MultiPolygon geometry.")
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        outline[name] = [[(float(x), float(y)) for x, y, *_ in ring] for poly in polys for ring in poly[:1]]
    if not outline:
        raise CourseDataError(f"{path.name}: has no country features. Restore it from the repository.")
    return outline
