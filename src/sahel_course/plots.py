"""Figures for the course, in one colour-blind-safe style.

Colours come from the Okabe-Ito palette (Okabe, M. & Ito, K. 2008, "Color Universal Design
(CUD): How to make figures and presentations that are friendly to colorblind people",
J*Fly), applied by :func:`_style`; the heatmap uses matplotlib's ``cividis`` colour map,
designed to read the same with colour-vision deficiencies.

Every function returns the matplotlib ``Figure``, accepts an optional ``ax`` to draw into,
sets a title and axis labels, sorts its input (so the same data give the same picture) and
works without a display (``MPLBACKEND=Agg``). :func:`alt_text` writes a one-paragraph
description of a figure for the notebook's alt text.

matplotlib is imported inside the functions, so ``import sahel_course`` stays light.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "timeline_chart", "places_map", "distinctive_chart", "naming_heatmap", "actor_bars",
           "alt_text"]

#: Okabe & Ito (2008) colour-blind-safe palette, in their order (black first).
OKABE_ITO: dict[str, str] = {
    "black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7",
}
#: The order in which categories get colours (black kept for text and reference marks).
_CYCLE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]


def _colour(i: int) -> str:
    return _CYCLE[i % len(_CYCLE)]


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    plt.close(fig)  # not left open in pyplot: a notebook shows the returned figure once
    return fig, ax


def _style(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """The course style: title, axis labels, light grid, no top/right frame."""
    ax.set_title(title, fontsize=12, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def timeline_chart(timeline: pd.DataFrame | None = None, corpus: pd.DataFrame | None = None,
                   ax: Axes | None = None) -> Figure:
    """Events 2012-2024 as a strip chart, one row per category, with the articles' dates marked.

    ``timeline`` defaults to :func:`sahel_course.load_timeline` (columns ``date``, ``category``,
    ...), ``corpus`` to :func:`sahel_course.load_corpus` (columns ``id``, ``published``);
    each article's publication date is a dashed vertical line, numbered; the legend gives the ids.

    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2013-01-11", "2023-06-30"]),
    ...                    "category": ["military", "UN"], "event": ["Serval", "End of mandate"]})
    >>> arts = pd.DataFrame({"id": ["a"], "published": pd.to_datetime(["2023-07-15"])})
    >>> fig = timeline_chart(tl, arts)
    >>> fig.axes[0].get_title()
    'Events 2012–2024 and when the articles were published'
    """
    import matplotlib.dates as mdates

    if timeline is None:
        from .reference import load_timeline
        timeline = load_timeline()
    if corpus is None:
        from .corpus import load_corpus
        corpus = load_corpus()
    missing = [c for c in ("date", "category") if c not in timeline.columns]
    if missing:
        raise ValueError(f"timeline_chart(): the timeline has no column(s) {', '.join(missing)}; use load_timeline().")
    tl = timeline.assign(date=pd.to_datetime(timeline["date"]))
    tl = tl[(tl["date"] >= "2012-01-01") & (tl["date"] <= "2024-12-31")].sort_values(["category", "date"], kind="stable")
    categories = sorted(tl["category"].astype(str).unique())
    fig, ax = _new_axes(ax, (10, 1.2 + 0.45 * max(len(categories), 1)))
    for i, cat in enumerate(categories):
        dates = tl.loc[tl["category"].astype(str) == cat, "date"]
        ax.hlines(i, mdates.date2num(pd.Timestamp("2012-01-01")), mdates.date2num(pd.Timestamp("2024-12-31")),
                  color="#eeeeee", linewidth=0.8, zorder=0)
        ax.plot(dates, [i] * len(dates), linestyle="none", marker="o", markersize=6, alpha=0.85,
                color=_colour(i), markeredgecolor="black", markeredgewidth=0.4, label=cat)
    if corpus is not None and len(corpus):
        arts = corpus[["id", "published"]].assign(published=pd.to_datetime(corpus["published"]))
        arts = arts.sort_values(["published", "id"], kind="stable")
        from matplotlib.lines import Line2D

        top = len(categories) - 0.45
        handles = []
        for k, (art_id, when) in enumerate(zip(arts["id"], arts["published"]), start=1):
            ax.axvline(when, color="black", linestyle="--", linewidth=0.8)
            ax.annotate(str(k), (mdates.date2num(when), top + 0.45 * ((k - 1) % 2)), fontsize=8, ha="center",
                        va="bottom", fontweight="bold", backgroundcolor="white", annotation_clip=False)
            handles.append(Line2D([], [], linestyle="none", label=f"{k}: {art_id} ({when:%Y-%m-%d})"))
        ax.legend(handles=handles, title="Articles (dashed lines)", loc="upper left", fontsize=7,
                  title_fontsize=8, frameon=True, framealpha=0.9, handlelength=0, handletextpad=0)
    ax.set_yticks(range(len(categories)), categories)
    ax.set_ylim(-0.6, len(categories) + 0.9)
    ax.set_xlim(pd.Timestamp("2012-01-01"), pd.Timestamp("2024-12-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    _style(ax, "Events 2012–2024 and when the articles were published", "Date (dashed lines: articles)",
           "Event category")
    return fig


def places_map(places: pd.DataFrame | None = None, outline: Any = None, ax: Axes | None = None) -> Figure:
    """Places as points on the country outlines (plain equirectangular lon/lat map, no cartopy).

    ``places`` defaults to :func:`sahel_course.load_places` (columns ``name, lat, lon, kind``);
    ``outline`` to :func:`sahel_course.load_outline` (``{country: [ring of (lon, lat), ...]}``).
    Points are coloured by ``kind``. The map shows the course's region (``reference.MAP_REGION``); places outside it
    (Paris, Moscow, Algiers ...) are listed in a note at the bottom instead. One degree of longitude is drawn shorter than one
    of latitude (by cos(mean latitude)) so shapes look right near the map's centre.

    >>> pl = pd.DataFrame({"name": ["Bamako", "Gao"], "lat": [12.64, 16.27], "lon": [-8.0, -0.04],
    ...                    "kind": ["capital", "base"]})
    >>> box = {"Mali": [[(-12.0, 10.0), (4.0, 10.0), (4.0, 25.0), (-12.0, 25.0), (-12.0, 10.0)]]}
    >>> places_map(pl, box).axes[0].get_xlabel()
    'Longitude (°E)'
    """
    import math

    if places is None:
        from .reference import load_places
        places = load_places()
    if outline is None:
        from .reference import load_outline
        outline = load_outline()
    missing = [c for c in ("name", "lat", "lon") if c not in places.columns]
    if missing:
        raise ValueError(f"places_map(): the places table has no column(s) {', '.join(missing)}; use load_places().")
    fig, ax = _new_axes(ax, (8, 6.5))
    lats: list[float] = []
    for country in sorted(outline):
        for ring in outline[country]:
            xs, ys = zip(*ring)
            ax.fill(xs, ys, facecolor="#f2f2f2", edgecolor="#555555", linewidth=0.7, zorder=1)
            lats.extend(ys)
        if outline[country]:
            ring = max(outline[country], key=len)
            ax.annotate(country, (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)),
                        fontsize=8, color="#555555", ha="center", style="italic", zorder=2,
                        annotation_clip=True)
    pl = places.assign(lat=places["lat"].astype(float), lon=places["lon"].astype(float)).sort_values("name", kind="stable")
    if lats:  # the map shows the course's region; places outside it are listed in a note
        from .reference import MAP_REGION
        box = (*MAP_REGION["lon"], *MAP_REGION["lat"])
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        inside = pl["lon"].between(box[0], box[1]) & pl["lat"].between(box[2], box[3])
        outside = sorted(pl.loc[~inside, "name"].astype(str))
        pl = pl[inside]
        if outside:
            ax.text(0.01, 0.01, "Outside the map: " + ", ".join(outside), transform=ax.transAxes, fontsize=7,
                    va="bottom", ha="left", wrap=True)
    kinds = sorted(pl["kind"].astype(str).unique()) if "kind" in pl.columns else ["place"]
    for i, kind in enumerate(kinds):
        sub = pl[pl["kind"].astype(str) == kind] if "kind" in pl.columns else pl
        ax.scatter(sub["lon"], sub["lat"], s=30, color=_colour(i), edgecolor="black", linewidth=0.5, zorder=3,
                   label=kind)
        for name, x, y in zip(sub["name"], sub["lon"], sub["lat"]):
            ax.annotate(str(name), (x, y), xytext=(3, 3), textcoords="offset points", fontsize=7, zorder=4)
    lats = [*ax.get_ylim()] if lats else list(pl["lat"])
    mid = (min(lats) + max(lats)) / 2 if lats else 0.0
    ax.set_aspect(1 / max(math.cos(math.radians(mid)), 0.1))
    ax.legend(title="Kind of place", fontsize=7, title_fontsize=8, loc="best", frameon=False)
    _style(ax, "Places named in the articles", "Longitude (°E)", "Latitude (°N)")
    return fig


def distinctive_chart(fw: pd.DataFrame, n: int = 10, ax: Axes | None = None) -> Figure:
    """Horizontal bars of the ``n`` highest and ``n`` lowest z-scores of a Fightin' Words table.

    ``fw`` is the output of :func:`sahel_course.distinctive.fightin_words` (indexed by word,
    column ``z``). Positive bars: words typical of the first group; negative: of the second.

    >>> fw = pd.DataFrame({"z": [3.1, 1.2, -0.5, -2.4]}, index=["junta", "mali", "the", "government"])
    >>> fig = distinctive_chart(fw, n=2)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['government', 'the', 'mali', 'junta']
    """
    if "z" not in getattr(fw, "columns", []):
        raise ValueError("distinctive_chart() needs the table from fightin_words() (indexed by word, column 'z').")
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"distinctive_chart(): n must be a positive whole number, not {n!r}.")
    table = pd.DataFrame({"word": fw.index.astype(str), "z": fw["z"].astype(float).to_numpy()})
    table = table.sort_values(["z", "word"], ascending=[False, True], kind="stable")
    top, bottom = table.head(n), table.tail(n)
    chosen = pd.concat([top, bottom[~bottom["word"].isin(top["word"])]]).sort_values(["z", "word"], kind="stable")
    fig, ax = _new_axes(ax, (6, 0.3 * len(chosen) + 1.2))
    colours = [_colour(0) if z > 0 else _colour(1) for z in chosen["z"]]
    ax.barh(range(len(chosen)), chosen["z"], color=colours, edgecolor="black", linewidth=0.4)
    ax.set_yticks(range(len(chosen)), chosen["word"])
    ax.axvline(0, color="black", linewidth=0.8)
    _style(ax, "Distinctive words (Fightin' Words z-scores)",
           "z-score (> 0: first group, < 0: second group)", "Word")
    return fig


def naming_heatmap(table: pd.DataFrame, ax: Axes | None = None, keep_zero: bool = False) -> Figure:
    """Counts of each name variant (rows, grouped by referent) in each article (columns).

    Variants that no article uses are left out unless ``keep_zero=True``. Articles keep the
    order of ``table`` (for :func:`~sahel_course.compare.naming_table`: publication date).

    ``table`` is the long output of :func:`sahel_course.compare.naming_table`
    (columns ``referent, variant, id, count``). Cells show the count.

    >>> t = pd.DataFrame({"referent": ["Mali government"] * 2, "variant": ["junta", "transitional government"],
    ...                   "id": ["a", "b"], "count": [3, 2]})
    >>> naming_heatmap(t).axes[0].get_ylabel()
    'Referent: variant'
    """
    import numpy as np

    missing = [c for c in ("referent", "variant", "id", "count") if c not in getattr(table, "columns", [])]
    if missing:
        raise ValueError(f"naming_heatmap(): the table has no column(s) {', '.join(missing)}; use naming_table().")
    wide = table.pivot_table(index=["referent", "variant"], columns="id", values="count", aggfunc="sum",
                             fill_value=0).sort_index()
    wide = wide[list(dict.fromkeys(table["id"]))]  # articles in the table's order (naming_table: by date)
    if not keep_zero:
        wide = wide[wide.sum(axis=1) > 0]
    labels = [f"{r}: {v}" for r, v in wide.index]
    fig, ax = _new_axes(ax, (1.8 + 1.1 * wide.shape[1], 1.2 + 0.32 * len(labels)))
    data = wide.to_numpy(dtype=float)
    image = ax.imshow(data, aspect="auto", cmap="cividis", vmin=0, vmax=max(float(np.max(data)) if data.size else 1, 1))
    hi = float(np.max(data)) if data.size else 0
    for (r, c), v in np.ndenumerate(data):
        ax.text(c, r, f"{int(v)}", ha="center", va="center", fontsize=7, color="black" if v > hi / 2 else "white")
    ax.set_xticks(range(wide.shape[1]), [str(c) for c in wide.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.figure.colorbar(image, ax=ax, label="Count")
    _style(ax, "Which name each article uses", "Article", "Referent: variant")
    ax.grid(False)
    return fig


def actor_bars(mentions: pd.DataFrame, ax: Axes | None = None, top: int | None = 15) -> Figure:
    """Grouped horizontal bars: how often each actor is mentioned in each article.

    Shows the ``top`` most mentioned actors (all with ``top=None``); never-mentioned actors are left out.

    ``mentions`` is the output of :func:`sahel_course.compare.actor_mentions` (``id, actor, count``).
    Actors are sorted by total mentions (most at the top), articles by id.

    >>> m = pd.DataFrame({"id": ["a", "a", "b"], "actor": ["France", "Russia", "France"], "count": [4, 1, 2]})
    >>> [t.get_text() for t in actor_bars(m).axes[0].get_yticklabels()]
    ['Russia', 'France']
    """
    missing = [c for c in ("id", "actor", "count") if c not in getattr(mentions, "columns", [])]
    if missing:
        raise ValueError(f"actor_bars(): the table has no column(s) {', '.join(missing)}; use actor_mentions().")
    wide = mentions.pivot_table(index="actor", columns="id", values="count", aggfunc="sum", fill_value=0)
    wide = wide.sort_index(axis=1)
    # least mentioned first, so that the most mentioned actor ends on top; ties by name
    totals = wide.sum(axis=1)
    order = sorted(totals.index[totals > 0], key=lambda a: (-totals[a], str(a)))
    order = order[:top] if top is not None else order
    order = order[::-1]
    wide = wide.loc[order]
    ids = list(wide.columns)
    height = 0.8 / max(len(ids), 1)
    fig, ax = _new_axes(ax, (7, 1.2 + 0.25 * len(order) * max(len(ids), 1) ** 0.5))
    for k, art in enumerate(ids):
        ax.barh([i - 0.4 + height * (k + 0.5) for i in range(len(order))], wide[art], height=height,
                color=_colour(k), edgecolor="black", linewidth=0.3, label=str(art))
    ax.set_yticks(range(len(order)), [str(a) for a in order])
    ax.legend(title="Article", fontsize=7, title_fontsize=8, frameon=False, loc="lower right")
    _style(ax, "Who is mentioned, in which article", "Mentions", "Actor")
    return fig


def _extent(ax: Axes, axis: str) -> str:
    lo, hi = ax.get_xlim() if axis == "x" else ax.get_ylim()
    lo, hi = min(lo, hi), max(lo, hi)
    converter = (ax.xaxis if axis == "x" else ax.yaxis).get_converter()
    if converter is not None and "date" in type(converter).__name__.lower():
        import matplotlib.dates as mdates
        return f"from {mdates.num2date(lo):%Y-%m-%d} to {mdates.num2date(hi):%Y-%m-%d}"
    return f"from {lo:.3g} to {hi:.3g}"


def alt_text(fig: Figure) -> str:
    """A one-paragraph description of a figure (title, axis labels, ranges, what is drawn).

    Use it as the alt text of a notebook figure; add a sentence on what the figure shows.

    >>> fw = pd.DataFrame({"z": [2.0, -1.0]}, index=["junta", "government"])
    >>> alt_text(distinctive_chart(fw, n=1))
    "Chart titled 'Distinctive words (Fightin' Words z-scores)'. Horizontal axis: z-score (> 0: first group, < 0: second group), from -1.15 to 2.15. Vertical axis: Word, with the categories government, junta. It shows 2 bars."
    """
    parts: list[str] = []
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        title = ax.get_title() or ax.get_title(loc="left")
        parts.append(f"Chart titled '{title}'." if title else "Untitled chart.")
        for axis, name in (("x", "Horizontal"), ("y", "Vertical")):
            label = ax.get_xlabel() if axis == "x" else ax.get_ylabel()
            ticks = [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels())]
            words = [t for t in ticks if t and not t.replace("−", "-").replace(".", "").lstrip("-").isdigit()]
            if words and len(words) == len(ticks):
                shown = ", ".join(words[:8]) + (f" and {len(words) - 8} more" if len(words) > 8 else "")
                parts.append(f"{name} axis: {label or 'unlabelled'}, with the categories {shown}.")
            else:
                parts.append(f"{name} axis: {label or 'unlabelled'}, {_extent(ax, axis)}.")
        counts = []
        bars = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
        if bars:
            counts.append(f"{len(bars)} bars")
        points = sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() not in (None, "None", "", " "))
        points += sum(len(c.get_offsets()) for c in ax.collections if type(c).__name__ == "PathCollection")
        if points:
            counts.append(f"{points} points")
        polys = [p for p in ax.patches if type(p).__name__ == "Polygon"]
        if polys:
            counts.append(f"{len(polys)} outline shapes")
        if ax.images:
            shape = ax.images[0].get_array().shape
            counts.append(f"a grid of {shape[0]} rows by {shape[1]} columns of coloured cells")
        dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
        if dashed:
            counts.append(f"{len(dashed)} dashed reference lines")
        if counts:
            parts.append("It shows " + ", ".join(counts) + ".")
        legend = ax.get_legend()
        if legend is not None:
            entries = [t.get_text() for t in legend.get_texts()]
            parts.append(f"Legend: {', '.join(entries)}.")
    return " ".join(parts)
