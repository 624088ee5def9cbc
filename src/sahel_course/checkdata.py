"""``sahel-course check-data [FOLDER]``: check every data file at once and list every problem.

FOLDER is a course data folder laid out like ``data/`` (default: the course's own, or
``SAHEL_COURSE_DATA``). The articles and every reference table are checked, and also that
each claim's and each Entman row's quote is found in its article (in the sense of
:func:`sahel_course.text.quote_in`). Every problem of every file is printed,
one per line, naming the file, the line or row, the field and the fix; the exit status is 0
when there is none and 1 otherwise.

>>> main([])
Checked data/: articles, timeline.csv, actors.csv, naming.csv, glossary.csv, places.csv, bases.csv, claims.csv, entman.csv. No problems found.
0
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ._errors import CourseDataError
from ._paths import data_dir

__all__ = ["check_folder", "main"]


@contextmanager
def _data_folder(folder: Path):
    """Point data_dir() at ``folder`` while checking (claims look up article ids there)."""
    old = os.environ.get("SAHEL_COURSE_DATA")
    os.environ["SAHEL_COURSE_DATA"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SAHEL_COURSE_DATA", None)
        else:
            os.environ["SAHEL_COURSE_DATA"] = old


def check_folder(folder: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Check a data folder; return (what was checked, every problem found).

    >>> checked, problems = check_folder()
    >>> problems
    []
    """
    from .claims import check_quotes, claims_schema
    from .corpus import corpus_problems, load_corpus
    from .reference import SCHEMAS, load_entman, load_table, table_problems

    folder = Path(folder) if folder is not None else data_dir()
    if not folder.is_dir():
        return [], [f"{folder}: no such data folder. Give the folder that holds articles/ and the CSV files."]
    checked: list[str] = []
    problems: list[str] = []
    with _data_folder(folder):
        articles = folder / "articles"
        checked.append("articles")
        if articles.is_dir():
            problems += corpus_problems(articles)
        else:
            problems.append(f"{folder.name}/articles: missing folder. Restore it from the course repository.")
        for name, schema in SCHEMAS.items():
            checked.append(schema.file)
            problems += table_problems(name, folder / schema.file, claims_schema() if name == "claims" else None)
        if not problems:  # quotes can only be compared when both files load
            corpus = load_corpus(articles)
            bad = check_quotes(load_table("claims", folder / "claims.csv"), corpus)
            for row in bad.itertuples():
                problems.append(f"claims.csv, claim {row.claim_id}, field 'quote': {row.problem} "
                                f"'{row.article_id}'. Copy the words exactly from the article.")
            try:
                load_entman(corpus, folder / "entman.csv")
            except CourseDataError as err:
                text = str(err)
                problems += [line[4:] for line in text.splitlines()[1:]] if "\n" in text else [text]
    return checked, problems


def main(argv: list[str] | None = None) -> int:
    """Run the check from the command line; print every problem; return the exit status (0 = no problems)."""
    parser = argparse.ArgumentParser(
        prog="sahel-course check-data",
        description="Check the course data (articles and CSV tables) and list every problem in every file.")
    parser.add_argument("folder", nargs="?", default=None,
                        help="data folder to check (default: the course's data/ or $SAHEL_COURSE_DATA)")
    args = parser.parse_args(argv)
    try:
        checked, problems = check_folder(args.folder)
    except CourseDataError as err:  # a check that could not run at all
        checked, problems = [], [str(err)]
    label = f"{Path(args.folder).name if args.folder else 'data'}/"
    if problems:
        print(f"Checked {label}: {len(problems)} problem(s):", file=sys.stdout)
        for p in problems:
            print(f"  - {p}")
        return 1
    print(f"Checked {label}: {', '.join(checked)}. No problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
