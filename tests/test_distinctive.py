"""Tests for sahel_course.distinctive: Fightin' Words, checked against hand arithmetic."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sahel_course.compare import word_counts
from sahel_course.corpus import load_corpus
from sahel_course.distinctive import fightin_words, one_vs_rest

A = {"junta": 2, "the": 4}          # n_a = 6
B = {"the": 3, "government": 1}     # n_b = 4


def test_hand_computed_default_prior():
    # Default background = A + B: junta 2, the 7, government 1; a0 = alpha0 = 10, a_w = counts.
    # junta:      delta = ln((2+2)/(6+10-2-2)) - ln((0+2)/(4+10-0-2)) = ln(4/12) - ln(2/12) = ln 2
    #             var = 1/(2+2) + 1/(0+2) = 0.75
    # the:        delta = ln((4+7)/(6+10-4-7)) - ln((3+7)/(4+10-3-7)) = ln(11/5) - ln(10/4)
    #             var = 1/11 + 1/10
    # government: delta = ln((0+1)/(6+10-0-1)) - ln((1+1)/(4+10-1-1)) = ln(1/15) - ln(2/12)
    #             var = 1/1 + 1/2 = 1.5
    fw = fightin_words(A, B)
    expected_delta = {
        "junta": math.log(4 / 12) - math.log(2 / 12),
        "the": math.log(11 / 5) - math.log(10 / 4),
        "government": math.log(1 / 15) - math.log(2 / 12),
    }
    expected_var = {"junta": 0.75, "the": 1 / 11 + 1 / 10, "government": 1.5}
    assert list(fw.index) == ["junta", "the", "government"]  # z: 0.800, -0.293, -0.748
    assert list(fw.columns) == ["count_a", "count_b", "prior", "delta", "z"]
    for w in expected_delta:
        assert fw.loc[w, "delta"] == pytest.approx(expected_delta[w], rel=1e-12)
        assert fw.loc[w, "z"] == pytest.approx(expected_delta[w] / math.sqrt(expected_var[w]), rel=1e-12)
    assert fw.loc["junta", "delta"] == pytest.approx(math.log(2))  # natural log, not log10
    assert fw.loc["junta", "z"] == pytest.approx(0.800377, abs=1e-6)
    assert fw["prior"].to_dict() == {"junta": 2.0, "the": 7.0, "government": 1.0}
    assert fw["count_a"].tolist() == [2, 4, 0] and fw["count_b"].tolist() == [0, 3, 1]


def test_hand_computed_background_and_alpha0():
    # "extra" is in no text: dropped. Shares over {junta, the, government} = 10/100, 80/100, 10/100;
    # alpha0 = 5 -> a_w = 0.5, 4, 0.5 and a0 = 5.
    # junta: delta = ln((2+.5)/(6+5-2-.5)) - ln((0+.5)/(4+5-0-.5)) = ln(2.5/8.5) - ln(.5/8.5) = ln 5
    #        var = 1/2.5 + 1/0.5 = 2.4
    bg = {"junta": 10, "the": 80, "government": 10, "extra": 100}
    fw = fightin_words(A, B, background=bg, alpha0=5)
    assert "extra" not in fw.index
    assert fw["prior"].sum() == pytest.approx(5)
    assert fw.loc["junta", "delta"] == pytest.approx(math.log(5))
    assert fw.loc["junta", "z"] == pytest.approx(math.log(5) / math.sqrt(2.4))
    # the: ln((4+4)/(6+5-4-4)) - ln((3+4)/(4+5-3-4)) = ln(8/3) - ln(7/2)
    assert fw.loc["the", "delta"] == pytest.approx(math.log(8 / 3) - math.log(7 / 2))


def test_antisymmetry_exact():
    wc = word_counts(load_corpus())
    a, b = wc.iloc[:, 0], wc.iloc[:, 4]
    ab = fightin_words(a, b)
    ba = fightin_words(b, a)
    assert (ab["z"] == -ba["z"].reindex(ab.index)).all()
    assert (ab["delta"] == -ba["delta"].reindex(ab.index)).all()


def test_sorted_by_z_descending_ties_by_word():
    fw = fightin_words({"beta": 1, "alpha": 1, "gamma": 3}, {"delta": 2})
    assert fw.loc["alpha", "z"] == fw.loc["beta", "z"]
    assert list(fw.index) == ["gamma", "alpha", "beta", "delta"]
    assert fw["z"].is_monotonic_decreasing


def test_dict_and_series_give_the_same_result():
    left = fightin_words(A, B)
    right = fightin_words(pd.Series(A), pd.Series(B))
    pd.testing.assert_frame_equal(left, right)


def test_stopwords_are_kept_and_no_frequency_cut():
    fw = fightin_words({"the": 50, "rare": 1}, {"the": 40})
    assert {"the", "rare"} <= set(fw.index)


def test_background_must_cover_the_counts():
    with pytest.raises(ValueError, match="background"):
        fightin_words(A, B, background={"the": 5})


@pytest.mark.parametrize(
    "bad,error",
    [(pd.DataFrame({"x": [1]}), TypeError), ([1, 2], TypeError), ({"a": "many"}, TypeError),
     ({"a": -1}, ValueError)],
)
def test_bad_counts(bad, error):
    with pytest.raises(error, match="counts"):
        fightin_words(bad, B)


def test_bad_alpha0():
    with pytest.raises(ValueError, match="alpha0"):
        fightin_words(A, B, alpha0=0)


# ---------------------------------------------------------------- one_vs_rest ----


def test_one_vs_rest_equals_pairwise_fightin_words():
    corpus = load_corpus()
    res = one_vs_rest(corpus, by="outlet")
    assert list(res.columns) == ["group", "word", "count_a", "count_b", "delta", "z"]
    wc = word_counts(corpus, by="outlet")
    assert list(pd.unique(res["group"])) == list(wc.columns)
    for outlet in wc.columns:
        part = res[res["group"] == outlet]
        ref = fightin_words(wc[outlet], wc.drop(columns=outlet).sum(axis=1))
        assert list(part["word"]) == list(ref.index)
        np.testing.assert_allclose(part["z"].to_numpy(), ref["z"].to_numpy(), rtol=1e-12)
        np.testing.assert_array_equal(part["count_b"].to_numpy(), ref["count_b"].to_numpy())


def test_one_vs_rest_needs_two_groups():
    df = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"], "text": ["a b", "b c"]})
    with pytest.raises(ValueError, match="at least two groups"):
        one_vs_rest(df, by="outlet")
    with pytest.raises(ValueError, match="by='source' is not a column"):
        one_vs_rest(df, by="source")
