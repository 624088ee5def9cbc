"""The website builder (tools/build_site.py), without running Sphinx (`make site` builds it,
`make site-check` checks it with axe-core in Chromium; both are too slow for `make test`)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("build_site", REPO / "tools" / "build_site.py")
build_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_site)

PNG = "iVBORw0KGgo="  # only the key matters here


def _figure(*after) -> nbformat.NotebookNode:
    return new_code_cell("plot()", outputs=[new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                                            *after])


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    build_site.assemble(folder)
    return folder


def test_toc_lists_every_lesson_in_order_from_the_notebooks(book):
    toc = yaml.safe_load((book / "_toc.yml").read_text())
    lessons = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert toc["root"] == "README" and [c["file"] for c in toc["chapters"]] == lessons and len(lessons) == 9
    assert (book / "README.md").read_text() == (REPO / "notebooks" / "README.md").read_text()


def test_config_builds_offline_from_stored_outputs(book):
    config = yaml.safe_load((book / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "off"
    assert config["launch_buttons"]["thebe"] is False and not config["launch_buttons"]["binderhub_url"]
    assert config["sphinx"]["config"]["language"] == "en"  # <html lang="en">


def test_every_figure_of_the_lessons_gets_its_alt_text(book):
    for path in sorted(book.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert not any("nav" in c.metadata.get("tags", []) for c in nb.cells), path.name
        for cell in nb.cells:
            if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
                alt = cell.metadata["mystnb"]["image"]["alt"]
                assert len(alt) > 30 and not alt.lower().startswith("alt text"), (path.name, alt)


def test_alt_text_from_an_output_or_the_next_markdown_cell(tmp_path):
    nb = new_notebook(cells=[
        _figure(new_output("display_data", data={"text/markdown": "**Alt text:** Bar chart of words per article."})),
        _figure(), new_markdown_cell("Alt text: a map of Mali with 24 places."),
    ])
    nbformat.write(nb, tmp_path / "in.ipynb")
    assert build_site.prepare_notebook(tmp_path / "in.ipynb", tmp_path / "out.ipynb") == 2
    cells = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells
    assert cells[0].metadata.mystnb.image.alt == "Bar chart of words per article."
    assert cells[1].metadata.mystnb.image.alt == "a map of Mali with 24 places."


def test_a_figure_without_alt_text_stops_the_build(tmp_path):
    nb = new_notebook(cells=[new_markdown_cell("# T"), _figure(), new_markdown_cell("The chart shows...")])
    nbformat.write(nb, tmp_path / "in.ipynb")
    with pytest.raises(SystemExit, match=r"in\.ipynb, cell 1: every figure needs exactly one alt text"):
        build_site.prepare_notebook(tmp_path / "in.ipynb", tmp_path / "out.ipynb")


def test_external_resources_are_found_but_links_are_not(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="https://press.un.org/en/2023/sc15341.doc.htm">UN press release</a>\n'
        '<script src="_static/local.js"></script>\n'
        '<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js";</script>\n')
    assert build_site.external_resources(tmp_path) == []  # a link, a local script, a string: no request
    (tmp_path / "b.html").write_text('<link rel="stylesheet" href="https://cdn.example.org/x.css">\n'
                                     '<script async src="//cdn.example.org/mathjax.js"></script>')
    hits = build_site.external_resources(tmp_path)
    assert len(hits) == 2 and all(h.startswith("b.html: ") for h in hits)


def test_theme_markup_fixes(tmp_path):
    page = tmp_path / "p.html"
    thebe = '<script>const THEBE_JS_URL = "x"; const thebe_selector = ".cell"</script>'
    page.write_text(
        f'{thebe}\n<script src="a.js"></script>\n{thebe}\n'
        '<button class="btn search-button-field search-button__button" title="Search" aria-label="Search">'
        '<span>Search</span><kbd>Ctrl</kbd></button>\n'
        '<button class="btn search-button__button" aria-label="Search"><i class="fa"></i></button>\n'
        '<button class="theme-switch-button" aria-label="Color mode">'
        '<i class="theme-switch fa-sun" data-mode="light" title="Light"></i></button>')
    assert build_site.fix_theme_markup(tmp_path) == 1
    html = page.read_text()
    assert html.count("THEBE_JS_URL") == 1 and '<script src="a.js">' in html
    assert 'search-button-field search-button__button" title="Search">' in html   # name from visible text
    assert '<button class="btn search-button__button" aria-label="Search">' in html  # icon-only keeps its label
    assert 'title="Light"' not in html and 'aria-label="Color mode"' in html
    assert build_site.fix_theme_markup(tmp_path) == 0  # idempotent
