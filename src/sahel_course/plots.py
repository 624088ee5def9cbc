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

from ._kind import need_table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "CATEGORY_STYLE", "KEY_EVENTS", "category_style", "timeline_chart", "handover_dates",
           "places_map", "distinctive_chart", "moura_chart", "naming_heatmap", "actor_bars", "article_lengths_chart",
           "profile_chart", "PROFILE_MEASURES", "alt_text"]

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


#: One colour AND one marker shape per timeline category, the same in every chart of the course.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "coup": ("#D55E00", "X"), "conflict": ("#D55E00", "o"), "human_rights": ("#CC79A7", "D"),
    "un": ("#0072B2", "s"), "withdrawal": ("#0072B2", "v"), "france": ("#56B4E9", "^"),
    "europe": ("#56B4E9", "P"), "russia": ("#E69F00", "o"), "regional": ("#009E73", "s"),
    "peace_process": ("#009E73", "^"), "election": ("#000000", "D"), "diplomacy": ("#000000", "o"),
}
_OTHER_STYLES = [("#999999", m) for m in "o^sDv"]

#: Short labels for the turning points of the story, by date (only dates present in the timeline are drawn).
KEY_EVENTS: dict[str, str] = {
    "2012-03-22": "Coup in Bamako", "2013-01-11": "Serval", "2013-07-01": "MINUSMA begins",
    "2014-08-01": "Barkhane", "2015-06-20": "Algiers Agreement", "2020-08-18": "Coup 2020",
    "2021-05-24": "Coup 2021", "2021-12-23": "Wagner in Mali condemned", "2022-03-27": "Moura killings",
    "2022-08-15": "Barkhane leaves Mali", "2023-05-26": "Bundestag: last mandate", "2023-06-18": "Referendum",
    "2023-06-30": "Res. 2690 ends MINUSMA", "2023-09-16": "Alliance of Sahel States",
    "2023-12-31": "MINUSMA gone",
    "2019-03-23": "Ogossagou massacre", "2020-06-05": "M5-RFP protests", "2022-01-24": "Coup in Burkina Faso",
    "2023-07-26": "Coup in Niger", "2023-08-23": "Prigozhin killed", "2025-01-29": "ECOWAS exit in force",
    "2025-06-06": "Africa Corps replaces Wagner",
}


def category_style(category: str, others: list[str] | None = None) -> tuple[str, str]:
    """(colour, marker) of a timeline category: fixed for the course's categories, grey for others."""
    if category in CATEGORY_STYLE:
        return CATEGORY_STYLE[category]
    extra = sorted(c for c in (others or []) if c not in CATEGORY_STYLE)
    return _OTHER_STYLES[extra.index(category) % len(_OTHER_STYLES)] if category in extra else _OTHER_STYLES[0]


def _dark(colour: str) -> bool:
    """True for a fill on which white text reads better than black (relative luminance below 0.4)."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4


def _finding(fig: Figure, text: str) -> None:
    """Attach the figure's finding (a sentence computed from its data) for :func:`alt_text`."""
    fig._sahel_finding = text  # type: ignore[attr-defined]


def _wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters, so that a long title or label
    (an article id, a measure) stays inside its figure."""
    import textwrap
    return textwrap.fill(text, width, break_long_words=False)


def _years(n: float) -> str:
    return f"{n:.0f} year{'s' if round(n) != 1 else ''}"


def timeline_chart(timeline: pd.DataFrame | None = None, corpus: pd.DataFrame | None = None,
                   ax: Axes | None = None, start: str | None = None, end: str | None = None) -> Figure:
    """Events as a strip chart (one row per category, one colour and shape per category), the
    turning points of :data:`KEY_EVENTS` labelled above, each article's publication date a
    numbered dashed line.

    The chart spans whole years from the first to the last event (or article) unless ``start``
    and/or ``end`` (``"YYYY-MM-DD"``) narrow it, so events added to the timeline are always drawn.

    ``timeline`` defaults to :func:`sahel_course.load_timeline` (columns ``date``, ``category``,
    ...), ``corpus`` to :func:`sahel_course.load_corpus` (columns ``id``, ``published``).

    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2013-01-11", "2023-06-30"]),
    ...                    "category": ["france", "un"], "event": ["Serval", "End of mandate"]})
    >>> arts = pd.DataFrame({"id": ["a"], "published": pd.to_datetime(["2023-07-15"])})
    >>> fig = timeline_chart(tl, arts)
    >>> fig.axes[0].get_title()
    'Events 2013–2023 and when the articles were published'
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    if timeline is None:
        from .reference import load_timeline
        timeline = load_timeline()
    if corpus is None:
        from .corpus import load_corpus
        corpus = load_corpus()
    need_table(timeline, ("date", "category"), "timeline_chart", "load_timeline()", "timeline")
    tl = timeline.assign(date=pd.to_datetime(timeline["date"]))
    known = list(tl["date"].dropna())
    if corpus is not None and len(corpus) and "published" in corpus.columns:
        known += list(pd.to_datetime(corpus["published"]).dropna())
    first, last = (min(known), max(known)) if known else (pd.Timestamp("2012-01-01"), pd.Timestamp("2024-12-31"))
    lo = pd.Timestamp(start) if start is not None else pd.Timestamp(year=first.year, month=1, day=1)
    hi = pd.Timestamp(end) if end is not None else pd.Timestamp(year=last.year, month=12, day=31)
    tl = tl[(tl["date"] >= lo) & (tl["date"] <= hi)].sort_values(["category", "date"], kind="stable")
    counts = tl["category"].astype(str).value_counts()
    categories = sorted(counts.index, key=lambda c: (list(CATEGORY_STYLE).index(c) if c in CATEGORY_STYLE else 99, c))
    n_cat = max(len(categories), 1)
    fig, ax = _new_axes(ax, (12, 4.6 + 0.3 * n_cat))
    for i, cat in enumerate(categories):
        dates = tl.loc[tl["category"].astype(str) == cat, "date"]
        colour, marker = category_style(cat, categories)
        ax.hlines(i, mdates.date2num(lo), mdates.date2num(hi), color="#eeeeee", linewidth=0.8, zorder=0)
        ax.plot(dates, [i] * len(dates), linestyle="none", marker=marker, markersize=7, alpha=0.9,
                color=colour, markeredgecolor="black", markeredgewidth=0.5)
    # key events: labels in levels above the strips, a thin line down to the event's row
    span_days = (hi - lo).days or 1
    days_per_char = span_days / 9.5 / 11.5  # about 12 characters per inch at 7 pt on a 9.5-inch axis, with room
    keyed = tl[tl["date"].dt.strftime("%Y-%m-%d").isin(KEY_EVENTS)].drop_duplicates("date").sort_values("date")
    levels: list[list[tuple[float, float]]] = []  # occupied x-intervals of each label row
    labelled = []
    stems: list[tuple[float, int, float]] = []  # (x, row of the event, height of the label)
    right_edge = mdates.date2num(hi)
    for _, row in keyed.iterrows():
        x = mdates.date2num(row["date"])
        label = KEY_EVENTS[f"{row['date']:%Y-%m-%d}"]
        width = len(label) * days_per_char + 20
        ha = "left" if x + width < right_edge else "right"  # labels near the right edge extend to the left
        span = (x - 10, x + width) if ha == "left" else (x - width, x + 10)
        level = next((k for k, used in enumerate(levels) if all(span[1] < a or span[0] > b for a, b in used)),
                     len(levels))
        if level == len(levels):
            levels.append([])
        levels[level].append(span)
        y = n_cat + 0.4 + 0.75 * level
        stems.append((x, categories.index(str(row["category"])), y))
        ax.text(x, y, label, fontsize=7, ha=ha, va="center", zorder=5,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="#888888", linewidth=0.4))
        labelled.append(label)
    if stems:  # a thin line from each label down to its event, all in one collection
        ax.vlines(*zip(*stems), color="#888888", linewidth=0.5, zorder=1)
    level_end = levels
    top = n_cat + 0.4 + 0.75 * max(len(level_end), 1)
    arts = pd.DataFrame(columns=["id", "published"])
    if corpus is not None and len(corpus):
        arts = corpus[["id", "published"]].assign(published=pd.to_datetime(corpus["published"]))
        arts = arts.sort_values(["published", "id"], kind="stable")
        previous = None
        for k, (art_id, when) in enumerate(zip(arts["id"], arts["published"]), start=1):
            ax.plot([when, when], [-0.6, top], color="black", linestyle="--", linewidth=0.8, zorder=2)
            close = previous is not None and (when - previous).days < span_days / 60
            ax.annotate(str(k), (mdates.date2num(when), -0.6), xytext=(5 if close else 0, 0),
                        textcoords="offset points", fontsize=8, ha="left" if close else "center", va="top",
                        fontweight="bold", annotation_clip=False)
            previous = when
    # the legend names the articles only: each category is named at its row, where its markers are
    handles = [Line2D([], [], linestyle="--", color="black", label=f"{k}: {a} ({w:%Y-%m-%d})")
               for k, (a, w) in enumerate(zip(arts["id"], arts["published"]), start=1)]
    if handles:
        ax.legend(handles=handles, title="Articles (numbered dashed lines)", loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), fontsize=7, title_fontsize=8, frameon=False)
    ax.set_yticks(range(len(categories)), [c.replace("_", " ") for c in categories])
    ax.set_ylim(-1.3, top + 0.5)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    _style(ax, f"Events {lo.year}–{hi.year} and when the articles were published", "Date (dashed lines: articles)",
           "Event category")
    # the finding, computed from the data shown
    sentence = f"{len(tl)} events from {lo.year} to {hi.year} in {len(categories)} categories"
    if len(counts) and (len(counts) == 1 or counts.iloc[0] > counts.iloc[1]):
        sentence += f", most of them '{counts.index[0].replace('_', ' ')}' ({int(counts.iloc[0])})"
    sentence += "."
    if len(arts):
        first, last = arts["published"].min(), arts["published"].max()
        before = int((tl["date"] < first).sum())
        when = f"in {first:%B %Y}" if f"{first:%Y%m}" == f"{last:%Y%m}" else f"between {first:%B %Y} and {last:%B %Y}"
        who = {1: "The article was", 2: "Both articles were"}.get(len(arts), f"All {len(arts)} articles were")
        sentence += f" {who} published {when}, after {before} of the {len(tl)} events"
        if start is None and len(tl):  # with a chosen start the story began before the chart
            they, them = ("it tells", "it") if len(arts) == 1 else ("they tell", "the first of them")
            sentence += (f": {they} the end of a story that began "
                         f"{_years((first - tl['date'].min()).days / 365.25)} before {them}")
        sentence += "."
    if labelled:
        sentence += " Labelled turning points: " + ", ".join(labelled) + "."
    _finding(fig, sentence)
    return fig


_MAP_KEY_WIDTH = 40  # characters per line of the map's key: it stays narrow beside the map, however long a name is


def handover_dates(places: pd.DataFrame, timeline: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """For each place, the date of the first timeline event of category ``withdrawal`` naming it
    (a base left or handed over). A name in brackets or followed by "region" ("Ber (Timbuktu
    region)") only locates another place and does not count. Places without such an event
    are not in the result.

    >>> pl = pd.DataFrame({"name": ["Ber", "Gao"]})
    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2023-08-13"]), "category": ["withdrawal"],
    ...                    "event": ["MINUSMA leaves Ber"]})
    >>> handover_dates(pl, tl)
    {'Ber': Timestamp('2023-08-13 00:00:00')}
    """
    import re

    out: dict[str, pd.Timestamp] = {}
    left = timeline[timeline["category"].astype(str) == "withdrawal"].sort_values("date", kind="stable")
    for name in places["name"].astype(str):
        # the name itself, not "(Timbuktu region)" which only locates another place
        rx = re.compile(rf"(?<![\w(]){re.escape(name)}(?!\w)(?! region)")
        hits = left[left["event"].astype(str).str.contains(rx)]
        if len(hits):
            out[name] = pd.Timestamp(hits["date"].iloc[0])
    return out


def places_map(places: pd.DataFrame | None = None, outline: Any = None, ax: Axes | None = None,
               timeline: pd.DataFrame | None = None, highlight: str = "Mali",
               bases: pd.DataFrame | None = None) -> Figure:
    """The places of the story on the country outlines, ``highlight`` (Mali) shaded, each place a
    numbered marker explained in a key beside the map. The places MINUSMA left come first,
    numbered in the order it left them (follow 1, 2, 3 ... on the map), with the date; the
    other places follow, numbered from west to east.

    The dates come from ``bases`` (columns ``place``, ``left`` and optionally ``precision``;
    default :func:`sahel_course.reference.load_bases`, the table ``data/bases.csv``). When only a
    ``timeline`` is given, they come from its withdrawal events instead (:func:`handover_dates`).
    ``places`` defaults to :func:`sahel_course.load_places` (columns ``name, lat, lon, kind``);
    ``outline`` to :func:`sahel_course.load_outline`.
    Places outside the course's region (Paris, Moscow ...) are listed under the key.

    >>> pl = pd.DataFrame({"name": ["Bamako", "Gao"], "lat": [12.64, 16.27], "lon": [-8.0, -0.04],
    ...                    "kind": ["capital", "base"]})
    >>> box = {"Mali": [[(-12.0, 10.0), (4.0, 10.0), (4.0, 25.0), (-12.0, 25.0), (-12.0, 10.0)]]}
    >>> places_map(pl, box, timeline=pd.DataFrame(columns=["date", "category", "event"])).axes[0].get_xlabel()
    'Longitude (°E)'
    """
    import math
    import textwrap

    from matplotlib.patches import Circle

    def key_entry(prefix: str, name: Any) -> str:
        """One line of the key; a long name continues on the next lines, under itself."""
        return textwrap.fill(prefix + str(name), _MAP_KEY_WIDTH, subsequent_indent=" " * len(prefix))

    if places is None:
        from .reference import load_places
        places = load_places()
    if outline is None:
        from .reference import load_outline
        outline = load_outline()
    if bases is None and timeline is None:
        from .reference import load_bases
        bases = load_bases()
    need_table(places, ("name", "lat", "lon"), "places_map", "load_places()", "places table")
    if bases is not None:
        need_table(bases, ("place", "left"), "places_map", "load_bases()", "bases table")
    own_figure = ax is None
    fig, ax = _new_axes(ax, (12, 7.5))
    lats: list[float] = []
    neighbours: list[Any] = []  # the other countries' names, moved off the markers below
    for country in sorted(outline):
        mine = country == highlight
        for ring in outline[country]:
            xs, ys = zip(*ring)
            ax.fill(xs, ys, facecolor="#FBE3C8" if mine else "#f2f2f2", edgecolor="#000000" if mine else "#777777",
                    linewidth=1.6 if mine else 0.6, zorder=1 if not mine else 1.5)
            lats.extend(ys)
        if outline[country]:
            ring = max(outline[country], key=len)
            where = (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
            if mine:  # the highlighted country's name in its empty north, away from the markers
                where = (where[0], max(p[1] for p in ring) - 2.5)
            name = ax.annotate(country.upper() if mine else country, where,
                               fontsize=11 if mine else 8, color="#000000" if mine else "#555555", ha="center",
                               fontweight="bold" if mine else "normal", style="normal" if mine else "italic",
                               zorder=2, annotation_clip=True)
            if not mine:
                neighbours.append(name)
    pl = places.assign(lat=places["lat"].astype(float), lon=places["lon"].astype(float))
    pl = pl.sort_values(["lon", "lat", "name"], kind="stable")  # west to east (ties: south first)
    outside: list[str] = []
    if lats:
        from .reference import MAP_REGION
        box = (*MAP_REGION["lon"], *MAP_REGION["lat"])
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        inside = pl["lon"].between(box[0], box[1]) & pl["lat"].between(box[2], box[3])
        outside = sorted(pl.loc[~inside, "name"].astype(str))
        pl = pl[inside]
        if len(pl):  # zoom on the places, with a margin
            ax.set_xlim(max(box[0], pl["lon"].min() - 3), min(box[1], pl["lon"].max() + 3))
            ax.set_ylim(max(box[2], pl["lat"].min() - 3), min(box[3], pl["lat"].max() + 5))
    month_only: set[str] = set()
    if bases is not None:
        known = bases.assign(left=pd.to_datetime(bases["left"])).dropna(subset=["left"]).sort_values("left", kind="stable")
        known = known.drop_duplicates("place")  # the first time MINUSMA left the place
        handed = {str(p): pd.Timestamp(d) for p, d in zip(known["place"], known["left"]) if p in set(pl["name"])}
        if "precision" in known.columns:
            month_only = {str(p) for p, q in zip(known["place"], known["precision"]) if q in ("month", "year")}
    else:
        handed = handover_dates(pl, timeline) if len(timeline) else {}
    # the places MINUSMA left first, in the order it left them (same day: west to east), then the others
    pl = pl.assign(_left=pl["name"].astype(str).map(handed))
    pl = pl.sort_values("_left", kind="stable", na_position="last").drop(columns="_left")
    kinds = sorted(pl["kind"].astype(str).unique()) if "kind" in pl.columns else ["place"]
    shapes = "os^Dv<>Ph"
    key_lines = ["MINUSMA left, in this order:"] if handed else []
    others = 0  # places not left, numbered after the ones MINUSMA left
    placed: list[tuple[float, float]] = []
    marks: dict[int, list[tuple[float, float, float]]] = {}  # kind -> (x, y, edge width) of its markers
    gap = 0.75  # degrees between marker centres; closer markers are moved out and linked to their spot
    for number, (_, row) in enumerate(pl.iterrows(), start=1):
        kind = str(row["kind"]) if "kind" in pl.columns else "place"
        k = kinds.index(kind)
        gone = row["name"] in handed
        x, y = row["lon"], row["lat"]
        step = 0
        while any(math.hypot(x - px, y - py) < gap for px, py in placed):
            step += 1
            angle = step * 2.4  # golden-angle spiral: deterministic, spreads evenly
            radius = gap * (0.9 + 0.35 * math.sqrt(step))
            x, y = row["lon"] + radius * math.cos(angle), row["lat"] + radius * math.sin(angle)
        placed.append((x, y))
        if step:
            ax.plot([row["lon"], x], [row["lat"], y], color="black", linewidth=0.6, zorder=2.5)
            # the true spot: a dot drawn as a shape, so that the alt text counts one point per place
            ax.add_patch(Circle((row["lon"], row["lat"]), 0.07, color="black", zorder=2.6))
        marks.setdefault(k, []).append((x, y, 1.4 if gone else 0.5))  # drawn below, one collection per kind
        shape = shapes[k % len(shapes)]
        nudge = {"^": (0, -1.5), "v": (0, 1.5), "<": (1.5, 0), ">": (-1.5, 0)}.get(shape, (0, 0))  # a triangle's wide part
        ax.annotate(str(number), (x, y), xytext=nudge, textcoords="offset points", ha="center", va="center",
                    fontsize=7, fontweight="bold", zorder=4, color="white" if _dark(_colour(k)) else "black")
        if gone:
            day = "" if row["name"] in month_only else f"{handed[row['name']].day} "
            key_lines.append(key_entry(f"{number:>2}  {day + format(handed[row['name']], '%b %Y'):>11}  ", row["name"]))
        else:
            if handed and not others:
                key_lines += ["", "Other places, west to east:"]
            others += 1
            key_lines.append(key_entry(f"{number:>2}  ", row["name"]))
    for k, points in sorted(marks.items()):
        xs, ys, edges = zip(*points)
        shape = shapes[k % len(shapes)]
        ax.scatter(xs, ys, s=230 if shape in "^v<>" else 150, marker=shape, color=_colour(k), edgecolor="black",
                   linewidths=edges, zorder=3)
    for name in neighbours:  # a neighbour's name never sits under a marker: move it down until clear
        nx, ny = name.xy
        half = 0.1 * len(name.get_text()) + 0.3  # degrees, about half the width of an 8-point name
        for _ in range(4):
            if not any(abs(px - nx) < half and abs(py - ny) < 0.6 for px, py in placed):
                break
            ny -= 0.7
        name.xy = name.xyann = (nx, ny)  # xyann: where the text is drawn
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], linestyle="none", marker=shapes[k % len(shapes)], color=_colour(k),
                      markeredgecolor="black", markersize=8, label=kind) for k, kind in enumerate(kinds)]
    ax.legend(handles=handles, title="Kind of place (thick edge: a place MINUSMA left;\nthe key gives the order)",
              fontsize=7, title_fontsize=8, loc="upper right", frameon=True, framealpha=0.95)
    key = "\n".join(key_lines)
    if outside:
        key += "\n\n" + textwrap.fill("Outside the map: " + ", ".join(outside), _MAP_KEY_WIDTH)
    ax.text(1.02, 1.0, key, transform=ax.transAxes, fontsize=7, va="top", ha="left", family="monospace")
    lats = [*ax.get_ylim()] if lats else list(pl["lat"])
    mid = (min(lats) + max(lats)) / 2 if lats else 0.0
    aspect = 1 / max(math.cos(math.radians(mid)), 0.1)
    ax.set_aspect(aspect)
    if own_figure:  # a map has a fixed shape: lay it out by hand, and make the figure as tall as the map
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        lines = key.split("\n")
        key_width = 7 / 72 * 0.63 * max(len(line) for line in lines)  # inches: 7-point monospace, hinted
        left, gap, right, bottom, top = 0.85, 0.3, 0.1, 0.6, 0.4  # inches around the map, and before the key
        width = 12 - left - gap - key_width - right
        height = max(width * aspect * (y1 - y0) / (x1 - x0), 7 * 1.2 / 72 * len(lines))
        fig.set_layout_engine("none")
        fig.set_size_inches(12, height + bottom + top)
        ax.set_position((left / 12, bottom / (height + bottom + top), width / 12, height / (height + bottom + top)))
    _style(ax, f"Places named in the articles ({highlight} shaded)", "Longitude (°E)", "Latitude (°N)")
    sentence = f"{highlight} is shaded; " + ("1 place is numbered" if len(pl) == 1 else f"{len(pl)} places are numbered")
    order = [name for name in pl["name"].astype(str) if name in handed]
    first, last = (f"{name} ({handed[name]:%B %Y})" for name in (order[:1] + order[-1:])) if order else ("", "")
    if len(order) > 1:
        sentence += (f": first the {len(order)} MINUSMA left, in the order it left them, from {first} to {last}, "
                     "then the others from west to east." if others
                     else f" in the order MINUSMA left them, from {first} to {last}.")
    elif order:
        sentence += f": first {first}, which MINUSMA left, then the others from west to east." if others \
            else f": {first}, which MINUSMA left."
    else:
        sentence += " from west to east." if len(pl) > 1 else "."
    if outside:
        sentence += f" Outside the map: {', '.join(outside)}."
    _finding(fig, sentence)
    return fig


def distinctive_chart(fw: pd.DataFrame, n: int = 10, ax: Axes | None = None, group: str | None = None,
                      a_label: str | None = None, b_label: str | None = None) -> Figure:
    """Horizontal bars of the ``n`` highest and ``n`` lowest z-scores, with the lesson's threshold
    |z| = 1.96 marked and the two sides named.

    ``fw`` is a :func:`~sahel_course.distinctive.fightin_words` table (indexed by word, column
    ``z``) or the long table of :func:`~sahel_course.distinctive.one_vs_rest` together with
    ``group`` (the article or outlet to chart against the rest). ``a_label``/``b_label`` name
    the sides (default: the group and "the other articles", or "first group"/"second group").

    >>> fw = pd.DataFrame({"z": [3.1, 1.2, -0.5, -2.4]}, index=["junta", "mali", "the", "government"])
    >>> fig = distinctive_chart(fw, n=2)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['government', 'the', 'mali', 'junta']
    """
    from ._kind import CourseInputError, choose

    if not isinstance(fw, pd.DataFrame) or "z" not in fw.columns:
        raise CourseInputError("distinctive_chart() needs the table from fightin_words() or one_vs_rest() "
                               "(a column 'z').")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise CourseInputError(f"distinctive_chart(): n must be a positive whole number such as 10, not {n!r}.")
    if "group" in fw.columns:
        if group is None:
            raise CourseInputError("distinctive_chart(): this is a one_vs_rest() table; say which article to chart, "
                                   f"e.g. group='{fw['group'].iloc[0]}'.")
        group = choose(group, list(dict.fromkeys(fw["group"])), "group", "distinctive_chart")
        fw = fw[fw["group"] == group].set_index("word")
        a_label = a_label or str(group)
        b_label = b_label or "the other articles"
    a_label, b_label = a_label or "first group", b_label or "second group"
    table = pd.DataFrame({"word": fw.index.astype(str), "z": fw["z"].astype(float).to_numpy()})
    table = table.sort_values(["z", "word"], ascending=[False, True], kind="stable")
    top, bottom = table.head(n), table.tail(n)
    chosen = pd.concat([top, bottom[~bottom["word"].isin(top["word"])]]).sort_values(["z", "word"], kind="stable")
    fig, ax = _new_axes(ax, (7.5, 0.3 * len(chosen) + 1.8))
    colours = [_colour(0) if z > 0 else _colour(1) for z in chosen["z"]]
    hatches = ["" if z > 0 else "//" for z in chosen["z"]]
    bars = ax.barh(range(len(chosen)), chosen["z"], color=colours, edgecolor="black", linewidth=0.4)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    ax.set_yticks(range(len(chosen)), chosen["word"])
    ax.axvline(0, color="black", linewidth=0.8)
    for x in (-1.96, 1.96):
        ax.axvline(x, color="black", linestyle=":", linewidth=1)
    ax.annotate("dotted lines: |z| = 1.96", (1.96, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 3),
                textcoords="offset points", fontsize=7, ha="left", va="bottom", rotation=90)
    _style(ax, _wrap(f"Distinctive words: {a_label} vs {b_label}", 60),
           _wrap(f"z-score (right, plain: typical of {a_label}; left, hatched: of {b_label})", 80), "Word")
    strong_a = table[table["z"] > 1.96]["word"].tolist()
    strong_b = table[table["z"] < -1.96]["word"].tolist()
    side_a = table[table["z"] > 0]["word"].head(3).tolist()
    side_b = table[table["z"] < 0]["word"].tail(3)[::-1].tolist()
    sentence = (f"Words most typical of {a_label}: {', '.join(side_a) or 'none'}; of {b_label}: "
                f"{', '.join(side_b) or 'none'}. {len(strong_a)} word(s) pass z = 1.96 for {a_label} "
                f"and {len(strong_b)} for {b_label}")
    sentence += "; no bar reaches the threshold, so the evidence is weak." if not (strong_a or strong_b) else "."
    _finding(fig, sentence)
    return fig


def moura_chart(moura: pd.DataFrame, timeline: pd.DataFrame | None = None, ax: Axes | None = None) -> Figure:
    """The Moura death toll: each count at the date its counter published it (from the timeline:
    the army, Human Rights Watch, the UN human rights office), and each figure at the date one of
    our articles repeated it (from :func:`~sahel_course.claims.moura_figures`).

    >>> moura = pd.DataFrame({"article_id": ["a"], "stated_value": ["300"], "published": pd.to_datetime(["2022-08-22"])})
    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2022-03-27", "2022-04-05"]), "category": ["human_rights"] * 2,
    ...     "actors": ["Moura", "Human Rights Watch;Moura"],
    ...     "event": ["Killings in Moura", "Human Rights Watch reports an estimated 300 civilian men executed in Moura."]})
    >>> moura_chart(moura, tl).axes[0].get_title()
    'Moura death toll: when each count was published, and when our articles repeated it'
    """
    import re

    import matplotlib.dates as mdates

    if timeline is None:
        from .reference import load_timeline
        timeline = load_timeline()
    need_table(moura, ("article_id", "stated_value", "published"), "moura_chart", "moura_figures(claims)",
               "Moura table")
    need_table(timeline, ("date", "event"), "moura_chart", "load_timeline()", "timeline")
    events = timeline[timeline["event"].astype(str).str.contains("Moura")].sort_values("date", kind="stable")
    counts = []
    number_rx = re.compile(r"(\d[\d,]*)\s+(?:fighters|civilian|civilians|people|men)")
    for _, ev in events.iloc[1:].iterrows():  # the first Moura event is the killing itself
        m = number_rx.search(str(ev["event"]))
        if m:
            who = str(ev.get("actors", "")).split(";")[0] or "counter"
            counts.append((pd.Timestamp(ev["date"]), float(m.group(1).replace(",", "")), who))
    figs = moura.assign(number=moura["stated_value"].astype(str).str.extract(r"(\d[\d,]*)", expand=False)
                        .str.replace(",", "").astype(float)).dropna(subset=["number"])
    fig, ax = _new_axes(ax, (10, 4.8))
    if len(events):
        killed = pd.Timestamp(events["date"].iloc[0])
        ax.axvline(killed, color="black", linestyle="--", linewidth=0.8)
        ax.annotate(f"the killings (from {killed.day} {killed:%b %Y})", (mdates.date2num(killed), 0.02),
                    xycoords=("data", "axes fraction"), xytext=(4, 0), textcoords="offset points", fontsize=7,
                    ha="left", va="bottom")
    for k, (when, number, who) in enumerate(counts):
        ax.scatter([when], [number], marker="s", s=90, color=_colour(k), edgecolor="black", zorder=3)
        ax.annotate(f"{who}: {number:.0f}\npublished {when.day} {when:%b %Y}", (mdates.date2num(when), number),
                    xytext=(8, 10), textcoords="offset points", fontsize=7.5)
        later = figs[figs["number"] == number]
        for _, row in later.iterrows():
            ax.plot([when, row["published"]], [number, number], color=_colour(k), linestyle=":", linewidth=1.2)
    for j, (_, row) in enumerate(figs.sort_values(["published", "number"]).iterrows()):
        ax.scatter([row["published"]], [row["number"]], marker="o", s=70, facecolor="white", edgecolor="black",
                   linewidth=1.5, zorder=4)
        ax.annotate(f"{row['article_id']}\n({row['published']:%d %b %Y})", (mdates.date2num(row["published"]),
                    row["number"]), xytext=(8, -24 - 10 * (j % 2)), textcoords="offset points", fontsize=7)
    top = max([c[1] for c in counts] + list(figs["number"]) + [1])
    ax.set_ylim(0, top * 1.35)
    dates = [c[0] for c in counts] + list(figs["published"])
    if dates:
        ax.set_xlim(min(dates) - pd.Timedelta(days=40), max(dates) + pd.Timedelta(days=160))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    from matplotlib.lines import Line2D
    ax.legend(handles=[Line2D([], [], marker="s", linestyle="none", color="#777777", markeredgecolor="black",
                              label="count published by its counter"),
                       Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", markeredgecolor="black",
                              label="figure repeated in one of our articles")],
              fontsize=7, loc="upper right", frameon=False)
    _style(ax, "Moura death toll: when each count was published, and when our articles repeated it",
           "Date of publication", "Number of dead stated")
    parts = [f"{who} {n:.0f} ({w.day} {w:%B %Y})" for w, n, who in counts]
    sentence = "The counts rose over time: " + ", then ".join(parts) + "." if parts else "No count in the timeline."
    if len(figs):
        sentence += " Our articles repeated " + "; ".join(
            f"{n:.0f} in {a} ({p:%B %Y})" for a, n, p in zip(figs["article_id"], figs["number"], figs["published"])) + "."
    _finding(fig, sentence)
    return fig

def naming_heatmap(table: pd.DataFrame, ax: Axes | None = None, keep_zero: bool = False,
                   referent: str | None = None) -> Figure:
    """Counts of each name variant (rows, grouped by referent) in each article (columns).

    Variants that no article uses are left out unless ``keep_zero=True``. Articles keep the
    order of ``table`` (for :func:`~sahel_course.compare.naming_table`: publication date).

    ``table`` is the long output of :func:`sahel_course.compare.naming_table`
    (columns ``referent, variant, id, count``). Cells show the count. ``referent`` picks one
    referent of the table (a wrong or misspelt one gets a message listing the referents).

    >>> t = pd.DataFrame({"referent": ["Mali government"] * 2, "variant": ["junta", "transitional government"],
    ...                   "id": ["a", "b"], "count": [3, 2]})
    >>> naming_heatmap(t).axes[0].get_ylabel()
    'Name (variant)'
    """
    import numpy as np

    need_table(table, ("referent", "variant", "id", "count"), "naming_heatmap", "naming_table(corpus)")
    from ._kind import CourseInputError, choose
    if referent is not None:
        referent = choose(referent, list(dict.fromkeys(table["referent"])), "referent", "naming_heatmap")
        table = table[table["referent"] == referent]
    if table.empty or (not keep_zero and table["count"].sum() == 0):
        what = f"referent '{referent}'" if referent is not None else "table"
        raise CourseInputError(f"naming_heatmap(): no article uses any variant of the {what}, so there is nothing "
                               "to draw.")
    wide = table.pivot_table(index=["referent", "variant"], columns="id", values="count", aggfunc="sum",
                             fill_value=0).sort_index()
    wide = wide[list(dict.fromkeys(table["id"]))]  # articles in the table's order (naming_table: by date)
    if not keep_zero:
        wide = wide[wide.sum(axis=1) > 0]
    single = wide.index.get_level_values(0).nunique() == 1
    labels = [v if single else f"{str(r).replace('_', ' ')}: {v}" for r, v in wide.index]
    fig, ax = _new_axes(ax, (1.8 + 1.1 * wide.shape[1], 1.2 + 0.32 * len(labels)))
    data = wide.to_numpy(dtype=float)
    image = ax.imshow(data, aspect="auto", cmap="cividis", vmin=0, vmax=max(float(np.max(data)) if data.size else 1, 1))
    hi = float(np.max(data)) if data.size else 0
    for (r, c), v in np.ndenumerate(data):
        ax.text(c, r, f"{int(v)}", ha="center", va="center", fontsize=7, color="black" if v > hi / 2 else "white")
    ax.set_xticks(range(wide.shape[1]), [str(c) for c in wide.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    from matplotlib.ticker import MaxNLocator
    ax.figure.colorbar(image, ax=ax, label="Count", ticks=MaxNLocator(integer=True))  # counts: no 0.5 ticks
    if single:
        _style(ax, f"Which name each article uses for the {str(wide.index[0][0]).replace('_', ' ')}", "Article",
               "Name (variant)")
    else:
        _style(ax, "Which name each article uses", "Article", "Referent: variant")
    ax.grid(False)
    favourite = []
    for k, art in enumerate(wide.columns):
        column = wide[art]
        if column.sum() > 0:
            favourite.append(f"{art}: '{column.idxmax()[1]}' ({int(column.max())})")
        else:
            favourite.append(f"{art}: none")
    _finding(fig, "Most used name per article: " + "; ".join(favourite) + ".")
    return fig


def actor_bars(mentions: pd.DataFrame, ax: Axes | None = None, top: int | None = 15,
               corpus: pd.DataFrame | None = None) -> Figure:
    """Grouped horizontal bars: how often each actor is mentioned in each article.

    With ``corpus`` (columns ``id`` and ``n_words``) the bars are **rates per 1,000 words**, so
    long and short articles compare fairly, and the articles keep the corpus order (by date);
    without it, raw counts and articles by id. Shows the ``top`` most mentioned actors (all with
    ``top=None``); never-mentioned actors are left out. Within each actor the first article is
    the top bar, in the same order as the legend.

    ``mentions`` is the output of :func:`sahel_course.compare.actor_mentions` (``id, actor, count``).

    >>> m = pd.DataFrame({"id": ["a", "a", "b"], "actor": ["France", "Russia", "France"], "count": [4, 1, 2]})
    >>> [t.get_text() for t in actor_bars(m).axes[0].get_yticklabels()]
    ['Russia', 'France']
    """
    need_table(mentions, ("id", "actor", "count"), "actor_bars", "actor_mentions(corpus)")
    wide = mentions.pivot_table(index="actor", columns="id", values="count", aggfunc="sum", fill_value=0)
    unit = "Mentions"
    if corpus is not None:
        words = dict(zip(corpus["id"], corpus["n_words"]))
        wide = wide[[i for i in corpus["id"] if i in wide.columns]]
        wide = wide.astype(float).div(pd.Series({i: max(float(words[i]), 1.0) for i in wide.columns})) * 1000
        unit = "Mentions per 1,000 words"
    else:
        wide = wide.sort_index(axis=1)
    totals = wide.sum(axis=1)
    order = sorted(totals.index[totals > 0], key=lambda a: (-totals[a], str(a)))
    order = order[:top] if top is not None else order
    order = order[::-1]  # least mentioned first, so that the most mentioned actor ends on top
    wide = wide.loc[order]
    ids = list(wide.columns)
    height = 0.8 / max(len(ids), 1)
    fig, ax = _new_axes(ax, (8, 1.4 + 0.25 * len(order) * max(len(ids), 1) ** 0.5))
    hatches = ["", "//", "..", "xx", "\\\\", "--", "++"]
    for k, art in enumerate(ids):  # first article = top bar of each group
        ax.barh([i + 0.4 - height * (k + 0.5) for i in range(len(order))], wide[art], height=height,
                color=_colour(k), hatch=hatches[k % len(hatches)], edgecolor="black", linewidth=0.3, label=str(art))
    ax.set_yticks(range(len(order)), [str(a) for a in order])
    ax.legend(title="Article (top bar first)", fontsize=7, title_fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    _style(ax, "Who is mentioned, in which article" + (" (per 1,000 words)" if corpus is not None else ""),
           unit, "Actor")
    if order:
        leader = order[-1]
        most = {art: wide[art].idxmax() for art in ids if wide[art].max() > 0}
        _finding(fig, f"Across the articles, {leader} is mentioned most ({unit.lower()}). Each article's most "
                      "mentioned actor: " + "; ".join(f"{a}: {most[a]}" for a in ids if a in most) + ".")
    return fig


def article_lengths_chart(corpus: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Horizontal bars: how many words each article's body has (lesson 00), oldest article at the top.

    ``corpus`` needs the columns ``id``, ``published`` and ``n_words`` (as from ``load_corpus()``).

    >>> toy = pd.DataFrame({"id": ["b", "a"], "published": pd.to_datetime(["2023-01-01", "2021-01-01"]),
    ...                     "n_words": [300, 1200]})
    >>> fig = article_lengths_chart(toy)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], alt_text(fig).split(".")[0]
    (['b', 'a'], 'The longest article is a (1,200 words), the shortest b (300 words)')
    """
    need_table(corpus, ("id", "published", "n_words"), "article_lengths_chart", "load_corpus()", "corpus")
    if corpus.empty:
        raise ValueError("article_lengths_chart(): the corpus has no articles, so there is nothing to draw.")
    table = corpus.sort_values(["published", "id"], ascending=False, kind="stable")  # oldest drawn last = on top
    fig, ax = _new_axes(ax, (8, 0.5 * len(table) + 1.5))
    ax.barh([str(i) for i in table["id"]], table["n_words"], color=_colour(0))
    _style(ax, "How long is each article?", "Words in the article body", "Article (oldest at the top)")
    longest = table.loc[table["n_words"].idxmax()]
    shortest = table.loc[table["n_words"].idxmin()]
    _finding(fig, f"The longest article is {longest['id']} ({int(longest['n_words']):,} words), the shortest "
                  f"{shortest['id']} ({int(shortest['n_words']):,} words).")
    return fig


#: The measures of :func:`profile_chart` by default (columns of ``framing_profile``).
PROFILE_MEASURES: tuple[str, ...] = ("pejorative share of those names", "hedges per 1,000 words", "unnamed sources",
                                     "quotations with a named speaker")


def profile_chart(profile: pd.DataFrame, measures: list[str] | tuple[str, ...] = PROFILE_MEASURES) -> Figure:
    """One panel of horizontal bars per measure of a ``framing_profile`` table (lesson 08), one bar
    per article, the articles in the table's order from the top, all panels sharing the articles.

    The figure's alt text (:func:`alt_text`) gives every value of every panel.

    >>> profile = pd.DataFrame({"unnamed sources": [3, 0], "hedges per 1,000 words": [1.5, 4.0]},
    ...                        index=pd.Index(["a", "b"], name="id"))
    >>> fig = profile_chart(profile, ["unnamed sources", "hedges per 1,000 words"])
    >>> len(fig.axes), alt_text(fig).split(". ")[0]
    (2, 'Two measures of framing, one bar per article: unnamed sources: a 3; b 0')
    """
    from ._kind import CourseInputError, choose

    if not isinstance(profile, pd.DataFrame) or profile.empty:
        raise CourseInputError("profile_chart() needs the table from framing_profile(corpus).")
    measures = [choose(m, list(map(str, profile.columns)), "measure", "profile_chart") for m in measures]
    if not measures:
        raise CourseInputError("profile_chart(): give at least one measure, e.g. ['unnamed sources'].")
    import matplotlib.pyplot as plt

    labels = [str(i) for i in profile.index]
    fig, axes = plt.subplots(1, len(measures), figsize=(3 * len(measures), 0.45 * len(profile) + 1.8), sharey=True,
                             layout="constrained", squeeze=False)
    plt.close(fig)
    for k, (ax, measure) in enumerate(zip(axes[0], measures)):
        ax.barh(labels, profile[measure].astype(float), color=_colour(0))
        _style(ax, "", _wrap(measure, 24), "Article" if k == 0 else "")
        ax.set_title(_wrap(measure, 24), fontsize=9)
    axes[0][0].invert_yaxis()  # first row of the table at the top
    count = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}.get(len(measures), str(len(measures)))
    fig.suptitle(f"{count} measure{'s' if len(measures) > 1 else ''} of framing, one bar per article")
    _finding(fig, f"{count} measure{'s' if len(measures) > 1 else ''} of framing, one bar per article: "
             + " ".join(f"{m}: " + "; ".join(f"{i} {v}" for i, v in profile[m].items()) + "." for m in measures))
    return fig


def _extent(ax: Axes, axis: str) -> str:
    lo, hi = ax.get_xlim() if axis == "x" else ax.get_ylim()
    lo, hi = min(lo, hi), max(lo, hi)
    converter = (ax.xaxis if axis == "x" else ax.yaxis).get_converter()
    if converter is not None and "date" in type(converter).__name__.lower():
        import matplotlib.dates as mdates
        return f"from {mdates.num2date(lo):%Y-%m-%d} to {mdates.num2date(hi):%Y-%m-%d}"
    return f"from {lo:.3g} to {hi:.3g}"


def _shared_with(ax: Axes, axis: str) -> str | None:
    """Title of another panel that shares this axis and shows its tick labels (small multiples)."""
    group = ax.get_shared_x_axes() if axis == "x" else ax.get_shared_y_axes()
    for other in group.get_siblings(ax):
        labels = other.get_xticklabels() if axis == "x" else other.get_yticklabels()
        if other is not ax and any(t.get_text() for t in labels):
            return other.get_title() or "untitled"
    return None


def alt_text(fig: Figure) -> str:
    """A one-paragraph description of a figure: first what it shows (its finding, computed from
    the data by the chart function that drew it), then title, axis labels, ranges, what is drawn.

    >>> fw = pd.DataFrame({"z": [2.0, -1.0]}, index=["junta", "government"])
    >>> alt_text(distinctive_chart(fw, n=1))
    "Words most typical of first group: junta; of second group: government. 1 word(s) pass z = 1.96 for first group and 0 for second group. Chart titled 'Distinctive words: first group vs second group'. Horizontal axis: z-score (right, plain: typical of first group; left, hatched: of second group), from -2.16 to 2.2. Vertical axis: Word, with the categories government, junta. It shows 2 bars."
    """
    parts: list[str] = []
    finding = getattr(fig, "_sahel_finding", None)
    if finding:
        parts.append(finding)
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        title = " ".join((ax.get_title() or ax.get_title(loc="left")).split())  # a wrapped title is one sentence
        parts.append(f"Chart titled '{title}'." if title else "Untitled chart.")
        for axis, name in (("x", "Horizontal"), ("y", "Vertical")):
            label = " ".join((ax.get_xlabel() if axis == "x" else ax.get_ylabel()).split())
            ticks = [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels())]
            words = [t for t in ticks if t and not t.replace("−", "-").replace(".", "").lstrip("-").isdigit()]
            shared = _shared_with(ax, axis) if not any(ticks) else None
            if words and len(words) == len(ticks):
                shown = ", ".join(words[:8]) + (f" and {len(words) - 8} more" if len(words) > 8 else "")
                parts.append(f"{name} axis: {label or 'unlabelled'}, with the categories {shown}.")
            elif shared is not None:
                parts.append(f"{name} axis: the same as in the chart '{shared}'.")
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
