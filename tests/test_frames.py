"""Tests for sahel_course.frames: codebooks, auto-coder, and agreement on published worked examples."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from sahel_course import frames
from sahel_course._paths import data_dir

POLICY_FRAMES = [
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation", "Crime and punishment",
    "Security and defense", "Health and safety", "Quality of life", "Cultural identity", "Public opinion",
    "Political", "External regulation and reputation", "Other",
]
TECHNIQUES = {
    "Attack on reputation": ["Name Calling-Labeling", "Guilt by Association", "Casting Doubt", "Appeal to Hypocrisy",
                             "Questioning the Reputation"],
    "Justification": ["Flag Waving", "Appeal to Authority", "Appeal to Popularity", "Appeal to Values",
                      "Appeal to Fear-Prejudice"],
    "Simplification": ["Causal Oversimplification", "False Dilemma-No Choice", "Consequential Oversimplification"],
    "Distraction": ["Straw Man", "Red Herring", "Whataboutism"],
    "Call": ["Slogans", "Conversation Killer", "Appeal to Time"],
    "Manipulative wording": ["Loaded Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation",
                             "Repetition"],
}


def long_table(matrix, coders=None):
    """Reliability matrix (coders x units, None = missing) -> long table unit, coder, code."""
    coders = coders or [f"c{i}" for i in range(len(matrix))]
    return pd.DataFrame([{"unit": u + 1, "coder": c, "code": v}
                         for c, row in zip(coders, matrix) for u, v in enumerate(row) if v is not None])


def test_policy_frames_codebook():
    pf = frames.policy_frames()
    assert pf["frame"].tolist() == POLICY_FRAMES
    assert pf["frame_id"].tolist() == list(range(1, 16))
    assert pf["definition"].str.len().gt(20).all()
    assert all(isinstance(k, list) for k in pf["keywords"])
    assert all(pf["keywords"].iloc[:-1].map(len) > 3) and pf["keywords"].iloc[-1] == []
    assert pf["source"].str.contains("Boydstun").all() and pf["source"].str.contains("2014").all()


def test_persuasion_techniques_taxonomy():
    pt = frames.persuasion_techniques()
    assert len(pt) == 23
    assert {c: g["technique"].tolist() for c, g in pt.groupby("category", sort=False)} == TECHNIQUES
    assert pt["label"].is_unique and "Doubt" in set(pt["label"])
    assert pt["source"].str.contains("Piskorski").all() and pt["source"].str.contains("SemEval-2023").all()


def test_auto_code_rows_and_none():
    corpus = pd.DataFrame({"id": ["a", "b"], "text": [
        "The junta held elections.\n\nSanctions cost Mali a billion dollars.", "The weather was fine."]})
    coded = frames.auto_code(corpus)
    assert list(coded.columns) == ["id", "paragraph", "text", "frame", "matched"]
    assert coded["paragraph"].dtype == "int64"
    got = coded[["id", "paragraph", "frame", "matched"]].values.tolist()
    assert ["a", 1, "Political", "elections; junta"] in got
    assert ["a", 2, "Economic", "billion; cost"] in got
    assert ["b", 1, "none", ""] in got


def test_auto_code_custom_frames_and_apostrophes():
    custom = pd.DataFrame({"frame": ["Sovereignty"], "keywords": ["mali's sovereignty; self-reliance"]})
    corpus = pd.DataFrame({"id": ["a"], "text": ["They respect Mali’s sovereignty."]})
    assert frames.auto_code(corpus, custom)["frame"].tolist() == ["Sovereignty"]
    with pytest.raises(ValueError, match="'frame' and 'keywords'"):
        frames.auto_code(corpus, pd.DataFrame({"name": ["x"]}))


def test_auto_code_uses_the_course_matching_rule():
    # the rule of sahel_course.text.term_pattern: whole words (a hyphenated word is one word),
    # any case, a keyword also matches its possessive; kwic agrees with auto_code
    from sahel_course.compare import kwic

    custom = pd.DataFrame({"frame": ["Army"], "keywords": ["army"]})
    corpus = pd.DataFrame({"id": ["a"], "text": ["The ARMY’s plan.\nAn anti-army protest.\nArmies moved."]})
    coded = frames.auto_code(corpus, custom)
    assert coded[["paragraph", "frame"]].values.tolist() == [[1, "Army"], [2, "none"], [3, "none"]]
    assert kwic(corpus, "army")["match"].tolist() == ["ARMY’s"]
    with pytest.raises(ValueError, match="keyword '--' of frame 'Army' contains no word"):
        frames.auto_code(corpus, pd.DataFrame({"frame": ["Army"], "keywords": ["army; --"]}))


def test_auto_code_paragraph_numbers_match_codings_units():
    from sahel_course.corpus import load_corpus
    coded = frames.auto_code(load_corpus())
    units = set(coded["id"] + "#" + coded["paragraph"].astype(str))
    codings = pd.read_csv(data_dir() / "codings_example.csv")
    assert set(codings["unit"]) <= units


def test_krippendorff_alpha_published_example():
    """Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', nominal example: 4 coders,
    12 units, missing data, alpha = 0.743 (also in the krippendorff package's documentation)."""
    n = None
    matrix = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
              [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
    result = frames.agreement(long_table(matrix, ["A", "B", "C", "D"]))
    assert round(result["alpha"], 3) == 0.743
    assert result["kappa"] is None
    assert (result["n_units"], result["n_coders"]) == (12, 4)


def test_alpha_does_not_depend_on_code_labels():
    matrix = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
              [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    names = {1: "Political", 2: "Economic", 3: "Morality", 4: "Other", 5: "Public opinion"}
    relabelled = [[names.get(v) if v is not None else None for v in row] for row in matrix]
    assert round(frames.agreement(long_table(relabelled))["alpha"], 3) == 0.743


def nominal_alpha_by_hand(codings):
    """Krippendorff's alpha (nominal) from the coincidence matrix, written out independently of the
    ``krippendorff`` package (Krippendorff 2011, section C): alpha = 1 - (n - 1) * D / E with
    D = sum over units of (pairs that disagree) / (m_u - 1) and E = sum over c != k of n_c * n_k."""
    from collections import Counter
    disagree, totals = 0.0, Counter()
    for _, unit in codings.dropna(subset=["code"]).groupby("unit"):
        values = unit["code"].tolist()
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        disagree += (m * m - sum(c * c for c in counts.values())) / (m - 1)
        totals.update(counts)
    n = sum(totals.values())
    expected = n * n - sum(c * c for c in totals.values())
    return 1 - (n - 1) * disagree / expected


def kappa_by_hand(a, b):
    """Cohen's kappa: (p_o - p_e) / (1 - p_e), p_e from each coder's marginal shares."""
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in set(a) | set(b))
    return (p_o - p_e) / (1 - p_e)


def test_krippendorff_two_coders_binary_published_example():
    """Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', section A (two observers,
    binary data, no missing values): o_00 = 10, o_01 = o_10 = 4, o_11 = 2, n = 20, so
    alpha = 1 - 19 * 4 / (14 * 6) = 0.095. Kappa by hand: p_o = 6/10, p_e = .8 * .6 + .2 * .4 = .56,
    kappa = .04 / .44 = 0.0909."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    result = frames.agreement(long_table([a, b], ["A", "B"]))
    assert result["alpha"] == pytest.approx(1 - 19 * 4 / (14 * 6)) and round(result["alpha"], 3) == 0.095
    assert result["kappa"] == pytest.approx(0.04 / 0.44)
    assert result["observed_agreement"] == pytest.approx(0.6)
    assert nominal_alpha_by_hand(long_table([a, b])) == pytest.approx(result["alpha"])


def test_hand_alpha_reproduces_the_published_four_coder_example():
    """The independent implementation above gives Krippendorff's published 0.743 too."""
    n = None
    matrix = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
              [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
    assert round(nominal_alpha_by_hand(long_table(matrix)), 3) == 0.743


def test_cohen_kappa_published_example():
    """Wikipedia 'Cohen's kappa' worked example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert frames.cohen_kappa(a, b) == pytest.approx(0.4)
    result = frames.agreement(long_table([a, b], ["reader A", "reader B"]))
    assert result["kappa"] == pytest.approx(0.4)
    assert result["observed_agreement"] == pytest.approx(0.7)
    assert (result["n_units"], result["n_coders"]) == (50, 2)


def test_kappa_uses_units_coded_by_both():
    table = long_table([["x", "y", "x", None], ["x", "y", "y", "x"]])
    result = frames.agreement(table)
    assert result["kappa"] == pytest.approx(frames.cohen_kappa(["x", "y", "x"], ["x", "y", "y"]))
    assert result["n_units"] == 4


def test_perfect_agreement():
    result = frames.agreement(long_table([["a", "b", "a"], ["a", "b", "a"]]))
    assert result["alpha"] == pytest.approx(1.0) and result["kappa"] == pytest.approx(1.0)
    assert result["observed_agreement"] == 1.0


def test_beginner_errors():
    with pytest.raises(ValueError, match="no column.*code"):
        frames.agreement(pd.DataFrame({"unit": [1], "coder": ["a"]}))
    with pytest.raises(ValueError, match="at least two coders"):
        frames.agreement(long_table([["a", "b"]], ["ana"]))
    with pytest.raises(ValueError, match="undefined"):
        frames.agreement(long_table([["a", "a"], ["a", "a"]]))
    with pytest.raises(ValueError, match="more than one code"):
        frames.agreement(pd.DataFrame({"unit": [1, 1, 1], "coder": ["a", "a", "b"], "code": ["x", "y", "x"]}))
    with pytest.raises(ValueError, match="no unit was coded by two"):
        frames.agreement(pd.DataFrame({"unit": [1, 2], "coder": ["a", "b"], "code": ["x", "y"]}))
    with pytest.raises(TypeError):
        frames.agreement([("u", "c", "x")])


def test_missing_codes_are_not_coded():
    table = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": ["a", "b"] * 3,
                          "code": ["x", "x", "y", np.nan, "y", "y"]})
    result = frames.agreement(table)
    # by hand: unit 2 has one code left (unpairable); units 1 and 3 agree, so D_o = 0 and alpha = 1
    assert result["n_units"] == 3 and result["alpha"] == pytest.approx(1.0)
    assert result["kappa"] == pytest.approx(1.0) and result["observed_agreement"] == 1.0


def test_codings_example_file():
    codings = pd.read_csv(data_dir() / "codings_example.csv")
    assert list(codings.columns) == ["unit", "coder", "code"]
    assert codings["unit"].nunique() == 12
    assert set(codings["code"]) <= set(POLICY_FRAMES)
    result = frames.agreement(codings)
    assert result["n_coders"] == 3 and result["kappa"] is None
    assert result["alpha"] == pytest.approx(nominal_alpha_by_hand(codings))
    two_coders = codings[codings["coder"] != "coder_c"]
    two = frames.agreement(two_coders)
    assert two["alpha"] == pytest.approx(nominal_alpha_by_hand(two_coders))
    a = two_coders[two_coders["coder"] == "coder_a"].set_index("unit")["code"]
    b = two_coders[two_coders["coder"] == "coder_b"].set_index("unit")["code"].reindex(a.index)
    assert two["kappa"] == pytest.approx(kappa_by_hand(a.tolist(), b.tolist()))
    note = (data_dir() / "codings_example.md").read_text(encoding="utf-8")
    assert "not research data" in note
