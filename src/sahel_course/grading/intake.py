"""Step 1, intake: find the submissions, read them strictly, and account for every file.

The layout is ``SUBMISSIONS/<student>/<set>/<set>.ipynb``. Only regular files are read
(no symlink is followed, no FIFO, device or socket is opened), at most ``MAX_NOTEBOOK``
bytes each. Any folder name is accepted (spaces, accents, bytes that are not UTF-8);
names are shown in NFC form. Nothing is skipped without a word: every file or folder
that is not graded is listed in :attr:`Intake.skipped` with the reason.

The set is identified from the notebook itself (its ``sahel_course.set`` metadata, or
the set-specific ids of its locked cells), not only from the folder name, so a
renamed file, a notebook filed under the wrong set or left directly in the student's
folder is still graded, with a flag that says what was unusual.
"""
from __future__ import annotations

import json
import os
import stat
import unicodedata
from dataclasses import dataclass, field

#: Largest notebook file read (bytes); bigger files are listed as not graded.
MAX_NOTEBOOK = 20 * 1024**2


@dataclass
class Submission:
    student: str                 #: display name (NFC; undecodable bytes shown as U+FFFD)
    set: str                     #: the exercise set, as identified from the notebook
    path: str                    #: where it was found (relative to the submissions folder)
    notebook: dict               #: the parsed JSON (untrusted)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Intake:
    submissions: list[Submission] = field(default_factory=list)
    #: (path relative to the submissions folder, reason) for everything not graded
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: (student, set, flag, message) rows for students whose notebook could not be read
    unreadable: list[tuple[str, str, str, str]] = field(default_factory=list)


def display_name(raw: bytes) -> str:
    """A folder name as text: UTF-8 (bytes that are not become U+FFFD), NFC-normalised."""
    return unicodedata.normalize("NFC", raw.decode("utf-8", "replace")).strip()


def read_regular(path: str | os.PathLike, cap: int) -> bytes | None:
    """The bytes of a regular file (never following a symlink), or None; at most ``cap`` + 1 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, total = [], 0
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def identify_set(nb: dict, known_sets: list[str]) -> str | None:
    """Which exercise set a notebook is, from its metadata or its locked cells' ids."""
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    declared = (meta.get("sahel_course") or {}).get("set") if isinstance(meta.get("sahel_course"), dict) else None
    if declared in known_sets:
        return declared
    for cell in nb.get("cells") or []:
        gid = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") if isinstance(cell, dict) else None
        if isinstance(gid, str):
            for s in known_sets:
                if gid in (f"{s}_intro", f"{s}_setup", f"{s}_end"):
                    return s
    return None


def _entries(folder: bytes) -> list[tuple[bytes, os.stat_result]]:
    out = []
    for name in sorted(os.listdir(folder)):
        try:
            out.append((name, os.lstat(os.path.join(folder, name))))
        except OSError:
            continue
    return out


def _kind(st: os.stat_result) -> str:
    m = st.st_mode
    return ("symbolic link" if stat.S_ISLNK(m) else "FIFO" if stat.S_ISFIFO(m) else
            "device" if stat.S_ISCHR(m) or stat.S_ISBLK(m) else "socket" if stat.S_ISSOCK(m) else "special file")


def collect(root: str | os.PathLike, known_sets: list[str]) -> Intake:
    """Walk ``root`` and return what to grade and what was left out (with reasons)."""
    rootb = os.fsencode(os.path.realpath(root))
    intake = Intake()
    found: dict[tuple[str, str], list[Submission]] = {}

    def rel(*parts: bytes) -> str:
        return display_name(os.path.join(*parts))

    for sname, sst in _entries(rootb):
        if sname.startswith(b"."):
            intake.skipped.append((rel(sname), "hidden name (starts with a dot)"))
            continue
        if not stat.S_ISDIR(sst.st_mode):
            why = "a file at the top level (expected one folder per student)" if stat.S_ISREG(sst.st_mode) \
                else f"a {_kind(sst)} (only regular files and folders are read)"
            intake.skipped.append((rel(sname), why))
            continue
        student = display_name(sname)
        odd = student != sname.decode("utf-8", "replace") or b"\xef\xbf\xbd" in student.encode() or \
            not _is_utf8(sname)
        candidates: list[tuple[bytes, str | None]] = []  # (relative path bytes, folder set name)
        for name, st in _entries(os.path.join(rootb, sname)):
            path = os.path.join(sname, name)
            if name.startswith(b"."):
                intake.skipped.append((rel(path), "hidden name (starts with a dot)"))
            elif stat.S_ISDIR(st.st_mode):
                for fname, fst in _entries(os.path.join(rootb, path)):
                    fpath = os.path.join(path, fname)
                    if fname.startswith(b"."):
                        intake.skipped.append((rel(fpath), "hidden name (starts with a dot)"))
                    elif not stat.S_ISREG(fst.st_mode):
                        intake.skipped.append((rel(fpath), f"a {_kind(fst) if not stat.S_ISDIR(fst.st_mode) else 'folder'} "
                                                            "inside a set folder (only notebook files are read)"))
                    elif not fname.endswith(b".ipynb"):
                        intake.skipped.append((rel(fpath), "not a notebook (.ipynb)"))
                    else:
                        candidates.append((fpath, display_name(name)))
            elif stat.S_ISREG(st.st_mode) and name.endswith(b".ipynb"):
                candidates.append((path, None))
            elif stat.S_ISREG(st.st_mode):
                intake.skipped.append((rel(path), "not a notebook (.ipynb)"))
            else:
                intake.skipped.append((rel(path), f"a {_kind(st)} (only regular files and folders are read)"))
        for path, folder_set in candidates:
            data = read_regular(os.path.join(rootb, path), MAX_NOTEBOOK)
            label = folder_set or "?"
            if data is None:
                intake.skipped.append((rel(path), "could not be read as a regular file"))
                continue
            if len(data) > MAX_NOTEBOOK:
                intake.unreadable.append((student, label, "too_large",
                                          f"{rel(path)} is larger than {MAX_NOTEBOOK // 1024**2} MB"))
                continue
            try:
                nb = json.loads(data.decode("utf-8"))
                if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
                    raise ValueError("no list of cells")
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                intake.unreadable.append((student, label, "unreadable",
                                          f"{rel(path)} is not a readable notebook ({type(exc).__name__})"))
                continue
            set_name = identify_set(nb, known_sets)
            sub = Submission(student, set_name or label, rel(path), nb)
            if odd:
                sub.flags.append("odd_name")
                sub.notes.append(f"the folder name {student!r} was not plain UTF-8/NFC; shown normalised")
            if set_name is None:
                intake.unreadable.append((student, label, "unknown_set",
                                          f"{rel(path)} is not one of the course's exercise sets"))
                continue
            folder = os.path.basename(os.path.dirname(path)).decode("utf-8", "replace")
            file_stem = os.path.basename(path)[:-6].decode("utf-8", "replace")
            if folder_set is None:
                sub.flags.append("not_in_set_folder")
                sub.notes.append(f"found directly in the student's folder as {rel(path)}")
            elif unicodedata.normalize("NFC", folder) != set_name:
                sub.flags.append("wrong_set_folder")
                sub.notes.append(f"a notebook of {set_name} was found in the folder {folder!r}")
            elif file_stem != set_name:
                sub.notes.append(f"the file was renamed to {os.path.basename(path).decode('utf-8', 'replace')!r}")
            found.setdefault((student, set_name), []).append(sub)
    for (student, set_name), subs in sorted(found.items()):
        if len(subs) > 1:
            for s in subs:
                s.flags.append("several_notebooks")
        intake.submissions.extend(subs)
    return intake


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return unicodedata.is_normalized("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        return False
