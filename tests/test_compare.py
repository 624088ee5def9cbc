"""Tests for sahel_course.compare (expected values counted by hand)."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from sahel_course._errors import CourseDataError
from sahel_course.compare import (
    actor_mentions,
    format_kwic,
    kwic,
    kwic_view,
    naming_matrix,
    naming_table,
    rates,
    word_counts,
)
from sahel_course.corpus import load_corpus
from sahel_course.text import tokenize


SEED_IDS = [
    "sputnik-2021-09-plan-b",
    "wire-2022-05-france-cooperation",
    "gfp-2022-08-battle-over-mali",
    "gfp-2023-07-path-to-independence",
    "analysis-2023-07-end-of-minusma",
]


@pytest.fixture(scope="module")
def corpus():
    """The five seed articles (hand counts below refer to them, even if more are added)."""
    full = load_corpus()
    return full[full["id"].isin(SEED_IDS)].reset_index(drop=True)


@pytest.fixture
def toy():
    return pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["X", "Y", "X"],
            "published": pd.to_datetime(["2021-09-20", "2022-05-03", "2023-07-15"]),
            "text": [
                "The military junta met. The junta’s men left.\nThe Junta spoke.",
                "MINUSMA's mandate ended; MINUSMA left Mali. Malian troops stayed.",
                "The transitional government, not the junta, said so. Transitional\ngovernment",
            ],
        }
    )


# ------------------------------------------------------------- word_counts ----


def test_word_counts_by_id_hand_counted(toy):
    wc = word_counts(toy)
    assert list(wc.columns) == ["a", "b", "c"]
    assert wc.columns.name == "id" and wc.index.name == "word"
    # "the": a has The, The, The = 3; b 0; c: The, the = 2
    assert wc.loc["the"].tolist() == [3, 0, 2]
    # junta / junta's are different words (a: "junta", "Junta" + "junta’s")
    assert wc.loc["junta"].tolist() == [2, 0, 1]
    assert wc.loc["junta's"].tolist() == [1, 0, 0]
    # both apostrophes become one word
    assert wc.loc["minusma's"].tolist() == [0, 1, 0]
    assert wc.loc["minusma"].tolist() == [0, 1, 0]
    assert wc.dtypes.unique().tolist() == [np.dtype("int64")]
    # column totals = number of words
    assert wc.sum().tolist() == [len(tokenize(t)) for t in toy["text"]]


def test_word_counts_rows_sorted_by_total_then_word(toy):
    wc = word_counts(toy)
    totals = wc.sum(axis=1)
    keys = list(zip(-totals, wc.index))
    assert keys == sorted(keys)
    assert wc.index[0] == "the"  # 5 in all


def test_word_counts_by_outlet_adds_articles(toy):
    by_outlet = word_counts(toy, by="outlet")
    assert list(by_outlet.columns) == ["X", "Y"]
    assert by_outlet.loc["the", "X"] == 5 and by_outlet.loc["junta", "X"] == 3


def test_word_counts_real_corpus(corpus):
    wc = word_counts(corpus)
    assert list(wc.columns) == list(corpus["id"])
    for art_id, text in zip(corpus["id"], corpus["text"]):
        assert wc[art_id].sum() == len(tokenize(text))
    by_outlet = word_counts(corpus, by="outlet")
    assert by_outlet.to_numpy().sum() == wc.to_numpy().sum()


def test_wrong_by_column_says_which_columns_exist(toy):
    with pytest.raises(ValueError, match=r"by='outlets' is not a column of the corpus. Did you mean 'outlet'\? Use one of: id, outlet, published, text\."):
        word_counts(toy, by="outlets")


def test_by_column_with_missing_values(toy):
    toy.loc[1, "outlet"] = None
    with pytest.raises(ValueError, match="fill it first"):
        word_counts(toy, by="outlet")


@pytest.mark.parametrize("func", [word_counts, lambda c: kwic(c, "Mali"), lambda c: rates(c, "Mali"),
                                  lambda c: naming_table(c, pd.DataFrame({"referent": ["r"], "variant": ["v"]}))])
def test_corpus_must_be_a_dataframe_with_text(func):
    with pytest.raises(TypeError, match="load_corpus"):
        func(["Mali’s junta"])
    with pytest.raises(CourseDataError, match="no 'text' column"):
        func(pd.DataFrame({"id": ["a"], "body": ["Mali"]}))


def test_text_must_be_strings():
    with pytest.raises(CourseDataError, match="article 'b'"):
        word_counts(pd.DataFrame({"id": ["a", "b"], "text": ["Mali", None]}))


# ------------------------------------------------------------------ rates ----


def test_rates_hand_computed(toy):
    r = rates(toy, ["junta", "transitional government"], per=100)
    # counted by hand, a possessive ("junta’s", "MINUSMA's") being one word:
    # a: The military junta met / The junta’s men left / The Junta spoke          -> 11
    # b: MINUSMA's mandate ended / MINUSMA left Mali / Malian troops stayed       -> 9
    # c: The transitional government not the junta said so / Transitional government -> 10
    n_words = [len(tokenize(t)) for t in toy["text"]]
    assert n_words == [11, 9, 10]
    # kwic rules: a has junta x3 (military junta, junta’s, Junta); c has junta x1
    # "Transitional\ngovernment" crosses a paragraph break, so c has 1 match
    assert r.loc["a", "junta"] == pytest.approx(3 / 11 * 100)
    assert r.loc["b", "junta"] == 0
    assert r.loc["c", "transitional government"] == pytest.approx(1 / 10 * 100)
    assert list(r.columns) == ["junta", "transitional government"]


def test_rates_single_term_by_outlet(toy):
    r = rates(toy, "junta", by="outlet")
    assert r.index.name == "outlet"
    assert r.loc["X", "junta"] == pytest.approx(4 / 21 * 1000)  # 3 + 1 of 11 + 10 words


def test_rates_bad_terms(toy):
    with pytest.raises(ValueError, match="empty"):
        rates(toy, [])
    with pytest.raises(TypeError, match="must be text in quotation marks"):
        rates(toy, ["junta", 3])


# ------------------------------------------------------------------- kwic ----


def test_kwic_columns_and_match_as_written(toy):
    k = kwic(toy, "junta", window=2)
    assert list(k.columns) == ["id", "outlet", "published", "left", "match", "right"]
    assert k["match"].tolist() == ["junta", "junta’s", "Junta", "junta"]
    assert k["id"].tolist() == ["a", "a", "a", "c"]
    assert k.loc[0, "left"] == "The military" and k.loc[0, "right"] == "met. The"
    # context stays inside the paragraph: "Junta spoke." starts a line
    assert k.loc[2, "left"] == "The" and k.loc[2, "right"] == "spoke"
    assert k["published"].dtype == toy["published"].dtype


def test_kwic_multi_word_term_case_insensitive(toy):
    k = kwic(toy, "Transitional Government", window=3)
    # the second "Transitional\ngovernment" is split by a paragraph break: not a match
    assert k["match"].tolist() == ["transitional government"]
    assert k.loc[0, "left"] == "The" and k.loc[0, "right"] == ", not the junta"


@pytest.mark.parametrize("term", ["MINUSMA's", "MINUSMA’s", "minusma’S"])
def test_kwic_apostrophes_equivalent_in_term_and_text(term):
    df = pd.DataFrame({"id": ["x"], "text": ["MINUSMA’s end and MINUSMA's end, not MINUSMA here."]})
    assert kwic(df, term)["match"].tolist() == ["MINUSMA’s", "MINUSMA's"]


def test_kwic_whole_words_and_possessives(toy):
    k = kwic(toy, "Mali")
    assert k["match"].tolist() == ["Mali"]  # not "Malian"
    k = kwic(toy, "MINUSMA")
    assert k["match"].tolist() == ["MINUSMA's", "MINUSMA"]  # the possessive is found too
    df = pd.DataFrame({"id": ["x"], "text": ["anti-colonial, colonial, they’re, they"]})
    assert kwic(df, "colonial")["left"].tolist() == ["anti-colonial,"]
    assert kwic(df, "they")["match"].tolist() == ["they"]


def test_kwic_numbers_are_whole_words():
    df = pd.DataFrame({"id": ["x"], "text": ["1,350 and 350 and 2,000 and 1,500-2,000 men"]})
    assert kwic(df, "350")["left"].tolist() == ["1,350 and"]
    assert kwic(df, "1,350")["match"].tolist() == ["1,350"]
    # documented: the hyphen range is one word, so "2,000" only matches alone
    assert kwic(df, "2,000", window=1)["right"].tolist() == ["and"]


def test_kwic_window_zero_and_no_hits(toy):
    k = kwic(toy, "junta", window=0)
    assert set(k["left"]) == {""} and set(k["right"]) == {""}
    empty = kwic(toy, "Barkhane")
    assert len(empty) == 0 and list(empty.columns) == ["id", "outlet", "published", "left", "match", "right"]


def test_kwic_real_corpus_counts(corpus):
    # counted with grep: "Wagner" 3 + 1 + 0 + 2 + 5
    assert len(kwic(corpus, "Wagner")) == 11
    k = kwic(corpus, "transitional government")
    assert k.groupby("id").size().to_dict() == {
        "analysis-2023-07-end-of-minusma": 6,
        "wire-2022-05-france-cooperation": 1,
    }
    assert "transitional government’s" in k["match"].tolist()


@pytest.mark.parametrize("term,error", [("", ValueError), ("   ", ValueError), ("“ – ”", ValueError),
                                        (None, TypeError), (42, TypeError), (["Wagner"], TypeError)])
def test_kwic_bad_terms(toy, term, error):
    with pytest.raises(error, match="term"):
        kwic(toy, term)


def test_kwic_bad_window(toy):
    with pytest.raises(ValueError, match="window"):
        kwic(toy, "junta", window=-1)


def test_kwic_view_and_format(toy):
    k = kwic(toy, "junta", window=2)
    html = kwic_view(k).to_html()
    assert "text-align: right" in html and "font-weight: bold" in html
    lines = format_kwic(k, width=12).splitlines()
    assert len(lines) == 4
    assert len({line.index("[") for line in lines}) == 1  # keywords aligned


# ------------------------------------------------------------ naming_table ----

NAMES = pd.DataFrame(
    {
        "referent": ["gov", "gov", "gov", "gov", "mission"],
        "variant": ["junta", "military junta", "transitional government", "government", "MINUSMA"],
    }
)


def test_naming_longest_match_counts_each_stretch_once(toy):
    t = naming_table(toy, NAMES)
    assert list(t.columns) == ["referent", "variant", "id", "count"]
    got = t.set_index(["variant", "id"])["count"]
    # a: "military junta" (1, not also junta), "junta’s", "Junta" -> junta 2
    assert got["military junta", "a"] == 1 and got["junta", "a"] == 2
    # c: "transitional government" once (not also "government"); second one crosses a line break,
    #    so "government" on the next line counts alone; "junta" once
    assert got["transitional government", "c"] == 1
    assert got["government", "c"] == 1
    assert got["junta", "c"] == 1
    assert got["MINUSMA", "b"] == 2
    assert len(t) == len(NAMES) * len(toy)  # zeros included


def test_naming_longest_match_with_variants_in_any_order():
    df = pd.DataFrame({"id": ["x"], "text": ["the military junta and the junta"]})
    for names in (NAMES, NAMES.iloc[::-1]):
        got = naming_table(df, names).set_index("variant")["count"]
        assert got["military junta"] == 1 and got["junta"] == 1


def test_naming_referents_are_independent():
    names = pd.DataFrame({"referent": ["gov", "army"], "variant": ["Malian military government", "Malian military"]})
    df = pd.DataFrame({"id": ["x"], "text": ["the Malian military government"]})
    assert naming_table(df, names)["count"].tolist() == [1, 1]


def test_short_capitals_keep_their_case():
    names = pd.DataFrame({"referent": ["isis", "un"], "variant": ["IS", "UN"]})
    df = pd.DataFrame({"id": ["x"], "text": ["It is the IS, un-like the UN and un."]})
    assert naming_table(df, names)["count"].tolist() == [1, 1]


def test_naming_table_real_text(corpus):
    names = pd.DataFrame({"referent": ["gov", "gov"], "variant": ["junta", "military junta"]})
    got = naming_table(corpus, names).set_index(["variant", "id"])["count"]
    wire = "wire-2022-05-france-cooperation"
    # grep: 6 x "junta" in the wire text, 5 of them inside "military junta"
    assert got["military junta", wire] == 5
    assert got["junta", wire] == 1


def test_naming_table_default_reads_naming_csv(corpus):
    t = naming_table(corpus)
    assert list(t.columns) == ["referent", "variant", "id", "count"]
    assert len(t) > 0 and t["count"].dtype == "int64" and (t["count"] >= 0).all()


def test_naming_matrix_wide_and_shares(toy):
    m = naming_matrix(toy, NAMES, by="outlet")
    assert m.loc[("gov", "junta"), "X"] == 3 and list(m.columns) == ["X", "Y"]
    s = naming_matrix(toy, NAMES, by="outlet", share=True)
    assert s["X"].loc["gov"].sum() == pytest.approx(1.0)
    assert np.isnan(s.loc[("gov", "junta"), "Y"])  # the government is not named in Y


def test_naming_table_needs_the_right_columns(toy):
    with pytest.raises(TypeError, match="referent"):
        naming_table(toy, pd.DataFrame({"name": ["junta"]}))


# ---------------------------------------------------------- actor_mentions ----


def test_actor_mentions_hand_counted(toy):
    actors = pd.DataFrame(
        {"actor": ["MINUSMA", "Mali transitional government"],
         "aliases": ["MINUSMA;UN mission", "junta; military junta;transitional government"]}
    )
    got = actor_mentions(toy, actors).set_index(["id", "actor"])["count"]
    assert got["b", "MINUSMA"] == 2
    assert got["a", "Mali transitional government"] == 3  # military junta + junta’s + Junta
    assert got["c", "Mali transitional government"] == 2  # transitional government + junta
    assert got["a", "MINUSMA"] == 0


def test_actor_mentions_real_data(corpus):
    am = actor_mentions(corpus)
    assert list(am.columns) == ["id", "actor", "count"]
    assert len(am) == len(corpus) * am["actor"].nunique()
    # with the names only, every "Wagner" counts once ("Wagner Group" is not counted twice)
    names_only = pd.DataFrame({"actor": ["Wagner Group"], "aliases": [["Wagner", "Wagner Group"]]})
    assert actor_mentions(corpus, names_only)["count"].sum() == 11  # grep count of "Wagner"


def test_kwic_positions_survive_unusual_lower_case():
    df = pd.DataFrame({"id": ["x"], "text": ["Talks in İstanbul on Mali’s future"]})
    k = kwic(df, "mali's", window=2)
    assert k.loc[0, "match"] == "Mali’s" and k.loc[0, "left"] == "İstanbul on"
