"""House style of the lesson notebooks (static checks on the committed files; fast, no kernel).

The conventions come from the course brief: one H1, a header block, headings in order,
narrative before code, "Your turn" cells that run, checked outputs, alt text after every
figure, a summary, committed outputs without machine-specific paths, no copy-paste
between notebooks, and lessons that iterate over load_corpus() instead of a fixed list.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FORBIDDEN_IN_OUTPUTS = ("/root", "/tmp", "/work", "/home/", "site-packages", "\\Users\\")
HEADING = re.compile(r"^(#{1,6}) \S")


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _headings(cell) -> list[int]:
    levels, fenced = [], False
    for line in cell.source.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and HEADING.match(line):
            levels.append(len(HEADING.match(line).group(1)))
    return levels


def _output_text(output) -> str:
    if "text" in output:
        return output["text"]
    return "\n".join(str(v) for k, v in output.get("data", {}).items() if not k.startswith("image/"))


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    return request.param.name, nbformat.read(request.param, as_version=4)


def test_there_are_nine_lessons_from_00_to_08():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))]  # consecutive; count not pinned


def test_one_h1_then_the_header_block(nb):
    name, notebook = nb
    h1_cells = [i for i, c in enumerate(notebook.cells) if c.cell_type == "markdown" and 1 in _headings(c)]
    assert len(h1_cells) == 1, f"{name}: needs exactly one H1 title"
    i = h1_cells[0]
    assert sum(level == 1 for level in _headings(notebook.cells[i])) == 1
    assert i == 1 and "nav" in _tags(notebook.cells[0]), f"{name}: the nav cell, then the title"
    header = notebook.cells[i + 1]
    assert "header" in _tags(header), f"{name}: the header block must follow the title (run `make nav`)"
    for words in ("you will learn", "Time needed", "Prerequisites", "Data used", "Libraries"):
        assert words in header.source, f"{name}: header block lacks '{words}'"


def test_headings_go_down_one_level_at_a_time(nb):
    name, notebook = nb
    previous = 0
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for level in _headings(cell):
            assert level <= previous + 1, f"{name}: heading level jumps from {previous} to {level}"
            previous = level


def test_narrative_comes_first_and_a_summary_comes_last(nb):
    name, notebook = nb
    body = [c for c in notebook.cells if not _tags(c) & {"nav", "header"}]
    assert body[0].cell_type == "markdown" and body[1].cell_type == "markdown", f"{name}: start with prose"
    assert len(body[1].source.split()) > 40, f"{name}: the introduction should be a real paragraph"
    summary = [c for c in body if c.cell_type == "markdown" and "## Summary" in c.source]
    assert summary and body.index(summary[-1]) == len(body) - 1, f"{name}: end with a '## Summary' section"


def test_every_your_turn_is_followed_by_a_code_cell_that_ran(nb):
    name, notebook = nb
    cells = notebook.cells
    turns = [i for i, c in enumerate(cells)
             if c.cell_type == "markdown" and re.search(r"^#+ .*Your turn", c.source, re.MULTILINE)]
    assert turns, f"{name}: needs at least one 'Your turn' section"
    for i in turns:
        code = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
        assert code is not None and code.execution_count is not None, f"{name}: 'Your turn' without a run cell"
        assert "Your turn" in code.source, f"{name}: the 'Your turn' code cell should say what to change"


def test_lessons_check_their_point(nb):
    name, notebook = nb
    asserts = [c for c in notebook.cells if c.cell_type == "code" and re.search(r"^\s*assert ", c.source, re.M)]
    assert asserts, f"{name}: needs at least one check cell with an assert"
    compared = [c for c in notebook.cells if c.cell_type == "code" and c.outputs
                and "nbval-ignore-output" not in _tags(c) and "nbval-skip" not in _tags(c)]
    assert compared, f"{name}: at least one output should be compared by nbval"
    for cell in asserts:
        assert "nbval-skip" not in _tags(cell), f"{name}: a check cell must run under nbval"


def test_committed_with_outputs_and_without_errors(nb):
    name, notebook = nb
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, f"{name}: execute the notebook before committing"
        for output in cell.outputs:
            assert output.output_type != "error", f"{name}: committed with an error output"
            assert output.get("name") != "stderr", f"{name}: committed with stderr output: {output.get('text', '')[:200]}"


def test_outputs_contain_no_machine_specific_paths(nb):
    name, notebook = nb
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = _output_text(output)
            for bad in FORBIDDEN_IN_OUTPUTS:
                assert bad not in text, f"{name}: output contains '{bad}'"


def test_every_figure_is_followed_by_alt_text(nb):
    name, notebook = nb
    cells = notebook.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.outputs
        for j, output in enumerate(outputs):
            if "image/png" not in output.get("data", {}):
                continue
            later = [o.get("data", {}).get("text/markdown", "") for o in outputs[j + 1:]]
            in_cell = any(str(text).startswith("**Alt text:**") for text in later)
            following = cells[i + 1] if i + 1 < len(cells) else None
            in_markdown = following is not None and following.cell_type == "markdown" and \
                following.source.lstrip().lower().startswith(("alt text", "**alt text"))
            assert in_cell or in_markdown, f"{name}: a figure in cell {i} has no alt text after it"


def test_lessons_iterate_over_the_corpus(nb):
    name, notebook = nb
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "load_corpus()" in code, f"{name}: lessons derive everything from load_corpus()"
    for pattern in (r"len\(corpus\)\s*==\s*\d", r"\brange\(5\)", r"\[:5\]\s*$"):
        assert not re.search(pattern, code, re.M), f"{name}: hard-coded corpus size ({pattern})"
    assert not re.search(r"[\"'](/|[A-Za-z]:\\)", code), f"{name}: absolute path in code"
    if re.search(r"\brandom\b", code):
        assert "seed" in code, f"{name}: random numbers need a fixed seed"


def test_no_copy_paste_between_notebooks():
    functions, cells = defaultdict(set), defaultdict(set)
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            for fn in re.findall(r"^def (\w+)", cell.source, re.M):
                functions[fn].add(path.name)
            if cell.source.count("\n") >= 2:
                cells[cell.source.strip()].add(path.name)
    shared_fns = {fn: sorted(where) for fn, where in functions.items() if len(where) > 1}
    assert not shared_fns, f"functions defined in several notebooks (move them to sahel_course): {shared_fns}"
    shared_cells = [sorted(where) for where in cells.values() if len(where) > 1]
    assert not shared_cells, f"identical code cells in several notebooks: {shared_cells}"


def test_no_execution_timestamps_in_cell_metadata(nb):
    name, notebook = nb
    for cell in notebook.cells:
        assert "execution" not in cell.get("metadata", {}), (
            f"{name}: cell metadata records execution times; execute with "
            "--ExecutePreprocessor.record_timing=False")


# --------------------------------------------------------------------------- accessibility (static)
# Links must say where they go (WCAG 2.4.4), images need a text alternative (WCAG 1.1.1).
VAGUE_LINK_TEXT = {"here", "click here", "this", "this link", "link", "more", "read more", "this page", "page",
                   "see here", "go", "click", "source", "url"}
MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I | re.S)
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
HTML_ALT = re.compile(r"\balt\s*=\s*([\"'])(.*?)\1", re.I | re.S)


def _markdown_texts(notebook):
    """(where, markdown or HTML) for every markdown cell and every markdown/HTML output."""
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            yield f"cell {i}", cell.source
        for output in cell.get("outputs", []):
            for key in ("text/markdown", "text/html"):
                if key in output.get("data", {}):
                    yield f"cell {i} output", str(output["data"][key])


def link_problems(text: str) -> list[str]:
    """Links whose text does not say where they go.

    >>> link_problems("See [the UN press release](https://press.un.org/x) and [here](README.md).")
    ["'here'"]
    >>> link_problems("[https://press.un.org/x](https://press.un.org/x), <a href='a.md'>click here</a>, [](b.md)")
    ["'https://press.un.org/x'", "''", "'click here'"]
    """
    texts = [m.group(1) for m in MD_LINK.finditer(text)] + \
        [re.sub(r"<[^>]+>", "", m.group(1)) for m in HTML_LINK.finditer(text)]
    bad = []
    for link in texts:
        words = re.sub(r"[\s\W_]+", " ", link).strip().lower()
        if not words or words in VAGUE_LINK_TEXT or re.match(r"^(https?://|www\.)", link.strip()):
            bad.append(repr(link))
    return bad


def image_problems(text: str) -> list[str]:
    """Markdown or HTML images without a text alternative.

    >>> image_problems('![](map.png) ![Map of Mali](map.png) <img src="a.png"> <img alt="" src="b.png">')
    ['![](map.png)', '<img src="a.png">', '<img alt="" src="b.png">']
    """
    bad = [m.group(0) for m in MD_IMAGE.finditer(text) if not m.group(1).strip()]
    for tag in HTML_IMG.finditer(text):
        alt = HTML_ALT.search(tag.group(0))
        if alt is None or not alt.group(2).strip():
            bad.append(tag.group(0))
    return bad


def test_links_say_where_they_go(nb):
    name, notebook = nb
    for where, text in _markdown_texts(notebook):
        assert not link_problems(text), f"{name}, {where}: link text that does not say where it goes: " \
            f"{link_problems(text)}; write what the reader will find (e.g. 'the UN press release')"


def test_images_in_markdown_and_html_have_alt_text(nb):
    name, notebook = nb
    for where, text in _markdown_texts(notebook):
        assert not image_problems(text), f"{name}, {where}: image without alt text: {image_problems(text)}"


def test_alt_texts_describe_the_figure(nb):
    """An alt text says what the figure shows (title, axes, what stands out), not just 'a chart'."""
    name, notebook = nb
    for where, text in _markdown_texts(notebook):
        for line in text.splitlines():
            match = re.match(r"^\s*\**alt text:?\**:?\s*(.*)$", line, re.I)
            if match:
                assert len(match.group(1).split()) >= 8, f"{name}, {where}: alt text too short: {line!r}"
