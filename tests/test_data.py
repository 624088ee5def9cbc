"""Content checks for the reference data: schemas, citations, verbatim quotes, places, coverage."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import sahel_course as sc
from sahel_course.reference import MAP_REGION, load_table

DATA = Path(sc.data_dir())


@pytest.fixture(scope="module")
def corpus():
    return sc.load_corpus()


@pytest.fixture(scope="module")
def timeline():
    return sc.load_timeline()


def test_timeline_size_span_and_citations(timeline):
    assert len(timeline) >= 40
    # the story runs from the 2012 rebellion to the AES states' ECOWAS exit (effective 29 January 2025)
    assert timeline["date"].min().year == 2012 and timeline["date"].max().year >= 2024
    assert timeline["source"].str.len().min() > 8  # a citation, not a stub
    # day-precise events must not claim more than the source gives
    assert set(timeline["precision"]) <= {"day", "month", "year"}


@pytest.mark.parametrize("needle, date", [
    ("2085", "2012-12-20"), ("2100", "2013-04-25"), ("2364", "2017-06-29"), ("2690", "2023-06-30"),
])
def test_timeline_key_resolutions(timeline, needle, date):
    rows = timeline[timeline["source"].str.contains(needle) | timeline["event"].str.contains(needle)]
    assert (rows["date"] == pd.Timestamp(date)).any(), f"resolution {needle} should be dated {date}"


@pytest.mark.parametrize("word", ["Serval", "Barkhane", "Algiers", "Takuba", "Wagner", "ECOWAS", "G5 Sahel",
                                  "Moura", "referendum", "Kidal", "Alliance of Sahel States", "coup"])
def test_timeline_covers_the_story_arc(timeline, word):
    assert timeline["event"].str.contains(word, case=False).any(), f"no timeline event mentions {word}"


def test_minusma_start_and_end(timeline):
    events = timeline.set_index("date")["event"]
    assert events.loc[[pd.Timestamp("2013-07-01")]].str.contains("MINUSMA").any()
    assert events.loc[[pd.Timestamp("2023-12-31")]].str.contains("MINUSMA").any()


@pytest.fixture(scope="module")
def claims():
    from sahel_course.claims import load_claims
    return load_claims()


def test_claims_quotes_are_verbatim(claims, corpus):
    bodies = corpus.set_index("id")["text"]
    notes = corpus.set_index("id")["references"]
    assert set(claims["article_id"]) <= set(bodies.index)
    for _, row in claims.iterrows():
        art, quote = row["article_id"], row["quote"]
        # typos may be quoted from the footnotes; everything else from the body
        found = quote in bodies[art] or (row["claim_type"] == "typo" and quote in notes[art])
        assert found, f"{row['claim_id']}: quote not found verbatim"
    assert (claims["quote"].map(lambda q: any(q in b for b in bodies))).sum() >= len(claims) - 5


def test_claims_vocabulary_and_citations(claims):
    assert claims["claim_id"].is_unique
    assert set(claims["verdict"]) <= {"correct", "wrong", "inconsistent", "needs context", "typo"}
    for verdict in ["wrong", "inconsistent", "typo"]:
        assert (claims["verdict"] == verdict).any()
    assert (claims["source"].str.strip() != "").all()
    # the Moura figures of at least three sources are lined up
    assert claims.loc[claims["quantity"] == "moura_deaths", "article_id"].nunique() >= 2


def test_known_errors_are_in_the_ledger(claims):
    quotes = " ".join(claims["quote"])
    for needle in ["1958", "June 9, 2022", "Mail"]:
        assert needle in quotes, f"the ledger should record the claim containing {needle!r}"


def test_places_inside_region():
    places = sc.load_places()
    inside = ~places["note"].str.contains("outside map region", case=False)
    lo, hi = MAP_REGION["lon"]
    la, ha = MAP_REGION["lat"]
    bad = places[inside & ~(places["lon"].between(lo, hi) & places["lat"].between(la, ha))]
    assert bad.empty, f"places outside the map region without a note: {list(bad['name'])}"
    for name in ["Bamako", "Gao", "Timbuktu", "Kidal", "Moura", "Menaka", "Tessalit"]:
        assert (places["name"] == name).any(), name


def test_places_named_in_articles_are_listed(corpus):
    places = set(sc.load_places()["name"])
    text = " ".join(corpus["text"])
    for name in ["Bamako", "Ouagadougou", "Timbuktu", "Gao", "Moura", "Kidal", "Menaka", "Inner Niger Delta"]:
        assert name in text and any(name in p for p in places), name


def test_bases_have_places_and_sourced_dates():
    from sahel_course.reference import load_bases
    bases = load_bases()
    assert set(bases["place"]) <= set(sc.load_places()["name"])
    dated = bases.dropna(subset=["left"])
    # MINUSMA's first and last sites: Ogossagou (3 August 2023) and the Bamako camp (15 November 2024)
    assert dated.sort_values("left")["place"].iloc[[0, -1]].tolist() == ["Ogossagou", "Bamako"]
    assert (dated["source"] != "unverified").all()
    assert (bases.loc[bases["left"].isna(), "confidence"] == "unverified").all()
    # a base left on a day the timeline records must have the same date there
    timeline = sc.load_timeline()
    for place, day in [("Ber", "2023-08-13"), ("Tessalit", "2023-10-21"), ("Aguelhok", "2023-10-23"),
                       ("Kidal", "2023-10-31")]:
        assert dated.set_index("place").loc[place, "left"] == pd.Timestamp(day)
        assert timeline.loc[timeline["date"] == day, "event"].str.contains(place).any(), place


def test_bases_precision_must_match_the_date(tmp_path, monkeypatch):
    from sahel_course.reference import load_bases
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("articles"))
    path = folder / "bases.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-08-13,day", "2023-08-13,", 1), encoding="utf-8")
    monkeypatch.setenv("SAHEL_COURSE_DATA", str(folder))
    with pytest.raises(sc.CourseDataError, match=r"bases\.csv, row 3, field 'precision': empty"):
        load_bases()
    path.write_text(path.read_text(encoding="utf-8").replace(",Ber,", ",Berr,", 1), encoding="utf-8")
    with pytest.raises(sc.CourseDataError, match=r"bases\.csv, row 3, field 'place': 'Berr' is not a name in places"):
        load_bases()


def test_outline_has_mali_in_region():
    outline = sc.load_outline()
    ring = outline["Mali"][0]
    lons = [x for x, _ in ring]
    lats = [y for _, y in ring]
    assert -13 < min(lons) < -11 and 3 < max(lons) < 5 and 10 < min(lats) < 11 and 24 < max(lats) < 26


def test_actors_naming_glossary_load():
    actors = sc.load_actors()
    assert {"MINUSMA", "Wagner Group"} <= set(actors["actor"])  # both, not either (a set intersection was always true)
    assert actors["aliases"].map(len).min() >= 1
    naming = sc.load_naming()
    assert {"malian_government", "russian_personnel", "armed_groups"} <= set(naming["referent"])
    assert naming["variant"].eq(naming["variant"].str.lower()).all()
    glossary = sc.load_glossary().set_index("term")
    for term in ["MINUSMA", "FAMa", "ECOWAS", "JNIM", "Barkhane", "Serval", "Takuba", "AFISMA", "AES"]:
        assert any(term in t for t in glossary.index), term


def test_every_acronym_of_the_timeline_and_actors_is_in_the_glossary():
    """Students meet these abbreviations in the timeline and the actor table: each must be explained."""
    import re
    glossary = sc.load_glossary()
    known = set()
    for text in list(glossary["term"]) + list(glossary["expansion"]):
        known |= set(re.split(r"[ /(),;:'-]+", text))
    timeline, actors = sc.load_timeline(), sc.load_actors()
    text = " ".join(list(timeline["event"]) + list(timeline["actors"]) + list(actors["actor"]))
    acronyms = {a for a in re.findall(r"[A-Za-z0-9]+", text) if sum(c.isupper() for c in a) >= 2}
    assert sorted(acronyms - known) == []


def test_every_table_loads():
    for name in ["timeline", "actors", "naming", "glossary", "places", "bases"]:
        assert len(load_table(name)) > 0


# ---- bad input in reference tables: a clear error naming file, row and field -------------------

def _broken(tmp_path, name, edit):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_bad_date_in_timeline(tmp_path):
    path = _broken(tmp_path, "timeline.csv", lambda s: s.replace("2013-04-25", "2013-04-31", 1))
    with pytest.raises(sc.CourseDataError, match=r"timeline\.csv, row \d+, field 'date': '2013-04-31' is not a real"):
        load_table("timeline", path)


def test_empty_source_in_timeline(tmp_path):
    def blank_source(text):
        header, first, *rest = text.split("\n")
        row = pd.read_csv(pd.io.common.StringIO(header + "\n" + first), dtype=str)
        row.loc[0, "source"] = ""
        return row.to_csv(index=False, lineterminator="\n").rstrip("\n") + "\n" + "\n".join(rest)
    path = _broken(tmp_path, "timeline.csv", blank_source)
    with pytest.raises(sc.CourseDataError, match=r"timeline\.csv, row 2, field 'source': empty"):
        load_table("timeline", path)


def test_broken_csv(tmp_path):
    path = _broken(tmp_path, "places.csv", lambda s: s + 'Nowhere,1,2,town,"unclosed,src\nx,y\n')
    with pytest.raises(sc.CourseDataError, match=r"places\.csv"):
        load_table("places", path)


def test_missing_column(tmp_path):
    path = _broken(tmp_path, "glossary.csv", lambda s: s.replace("expansion", "expanded", 1))
    with pytest.raises(sc.CourseDataError, match=r"glossary\.csv: missing column\(s\) expansion"):
        load_table("glossary", path)


def test_bad_vocabulary(tmp_path):
    path = _broken(tmp_path, "places.csv", lambda s: s.replace(",capital,", ",metropolis,", 1))
    with pytest.raises(sc.CourseDataError, match=r"places\.csv, row \d+, field 'kind': 'metropolis' is not one of"):
        load_table("places", path)


def test_not_utf8_csv(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "glossary.csv"
    path.write_bytes(path.read_bytes() + "Sévaré,x,y,z\n".encode("latin-1"))
    with pytest.raises(sc.CourseDataError, match=r"glossary\.csv: not UTF-8"):
        load_table("glossary", path)


def test_check_data_finds_no_problem_in_the_course_data(capsys):
    """The command behind `sahel-course check-data`: every file, every problem, exit status 0 here."""
    from sahel_course import checkdata
    assert checkdata.main([]) == 0
    assert "No problems found" in capsys.readouterr().out
