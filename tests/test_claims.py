"""Tests for sahel_course.claims (hand-made ledgers in a temporary folder, plus the real ledger)."""
from __future__ import annotations

import pandas as pd
import pytest

from sahel_course import claims
from sahel_course._errors import CourseDataError
from sahel_course._paths import data_dir

HEADER = "claim_id,article_id,quote,claim_type,quantity,stated_value,record,source,verdict,note\n"
ROW1 = "C1,gfp-2022-08-battle-over-mali,around 300 civilians had been murdered,number,moura_deaths,300,HRW: about 300,HRW 2022,correct,\n"
ROW2 = ("C2,analysis-2023-07-end-of-minusma,the killing of more than 500 civilians,number,moura_deaths,500,"
        "OHCHR: at least 500,OHCHR 2023,correct,\n")
ROW3 = "C3,sputnik-2021-09-plan-b,The country became independent in 1958.,date,independence,1958,1960,UN,wrong,\n"


def write(tmp_path, text, name="claims.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def corpus_stub():
    return pd.DataFrame({
        "id": ["sputnik-2021-09-plan-b", "gfp-2022-08-battle-over-mali", "analysis-2023-07-end-of-minusma"],
        "outlet": ["Sputnik", "german-foreign-policy.com", "Diplomacy Now"],
        "published": pd.to_datetime(["2021-09-20", "2022-08-22", "2023-07-15"]),
        "text": ["The country became independent in 1958.",
                 "Human rights organizations, on the other hand, speak of a massacre, wherein around 300 civilians "
                 "had been murdered",
                 "on the killing of more than 500 civilians"]})


def test_load_valid(tmp_path):
    table = claims.load_claims(write(tmp_path, HEADER + ROW1 + ROW2 + ROW3))
    assert list(table.columns[:10]) == claims.CLAIM_COLUMNS
    assert table["claim_id"].tolist() == ["C1", "C2", "C3"]


@pytest.mark.parametrize("text,message", [
    (HEADER + ROW1.replace(",correct,", ",right,"), "row 2, field 'verdict': 'right'"),
    (HEADER + ROW1 + ROW1, "rows 2, 3 repeat the same claim_id"),
    (HEADER + ROW1.replace("gfp-2022-08-battle-over-mali", "no-such-article"), "row 2, field 'article_id'"),
    (HEADER + ROW1.replace("C1,", ",", 1), "row 2, field 'claim_id': empty"),
    (HEADER.replace("verdict,", ""), "missing column(s) verdict"),
    (HEADER, "no rows"),
])
def test_validation_names_file_row_field(tmp_path, text, message):
    with pytest.raises(CourseDataError) as err:
        claims.load_claims(write(tmp_path, text, "ledger.csv"))
    assert "ledger.csv" in str(err.value) and message in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(CourseDataError, match="not found"):
        claims.load_claims(tmp_path / "nope.csv")


def test_moura_figures_sorted_and_joined(tmp_path):
    table = claims.load_claims(write(tmp_path, HEADER + ROW2 + ROW3 + ROW1))
    moura = claims.moura_figures(table, corpus_stub())
    assert moura["claim_id"].tolist() == ["C1", "C2"]
    assert moura["outlet"].tolist() == ["german-foreign-policy.com", "Diplomacy Now"]
    assert moura["published"].is_monotonic_increasing


def test_claims_summary(tmp_path):
    table = claims.load_claims(write(tmp_path, HEADER + ROW1 + ROW2 + ROW3))
    summary = claims.claims_summary(table)
    assert list(summary.columns) == list(claims.VERDICTS) + ["total"]
    assert summary.loc["sputnik-2021-09-plan-b", "wrong"] == 1
    assert summary["total"].sum() == 3


def test_check_quotes(tmp_path):
    table = claims.load_claims(write(tmp_path, HEADER + ROW1 + ROW2 + ROW3))
    assert claims.check_quotes(table, corpus_stub()).empty
    changed = table.assign(quote=table["quote"].str.replace("300", "3000"))
    bad = claims.check_quotes(changed, corpus_stub())
    assert bad["claim_id"].tolist() == ["C1"] and bad["problem"].iloc[0] == "quote not found in the article body"
    missing = claims.check_quotes(table, corpus_stub().iloc[:1])
    assert missing["problem"].str.startswith("no article").all() and len(missing) == 2


def test_check_quotes_ignores_quote_style():
    corpus = pd.DataFrame({"id": ["a"], "text": ["the partners “altered  their policy” today"]})
    table = pd.DataFrame({"claim_id": ["c"], "article_id": ["a"], "quote": ['partners "altered their policy"']})
    assert claims.check_quotes(table, corpus).empty


def test_check_quotes_ignores_case_but_nothing_else():
    # the one meaning of sahel_course.text.quote_in: case, quote marks, dashes, spaces
    corpus = pd.DataFrame({"id": ["a"], "text": ["The Wagner Group – the “instructors”"]})
    table = pd.DataFrame({"claim_id": ["c1", "c2"], "article_id": ["a", "a"],
                          "quote": ['the wagner group - the "Instructors"', "the Wagner Groups"]})
    assert claims.check_quotes(table, corpus)["claim_id"].tolist() == ["c2"]


def test_quotations_and_check_quotations():
    paragraph = 'Sputnik says “interim Government,” the wire "military junta"; « not there ».'
    assert claims.quotations(paragraph) == ["interim Government", "military junta", "not there"]
    corpus = pd.DataFrame({"id": ["s", "w"], "text": ["the interim government", "the military junta and the interim"]})
    assert claims.check_quotations(paragraph, corpus) == [("interim Government", ["s"]), ("military junta", ["w"]),
                                                          ("not there", [])]


def test_real_ledger():
    """The course's own ledger: present, every quote in its article, the Moura figures lined up.
    (No skip: a missing or broken data/claims.csv must fail here, not pass silently.)"""
    assert (data_dir() / "claims.csv").is_file(), f"data/claims.csv is missing from {data_dir()}"
    from sahel_course.corpus import load_corpus
    table = claims.load_claims()
    corpus = load_corpus()
    assert claims.check_quotes(table, corpus).empty
    assert set(claims.claims_summary(table).index) <= set(corpus["id"])
    moura = claims.moura_figures(table)
    # an empty table would make the next line true for nothing: the ledger has Moura tolls from several articles
    assert moura["article_id"].nunique() >= 2
    assert (moura["quantity"] == "moura_deaths").all()
