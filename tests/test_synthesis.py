"""Tests for sahel_course.synthesis (framing_profile) and sahel_course.footnotes, on hand-made articles."""
from __future__ import annotations

import pandas as pd
import pytest

from sahel_course import footnotes, framing_profile
from sahel_course._kind import CourseInputError

NAMING = pd.DataFrame({
    "referent": ["gov", "gov", "staff", "staff"],
    "variant": ["junta", "transitional government", "mercenaries", "instructors"],
    "stance": ["pejorative", "official", "pejorative", "euphemistic"],
})


@pytest.fixture()
def toy():
    return pd.DataFrame({
        "id": ["a", "b"], "outlet": ["A", "B"], "outlet_type": ["wire", "state-affiliated media"],
        "published": pd.to_datetime(["2022-01-05", "2023-03-01"]), "published_precision": ["day", "month"],
        "text": ["The junta and the junta met the transitional government. Mercenaries came.",
                 "The transitional government hired instructors."],
        "references": ["", ""],
    }).assign(n_words=[12, 5])


def test_profile_by_hand(toy):
    profile = framing_profile(toy, names={"rulers": "gov", "personnel": "staff"}, stance_referent="gov",
                              naming=NAMING)
    assert list(profile.columns[:7]) == ["outlet", "kind", "published", "words", "rulers",
                                         "pejorative share of those names", "personnel"]
    # a: junta x2, transitional government x1 -> "junta", 2/3 pejorative; b: 0 of 1
    assert profile.loc["a", ["rulers", "pejorative share of those names", "personnel"]].tolist() == [
        "junta", 0.67, "mercenaries"]
    assert profile.loc["b", ["rulers", "pejorative share of those names", "personnel"]].tolist() == [
        "transitional government", 0.0, "instructors"]
    assert profile.loc["b", "published"] == "2023-03-01 (month)"
    assert (profile["remedy (Entman)"] == "not coded yet").all()  # the toy ids are not in data/entman.csv


def test_profile_other_stance_and_referent_typo(toy):
    official = framing_profile(toy, names={"rulers": "malian_government"}, stance="official", naming=NAMING.assign(
        referent=NAMING["referent"].replace({"gov": "malian_government"})))
    # a: 1 of 3 names official; b: 1 of 1
    assert official["official share of those names"].tolist() == [0.33, 1.0]
    with pytest.raises(CourseInputError, match="Did you mean 'gov'"):
        framing_profile(toy, names={"rulers": "gvo"}, stance_referent="gov", naming=NAMING)


def test_footnotes_by_hand():
    demo = pd.DataFrame({"id": ["a", "b"], "references": [
        "[1] Mali : pourquoi la Minusma ne peut pas enquêter. jeuneafrique.com 11.04.2022.\n"
        "not a note\n* Streit um die Einsatzkräfte, FAZ.net",
        None]})
    rows = footnotes(demo)
    assert rows[["id", "note", "domain", "date", "language"]].values.tolist() == [
        ["a", "[1]", "jeuneafrique.com", "2022-04-11", "fr"],
        ["a", "*", "faz.net", "", "de"]]
    with pytest.raises(TypeError, match="load_corpus"):
        footnotes(pd.DataFrame({"id": ["a"]}))
