"""Collect: turn a Canvas or Moodle "download all submissions" into the submissions layout.

``sahel-course collect ARCHIVE_OR_FOLDER --set SET --roster roster.csv --out submissions``
writes ``submissions/<student>/<SET>/<SET>.ipynb`` (the ``student`` key of the roster) and
``collect-<SET>.csv`` beside the ``submissions`` folder: one row per file of the download
(``file, student, status, detail``), so every file is accounted for, plus one row per
roster student who handed in nothing. Nothing is extracted blindly: each entry's name is
parsed, only regular files up to 20 MB are read, and only ``.ipynb`` files are placed.

Names the platforms give the files (see docs/instructor-guide-grading.md, "Collect"):

* **Canvas** (Assignment > Download Submissions): a flat zip of
  ``<name>_[late_]<user id>_<submission id>_<original file name>``, where ``<name>`` is
  the student's sortable name in lower case without spaces or punctuation and ``late``
  marks a late submission. The student is found by the user id (roster ``lms_id``), else
  by the name.
* **Moodle** (Assignment > View all submissions > Download all submissions): a zip
  with ``<Full name>_<participant id>_assignsubmission_file_<file name>`` (flat) or, with
  "Download submissions in folders", a folder ``<Full name>_<participant id>_assignsubmission_file_``
  per student. The participant id is specific to the assignment, so the student is found
  by the full name (either name order, accents and case ignored), else by ``lms_id``.

Names are read as UTF-8 (or the zip's legacy encoding) and NFC-normalised, so names from
macOS (decomposed accents) match the roster.
"""
from __future__ import annotations

import csv
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .intake import MAX_NOTEBOOK, read_regular
from .roster import Student, nfc

CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?:(?P<late>late)_)?(?P<uid>\d+)_(?P<sid>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)$")
REPORT_FIELDS = ["file", "student", "status", "detail"]


class CollectError(ValueError):
    """The download cannot be collected (not found, not a zip or folder, bad set name)."""


@dataclass
class Entry:
    name: str            #: path inside the download (NFC)
    size: int
    read: object         #: callable returning the bytes (at most MAX_NOTEBOOK + 1)
    special: str = ""    #: "symbolic link" etc. when not a regular file


def fold(text: str) -> str:
    """A name for matching: no accents, lower case, letters and digits only.

    >>> fold("Traoré, Awa")
    'traoreawa'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))


def _name_keys(name: str) -> set[str]:
    """Folded forms of a roster name in both orders ("Last, First" and "First Last")."""
    if "," in name:
        last, first = (p.strip() for p in name.split(",", 1))
    else:
        parts = name.split()
        first, last = " ".join(parts[:-1]), parts[-1] if parts else ""
    return {fold(last + first), fold(first + last), fold(name)}


def _zip_entries(path: Path) -> list[Entry]:
    zf = zipfile.ZipFile(path)
    out = []
    for info in zf.infolist():
        raw = info.filename
        if not info.flag_bits & 0x800:  # no UTF-8 flag: zipfile decoded as cp437; try UTF-8 first
            try:
                raw = raw.encode("cp437").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        name = nfc(raw.replace("\\", "/")).strip("/")
        if info.is_dir():
            continue
        mode = info.external_attr >> 16
        special = "symbolic link" if stat.S_ISLNK(mode) else ""

        def read(info=info):
            with zf.open(info) as fh:
                return fh.read(MAX_NOTEBOOK + 1)
        out.append(Entry(name, info.file_size, read, special))
    return out


def _folder_entries(root: Path) -> list[Entry]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for n in sorted(dirnames + filenames):
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            rel = nfc(os.path.relpath(p, root))
            if stat.S_ISDIR(st.st_mode):
                continue
            special = "" if stat.S_ISREG(st.st_mode) else "symbolic link" if stat.S_ISLNK(st.st_mode) \
                else "special file"
            out.append(Entry(rel, st.st_size, lambda p=p: read_regular(p, MAX_NOTEBOOK), special))
    return sorted(out, key=lambda e: e.name)


def parse(name: str) -> dict | None:
    """Who a file of a download belongs to, from its name (Canvas or Moodle); None if neither.

    >>> parse("dialloamadou_late_1001_52001_ex01_story.ipynb")["lms"], parse("dialloamadou_late_1001_52001_ex01_story.ipynb")["late"]
    ('canvas', True)
    >>> parse("Awa Traoré_208_assignsubmission_file_/ex01_story.ipynb")["name"]
    'Awa Traoré'
    """
    parts = name.split("/")
    for i, part in enumerate(parts):
        m = MOODLE.match(part)
        if m:
            rest = "/".join([m.group("file")] + parts[i + 1:]).strip("/")
            return {"lms": "moodle", "name": m.group("name"), "id": m.group("pid"), "late": False,
                    "file": rest, "plugin": m.group("plugin")}
    m = CANVAS.match(parts[-1])
    if m:
        return {"lms": "canvas", "name": m.group("name"), "id": m.group("uid"), "late": bool(m.group("late")),
                "file": m.group("file"), "submission": m.group("sid")}
    return None


def match(info: dict, roster: list[Student]) -> tuple[Student | None, str]:
    """The roster student a parsed file belongs to, and how it was matched (or why not)."""
    by_id = [s for s in roster if s.lms_id and s.lms_id == info["id"]]
    by_name = [s for s in roster if fold(info["name"]) in _name_keys(s.name)]
    first, second = (by_id, by_name) if info["lms"] == "canvas" else (by_name, by_id)
    for found, how in ((first, "id" if info["lms"] == "canvas" else "name"),
                       (second, "name" if info["lms"] == "canvas" else "id")):
        if len(found) == 1:
            return found[0], how
        if len(found) > 1:
            return None, "several roster students match: " + ", ".join(s.student for s in found)
    return None, f"no roster student with lms_id {info['id']} or name {info['name']!r}"


def collect(download: str | Path, set_name: str, roster: list[Student], out: str | Path,
            known_sets: list[str] | None = None) -> dict:
    """Place every notebook of ``download`` (zip or folder) under ``out``; return the report rows."""
    download, out = Path(download), Path(out)
    if known_sets is not None and set_name not in known_sets:
        raise CollectError(f"collect: --set {set_name!r} is not a set of the course ({', '.join(known_sets)})")
    if download.is_dir():
        entries = _folder_entries(download)
    elif download.is_file() and zipfile.is_zipfile(download):
        entries = _zip_entries(download)
    else:
        raise CollectError(f"collect: {download} is neither a .zip file nor a folder (give the file the "
                           "learning platform's 'Download submissions' produced, or its unpacked folder)")
    report, placed = [], {}
    for e in entries:
        base = e.name.rsplit("/", 1)[-1]
        if e.name.startswith("__MACOSX/") or base in (".DS_Store", "Thumbs.db"):
            report.append([e.name, "", "not_placed", "operating-system metadata, not a submission"])
            continue
        info = parse(e.name)
        if info is None:
            report.append([e.name, "", "not_placed", "the name is neither Canvas's "
                           "<name>_<user id>_<submission id>_<file> nor Moodle's <Full name>_<id>_assignsubmission_..."])
            continue
        student, how = match(info, roster)
        if student is None:
            report.append([e.name, "", "not_placed", how])
            continue
        if e.special:
            report.append([e.name, student.student, "not_placed", f"a {e.special}, not a regular file"])
            continue
        if not info["file"].lower().endswith(".ipynb"):
            report.append([e.name, student.student, "not_placed", "not a notebook (.ipynb)"])
            continue
        data = e.read()
        if data is None or len(data) > MAX_NOTEBOOK:
            report.append([e.name, student.student, "not_placed",
                           f"unreadable or larger than {MAX_NOTEBOOK // 1024**2} MB"])
            continue
        n = placed.get(student.student, 0) + 1
        placed[student.student] = n
        target = out / student.student / set_name / (f"{set_name}.ipynb" if n == 1 else f"{set_name}-{n}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        detail = f"matched by {how}" + ("; LATE (Canvas marked it late)" if info["late"] else "")
        if n > 1:
            detail += "; another notebook of this student too (the grader grades both, the best counts)"
        report.append([e.name, student.student, "late" if info["late"] else "placed",
                       detail + f"; -> {target.relative_to(out)}"])
    for s in roster:
        if s.student not in placed:
            report.append(["", s.student, "no_submission", f"{s.name}: no notebook in the download"])
    path = out.parent / f"collect-{set_name}.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(REPORT_FIELDS)
        w.writerows(report)
    return {"report": report, "path": path, "placed": sum(placed.values()),
            "students": len(placed), "not_placed": [r for r in report if r[2] == "not_placed"],
            "late": [r for r in report if r[2] == "late"], "missing": [r for r in report if r[2] == "no_submission"]}
