"""Generate the navigation of the lesson notebooks, never maintained by hand.

For every ``notebooks/NN_*.ipynb`` (in file-name order) this script writes:

* a navigation cell at the top and at the bottom (markdown, tag ``nav``):
  previous lesson / contents / next lesson, using the lessons' H1 titles;
* the header block right under the H1 title (markdown, tag ``header``): what you will
  learn, time needed, prerequisites, data used, libraries, from ``data/lessons.yaml``;

and, from the same two sources:

* ``notebooks/README.md``: the contents page of the course;
* ``docs/instructor-guide.md``: the lessons part of the instructor guide.

Usage::

    python tools/make_nav.py          # rewrite what is stale
    python tools/make_nav.py --check  # only report; exit 1 when anything is stale (used by tests)

Each notebook must have exactly one H1 title (a markdown line starting with "# ")
and an entry in data/lessons.yaml. Only the generated cells are touched: code,
outputs and the other markdown cells are left as they are.
"""
from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sahel_course.lesson import load_lessons  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
CONTENTS = NOTEBOOKS / "README.md"
GUIDE = ROOT / "docs" / "instructor-guide.md"
GRADING_GUIDE = "instructor-guide-grading.md"
NAV_TAG, HEADER_TAG, CONTENTS_TAG = "nav", "header", "contents"
_H1 = re.compile(r"^# (\S.*?)\s*$")


def lesson_files() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def h1_titles(nb) -> list[str]:
    """All H1 titles in the notebook's hand-written markdown cells (code fences skipped)."""
    titles = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or _tags(cell) & {NAV_TAG, HEADER_TAG, CONTENTS_TAG}:
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and _H1.match(line):
                titles.append(_H1.match(line).group(1))
    return titles


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _link(title: str, file: str) -> str:
    return f"[{title}]({file})"


def nav_source(i: int, items: list[tuple[str, str]], bottom: bool) -> str:
    parts = []
    if i > 0:
        parts.append("⬅️ Previous: " + _link(*items[i - 1]))
    parts.append(_link("Contents", "README.md"))
    if i < len(items) - 1:
        parts.append("Next: " + _link(*items[i + 1]) + " ➡️")
    line = " | ".join(parts)
    return ("---\n\n" + line) if bottom else line


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def header_source(lesson: dict) -> str:
    return "\n".join([
        "**In this notebook you will learn**",
        "",
        _bullets(lesson["learn"]),
        "",
        f"**Time needed:** about {lesson['minutes']} minutes  ",
        "**Prerequisites:** " + "; ".join(lesson["prerequisites"]) + "  ",
        "**Data used:** " + "; ".join(lesson["data"]) + "  ",
        "**Libraries:** " + "; ".join(lesson["libraries"]),
        "",
        "*Run the cells from top to bottom (menu **Run → Run All Cells**). Cells marked "
        "**Your turn** are for you to change and re-run.*",
    ])


def _md(source: str, tag: str, cell_id: str):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["tags"] = [tag]
    cell["id"] = cell_id
    return cell


def contents_table(items: list[tuple[str, str]], lessons: dict[str, dict]) -> str:
    rows = ["| # | Lesson | Time |", "|---|---|---|"]
    for n, (title, file) in enumerate(items):
        rows.append(f"| {n:02d} | {_link(title, file)} | {lessons[file]['minutes']} min |")
    return "\n".join(rows)


def rebuild(nb, i: int, items: list[tuple[str, str]], lessons: dict[str, dict]):
    """Return a copy of ``nb`` with fresh nav and header cells (everything else untouched).

    A markdown cell tagged ``contents`` (used in 00) gets the table of lessons.
    """
    nb = copy.deepcopy(nb)
    lesson = lessons[items[i][1]]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and CONTENTS_TAG in _tags(cell):
            cell.source = contents_table(items, lessons)
    body = [c for c in nb.cells if not (c.cell_type == "markdown" and _tags(c) & {NAV_TAG, HEADER_TAG})]
    title_at = next(k for k, c in enumerate(body) if c.cell_type == "markdown" and h1_titles(
        nbformat.v4.new_notebook(cells=[c])))
    nb.cells = (body[:title_at + 1]
                + [_md(header_source(lesson), HEADER_TAG, "header")]
                + body[title_at + 1:])
    nb.cells.insert(0, _md(nav_source(i, items, bottom=False), NAV_TAG, "nav-top"))
    nb.cells.append(_md(nav_source(i, items, bottom=True), NAV_TAG, "nav-bottom"))
    return nb


def _signature(nb) -> list[tuple]:
    return [(c.cell_type, c.get("id"), c.source, sorted(_tags(c))) for c in nb.cells]


def contents_page(items: list[tuple[str, str]], lessons: dict[str, dict]) -> str:
    total = sum(lessons[f]["minutes"] for _, f in items)
    rows = ["| # | Lesson | Time | You will learn |", "|---|---|---|---|"]
    for n, (title, file) in enumerate(items):
        learn = "; ".join(lessons[file]["learn"])
        rows.append(f"| {n:02d} | {_link(title, file)} | {lessons[file]['minutes']} min | {learn} |")
    return "\n".join([
        "# Course contents: Reading the Sahel crisis through its sources",
        "",
        "<!-- Generated by tools/make_nav.py from the notebooks' titles and data/lessons.yaml. "
        "Do not edit by hand: run `make nav`. -->",
        "",
        "Work through the notebooks in order. Each one starts with what you will learn and how long "
        "it takes, and ends with a summary and a link to the next one.",
        "",
        *rows,
        "",
        f"Total: about {total // 60} h {total % 60:02d} min of lessons.",
        "",
    ])


def instructor_guide(items: list[tuple[str, str]], lessons: dict[str, dict]) -> str:
    out = [
        "# Instructor guide: the lessons",
        "",
        "<!-- Generated by tools/make_nav.py from the notebooks' titles and data/lessons.yaml. "
        "Do not edit by hand: edit data/lessons.yaml and run `make nav`. -->",
        "",
        "This part of the guide covers the lesson notebooks in `notebooks/`: what each one teaches, "
        "how long it takes in class, and questions for discussion. For exercises, releasing student "
        f"versions, collecting and autograding submissions and the written-answer rubric, see "
        f"[the grading part of the guide]({GRADING_GUIDE}).",
        "",
        "## How the lessons are built",
        "",
        "- Every notebook runs top to bottom in a fresh kernel, offline, in a few seconds. CI runs "
        "them all with nbval: `.venv/bin/python -m pytest --nbval notebooks/ "
        "--nbval-sanitize-with notebooks/nbval_sanitize.cfg`.",
        "- Cells that carry a lesson's point are *checked*: either a friendly `assert` cell "
        "(\"Check: ...\") or a printed plain-text result that nbval compares with the committed output.",
        "- Every lesson iterates over `load_corpus()`: add an article file to `data/articles/` and it "
        "flows through every table and chart. The checks name specific article ids, so they keep "
        "passing when you add articles; outputs that list the whole corpus are marked "
        "`nbval-ignore-output`. After adding articles, re-execute the notebooks "
        "(`.venv/bin/jupyter nbconvert --to notebook --execute --inplace notebooks/[0-9]*.ipynb`) "
        "so that the committed outputs show them.",
        "- Titles, navigation, header blocks, `notebooks/README.md` and this file are generated by "
        "`make nav` from the notebooks' H1 titles and `data/lessons.yaml`; `tests/test_nav.py` fails "
        "when they are stale.",
        "- Students read whole articles: lessons 02-08 each show one article (or a long section) with "
        "`reading_view(corpus, article_id, layers=[...])`, paragraphs numbered as the coding units, with "
        "the layer the lesson teaches (`names` by stance, `quotes` with speaker and verb, `hedges` and "
        "unnamed sources, `claims` with verdict and record, `footnotes`), followed by a question only "
        "reading can answer. It works for any article, including yours; every mark carries a word, not "
        "only a colour.",
        "- *Your turn* cells call helpers that check their input first: a wrong or misspelt id, referent, "
        "frame, layer or paragraph number gets one line (no traceback) listing the valid choices and "
        "the closest one; a term found nowhere gets a sentence, wildcards are named as unsupported, and "
        "quotation checks ignore case and the kind of quotes. `tests/test_student_errors.py` tries three "
        "mistakes on every such helper.",
        "- Figures: one colour and marker shape per timeline category in every chart "
        "(`plots.CATEGORY_STYLE`); the alt text under each figure starts with its finding, computed from "
        "the data, so it stays true when you add articles or events.",
        "- Each lesson's summary names its exercise set (`ex01_story` ... `ex08_synthesis`).",
        "- Timing: the times below assume students read the prose and try every *Your turn* cell. "
        "The whole sequence is about "
        f"{sum(lessons[f]['minutes'] for _, f in items) // 60} hours; 00-01 and 02-03 pair well "
        "into single sessions.",
        "",
        "## Delivering the course to students",
        "",
        "- Students get the student edition (`make student-edition OUT=DIR GIT=1`: lessons, data, "
        "released exercises, the package; no solutions, no hidden tests), published as its own git "
        "repository. Step by step, with sizing: [deploying the course](deploying.md).",
        "- On a JupyterHub, give them one nbgitpuller link (it clones or updates `~/sahel-course` and "
        "opens lesson 00): `https://HUB/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F"
        "ORG%2Fsahel-course-student&branch=main&targetpath=sahel-course&urlpath=lab%2Ftree%2F"
        "sahel-course%2Fnotebooks%2F00_start_here.ipynb`.",
        "- The Littlest JupyterHub (one server) or Zero to JupyterHub (Kubernetes): one environment "
        "with `binder/requirements.txt`, the package (`pip install --no-deps .`) and nbgitpuller; about "
        "300 MiB per active student. Binder: point it at the student repository (`binder/` is in it). "
        "Bubblewrap only where you grade.",
        "",
    ]
    for n, (title, file) in enumerate(items):
        lesson = lessons[file]
        out += [
            f"## {n:02d} {title}" if not title.startswith(f"{n:02d}") else f"## {title}",
            "",
            f"Notebook: [`notebooks/{file}`](../notebooks/{file}) - about {lesson['minutes']} minutes.",
            "",
            "**Objectives.** Students will learn:",
            "",
            _bullets(lesson["learn"]),
            "",
            "**Prerequisites:** " + "; ".join(lesson["prerequisites"]) + ".",
            "",
        ]
        if lesson.get("notes"):
            out += ["**Teaching notes.**", "", _bullets(lesson["notes"]), ""]
        out += ["**Discussion questions.**", "",
                "\n".join(f"{k}. {q}" for k, q in enumerate(lesson["discussion"], start=1)), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale files and exit 1; change nothing")
    args = parser.parse_args(argv)

    files = lesson_files()
    if not files:
        print("No lesson notebooks (notebooks/NN_*.ipynb) found.", file=sys.stderr)
        return 1
    lessons = {entry["file"]: entry for entry in load_lessons(ROOT / "data" / "lessons.yaml")}
    problems, notebooks, items = [], {}, []
    for path in files:
        nb = nbformat.read(path, as_version=4)
        titles = h1_titles(nb)
        if len(titles) != 1:
            problems.append(f"{path.name}: has {len(titles)} H1 titles ({titles}); it needs exactly one.")
            continue
        if path.name not in lessons:
            problems.append(f"{path.name}: has no entry in data/lessons.yaml; add one (file: {path.name}).")
            continue
        notebooks[path] = nb
        items.append((titles[0], path.name))
    for name in lessons:
        if not (NOTEBOOKS / name).is_file():
            message = f"data/lessons.yaml: lists {name}, but notebooks/{name} does not exist."
            if args.check:
                problems.append(message)
            else:
                print("Warning: " + message, file=sys.stderr)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    stale = []
    for i, (path, nb) in enumerate(notebooks.items()):
        new = rebuild(nb, i, items, lessons)
        if _signature(new) != _signature(nb):
            stale.append(f"notebooks/{path.name}")
            if not args.check:
                nbformat.write(new, path)
    for path, text in ((CONTENTS, contents_page(items, lessons)), (GUIDE, instructor_guide(items, lessons))):
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    if args.check:
        if stale:
            print("Navigation is stale in: " + ", ".join(stale) + ". Run `make nav` (tools/make_nav.py).",
                  file=sys.stderr)
            return 1
        print(f"Navigation is up to date ({len(items)} notebooks).")
        return 0
    print(f"Updated: {', '.join(stale)}" if stale else f"Nothing to update ({len(items)} notebooks).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
