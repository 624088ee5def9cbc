"""sahel_course: helpers for the course "Reading the Sahel crisis through its sources".

The public API is small and stable; everything listed in ``__all__`` is documented
with a runnable example.

>>> import sahel_course as sc
>>> corpus = sc.load_corpus()
>>> len(corpus) >= 5
True
"""
from __future__ import annotations

from ._errors import CourseDataError
from .corpus import OUTLET_TYPES, get_article, load_corpus, read_article
from .reference import (data_dir, load_actors, load_glossary, load_naming, load_outline, load_places,
                        load_timeline)

__version__ = "0.1.0"

__all__ = [
    "CourseDataError", "OUTLET_TYPES", "data_dir", "get_article", "load_corpus", "read_article",
    "load_timeline", "load_actors", "load_naming", "load_glossary", "load_places", "load_outline",
]
