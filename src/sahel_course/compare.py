"""Counting and finding words across articles: the module the lessons import from.

The work is done in three modules, one concern each, re-exported here so that
``from sahel_course.compare import kwic`` keeps working:

* :mod:`sahel_course.counts`: ``word_counts``, ``rates``;
* :mod:`sahel_course.concordance`: ``kwic``, ``kwic_view``, ``format_kwic``;
* :mod:`sahel_course.naming`: ``naming_table``, ``naming_matrix``, ``actor_mentions``, ``stance_shares``.

How a term is matched is described in :mod:`sahel_course.text` (``term_pattern``).
"""
from __future__ import annotations

from sahel_course.concordance import KwicView, format_kwic, kwic, kwic_view
from sahel_course.counts import rates, word_counts
from sahel_course.naming import actor_mentions, naming_matrix, naming_table, stance_shares

__all__ = [
    "word_counts",
    "rates",
    "kwic",
    "kwic_view",
    "format_kwic",
    "KwicView",
    "naming_table",
    "naming_matrix",
    "actor_mentions",
    "stance_shares",
]
