"""The article loader: the five articles, their metadata, and every bad-input case."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import sahel_course as sc
from sahel_course.corpus import FIELDS, OUTLET_TYPES

ARTICLES = Path(sc.data_dir()) / "articles"
FIXTURE = Path(__file__).parent / "fixtures" / "sixth-article-fixture.md"


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return sc.load_corpus()


def test_articles_with_required_columns(corpus):
    # no count is pinned: an instructor may add articles (see test_added_article_appears)
    assert len(corpus) >= 1
    assert set(corpus["id"]) >= {"sputnik-2021-09-plan-b", "wire-2022-05-france-cooperation",
                                 "gfp-2022-08-battle-over-mali", "analysis-2023-07-end-of-minusma",
                                 "gfp-2023-07-path-to-independence"}
    for col in ["id", "title", "outlet", "outlet_type", "published", "language", "text", "references", "n_words"]:
        assert col in corpus.columns
    assert pd.api.types.is_datetime64_any_dtype(corpus["published"])
    assert corpus["published"].is_monotonic_increasing
    assert corpus["id"].is_unique


def test_metadata_from_internal_evidence(corpus):
    c = corpus.set_index("id")
    assert c.loc["sputnik-2021-09-plan-b", "published"] == pd.Timestamp("2021-09-20")
    assert c.loc["sputnik-2021-09-plan-b", "outlet_type"] == "state-affiliated media"
    assert c.loc["wire-2022-05-france-cooperation", "outlet_type"] == "news agency"
    assert c.loc["wire-2022-05-france-cooperation", "translated"] is True
    assert c.loc["analysis-2023-07-end-of-minusma", "author"] == "Themba Zuri"
    assert c.loc["gfp-2022-08-battle-over-mali", "published"].strftime("%Y-%m") == "2022-08"
    assert c.loc["gfp-2023-07-path-to-independence", "outlet"] == "german-foreign-policy.com"
    assert set(c["outlet_type"]) <= set(OUTLET_TYPES)
    assert all(len(e) > 40 for e in c["dating_evidence"])  # the reasoning is written down


def test_body_excludes_references_and_boilerplate(corpus):
    c = corpus.set_index("id")
    gfp = c.loc["gfp-2023-07-path-to-independence"]
    assert "[1] Security Council Terminates Mandate" in gfp["references"]
    assert "press.un.org" not in gfp["text"]
    analysis = c.loc["analysis-2023-07-end-of-minusma"]
    assert "Share this article" not in analysis["text"] and "Share this article" in analysis["boilerplate"]
    sputnik = c.loc["sputnik-2021-09-plan-b"]
    assert "©" not in sputnik["text"] and "Subscribe" not in sputnik["text"]
    assert "Leave a Comment" not in c.loc["wire-2022-05-france-cooperation", "text"]
    # the body keeps the article's own errors: nothing is corrected
    assert "in Mail and in neighboring" in gfp["text"]


def test_n_words_counts_body_tokens(corpus):
    from sahel_course.text import tokenize
    for _, row in corpus.iterrows():
        assert row["n_words"] == len(tokenize(row["text"], lower=False)) > 0


def _copy_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    return folder


def test_added_article_appears(tmp_path):
    folder = _copy_articles(tmp_path)
    shutil.copy(FIXTURE, folder)
    corpus = sc.load_corpus(folder)
    assert len(corpus) == len({p.name for p in ARTICLES.glob("*.md")} | {FIXTURE.name})  # no count pinned
    assert "sixth-article-fixture" in set(corpus["id"]) and corpus["published"].is_monotonic_increasing


def test_data_dir_override(tmp_path, monkeypatch):
    folder = _copy_articles(tmp_path)
    shutil.copy(FIXTURE, folder)
    monkeypatch.setenv("SAHEL_COURSE_DATA", str(tmp_path))
    assert "sixth-article-fixture" in set(sc.load_corpus()["id"])


GOOD = FIXTURE.read_text(encoding="utf-8")


def _bad(tmp_path: Path, text: str | bytes, name: str = "sixth-article-fixture.md") -> Path:
    folder = _copy_articles(tmp_path)
    target = folder / name
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8", newline="")
    return folder


F = r"sixth-article-fixture\.md"


@pytest.mark.parametrize("text, expected", [
    (GOOD.replace("outlet_type: blog\n", ""), F + r": missing field\(s\) outlet_type"),
    (GOOD.replace("author: null", "author: null\nauthr: Jane"), F + r", line 10, field 'authr': unknown field"),
    (GOOD.replace("'2023-12-31'", "'2023-02-30'"), F + r", line 6, field 'published': '2023-02-30' is not a real calendar date"),
    (GOOD.replace("'2023-12-31'", "31/12/2023"), F + r", line 6, field 'published': '31/12/2023' is not a date"),
    (GOOD.replace("outlet_type: blog", "outlet_type: tabloid"), F + r", line 5, field 'outlet_type': 'tabloid'.*Use one of"),
    (GOOD.replace("published_precision: day", "published_precision: week"), r"field 'published_precision'"),
    (GOOD.replace("language: en\n", "language: English\n", 1), r"field 'language': 'English'"),
    (GOOD.replace("translated: false", "translated: maybe"), r"field 'translated'"),
    (GOOD.split("\n---\n")[0] + "\n---\n\n   \n", r"has an empty body"),
    (GOOD.replace("title: A synthetic", "title: [A synthetic"), F + r", line \d+: broken YAML front matter"),
    (GOOD[4:], r"does not start with a '---' line"),
    (GOOD.replace("\n---\n", "\n--\n"), r"no closing '---' line"),
    (GOOD.replace("id: sixth-article-fixture", "id: sputnik-2021-09-plan-b"),
     F + r", line 2, field 'id': 'sputnik-2021-09-plan-b' differs from the file name.*rename the file"),
    (GOOD.replace("id: sixth-article-fixture", "id: Sixth Article"), r"field 'id': 'Sixth Article'"),
    (GOOD.replace("outlet: Course", "outlet: \"\"\nx: Course").replace("x: Course", "source_note2: Course"),
     r"unknown field"),
    (GOOD.replace("outlet: Course test fixture (synthetic text, not a real source)", "outlet:"),
     F + r", line 4, field 'outlet': empty"),
])
def test_bad_article_names_file_field_and_fix(tmp_path, text, expected):
    folder = _bad(tmp_path, text)
    with pytest.raises(sc.CourseDataError, match=expected):
        sc.load_corpus(folder)


def test_an_id_too_long_for_the_charts_is_refused(tmp_path):
    # 41 characters: one more than MAX_ID_LENGTH (40, the longest id that fits beside a chart)
    long_id = "outlet-2023-07-" + "a" * 26
    assert len(long_id) == 41
    folder = _bad(tmp_path, GOOD.replace("id: sixth-article-fixture", f"id: {long_id}"), name=f"{long_id}.md")
    with pytest.raises(sc.CourseDataError, match=rf"{long_id}\.md, line 2, field 'id': '{long_id}' has 41 characters"):
        sc.load_corpus(folder)
    ok = long_id[:-1]  # 40 characters load
    (folder / f"{long_id}.md").rename(folder / f"{ok}.md")
    (folder / f"{ok}.md").write_text(GOOD.replace("id: sixth-article-fixture", f"id: {ok}"), encoding="utf-8")
    assert ok in set(sc.load_corpus(folder)["id"])


def test_every_problem_of_every_file_at_once(tmp_path):
    folder = _bad(tmp_path, GOOD.replace("outlet_type: blog", "outlet_type: tabloid").replace("language: en\n", "language: English\n", 1))
    (folder / "second-bad.md").write_text(GOOD.replace("id: sixth-article-fixture", "id: second-bad").replace("'2023-12-31'", "2023-13-45"), encoding="utf-8")
    with pytest.raises(sc.CourseDataError) as err:
        sc.load_corpus(folder)
    message = str(err.value)
    assert message.startswith("articles/: 3 problems")
    assert "sixth-article-fixture.md, line 5, field 'outlet_type'" in message
    assert "sixth-article-fixture.md, line 10, field 'language'" in message
    assert "second-bad.md, line 6, field 'published': '2023-13-45' is not a real calendar date" in message
    assert sc.corpus.corpus_problems(folder) == [line[4:] for line in message.splitlines()[1:]]


def test_not_utf8(tmp_path):
    folder = _bad(tmp_path, GOOD.encode("utf-8").replace("’".encode("utf-8"), b"\x92"))
    with pytest.raises(sc.CourseDataError, match=F + r": is not UTF-8.*save it with UTF-8"):
        sc.load_corpus(folder)


def test_stray_file_is_not_skipped(tmp_path):
    folder = _bad(tmp_path, "plain text", name="notes.txt")
    with pytest.raises(sc.CourseDataError, match=r"articles/notes\.txt: is not an article file"):
        sc.load_corpus(folder)


def test_hidden_article_is_not_skipped_but_housekeeping_is(tmp_path):
    folder = _bad(tmp_path, GOOD, name=".draft.md")
    with pytest.raises(sc.CourseDataError, match=r"\.draft\.md: a hidden article file.*Rename it to draft\.md"):
        sc.load_corpus(folder)
    (folder / ".draft.md").unlink()
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "x-checkpoint.md").write_text("junk", encoding="utf-8")
    assert len(sc.load_corpus(folder)) == len(sc.load_corpus(ARTICLES))


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings(tmp_path, newline):
    folder = _bad(tmp_path, GOOD.replace("\n", newline))
    row = sc.load_corpus(folder).set_index("id").loc["sixth-article-fixture"]
    assert row["outlet_type"] == "blog" and row["text"].startswith("This synthetic paragraph")
    assert "\r" not in row["text"]


@pytest.mark.parametrize("closing", ["\n--- \n", "\n---\t\n"])
def test_closing_dashes_with_trailing_space(tmp_path, closing):
    folder = _bad(tmp_path, GOOD.replace("\n---\n", closing, 1))
    assert "sixth-article-fixture" in set(sc.load_corpus(folder)["id"])


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(sc.CourseDataError, match="no such folder"):
        sc.load_corpus(tmp_path / "nope")
    with pytest.raises(sc.CourseDataError, match="no article files"):
        sc.load_corpus(tmp_path)


def test_get_article_errors(corpus):
    assert sc.get_article(corpus, "sputnik-2021-09-plan-b")["outlet"] == "Sputnik"
    with pytest.raises(LookupError, match="No article has the id 'sputnik'. Known ids:"):
        sc.get_article(corpus, "sputnik")
    with pytest.raises(TypeError, match="article_id must be text"):
        sc.get_article(corpus, 3)


def test_every_field_documented():
    readme = (Path(sc.data_dir()) / "README.md").read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"`{field}`" in readme
    for kind in OUTLET_TYPES:
        assert kind in readme
