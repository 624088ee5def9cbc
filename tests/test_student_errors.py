"""Every helper a lesson's "Your turn" cell invites students to call, tried as a confused beginner would:
a wrong id, a misspelt name, a wrong type. Each must answer with ONE line that says what is wrong and,
for a misspelling, suggests the closest valid choice; never a long traceback, silence, an empty
chart or a library warning."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import sahel_course as sc  # noqa: E402
from sahel_course import lesson  # noqa: E402
from sahel_course.compare import kwic, naming_table, rates, word_counts  # noqa: E402
from sahel_course.distinctive import head_to_head, one_vs_rest  # noqa: E402
from sahel_course.plots import distinctive_chart, naming_heatmap  # noqa: E402
from sahel_course.reading import reading_view  # noqa: E402

SPUTNIK = "sputnik-2021-09-plan-b"


@pytest.fixture(scope="module")
def corpus():
    return sc.load_corpus()


@pytest.fixture(scope="module")
def tables(corpus):
    return {
        "names": naming_table(corpus),
        "distinctive": one_vs_rest(corpus),
        "counts": word_counts(corpus),
        "entman": lesson.load_entman(corpus),
        "claims": sc.load_claims(),
        "timeline": sc.load_timeline(),
        "glossary": sc.load_glossary(),
        "codings": pd.read_csv(sc.data_dir() / "codings_example.csv"),
        "frames": sc.policy_frames(),
    }


def calls(corpus, t):
    """(name, wrong id, misspelt name, wrong type, expected suggestion) for each helper: each entry a
    function of no argument that makes the mistake."""
    return {
        "get_article": (lambda: sc.get_article(corpus, "le-monde-2022"),
                        lambda: sc.get_article(corpus, "sputnik-2021-09-plan"),
                        lambda: sc.get_article(corpus, 3), SPUTNIK),
        "reading_view (id)": (lambda: reading_view(corpus, "nope"),
                              lambda: reading_view(corpus, "wire-2022-05-france-cooperatoin"),
                              lambda: reading_view(corpus, ["wire"]), "wire-2022-05-france-cooperation"),
        "reading_view (layer)": (lambda: reading_view(corpus, SPUTNIK, layers=["colours"]),
                                 lambda: reading_view(corpus, SPUTNIK, layers=["qoutes"]),
                                 lambda: reading_view(corpus, SPUTNIK, layers=5), "quotes"),
        "naming_heatmap": (lambda: naming_heatmap(t["names"], referent="weather"),
                           lambda: naming_heatmap(t["names"], referent="russian_personel"),
                           lambda: naming_heatmap(t["names"], referent=3), "russian_personnel"),
        "distinctive_chart": (lambda: distinctive_chart(t["distinctive"], group="le-monde"),
                              lambda: distinctive_chart(t["distinctive"], group="wire-2022-05-france"),
                              lambda: distinctive_chart(t["distinctive"], group=2.5), "wire-2022-05-france-cooperation"),
        "head_to_head": (lambda: head_to_head(t["counts"], SPUTNIK, "le-monde"),
                         lambda: head_to_head(t["counts"], "gfp-2022-08-battle-over-mail", SPUTNIK),
                         lambda: head_to_head(t["counts"], SPUTNIK, None), "gfp-2022-08-battle-over-mali"),
        "show_entman": (lambda: lesson.show_entman(t["entman"], "le-monde"),
                        lambda: lesson.show_entman(t["entman"], "wire-2022-05-france-coperation"),
                        lambda: lesson.show_entman(t["entman"], 5), "wire-2022-05-france-cooperation"),
        "find_in_article": (lambda: lesson.find_in_article(corpus, "le-monde", "junta"),
                            lambda: lesson.find_in_article(corpus, "analysis-2023-07-end-of-minusm", "junta"),
                            lambda: lesson.find_in_article(corpus, SPUTNIK, 42), "analysis-2023-07-end-of-minusma"),
        "unit_text": (lambda: lesson.unit_text(corpus, "le-monde#3"),
                      lambda: lesson.unit_text(corpus, "sputnik-2021-09-plan-c#3"),
                      lambda: lesson.unit_text(corpus, 7), SPUTNIK),
        "check_codes": (lambda: lesson.check_codes({"x#1": "Weather"}, t["frames"]),
                        lambda: lesson.check_codes({"x#1": "Cultural identiy"}, t["frames"]),
                        lambda: lesson.check_codes(["Political"], t["frames"]), "Cultural identity"),
        "agree_with": (lambda: lesson.agree_with({"le-monde#1": "Political"}, t["codings"]),
                       lambda: lesson.agree_with({"sputnik-2021-09-plan-b#15": "Politcal"}, t["codings"]),
                       lambda: lesson.agree_with({"sputnik-2021-09-plan-b#15": 3}, t["codings"]), "Political"),
        "look_up": (lambda: lesson.look_up(t["glossary"], "XYZW"),
                    lambda: lesson.look_up(t["glossary"], "ECOWSA"),
                    lambda: lesson.look_up(t["glossary"], 1), "ECOWAS"),
        "events_in_year": (lambda: lesson.events_in_year(t["timeline"], 1990),
                           lambda: lesson.events_in_year(t["timeline"], "twenty"),
                           lambda: lesson.events_in_year(t["timeline"], [2022]), None),
        "kwic": (lambda: kwic(corpus, "terror*"),
                 lambda: kwic(corpus, "%sovereignty"),
                 lambda: kwic(corpus, 2022), None),
        "rates": (lambda: rates(corpus, ["Wagner", "terror*"]),
                  lambda: rates(corpus, 5),
                  lambda: rates(corpus, [3]), None),
        "one_vs_rest (by)": (lambda: one_vs_rest(corpus, by="newspaper"),
                             lambda: one_vs_rest(corpus, by="outlte"),
                             lambda: one_vs_rest(corpus, by=1), "outlet"),
        "find_quotes / hedges / agreement (exercises)": (lambda: sc.find_quotes("sputnik-2021-09-plan-b"),
                                                         lambda: sc.hedges(corpus["text"]),
                                                         lambda: sc.agreement(t["codings"].to_dict()), None),
        "check_quotations": (lambda: lesson.check_quotations(42, corpus),
                             lambda: lesson.check_quotations("", corpus),
                             lambda: lesson.check_quotations(["a"], corpus), None),
    }


HELPERS = ["get_article", "reading_view (id)", "reading_view (layer)", "naming_heatmap", "distinctive_chart",
           "head_to_head", "show_entman", "find_in_article", "unit_text", "check_codes", "agree_with", "look_up",
           "events_in_year", "kwic", "rates", "check_quotations", "one_vs_rest (by)",
           "find_quotes / hedges / agreement (exercises)"]


def one_line_error(call) -> sc.CourseInputError:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning would fail the test
        with pytest.raises(sc.CourseInputError) as info:
            call()
    err = info.value
    message = str(err)
    assert message and "\n" not in message, message
    assert len(message) < 900, message
    rendered = err._render_traceback_()  # what IPython shows instead of a traceback
    assert len(rendered) == 1 and message in rendered[0]
    return err


@pytest.mark.parametrize("helper", HELPERS)
def test_three_mistakes_get_one_line_each(helper, corpus, tables):
    wrong_id, misspelt, wrong_type, suggestion = calls(corpus, tables)[helper]
    one_line_error(wrong_id)
    err = one_line_error(misspelt)
    if suggestion is not None:
        assert f"Did you mean '{suggestion}'?" in str(err)
    typed = one_line_error(wrong_type)
    assert isinstance(typed, (TypeError, ValueError))


def test_wrong_type_is_also_a_type_error(corpus):
    with pytest.raises(TypeError):
        sc.get_article(corpus, 3)
    with pytest.raises(TypeError):
        kwic(corpus, 2022)


def test_messages_list_the_valid_choices(corpus, tables):
    err = one_line_error(lambda: naming_heatmap(tables["names"], referent="weather"))
    for referent in ["malian_government", "russian_personnel", "armed_groups"]:
        assert referent in str(err)
    err = one_line_error(lambda: sc.get_article(corpus, "le-monde-2022"))
    assert all(i in str(err) for i in corpus["id"])
    err = one_line_error(lambda: kwic(corpus, "terror*"))
    assert "wildcards" in str(err)


def test_ids_forgive_spaces_and_capitals(corpus):
    assert sc.get_article(corpus, " Sputnik-2021-09-plan-B ")["id"] == SPUTNIK


def test_empty_results_say_so(corpus, tables, capsys):
    assert kwic(corpus, "sovereignity").empty
    out = capsys.readouterr().out
    assert "does not occur in any of the" in out and "Did you mean 'sovereignty'" in out
    table = rates(corpus, ["Wagner", "terrorism" "human rights"])  # the missing comma of lesson 04
    assert table["terrorismhuman rights"].sum() == 0
    assert "'terrorismhuman rights' does not occur" in capsys.readouterr().out
    lesson.find_claims(tables["claims"], "Eiffel tower")
    assert capsys.readouterr().out.startswith("No claim quotes the words 'Eiffel tower'")
    assert lesson.check_quotations("A paragraph without any quotation.", corpus) == []
    assert "contains no quotation" in capsys.readouterr().out
    assert "No matches" in repr(sc.kwic_view(kwic(corpus, "zzzzqx")))


def test_quotation_checks_forgive_quote_marks_and_case(corpus, tables, capsys):
    # the article writes the curly apostrophe; the student types a straight one and other capitals
    assert lesson.find_in_article(corpus, "wire-2022-05-france-cooperation", "mali's relationship with its FORMER")
    assert "ignoring capital letters and the kind of quotation marks" in capsys.readouterr().out
    found = lesson.check_quotations('They speak of "Mali\'s relationship with its former colonial power".', corpus)
    assert found == [("Mali's relationship with its former colonial power", ["wire-2022-05-france-cooperation"])]
    lesson.find_claims(tables["claims"], "INDEPENDENT IN 1958")
    assert "sputnik-2021-09-plan-b" in capsys.readouterr().out


def test_paragraph_number_out_of_range(corpus):
    n = len(sc.paragraphs(sc.get_article(corpus, SPUTNIK)["text"]))
    err = one_line_error(lambda: lesson.unit_text(corpus, f"{SPUTNIK}#{n + 1}"))
    assert str(err) == f"unit_text(): paragraph number {n + 1} does not exist; choose a whole number from 1 to {n}."
    assert lesson.unit_text(corpus, f"{SPUTNIK}#{n}") == sc.paragraphs(sc.get_article(corpus, SPUTNIK)["text"])[-1]


def test_agreement_with_one_code_everywhere_is_explained(tables, capsys):
    codings = tables["codings"]
    units = list(codings.loc[codings["coder"] == "coder_a", "unit"])[:1]
    code = codings.loc[(codings["coder"] == "coder_a") & (codings["unit"] == units[0]), "code"].iloc[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lesson.agree_with({units[0]: code}, codings)
    assert "kappa and alpha are undefined" in capsys.readouterr().out


def test_a_real_kernel_shows_one_line_not_a_traceback():
    """What a student sees in JupyterLab: the kernel sends the error as ONE line."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sahel_course as sc\ncorpus = sc.load_corpus()\nsc.get_article(corpus, 'sputnik-2021-09-plan')")])
    NotebookClient(nb, timeout=120, allow_errors=True, kernel_name="python3").execute()
    error = [o for o in nb.cells[0].outputs if o["output_type"] == "error"][0]
    assert error["ename"] == "CourseInputError"
    assert len(error["traceback"]) == 1
    assert "Did you mean 'sputnik-2021-09-plan-b'?" in error["traceback"][0]


TABLE_TAKERS = {
    "find_claims": lambda: lesson.find_claims("claims", "Moura"),
    "show_entman": lambda: lesson.show_entman("entman", SPUTNIK),
    "events_in_year": lambda: lesson.events_in_year("timeline", 2013),
    "look_up": lambda: lesson.look_up("glossary", "ECOWAS"),
    "naming_heatmap": lambda: naming_heatmap("names", referent="russian_personnel"),
    "agree_with": lambda: lesson.agree_with({f"{SPUTNIK}#2": "Political"}, "codings"),
    "check_codes": lambda: lesson.check_codes({f"{SPUTNIK}#2": "Political"}, "frames"),
    "check_quotations": lambda: lesson.check_quotations('"junta"', "corpus"),
    "timeline_chart": lambda: sc.timeline_chart("timeline"),
    "places_map": lambda: sc.places_map(pd.DataFrame({"name": ["Gao"]})),
}


@pytest.mark.parametrize("helper", TABLE_TAKERS)
def test_the_wrong_table_gets_one_line_naming_its_loader(helper):
    """Text or a table without the needed columns where a helper wants a course table."""
    err = one_line_error(TABLE_TAKERS[helper])
    assert "load_" in str(err) or "_table(" in str(err) or "policy_frames()" in str(err) or "read_csv" in str(err)
