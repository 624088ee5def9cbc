"""Tests for sahel_course.plots (Agg backend, small hand-made inputs)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sahel_course import plots  # noqa: E402

TIMELINE = pd.DataFrame({"date": pd.to_datetime(["2013-01-11", "2023-06-30", "2010-01-01", "2020-08-18"]),
                         "category": ["france", "un", "other", "coup"], "event": ["Serval", "End", "Too early", "Coup"]})
CORPUS = pd.DataFrame({"id": ["b-art", "a-art"], "published": pd.to_datetime(["2023-07-15", "2021-09-20"])})
PLACES = pd.DataFrame({"name": ["Gao", "Bamako", "Paris"], "lat": [16.27, 12.64, 48.85], "lon": [-0.04, -8.0, 2.35],
                       "kind": ["city", "capital", "capital"]})
OUTLINE = {"Mali": [[(-12.0, 10.0), (4.0, 10.0), (4.0, 25.0), (-12.0, 25.0), (-12.0, 10.0)]]}
FW = pd.DataFrame({"count_a": [5, 4, 3, 2, 1], "count_b": [0, 1, 3, 4, 6], "delta": [1.0, 0.5, 0.0, -0.5, -1.0],
                   "z": [3.0, 1.5, 0.1, -1.2, -2.5]}, index=["junta", "wagner", "the", "government", "mission"])
NAMING = pd.DataFrame({"referent": ["gov", "gov", "gov", "gov", "wagner"],
                       "variant": ["junta", "junta", "transitional government", "interim government", "mercenaries"],
                       "id": ["a", "b", "a", "b", "a"], "count": [3, 1, 2, 0, 4]})
MENTIONS = pd.DataFrame({"id": ["a", "a", "b", "b", "b"], "actor": ["France", "Russia", "France", "MINUSMA", "Nobody"],
                         "count": [4, 1, 2, 3, 0]})


def check_figure(fig, title):
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    assert ax.get_title() == title
    assert ax.get_xlabel() and ax.get_ylabel()
    fig.savefig(io.BytesIO(), format="png", dpi=40)
    text = plots.alt_text(fig)
    assert f"Chart titled '{title}'." in text and "\n" not in text
    return ax


def test_timeline_chart():
    fig = plots.timeline_chart(TIMELINE, CORPUS, start="2012-01-01", end="2024-12-31")
    ax = check_figure(fig, "Events 2012–2024 and when the articles were published")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["coup", "un", "france"]  # 2010 event dropped; course order
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # the legend names the articles, numbered by date; each category is named at its row (the y axis above)
    assert legend == ["1: a-art (2021-09-20)", "2: b-art (2023-07-15)"]
    assert plots.timeline_chart(TIMELINE, CORPUS.iloc[:0]).axes[0].get_legend() is None  # no articles, no legend
    text = plots.alt_text(fig)
    assert "from 2012-01-01 to 2024-12-31" in text
    # the finding, by hand: 3 events in 2012-2024; articles Sept 2021 - July 2023; before Sept 2021:
    # Serval (2013) and the coup (2020); the story began 2013-01-11, 8.7 years before Sept 2021
    assert text.startswith("3 events from 2012 to 2024 in 3 categories.")  # a tie: no "most of them"
    # with a chosen start the story began before the chart: no "began ... years before" (it would count from 2013)
    assert "Both articles were published between September 2021 and July 2023, after 2 of the 3 events." in text
    assert "began" not in text
    assert "Labelled turning points: Serval, Coup 2020, Res. 2690 ends MINUSMA." in text  # dates in KEY_EVENTS


def test_timeline_chart_spans_the_years_of_its_data():
    later = pd.concat([TIMELINE, pd.DataFrame({"date": pd.to_datetime(["2025-06-06"]), "category": ["russia"],
                                               "event": ["Africa Corps"]})], ignore_index=True)
    fig = plots.timeline_chart(later, CORPUS)
    ax = fig.axes[0]
    assert ax.get_title() == "Events 2010–2025 and when the articles were published"
    lo, hi = ax.get_xlim()
    import matplotlib.dates as mdates
    assert mdates.num2date(lo).date().isoformat() == "2010-01-01"
    assert mdates.num2date(hi).date().isoformat() == "2025-12-31"
    assert "russia" in [t.get_text() for t in ax.get_yticklabels()]  # the 2025 event is drawn
    assert plots.alt_text(fig).startswith("5 events from 2010 to 2025 in 5 categories")
    # by hand: before 2021-09-20 come the 2010, 2013 and 2020 events; 2010-01-01 to 2021-09-20 is 11.7 years
    assert ("Both articles were published between September 2021 and July 2023, after 3 of the 5 events: they "
            "tell the end of a story that began 12 years before the first of them.") in plots.alt_text(fig)
    # one article: one month, singular; 2010-01-01 to 2023-07-15 is 13.5 years; all 4 events come before it
    one = plots.alt_text(plots.timeline_chart(TIMELINE, CORPUS.iloc[:1]))
    assert ("The article was published in July 2023, after 4 of the 4 events: it tells the end of a story "
            "that began 14 years before it.") in one
    # start or end alone narrows one side only
    only_end = plots.timeline_chart(later, CORPUS, end="2024-12-31").axes[0]
    assert only_end.get_title() == "Events 2010–2024 and when the articles were published"


def test_places_map_lists_places_outside():
    tl = pd.DataFrame({"date": pd.to_datetime(["2022-08-15", "2023-12-11"]), "category": ["withdrawal"] * 2,
                       "event": ["Barkhane hands the Gao base over", "Flag lowered in Bamako (Gao region)"]})
    fig = plots.places_map(PLACES, OUTLINE, timeline=tl)
    ax = check_figure(fig, "Places named in the articles (Mali shaded)")
    assert any("Outside the map:" in t.get_text() and "Paris" in t.get_text() for t in ax.texts)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 2
    key = next(t.get_text() for t in ax.texts if "Outside the map:" in t.get_text())
    # numbered in the order MINUSMA left: Gao (15 Aug 2022) is 1, Bamako (11 Dec 2023) is 2, although Bamako is
    # further west; "(Gao region)" does not count for Gao
    assert key == "MINUSMA left, in this order:\n 1  15 Aug 2022  Gao\n 2  11 Dec 2023  Bamako\n\nOutside the map: Paris"
    assert plots.alt_text(fig).startswith("Mali is shaded; 2 places are numbered in the order MINUSMA left them, "
                                          "from Gao (August 2022) to Bamako (December 2023). Outside the map: Paris.")


def test_places_map_takes_hand_over_dates_from_the_bases_table():
    bases = pd.DataFrame({"base": ["Gao camp", "Gao annex", "HQ", "Somewhere"], "place": ["Gao", "Gao", "Bamako", "Nowhere"],
                          "left": pd.to_datetime(["2024-07-01", "2023-12-12", None, "2023-01-01"]),
                          "precision": ["month", "day", "", "day"]})
    fig = plots.places_map(PLACES, OUTLINE, bases=bases)
    key = next(t.get_text() for t in fig.axes[0].texts if "Outside the map:" in t.get_text())
    # Gao: the earliest date of its two rows; Bamako has no date, so it comes after; a place not on the map is ignored
    assert key == ("MINUSMA left, in this order:\n 1  12 Dec 2023  Gao\n\nOther places, west to east:\n 2  Bamako"
                   "\n\nOutside the map: Paris")
    assert plots.alt_text(fig).startswith("Mali is shaded; 2 places are numbered: first Gao (December 2023), which "
                                          "MINUSMA left, then the others from west to east.")
    month = plots.places_map(PLACES, OUTLINE, bases=bases.iloc[[0]])
    key = next(t.get_text() for t in month.axes[0].texts if "Outside the map:" in t.get_text())
    assert "\n 1     Jul 2024  Gao\n" in key  # month precision: no invented day
    with pytest.raises(ValueError, match="bases table has no column"):
        plots.places_map(PLACES, OUTLINE, bases=pd.DataFrame({"place": ["Gao"]}))


@pytest.mark.parametrize("data", ["hand-made", "course"])
def test_places_map_fits_its_figure(data):
    # The map is laid out by hand (a map has a fixed shape). Drawn, its title, axis labels, legend and key
    # are inside the figure, and the map fills the figure's height (no white band above and below it).
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    long_name = "Bamako, typed together with a long description of where it lies and why it matters " * 2
    places = PLACES.assign(name=["Gao", long_name, "Paris"])  # a long name wraps in the key
    fig = (plots.places_map(places, OUTLINE, timeline=pd.DataFrame(columns=["date", "category", "event"]))
           if data == "hand-made" else plots.places_map())
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer, ax = canvas.get_renderer(), fig.axes[0]
    inside = fig.bbox.padded(1)
    for artist in [ax.title, ax.xaxis.label, ax.yaxis.label, ax.get_legend(), *ax.texts[-1:]]:
        box = artist.get_window_extent(renderer)
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), artist
    assert "Outside the map:" in ax.texts[-1].get_text()  # the last text is the key
    if data == "course":  # one point per place in the alt text: the 24 places of data/places.csv inside the map
        assert "It shows 24 points, 23 outline shapes." in plots.alt_text(fig)
    assert ax.get_position().height > 0.75


def test_distinctive_chart_top_and_bottom():
    fig = plots.distinctive_chart(FW, n=2)
    ax = check_figure(fig, "Distinctive words: first group vs second group")
    assert sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == ":") == [-1.96, 1.96]
    assert plots.alt_text(fig).startswith("Words most typical of first group: junta, wagner, the; of second group: "
                                          "mission, government. 1 word(s) pass z = 1.96 for first group and 1 for "
                                          "second group.")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["mission", "government", "wagner", "junta"]
    assert [round(p.get_width(), 1) for p in ax.patches] == [-2.5, -1.2, 1.5, 3.0]
    with pytest.raises(ValueError, match="'z'"):
        plots.distinctive_chart(FW.drop(columns="z"))
    long = FW.reset_index(names="word").assign(group="wire")
    assert plots.distinctive_chart(long, group="wire").axes[0].get_title() == "Distinctive words: wire vs the other articles"
    with pytest.raises(ValueError, match="Did you mean 'wire'"):
        plots.distinctive_chart(long, group="wir")


def test_naming_heatmap():
    fig = plots.naming_heatmap(NAMING)
    ax = check_figure(fig, "Which name each article uses")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gov: junta", "gov: transitional government",
                                                            "wagner: mercenaries"]
    assert ax.images[0].get_array().tolist() == [[3, 1], [2, 0], [4, 0]]
    assert len(plots.naming_heatmap(NAMING, keep_zero=True).axes[0].get_yticklabels()) == 4
    assert plots.alt_text(fig).startswith("Most used name per article: a: 'mercenaries' (4); b: 'junta' (1).")
    assert plots.naming_heatmap(NAMING, referent="wagner").axes[0].images[0].get_array().tolist() == [[4]]
    with pytest.raises(ValueError, match="there is no referent 'goverment'"):
        plots.naming_heatmap(NAMING, referent="goverment")


def test_actor_bars():
    fig = plots.actor_bars(MENTIONS)
    ax = check_figure(fig, "Who is mentioned, in which article")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "MINUSMA", "France"]
    assert len(plots.actor_bars(MENTIONS, top=1).axes[0].get_yticklabels()) == 1
    # rates: a has 500 words, b 1,000: France 4/500*1000 = 8 and 2/1000*1000 = 2; MINUSMA 0 and 3; Russia 2 and 0
    corpus = pd.DataFrame({"id": ["b", "a"], "n_words": [1000, 500]})
    fig = plots.actor_bars(MENTIONS, corpus=corpus)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Mentions per 1,000 words"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["b", "a"]  # corpus order
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == [0, 0, 2, 2, 3, 8]
    assert plots.alt_text(fig).startswith("Across the articles, France is mentioned most (mentions per 1,000 words). "
                                          "Each article's most mentioned actor: b: MINUSMA; a: France.")
    # the legend's first article is the top bar of each group
    france = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - 2) < 0.5]
    top_bar = max(france, key=lambda p: p.get_y())
    assert round(top_bar.get_width(), 6) == 2  # b's France rate


def test_draws_into_given_axes_and_is_deterministic():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    assert plots.distinctive_chart(FW, ax=ax1) is fig
    assert plots.actor_bars(MENTIONS.sample(frac=1, random_state=0), ax=ax2) is fig
    a = plots.alt_text(plots.actor_bars(MENTIONS))
    b = plots.alt_text(plots.actor_bars(MENTIONS.iloc[::-1]))
    assert a == b
    plt.close(fig)


# Okabe & Ito (2008), "Color Universal Design", table of RGB values (0-255), in their order.
OKABE_ITO_PUBLISHED_RGB = [(0, 0, 0), (230, 159, 0), (86, 180, 233), (0, 158, 115),
                           (240, 228, 66), (0, 114, 178), (213, 94, 0), (204, 121, 167)]


def _rgb(hex_colour):
    return tuple(round(v * 255) for v in matplotlib.colors.to_rgb(hex_colour))


def test_okabe_ito_palette_matches_the_published_values():
    assert [_rgb(c) for c in plots.OKABE_ITO.values()] == OKABE_ITO_PUBLISHED_RGB


def test_charts_draw_only_palette_colours():
    """Every filled colour a category chart draws is an Okabe-Ito colour (or the grey of 'other')."""
    allowed = {_rgb(c) for c in plots.OKABE_ITO.values()} | {_rgb("#999999")}
    assert {_rgb(c) for c, _ in plots.CATEGORY_STYLE.values()} <= allowed
    for fig in (plots.distinctive_chart(FW, n=2), plots.actor_bars(MENTIONS),
                plots.timeline_chart(TIMELINE, CORPUS)):
        used = set()
        for ax in fig.axes:
            used |= {_rgb(p.get_facecolor()[:3]) for p in ax.patches}
            used |= {_rgb(line.get_color()) for line in ax.lines if line.get_marker() not in (None, "None", "")}
        assert used and used <= allowed, used - allowed


def test_matplotlib_is_imported_lazily():
    """No module-level matplotlib import in plots.py, so ``import sahel_course`` stays light."""
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(plots))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = [a.name for n in top if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in top if isinstance(n, ast.ImportFrom)]
    assert not any(name.startswith("matplotlib") for name in names)


def test_moura_chart_places_counts_at_their_publication_dates():
    tl = pd.DataFrame({"date": pd.to_datetime(["2022-03-27", "2022-04-01", "2022-04-05", "2023-05-12"]),
                       "category": ["human_rights"] * 4,
                       "actors": ["FAMa;Moura", "FAMa;Moura", "HRW;Moura", "OHCHR;Moura"],
                       "event": ["Killings in Moura, at least 500 people killed",
                                 "The army says 203 fighters were killed at Moura",
                                 "HRW: an estimated 300 civilian men executed in Moura",
                                 "OHCHR report on Moura: at least 500 people killed"]})
    moura = pd.DataFrame({"article_id": ["x", "y"], "stated_value": ["around 300 (civilians)", "more than 500"],
                          "published": pd.to_datetime(["2022-08-22", "2023-07-15"])})
    fig = plots.moura_chart(moura, tl)
    check_figure(fig, "Moura death toll: when each count was published, and when our articles repeated it")
    assert plots.alt_text(fig).startswith(
        "The counts rose over time: FAMa 203 (1 April 2022), then HRW 300 (5 April 2022), then OHCHR 500 "
        "(12 May 2023). Our articles repeated 300 in x (August 2022); 500 in y (July 2023).")


def test_category_colours_are_fixed():
    assert plots.category_style("un") == plots.CATEGORY_STYLE["un"]
    styles = list(plots.CATEGORY_STYLE.values())
    assert len(set(styles)) == len(styles)  # colour + shape pairs are unique


def test_alt_text_finding_stays_true_for_the_real_corpus():
    """The alt text's finding is computed from the data: check it against an independent count."""
    import sahel_course as sc

    corpus, timeline = sc.load_corpus(), sc.load_timeline()
    text = plots.alt_text(plots.timeline_chart(timeline, corpus))
    shown = timeline  # the default range covers every event
    years = f"from {timeline['date'].min().year} to {timeline['date'].max().year}"
    assert text.startswith(f"{len(shown)} events {years}")
    first = corpus["published"].min()
    assert f"after {int((shown['date'] < first).sum())} of the {len(shown)} events" in text
    mentions = sc.actor_mentions(corpus)
    fig = plots.actor_bars(mentions, corpus=corpus)
    rate = mentions.merge(corpus[["id", "n_words"]], on="id").assign(r=lambda d: d["count"] / d["n_words"] * 1000)
    leader = rate.groupby("actor")["r"].sum().sort_values(ascending=False).index[0]
    assert plots.alt_text(fig).startswith(f"Across the articles, {leader} is mentioned most")


# ------------------------------------------------------ charts that were built in notebooks 00 and 08 ----

def test_article_lengths_chart_bars_are_the_word_counts_oldest_on_top():
    corpus = pd.DataFrame({"id": ["new", "old", "mid"], "n_words": [300, 1200, 449],
                           "published": pd.to_datetime(["2023-07-15", "2021-09-20", "2022-05-01"])})
    fig = plots.article_lengths_chart(corpus)
    ax = check_figure(fig, "How long is each article?")
    # barh draws the first row at the bottom: newest first, so the oldest ends on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["new", "mid", "old"]
    assert [p.get_width() for p in ax.patches] == [300, 449, 1200]
    assert plots.alt_text(fig).startswith("The longest article is old (1,200 words), the shortest new (300 words).")
    with pytest.raises(ValueError, match="n_words"):
        plots.article_lengths_chart(corpus.drop(columns="n_words"))


def test_profile_chart_one_panel_per_measure_with_every_value_in_the_alt_text():
    profile = pd.DataFrame({"unnamed sources": [4, 0, 5], "hedges per 1,000 words": [1.2, 4.5, 7.9]},
                           index=pd.Index(["s", "w", "g"], name="id"))
    fig = plots.profile_chart(profile, ["unnamed sources", "hedges per 1,000 words"])
    assert [ax.get_title() for ax in fig.axes] == ["unnamed sources", "hedges per 1,000 words"]
    assert [p.get_width() for p in fig.axes[1].patches] == [1.2, 4.5, 7.9]
    assert fig.axes[0].yaxis_inverted()  # first row of the table at the top
    text = plots.alt_text(fig)
    assert "unnamed sources: s 4; w 0; g 5. hedges per 1,000 words: s 1.2; w 4.5; g 7.9." in text
    assert "Vertical axis: the same as in the chart 'unnamed sources'." in text
    with pytest.raises(plots_input_error(), match="Did you mean 'unnamed sources'"):
        plots.profile_chart(profile, ["unamed sources"])


def plots_input_error():
    from sahel_course._kind import CourseInputError
    return CourseInputError


def test_places_map_moves_a_neighbours_name_off_a_marker():
    # Burkina Faso's name goes at the mean of its outline's points, (-2.6, 11.6) by hand, which is under
    # Ouagadougou's marker at (-2.0, 12.0); it moves down by 0.7 degrees once, to 10.9, and is then clear.
    outline = {**OUTLINE, "Burkina Faso": [[(-5.0, 10.0), (1.0, 10.0), (1.0, 14.0), (-5.0, 14.0), (-5.0, 10.0)]]}
    places = pd.DataFrame({"name": ["Ouagadougou"], "lat": [12.0], "lon": [-2.0], "kind": ["capital"]})
    none = pd.DataFrame({"date": pd.to_datetime([]), "category": [], "event": []})
    ax = plots.places_map(places, outline, timeline=none).axes[0]
    name = next(t for t in ax.texts if t.get_text() == "Burkina Faso")
    assert name.xyann == pytest.approx((-2.6, 10.9))


def _course_figures(longest_id: bool = False):
    """Every chart of the lessons, drawn from the course data as the lessons draw them; with
    ``longest_id``, one article has an id as long as the corpus allows (MAX_ID_LENGTH)."""
    import sahel_course as sc
    from sahel_course.corpus import MAX_ID_LENGTH
    from sahel_course.synthesis import framing_profile
    corpus, timeline = sc.load_corpus(), sc.load_timeline()
    if longest_id:
        corpus = corpus.replace({"id": {"gfp-2023-07-path-to-independence": "gfp-2023-07-" + "x" * (MAX_ID_LENGTH - 12)}})
        assert corpus["id"].str.len().max() == MAX_ID_LENGTH
    recent = timeline[timeline["date"] >= "2023-01-01"]
    return {
        "article lengths (00)": lambda: plots.article_lengths_chart(corpus),
        "timeline (01)": lambda: plots.timeline_chart(timeline, corpus),
        "map (01)": lambda: plots.places_map(),
        "naming (03)": lambda: plots.naming_heatmap(sc.naming_table(corpus), referent="malian_government"),
        "distinctive (04)": lambda: plots.distinctive_chart(sc.one_vs_rest(corpus), group=corpus["id"].iloc[1], n=10),
        "actors (05)": lambda: plots.actor_bars(sc.actor_mentions(corpus), top=12, corpus=corpus),
        "moura (06)": lambda: plots.moura_chart(sc.moura_figures(sc.load_claims(), corpus), timeline),
        "profile (08)": lambda: plots.profile_chart(framing_profile(corpus), list(plots.PROFILE_MEASURES)),
        "recent timeline (08)": lambda: plots.timeline_chart(recent, corpus[corpus["published"] >= "2023-01-01"],
                                                             start="2023-01-01"),
    }


@pytest.mark.parametrize("longest_id", [False, True], ids=["course data", "longest id"])
@pytest.mark.parametrize("name", list(_course_figures()))
def test_every_course_figure_fits_its_page(name, longest_id):
    # Saved as it is (fig.savefig without bbox_inches="tight", as show() saves a laid-out figure), nothing
    # drawn is cut off at the edge of the picture: the box around everything drawn lies within the page.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _course_figures(longest_id)[name]()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn, page = fig.get_tightbbox(canvas.get_renderer()), fig.bbox_inches.padded(0.02)  # inches
    assert page.contains(drawn.x0, drawn.y0) and page.contains(drawn.x1, drawn.y1), \
        f"{name}: drawn from {drawn.p0.round(2)} to {drawn.p1.round(2)} on a page of {fig.bbox_inches.p1.round(2)}"


def test_show_saves_a_laid_out_figure_as_is_and_trims_the_others(monkeypatch):
    # show() saves a chart of plots as laid out (the page, at 100 dpi), and trims a student's own
    # figure without a layout engine to everything drawn: here a label longer than the figure.
    from PIL import Image

    from sahel_course import lesson

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    own, own_ax = plt.subplots(figsize=(4, 3))
    own_ax.set_xlabel("a label that runs far beyond the right edge of this small figure, and further")
    for fig in (plots.timeline_chart(TIMELINE, CORPUS), own):
        page = tuple(round(v * 100) for v in fig.get_size_inches())
        lesson.show(fig, alt="test")
        size = Image.open(io.BytesIO(shown[-2].data)).size
        if fig is own:
            assert size[0] > page[0]  # wider than its page: nothing cut off
        else:
            assert size == page
