"""Collect: turn a Canvas or Moodle "download all submissions" into the submissions layout.

``sahel-course collect ARCHIVE_OR_FOLDER --set SET --roster roster.csv --out submissions``
writes ``submissions/<student>/<SET>/<SET>.ipynb`` (the ``student`` key of the roster) and
``collect-<SET>.csv`` beside the ``submissions`` folder: one row per file of the download
(``file, student, set, status, detail``), so every file is accounted for, plus one row per
roster student who handed in nothing. Nothing is extracted blindly: each entry's name is
parsed, only regular files up to 20 MB are read, and only ``.ipynb`` files are placed.

``status`` is ``placed``, ``late`` (placed, and the platform marked it late, or the
instructor named the student with ``late=``), ``not_placed`` (with the reason),
``no_submission``, ``replaced`` (a file a previous ``collect`` had put in the student's set
folder, removed because this download has a notebook of that student: the folder is
replaced as a whole) or ``kept_previous`` (a student this download has no notebook for,
whose earlier collected notebook stays).

Names the platforms give the files (read in the platforms' source; see
docs/instructor-guide-grading.md, "Collect"):

* **Canvas** (Assignment > Download Submissions): a flat zip of
  ``<name>_[LATE_]<user id>_<file id>_<original file name>``, the whole prefix in lower
  case (so ``late``), ``<name>`` the sortable name with everything but letters, digits
  and ``_`` removed. The student is found by the user id (roster ``lms_id``), else by the name.
* **Moodle** (Assignment > View all submissions > Download all submissions): a zip with
  ``<Full name>_<participant id>_assignsubmission_file_<file name>`` (flat) or, by
  default since Moodle 3.1, a folder ``<Full name>_<participant id>_assignsubmission_file``
  per student (older versions end it with ``_``). Moodle does not mark late files in the
  download: pass the late students' roster keys as ``late``. The participant id is
  specific to the assignment, so the student is found by the full name (either name
  order, accents and case ignored), else by ``lms_id``.

Names are read as UTF-8 (or the zip's legacy encoding) and NFC-normalised, so names from
macOS (decomposed accents) match the roster.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .intake import MAX_NOTEBOOK, read_regular
from .roster import Student, nfc

CANVAS = re.compile(r"^(?P<name>[^/]+?)_(?:(?P<late>[Ll][Aa][Tt][Ee])_)?(?P<uid>\d+)_(?P<fid>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)(?:_(?P<file>.*))?$")
REPORT_FIELDS = ["file", "student", "set", "status", "detail"]


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
            rest = "/".join([m.group("file") or ""] + parts[i + 1:]).strip("/")
            return {"lms": "moodle", "name": m.group("name"), "id": m.group("pid"), "late": False,
                    "file": rest, "plugin": m.group("plugin")}
    m = CANVAS.match(parts[-1])
    if m:
        return {"lms": "canvas", "name": m.group("name"), "id": m.group("uid"), "late": bool(m.group("late")),
                "file": m.group("file"), "attachment": m.group("fid")}
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


def _replace_folder(folder: Path, out: Path) -> list[str]:
    """Remove a student's set folder left by an earlier collect; return the files it held."""
    if not os.path.lexists(folder):
        return []
    if folder.is_symlink() or not folder.is_dir():
        raise CollectError(f"collect: {folder} is not a folder (a link or a file); move it away and collect again")
    old = sorted(p.relative_to(out).as_posix() for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())
    shutil.rmtree(folder)
    return old


def collect(download: str | Path, set_name: str, roster: list[Student], out: str | Path,
            known_sets: list[str] | None = None, late: list[str] | None = None) -> dict:
    """Place every notebook of ``download`` (zip or folder) under ``out``; return the report rows.

    ``late``: roster keys of students whose submission is late although the file names do
    not say so (Moodle). A student's ``out/<student>/<set>/`` folder from an earlier run is
    replaced as a whole when this download has a notebook of theirs, and every file removed
    is listed (``replaced``); it is kept, and listed (``kept_previous``), when it has not.
    """
    download, out = Path(download), Path(out)
    if known_sets is not None and set_name not in known_sets:
        raise CollectError(f"collect: --set {set_name!r} is not a set of the course ({', '.join(known_sets)})")
    if "/" in set_name or set_name.startswith("."):
        raise CollectError(f"collect: --set {set_name!r} cannot be a folder name")
    keys = {s.student for s in roster}
    unknown = sorted(set(late or []) - keys)
    if unknown:
        raise CollectError(f"collect: --late {', '.join(unknown)}: not a student key of the roster "
                           f"(keys are the 'student' column, e.g. {sorted(keys)[0]!r})")
    marked_late = set(late or [])
    if download.is_dir():
        entries = _folder_entries(download)
    elif download.is_file() and zipfile.is_zipfile(download):
        entries = _zip_entries(download)
    else:
        raise CollectError(f"collect: {download} is neither a .zip file nor a folder (give the file the "
                           "learning platform's 'Download submissions' produced, or its unpacked folder)")
    report, placed, is_late = [], {}, {}

    def row(file, student, status, detail):
        report.append([file, student, set_name, status, detail])

    for e in entries:
        base = e.name.rsplit("/", 1)[-1]
        if e.name.startswith("__MACOSX/") or base in (".DS_Store", "Thumbs.db"):
            row(e.name, "", "not_placed", "operating-system metadata, not a submission")
            continue
        info = parse(e.name)
        if info is None:
            row(e.name, "", "not_placed", "the name is neither Canvas's "
                "<name>_<user id>_<file id>_<file> nor Moodle's <Full name>_<id>_assignsubmission_...")
            continue
        student, how = match(info, roster)
        if student is None:
            row(e.name, "", "not_placed", how)
            continue
        if e.special:
            row(e.name, student.student, "not_placed", f"a {e.special}, not a regular file")
            continue
        if not info["file"].lower().endswith(".ipynb"):
            row(e.name, student.student, "not_placed", "not a notebook (.ipynb)")
            continue
        data = e.read()
        if data is None or len(data) > MAX_NOTEBOOK:
            row(e.name, student.student, "not_placed", f"unreadable or larger than {MAX_NOTEBOOK // 1024**2} MB")
            continue
        folder = out / student.student / set_name
        if student.student not in placed:
            for old in _replace_folder(folder, out):
                row(old, student.student, "replaced", "collected by an earlier run; removed, because this "
                    "download replaces the student's set folder as a whole")
        n = placed.get(student.student, 0) + 1
        placed[student.student] = n
        target = folder / (f"{set_name}.ipynb" if n == 1 else f"{set_name}-{n}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        late_here = info["late"] or student.student in marked_late
        is_late[student.student] = is_late.get(student.student, False) or late_here
        detail = f"matched by {how}"
        if info["late"]:
            detail += "; LATE (Canvas marked it late)"
        elif student.student in marked_late:
            detail += "; LATE (named with --late)"
        if n > 1:
            detail += "; another notebook of this student too (the grader grades both, the best counts)"
        row(e.name, student.student, "late" if late_here else "placed", detail + f"; -> {target.relative_to(out)}")
    for s in roster:
        if s.student not in placed:
            folder = out / s.student / set_name
            previous = sorted(p.relative_to(out).as_posix() for p in folder.rglob("*.ipynb")) \
                if folder.is_dir() and not folder.is_symlink() else []
            if previous:
                for old in previous:
                    row(old, s.student, "kept_previous", f"{s.name}: no notebook in this download; the notebook "
                        "an earlier collect placed stays (delete the folder if it should not be graded)")
            else:
                row("", s.student, "no_submission", f"{s.name}: no notebook in the download")
    path = out.parent / f"collect-{set_name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(REPORT_FIELDS)
        w.writerows(report)

    def pick(status):
        return [r for r in report if r[3] == status]
    return {"report": report, "path": path, "placed": sum(placed.values()), "students": len(placed),
            "not_placed": pick("not_placed"), "late": pick("late"), "missing": pick("no_submission"),
            "replaced": pick("replaced"), "kept_previous": pick("kept_previous"),
            "late_students": sorted(k for k, v in is_late.items() if v)}


def read_late(path: str | Path) -> list[tuple[str, str]]:
    """(student, set) of every ``late`` row of a ``collect-<SET>.csv`` report."""
    path = Path(path)
    if not path.is_file():
        raise CollectError(f"{path}: no such collect report (collect writes collect-<SET>.csv beside the "
                           "submissions folder)")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    if rows and not {"student", "set", "status"} <= set(rows[0]):
        raise CollectError(f"{path}: not a collect report (expected the columns {', '.join(REPORT_FIELDS)})")
    return sorted({(nfc(r["student"]), nfc(r["set"])) for r in rows if r["status"] == "late"})
