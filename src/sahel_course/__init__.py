"""sahel_course: helpers for the course "Reading the Sahel crisis through its sources".

One module per concern: ``corpus`` (the articles), ``reference`` (timeline, actors,
naming, glossary, places, map outline, Entman table), ``text`` (words, sentences,
paragraphs and the one rule for matching a term or a quotation), ``counts``,
``concordance`` and ``naming`` (re-exported together by ``compare``), ``distinctive``
(Fightin' Words), ``voices`` (quotes, attribution verbs, hedges, unnamed sources),
``frames`` (codebooks, keyword auto-coder, agreement), ``claims`` (the fact-check ledger
and quotation checks), ``footnotes`` (the notes an article cites), ``synthesis`` (lesson
08's profile), ``plots`` (figures with alt text), ``reading`` (a whole article with
layers), ``lesson`` (display helpers for the notebooks) and ``grading`` (the instructor
tools). See docs/architecture.md.
A mistake in a student's call raises :class:`CourseInputError`, shown in a notebook as
one line with the valid choices and the closest one.
The names below are the stable public API; each has a docstring with an example.

>>> import sahel_course as sc
>>> corpus = sc.load_corpus()
>>> len(corpus) >= 5
True
"""
from __future__ import annotations

from ._errors import CourseDataError
from ._kind import CourseInputError, CourseTypeError
from .claims import check_quotations, check_quotes, claims_summary, load_claims, moura_figures
from .compare import actor_mentions, format_kwic, kwic, kwic_view, naming_matrix, naming_table, rates, word_counts
from .corpus import OUTLET_TYPES, get_article, load_corpus, read_article
from .distinctive import fightin_words, head_to_head, one_vs_rest
from .footnotes import footnotes
from .frames import agreement, auto_code, cohen_kappa, persuasion_techniques, policy_frames
from .plots import actor_bars, alt_text, distinctive_chart, moura_chart, naming_heatmap, places_map, timeline_chart
from .reading import reading_view
from .reference import (ENTMAN_FUNCTIONS, data_dir, load_actors, load_bases, load_entman, load_glossary,
                        load_naming, load_outline, load_places, load_timeline)
from .synthesis import framing_profile
from .text import paragraphs, sentences, tokenize
from .voices import attribution_verbs, find_quotes, hedges, unnamed_sources

__version__ = "0.1.0"

__all__ = [
    # corpus and reference data
    "CourseDataError", "CourseInputError", "CourseTypeError", "OUTLET_TYPES", "data_dir", "get_article", "load_corpus", "read_article",
    "load_timeline", "load_actors", "load_naming", "load_glossary", "load_places", "load_bases", "load_outline", "load_entman",
    "ENTMAN_FUNCTIONS", "footnotes",
    # text and comparison
    "tokenize", "sentences", "paragraphs", "word_counts", "rates", "kwic", "kwic_view", "format_kwic",
    "naming_table", "naming_matrix", "actor_mentions", "fightin_words", "one_vs_rest", "head_to_head",
    # reading a whole article
    "reading_view",
    # voices, frames, claims
    "find_quotes", "hedges", "unnamed_sources", "attribution_verbs",
    "policy_frames", "persuasion_techniques", "auto_code", "agreement", "cohen_kappa",
    "load_claims", "moura_figures", "claims_summary", "check_quotes", "check_quotations", "framing_profile",
    # plots
    "timeline_chart", "places_map", "distinctive_chart", "moura_chart", "naming_heatmap", "actor_bars", "alt_text",
]
