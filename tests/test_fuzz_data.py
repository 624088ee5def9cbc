"""Fuzz test of the data loaders: malformed articles and CSV files.

Each case takes a copy of the course data, breaks ONE thing (an article added or a table edited),
and checks that
* ``sahel-course check-data FOLDER`` (``checkdata.main``) exits 1 and prints a message naming the
  file, the line or row, the field and the fix (the expected pieces are written by hand below);
* the loader itself raises ``CourseDataError`` with the same message (never a bare ValueError
  or a pandas/YAML traceback, never a silent load);
* nothing in the folder was changed by the check (the loaders only read).
The tolerated inputs (spaces around CSV values, Windows/old-Mac line endings) are tested
separately: they load to exactly the same values as the clean file.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import sahel_course as sc
from sahel_course import checkdata
from sahel_course.claims import load_claims
from sahel_course.reference import SCHEMAS, load_table

DATA = Path(sc.data_dir())
GOOD = (Path(__file__).parent / "fixtures" / "sixth-article-fixture.md").read_text(encoding="utf-8")
ART = "sixth-article-fixture.md"


def article(text, name=ART):
    """A case that adds one (bad) article to articles/."""
    return ("articles/" + name, text)


def table(file, old, new, count=1):
    """A case that edits one CSV file: replace the first ``count`` occurrences of ``old`` by ``new``."""
    return (file, (old, new, count))


CASES = {
    # --- articles (line numbers: the fixture's front matter has id on line 2, published on line 6) ----------
    "date 2023-13-45 unquoted": (article(GOOD.replace("'2023-12-31'", "2023-13-45")),
                                 [ART + ", line 6, field 'published': '2023-13-45' is not a real calendar date"]),
    "date 2021-02-30 unquoted": (article(GOOD.replace("'2023-12-31'", "2021-02-30")),
                                 [ART + ", line 6, field 'published': '2021-02-30' is not a real calendar date"]),
    "date written 31.12.2023": (article(GOOD.replace("'2023-12-31'", "31.12.2023")),
                                [ART + ", line 6, field 'published': '31.12.2023' is not a date. Write it as YYYY-MM-DD"]),
    "duplicate id key": (article(GOOD.replace("id: sixth-article-fixture\n", "id: sixth-article-fixture\nid: other\n")),
                         [ART + ", line 3, field 'id': appears twice (first on line 2)"]),
    "duplicate title key": (article(GOOD.replace("author: null\n", "author: null\ntitle: Second title\n")),
                            [ART + ", line 10, field 'title': appears twice (first on line 3)"]),
    "CR-only endings and a bad type": (article(GOOD.replace("outlet_type: blog", "outlet_type: tabloid").replace("\n", "\r")),
                                       [ART + ", line 5, field 'outlet_type': 'tabloid' is not in the vocabulary"]),
    "closing --- at end of file": (article(GOOD.split("\n---\n")[0] + "\n---"),
                                   [ART + ": has an empty body"]),
    "author: no": (article(GOOD.replace("author: null", "author: no")),
                   [ART + ", line 9, field 'author': YAML reads this value as true/false, not as text. Put it in quotes, e.g. author: 'no'"]),
    "author: 1984": (article(GOOD.replace("author: null", "author: 1984")),
                     [ART + ", line 9, field 'author': YAML reads this value as a number, not as text. "
                      "Put it in quotes, e.g. author: '1984'"]),
    "title is a list": (article(GOOD.replace("title: A synthetic sixth article for testing", "title: [a, b]")),
                        [ART + ", line 3, field 'title': YAML reads this value as a list or table"]),
    "id differs from file name": (article(GOOD, name="other-name.md"),
                                  ["other-name.md, line 2, field 'id': 'sixth-article-fixture' differs from the file name"]),
    "hidden .draft.md": (article(GOOD, name=".draft.md"), ["articles/.draft.md: a hidden article file"]),
    "stray .txt file": (article("notes", name="notes.txt"), ["articles/notes.txt: is not an article file (.md)"]),
    "not UTF-8": (article(GOOD.encode("utf-8").replace("’".encode(), b"\x92")), [ART + ": is not UTF-8 text"]),
    "no opening ---": (article(GOOD[4:]), [ART + ", line 1: does not start with a '---' line"]),
    "no closing ---": (article(GOOD.replace("\n---\n", "\n- - -\n")), [ART + ": has no closing '---' line"]),
    "unknown field": (article(GOOD.replace("author: null", "author: null\nauthr: Jane")),
                      [ART + ", line 10, field 'authr': unknown field. Check the spelling"]),
    "missing field": (article(GOOD.replace("language: en\n", "", 1)), [ART + ": missing field(s) language"]),
    "translated: maybe": (article(GOOD.replace("translated: false", "translated: maybe")),
                          [ART + ", line 12, field 'translated': 'maybe' is not true, false or null"]),
    "language: English": (article(GOOD.replace("language: en\n", "language: English\n", 1)),
                          [ART + ", line 10, field 'language': 'English' is not a language code"]),
    "broken YAML": (article(GOOD.replace("title: A synthetic", "title: [A synthetic")),
                    [ART + ", line 4: broken YAML front matter"]),
    "two references sections": (article(GOOD + "\n<!-- references -->\n[2] again\n"),
                                [ART + ": has two '<!-- references -->' sections"]),
    "empty outlet": (article(GOOD.replace("outlet: Course test fixture (synthetic text, not a real source)", "outlet: ''")),
                     [ART + ", line 4, field 'outlet': empty"]),
    # --- CSV tables (spreadsheet rows: the header is row 1) ----------------------------------------------------
    "timeline date 2023-13-01": (table("timeline.csv", "\n2012-01-17,day,", "\n2012-13-17,day,"),
                                 ["timeline.csv, row 2, field 'date': '2012-13-17' is not a real calendar date"]),
    "timeline extra field in first row": (table("timeline.csv", ",high\n", ",high,extra\n"),
                                          ["timeline.csv, row 2: 8 fields, but the header has 7 columns"]),
    "timeline short row": (table("timeline.csv", ",high\n", "\n"),
                           ["timeline.csv, row 2: 6 fields, but the header has 7 columns"]),
    "timeline category typo": (table("timeline.csv", ",conflict,", ",conflcit,"),
                               ["timeline.csv, row 2, field 'category': 'conflcit' is not one of"]),
    "timeline precision week": (table("timeline.csv", "2012-01-17,day,", "2012-01-17,week,"),
                                ["timeline.csv, row 2, field 'precision': 'week' is not one of: day, month, year"]),
    "timeline confidence low": (table("timeline.csv", ",high\n", ",low\n"),
                                ["timeline.csv, row 2, field 'confidence': 'low' is not one of"]),
    "glossary duplicated header": (table("glossary.csv", "term,expansion,definition,source",
                                         "term,expansion,definition,source,term"),
                                   ["glossary.csv, row 1 (header): the column 'term' appears twice"]),
    "glossary empty column name": (table("glossary.csv", "term,expansion,definition,source",
                                         "term,expansion,,source"),
                                   ["glossary.csv, row 1 (header), column 3: the column has no name"]),
    "glossary repeated term": (table("glossary.csv", "\nFAMa,", "\nMINUSMA,"),
                               ["glossary.csv: rows 2, 3 repeat the same term (MINUSMA)"]),
    "places lat not a number": (table("places.csv", "Bamako,12.609,", "Bamako,north,"),
                                ["places.csv, row 2, field 'lat': 'north' is not a number"]),
    "places lat out of range": (table("places.csv", "Bamako,12.609,", "Bamako,120.609,"),
                                ["places.csv, row 2, field 'lat': 120.609 is outside -90..90"]),
    "naming repeated variant": (table("naming.csv", "\nmalian_government,military junta,",
                                      "\nmalian_government,military junta,pejorative,x\nmalian_government,military junta,"),
                                ["naming.csv: rows 2, 3 repeat the same referent + variant"]),
    "actors unknown type": (table("actors.csv", "\nMali,state,", "\nMali,alien,"),
                            ["actors.csv, row 2, field 'type': 'alien' is not one of"]),
    "claims verdict maybe": (table("claims.csv", ",correct,", ",maybe,"),
                             ["claims.csv, row 2, field 'verdict': 'maybe' is not one of"]),
    "claims unknown article": (table("claims.csv", "C001,gfp-2022-08-battle-over-mali,", "C001,gfp-2022-08-battel,"),
                               ["claims.csv, row 2, field 'article_id': no article 'gfp-2022-08-battel' in data/articles/"]),
    "claims repeated id": (table("claims.csv", "\nC002,", "\nC001,"),
                           ["claims.csv: rows 2, 3 repeat the same claim_id (C001)"]),
    "unclosed quote": (table("glossary.csv", "\nMINUSMA,", '\n"MINUSMA,'),
                       ["glossary.csv: cannot be read as CSV"]),
    "places missing column": (table("places.csv", "name,lat,lon,kind,note,source", "name,lat,lon,kind,note,origin"),
                              ["places.csv: missing column(s) source"]),
}
# One case is easier to write as a row edit: empty the 'source' field of the timeline's first row.
CASES["timeline empty source"] = (("timeline.csv", ("__first_row_source__", "", 1)),
                                ["timeline.csv, row 2, field 'source': empty. Fill it in"])


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _apply(folder: Path, target: str, change) -> None:
    path = folder / target
    if isinstance(change, tuple):
        old, new, count = change
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        if old == "__first_row_source__":
            lines = text.split("\n")
            # the first data row ends with ,"<source>",high : empty the quoted source
            lines[1], n = re.subn(r',"[^"]*",high$', ",,high", lines[1])
            assert n == 1, "the case does not apply: the first timeline row changed shape"
            text = "\n".join(lines)
        else:
            assert old in text, f"the case does not apply: {old!r} is not in {target}"
            text = text.replace(old, new, count)
        path.write_text(text, encoding="utf-8", newline="")
    elif isinstance(change, bytes):
        path.write_bytes(change)
    else:
        path.write_text(change, encoding="utf-8", newline="")


def _loader_error(folder: Path, target: str, monkeypatch) -> str:
    """The message of the CourseDataError that the file's own loader raises."""
    monkeypatch.setenv("SAHEL_COURSE_DATA", str(folder))
    with pytest.raises(sc.CourseDataError) as err:
        if target.startswith("articles/"):
            sc.load_corpus(folder / "articles")
        elif target == "claims.csv":
            load_claims(folder / target)
        else:
            name = next(k for k, s in SCHEMAS.items() if s.file == target)
            load_table(name, folder / target)
    return str(err.value)


def test_fuzz_has_at_least_30_cases():
    assert len(CASES) >= 30
    assert sum(t.startswith("articles/") for (t, _), _ in CASES.values()) >= 15
    assert sum(not t.startswith("articles/") for (t, _), _ in CASES.values()) >= 15


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_input_gives_a_named_error(case, tmp_path, capsys, monkeypatch):
    (target, change), expected = CASES[case]
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    _apply(folder, target, change)
    before = _snapshot(folder)
    assert checkdata.main([str(folder)]) == 1
    out = capsys.readouterr().out
    for piece in expected:
        assert piece in out, f"{case}: expected {piece!r} in:\n{out}"
    assert piece in _loader_error(folder, target, monkeypatch)
    assert _snapshot(folder) == before  # the check changed nothing


def test_clean_copy_passes(tmp_path, capsys):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    assert checkdata.main([str(folder)]) == 0
    assert "No problems found" in capsys.readouterr().out


def test_every_problem_in_every_file_is_listed(tmp_path, capsys):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for name in ("date 2023-13-45 unquoted", "timeline category typo", "claims verdict maybe", "glossary repeated term"):
        (target, change), _ = CASES[name]
        _apply(folder, target, change)
    _apply(folder, "timeline.csv", ("2012-01-17,day,", "2012-01-17,week,", 1))
    assert checkdata.main([str(folder)]) == 1
    out = capsys.readouterr().out
    assert "5 problem(s)" in out
    for piece in ("sixth-article-fixture.md, line 6, field 'published'", "timeline.csv, row 2, field 'precision'",
                  "timeline.csv, row 2, field 'category'", "claims.csv, row 2, field 'verdict'",
                  "glossary.csv: rows 2, 3 repeat the same term"):
        assert piece in out


def test_spaces_around_csv_values_are_removed_not_counted(tmp_path):
    """Documented tolerance: ' conflict' and ' 2012-01-17' load exactly as 'conflict' and '2012-01-17'."""
    clean = sc.load_timeline()
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "timeline.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n2012-01-17,day,", "\n 2012-01-17 , day ,", 1).replace(",conflict,", ", conflict ,")
    path.write_text(text, encoding="utf-8")
    spaced = load_table("timeline", path)
    assert spaced["category"].value_counts().to_dict() == clean["category"].value_counts().to_dict()
    assert spaced["date"].iloc[0] == "2012-01-17"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_do_not_change_values(tmp_path, newline):
    clean = load_table("glossary")
    path = tmp_path / "glossary.csv"
    text = (DATA / "glossary.csv").read_bytes().decode("utf-8").replace("\r\n", "\n")
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    assert load_table("glossary", path).equals(clean)
