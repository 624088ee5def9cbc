"""The class roster: who is in the class, and their ids in the learning platform.

``roster.csv`` (UTF-8, a byte-order mark is fine; one row per student)::

    student,name,lms_id,sis_id,login_id,email,section
    amadou.diallo,"Diallo, Amadou",1001,S-2031,adiallo,amadou.diallo@example.edu,Group A

* ``student`` (required, unique): the key used everywhere in grading: the folder name in
  ``submissions/<student>/<set>/``, the ``student`` column of ``grades.csv`` and ``written.csv``.
* ``name`` (required): the name as the learning platform shows it (Canvas "Student",
  Moodle "Full name"); "Last, First" and "First Last" both match a Moodle download.
* ``lms_id``: the Canvas user id (Canvas's export column ``ID``); ``collect`` reads it from
  Canvas file names. ``sis_id``, ``login_id``: Canvas "SIS User ID" / "SIS Login ID"
  (Moodle "ID number" can go in ``sis_id``). ``email``: Moodle's usual identifier.
  ``section``: Canvas "Section". Optional columns may be left empty; unknown columns are an error.

Every text is NFC-normalised (names typed on macOS arrive decomposed). Problems are
reported all at once, each naming the file, the row and the field.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FIELDS = ["student", "name", "lms_id", "sis_id", "login_id", "email", "section"]
REQUIRED = ["student", "name"]


class RosterError(ValueError):
    """roster.csv cannot be used (every problem is listed, each with file, row and field)."""


@dataclass(frozen=True)
class Student:
    student: str
    name: str
    lms_id: str = ""
    sis_id: str = ""
    login_id: str = ""
    email: str = ""
    section: str = ""


def nfc(text: str) -> str:
    """``text`` in Unicode NFC form, without surrounding spaces.

    >>> nfc("Awa Traore\\u0301") == "Awa Traoré"
    True
    """
    return unicodedata.normalize("NFC", text or "").strip()


def load(path: str | Path) -> list[Student]:
    """Read and check ``roster.csv``; raise :class:`RosterError` listing every problem."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"{path}: no such roster file (columns: {', '.join(FIELDS)}; "
                          "see docs/instructor-guide-grading.md, 'The roster')")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(f"{path}: not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'") from None
    first = text.split("\n", 1)[0]
    # a spreadsheet in a European locale saves "CSV" with semicolons: read that too
    reader = csv.DictReader(text.splitlines(), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [nfc(h) for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = [(reader.line_num, row) for row in reader]
    problems = []
    missing = [f for f in REQUIRED if f not in header]
    unknown = [h for h in header if h not in FIELDS]
    if missing:
        problems.append(f"{path}: header: missing column(s) {missing} (expected {', '.join(FIELDS)})")
    if unknown:
        problems.append(f"{path}: header: unknown column(s) {unknown} (allowed: {', '.join(FIELDS)}); "
                        "check the spelling")
    if problems:
        raise RosterError("\n".join(problems))
    students, seen, lines = [], {}, []
    for i, row in rows:
        if None in row:
            problems.append(f"{path}: row {i}: more values than columns (a comma inside a name needs quotes)")
            continue
        vals = {k: nfc(row.get(k) or "") for k in FIELDS}
        if not any(vals.values()):
            continue
        for f in REQUIRED:
            if not vals[f]:
                problems.append(f"{path}: row {i}: field '{f}' is empty")
        key = vals["student"]
        if key and key in seen:
            problems.append(f"{path}: row {i}: field 'student': {key!r} already used in row {seen[key]} "
                            "(each student key must be unique)")
        if key and ("/" in key or key.startswith(".")):
            problems.append(f"{path}: row {i}: field 'student': {key!r} cannot be a folder name "
                            "(no '/', no leading dot)")
        seen.setdefault(key, i)
        students.append(Student(**vals))
        lines.append(i)
    for field in ("lms_id", "sis_id", "login_id", "email"):
        ids: dict[str, int] = {}
        for i, s in zip(lines, students):
            v = getattr(s, field)
            if v and v in ids:
                problems.append(f"{path}: row {i}: field '{field}': {v!r} is also in row {ids[v]}")
            ids.setdefault(v, i)
    if problems:
        raise RosterError("\n".join(problems))
    if not students:
        raise RosterError(f"{path}: the roster has no students")
    return students
