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
    assert text.startswith(f"Chart titled '{title}'.") and "\n" not in text
    return ax


def test_timeline_chart():
    fig = plots.timeline_chart(TIMELINE, CORPUS)
    ax = check_figure(fig, "Events 2012–2024 and when the articles were published")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["coup", "france", "un"]  # 2010 event dropped
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["1: a-art (2021-09-20)", "2: b-art (2023-07-15)"]
    assert "from 2012-01-01 to 2024-12-31" in plots.alt_text(fig)


def test_places_map_lists_places_outside():
    fig = plots.places_map(PLACES, OUTLINE)
    ax = check_figure(fig, "Places named in the articles")
    assert any("Outside the map: Paris" in t.get_text() for t in ax.texts)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 2


def test_distinctive_chart_top_and_bottom():
    fig = plots.distinctive_chart(FW, n=2)
    ax = check_figure(fig, "Distinctive words (Fightin' Words z-scores)")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["mission", "government", "wagner", "junta"]
    assert [round(p.get_width(), 1) for p in ax.patches] == [-2.5, -1.2, 1.5, 3.0]
    with pytest.raises(ValueError, match="'z'"):
        plots.distinctive_chart(FW.drop(columns="z"))


def test_naming_heatmap():
    fig = plots.naming_heatmap(NAMING)
    ax = check_figure(fig, "Which name each article uses")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gov: junta", "gov: transitional government",
                                                            "wagner: mercenaries"]
    assert ax.images[0].get_array().tolist() == [[3, 1], [2, 0], [4, 0]]
    assert len(plots.naming_heatmap(NAMING, keep_zero=True).axes[0].get_yticklabels()) == 4


def test_actor_bars():
    fig = plots.actor_bars(MENTIONS)
    ax = check_figure(fig, "Who is mentioned, in which article")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "MINUSMA", "France"]
    assert len(plots.actor_bars(MENTIONS, top=1).axes[0].get_yticklabels()) == 1


def test_draws_into_given_axes_and_is_deterministic():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    assert plots.distinctive_chart(FW, ax=ax1) is fig
    assert plots.actor_bars(MENTIONS.sample(frac=1, random_state=0), ax=ax2) is fig
    a = plots.alt_text(plots.actor_bars(MENTIONS))
    b = plots.alt_text(plots.actor_bars(MENTIONS.iloc[::-1]))
    assert a == b
    plt.close(fig)


def test_okabe_ito_palette():
    assert plots.OKABE_ITO["vermillion"] == "#D55E00" and len(plots.OKABE_ITO) == 8


def test_matplotlib_is_imported_lazily():
    """No module-level matplotlib import in plots.py, so ``import sahel_course`` stays light."""
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(plots))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = [a.name for n in top if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in top if isinstance(n, ast.ImportFrom)]
    assert not any(name.startswith("matplotlib") for name in names)
