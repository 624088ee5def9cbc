"""Data that belongs to the lessons: data/lessons.yaml and data/entman.csv."""
from __future__ import annotations

from pathlib import Path

import pytest

from sahel_course import load_corpus
from sahel_course._errors import CourseDataError
from sahel_course.lesson import ENTMAN_FUNCTIONS, load_entman, load_lessons
from sahel_course.reference import load_entman as reference_load_entman

ROOT = Path(__file__).resolve().parents[1]


def test_every_entman_quote_is_an_exact_substring_of_its_article():
    corpus = load_corpus()
    bodies = dict(zip(corpus["id"], corpus["text"]))
    table = load_entman()
    for row in table.itertuples():
        assert row.article_id in bodies, f"entman.csv: unknown article id {row.article_id}"
        assert row.evidence_quote in bodies[row.article_id], (
            f"entman.csv: quote for {row.article_id}/{row.function} is not in the article body: "
            f"{row.evidence_quote!r}")
    load_entman(corpus)  # the loader's own check agrees


def test_every_article_has_all_four_entman_functions():
    corpus = load_corpus()
    table = load_entman(corpus)
    for article_id in corpus["id"]:
        if article_id not in set(table["article_id"]):
            continue  # an instructor's new article need not be coded yet
        functions = set(table.loc[table["article_id"] == article_id, "function"])
        assert functions == set(ENTMAN_FUNCTIONS), f"{article_id}: has {sorted(functions)}"
    assert set(table["article_id"]) >= {"sputnik-2021-09-plan-b", "wire-2022-05-france-cooperation",
                                        "gfp-2022-08-battle-over-mali", "gfp-2023-07-path-to-independence",
                                        "analysis-2023-07-end-of-minusma"}


def test_a_wrong_quote_is_reported_with_its_row(tmp_path, monkeypatch):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "articles", data / "articles")
    text = (ROOT / "data" / "entman.csv").read_text(encoding="utf-8")
    text = text.replace("Should we not have a plan B?", "Should we not have a plan C?")
    (data / "entman.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SAHEL_COURSE_DATA", str(data))
    with pytest.raises(CourseDataError, match=r"entman.csv, row \d+, field 'evidence_quote'"):
        load_entman(load_corpus())


def test_lessons_yaml_lists_every_lesson_notebook_in_order():
    files = [entry["file"] for entry in load_lessons()]
    on_disk = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert files == on_disk


def test_the_lesson_module_re_exports_the_reference_loader():
    assert load_entman is reference_load_entman


ENTMAN_HEADER = "article_id,function,summary,evidence_quote\n"


@pytest.mark.parametrize("rows, message", [
    ("a,remedies,Leave.,we leave\n", r"entman.csv, row 2, field 'function': 'remedies' is not one of"),
    ("a,remedy,,we leave\n", r"entman.csv, row 2, field 'summary': empty"),
    ("a,remedy,Leave.,we leave\na,remedy,Stay.,we leave\n", r"entman.csv: rows 2, 3 repeat the same article_id \+ function"),
])
def test_entman_goes_through_the_reference_schema(tmp_path, rows, message):
    path = tmp_path / "entman.csv"
    path.write_text(ENTMAN_HEADER + rows, encoding="utf-8")
    with pytest.raises(CourseDataError, match=message):
        reference_load_entman(path=path)


def test_entman_quotes_are_checked_with_quote_in_and_rows_keep_spreadsheet_numbers(tmp_path):
    import pandas as pd

    path = tmp_path / "entman.csv"
    # row 3 is blank, so the second data row is spreadsheet row 4
    path.write_text(ENTMAN_HEADER + "a,remedy,Leave.,WE LEAVE - now\n\nb,remedy,Stay.,we stay\n", encoding="utf-8")
    corpus = pd.DataFrame({"id": ["a", "b"], "text": ["We leave – now.", "We go."]})
    with pytest.raises(CourseDataError) as err:
        reference_load_entman(corpus, path)
    assert str(err.value).startswith("entman.csv, row 4, field 'evidence_quote': the quote is not part of b")
