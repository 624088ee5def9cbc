"""Tests for sahel_course.reading: the whole-article reading view."""
from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import sahel_course as sc
from sahel_course.reading import LAYERS, reading_view

FIXTURE = Path(__file__).parent / "fixtures" / "sixth-article-fixture.md"
WIRE = "wire-2022-05-france-cooperation"


@pytest.fixture(scope="module")
def corpus():
    return sc.load_corpus()


class _Tags(HTMLParser):
    """Collects tags and checks that every opened element is closed in order (well nested)."""

    def __init__(self):
        super().__init__()
        self.stack, self.seen, self.problems, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(tag)
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    return parser


def test_every_paragraph_is_there_numbered_in_order(corpus):
    for article_id in corpus["id"]:
        view = reading_view(corpus, article_id)
        paras = sc.paragraphs(sc.get_article(corpus, article_id)["text"])
        numbers = [n for n, *_ in view.paras]
        assert numbers == list(range(1, len(paras) + 1))
        text = repr(view)
        for n, p in enumerate(paras, start=1):
            assert f"[{n}] {p}" in text  # whole paragraphs, no layer: the text as written
        tags = parse(view._repr_html_())
        assert not tags.problems and not tags.stack
        items = [a for t, a in tags.seen if t == "li" and "value" in a]
        assert [int(a["value"]) for a in items] == numbers


def test_html_is_semantic_and_free_of_scripts(corpus):
    markup = reading_view(corpus, WIRE, layers=list(LAYERS))._repr_html_()
    tags = parse(markup)
    names = {t for t, _ in tags.seen}
    assert {"article", "header", "ol", "li", "p", "mark", "aside", "footer"} <= names
    assert "script" not in names and "onclick" not in markup.lower()
    assert not tags.problems and not tags.stack  # marks nest properly (a name inside a quotation)


def test_marks_carry_words_not_only_colour(corpus):
    view = reading_view(corpus, WIRE, layers=["names", "quotes", "hedges", "claims"])
    text = repr(view)
    # hand-checked in the wire: paragraph 1 "The military junta responds"
    assert "[1] The {military junta | pejorative name for malian_government} responds" in text
    # paragraph 6 quotes Abdoulaye Maïga with "told"
    assert "| quotation: Junta spokesman Abdoulaye Maïga, told (neutral)}" in text
    # paragraph 4 holds claim C055 ("Tuesday evening"), judged inconsistent in data/claims.csv
    claims = sc.load_claims().set_index("claim_id")
    assert f"claim C055: {claims.loc['C055', 'verdict']}" in text
    assert f"Claim C055 ({claims.loc['C055', 'verdict']}): record: {claims.loc['C055', 'record']}" in text
    assert "{approximately | hedge}" in text
    markup = view._repr_html_()
    assert "[pejorative name for malian_government]" in markup
    assert "How to read the marks" in markup


def test_every_claim_of_an_article_is_placed_or_listed(corpus):
    claims = sc.load_claims()
    for article_id in corpus["id"]:
        view = reading_view(corpus, article_id, layers=["claims"])
        text = repr(view)
        for claim_id in claims.loc[claims["article_id"] == article_id, "claim_id"]:
            assert f"claim {claim_id}:" in text or f"{claim_id} (" in text, (article_id, claim_id)


def test_text_is_escaped():
    demo = pd.DataFrame({"id": ["x"], "title": ["<b>T</b>"], "outlet": ["O"], "published": [pd.Timestamp("2023-01-01")],
                         "author": ["A & B"], "references": ["[1] <script>alert(1)</script>"],
                         "text": ["Tom said <i>nothing</i> & left."]})
    markup = reading_view(demo, "x", layers=["footnotes"])._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "&lt;i&gt;nothing&lt;/i&gt; &amp; left." in markup
    assert html.unescape(re.sub(r"<[^>]+>", "", markup)).count("Tom said <i>nothing</i> & left.") == 1


def test_deterministic_and_a_section_only(corpus):
    a = reading_view(corpus, "analysis-2023-07-end-of-minusma", layers=list(LAYERS))._repr_html_()
    b = reading_view(corpus, "analysis-2023-07-end-of-minusma", layers=list(LAYERS))._repr_html_()
    assert a == b
    part = reading_view(corpus, "analysis-2023-07-end-of-minusma", paragraphs_from=3, paragraphs_to=5)
    assert [n for n, *_ in part.paras] == [3, 4, 5]
    assert '<ol start="3"' in part._repr_html_()


def test_footnotes_layer(corpus):
    view = reading_view(corpus, "gfp-2022-08-battle-over-mali", layers=["footnotes"])
    refs = [line.strip() for line in sc.get_article(corpus, "gfp-2022-08-battle-over-mali")["references"].splitlines()
            if line.strip()]
    assert view.footnotes == refs and len(refs) > 4
    assert "This article has no footnotes." in reading_view(corpus, WIRE, layers=["footnotes"])._repr_html_()


def test_works_for_an_article_an_instructor_adds(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(sc.data_dir(), data)
    shutil.copy(FIXTURE, data / "articles" / FIXTURE.name)
    corpus = sc.load_corpus(data / "articles")
    view = reading_view(corpus, "sixth-article-fixture", layers=list(LAYERS))
    text = repr(view)
    assert "{transitional government | official name for malian_government}" in text
    assert "{analysts | unnamed source}" in text
    assert "The claims ledger has no claim for this article yet." in text
