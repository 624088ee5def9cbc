"""Build the course website: every lesson with its committed outputs, offline, into _site/.

    python tools/build_site.py [--out _site]      (or `make site`)

Why Jupyter Book 1: it builds offline (Jupyter Book 2 downloads its theme), renders the
notebooks' stored outputs without executing them, and gives a sidebar, previous/next links,
a per-page contents and search out of the box. nbconvert plus a generated index would need all
of that written by hand.

The book is assembled in build/book/ from the notebooks, never by hand:

- the root page is notebooks/README.md (the contents page `make nav` generates);
- the table of contents (_toc.yml) lists notebooks/NN_*.ipynb in their numbered order;
- the navigation cells (tag ``nav``) are dropped: the book's sidebar and previous/next replace them;
- each figure gets the alt text that follows it in the notebook (a ``**Alt text:**`` output or
  markdown cell) as its ``alt`` attribute (myst-nb's per-cell ``mystnb.image.alt``);
- a small stylesheet (``_static/course.css``, :data:`CSS`) fixes what axe found in the theme;
- nothing that would fetch from the internet is switched on (launch buttons, repository
  buttons, MathJax is only added to pages with math, and the lessons have none).

After the build, every HTML page is scanned for ``src=``/``href=`` attributes of scripts,
styles, images and fonts that point off the site: there must be none.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TITLE = "Reading the Sahel crisis through its sources"
ALT = re.compile(r"^\s*\**alt text:?\**:?\s*", re.IGNORECASE)
# a resource the browser loads by itself: script/img/iframe src, stylesheet/icon/preload href
EXTERNAL = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*?\b(?:src|href)=[\"'](?:https?:)?//", re.I)


# In dark mode the theme puts HTML outputs on a light panel (#ced6dd) but keeps its light heading colour
# (#f3f4f5): the reading view's headings had a contrast of 1.33 (axe rule color-contrast). Dark headings
# there give about 11:1.
CSS = """html[data-theme="dark"] .bd-content div.cell_output .text_html :is(h1, h2, h3, h4, h5, h6) {
  color: #14181e;
}
"""


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _alt_after(cells, i: int, outputs, j: int) -> str | None:
    """The alt text that follows output ``j`` of cell ``i``: a later output, else the next markdown cell."""
    for out in outputs[j + 1:]:
        text = str(out.get("data", {}).get("text/markdown", ""))
        if ALT.match(text):
            return ALT.sub("", text, count=1).strip()
    following = cells[i + 1] if i + 1 < len(cells) else None
    if following is not None and following.cell_type == "markdown" and ALT.match(following.source):
        return ALT.sub("", following.source, count=1).strip()
    return None


def prepare_notebook(path: Path, dest: Path) -> int:
    """Copy a lesson for the book; returns the number of figures that got alt text."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if "nav" not in c.get("metadata", {}).get("tags", [])]
    figures = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        alts = [_alt_after(nb.cells, i, cell.outputs, j) for j, out in enumerate(cell.outputs)
                if "image/png" in out.get("data", {})]
        if not alts:
            continue
        if None in alts or len(alts) > 1:
            raise SystemExit(f"build_site: {path.name}, cell {i}: every figure needs exactly one alt text "
                             "after it (a '**Alt text:**' output or markdown cell), one figure per cell")
        cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alts[0]}
        figures += 1
    nbformat.write(nb, dest)
    return figures


def assemble(book: Path) -> dict[str, int]:
    if book.exists():
        shutil.rmtree(book)
    book.mkdir(parents=True)
    readme = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    (book / "README.md").write_text(readme, encoding="utf-8")
    (book / "_static").mkdir()
    (book / "_static" / "course.css").write_text(CSS, encoding="utf-8")
    figures = {p.stem: prepare_notebook(p, book / p.name) for p in lessons()}
    toc = {"format": "jb-book", "root": "README", "chapters": [{"file": p.stem} for p in lessons()]}
    config = {
        "title": TITLE,
        "author": "the course authors",
        "copyright": "",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
                 "use_download_button": False, "home_page_in_navbar": True, "baseurl": ""},
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "jupyterhub_url": "",
                           "colab_url": "", "thebe": False},
        "sphinx": {"config": {"language": "en", "html_show_copyright": False,
                              "html_last_updated_fmt": None, "nb_merge_streams": True}},
    }
    (book / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    (book / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return figures


# The theme's search buttons say "Search Ctrl+K" but carry aria-label="Search": a mismatch between
# the visible label and the accessible name (WCAG 2.5.3, axe rule label-content-name-mismatch).
# Without the aria-label the name is the visible text itself.
SEARCH_LABEL = re.compile(r'(<button class="btn search-button-field[^>]*?) aria-label="Search"')
# The colour-mode button (aria-label "Color mode") holds three icons titled "Light", "Dark",
# "System Settings", which axe reads as its visible text: the same mismatch. Icon titles help nobody
# (the icons cannot be focused); the button's tooltip already says "Color mode".
ICON_TITLE = re.compile(r'(<i class="theme-switch[^"]*"[^>]*?) title="[^"]*"')
# sphinx-thebe's settings script appears twice on every page ("THEBE_JS_URL has already been
# declared" in the console). Thebe is off (no launch button), so one copy is enough.
THEBE = re.compile(r'\s*<script>const THEBE_JS_URL = [^<]*</script>')


def _first_only(pattern: re.Pattern, html: str) -> str:
    """``html`` with every match of ``pattern`` after the first removed."""
    first = pattern.search(html)
    if first is None:
        return html
    return html[:first.end()] + pattern.sub("", html[first.end():])


def fix_theme_markup(site: Path) -> int:
    """Fix the theme's markup (see the patterns above); returns the number of pages changed."""
    changed = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = _first_only(THEBE, ICON_TITLE.sub(r"\1", SEARCH_LABEL.sub(r"\1", html)))
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def external_resources(site: Path) -> list[str]:
    hits = []
    for page in sorted(site.rglob("*.html")):
        for match in EXTERNAL.finditer(page.read_text(encoding="utf-8")):
            hits.append(f"{page.relative_to(site)}: {match.group(0)[:160]}")
    return hits


def build(out: Path, quiet: bool = False) -> Path:
    book = ROOT / "build" / "book"
    figures = assemble(book)
    cmd = [str(BIN / "jupyter-book"), "build", str(book), "--builder", "html", "--warningiserror", "--quiet"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build_site: jupyter-book failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(book / "_build" / "html", out)
    fix_theme_markup(out)
    hits = external_resources(out)
    if hits:
        raise SystemExit("build_site: the site would load resources from the internet:\n" + "\n".join(hits[:20]))
    if not quiet:
        pages = len(list(out.glob("*.html")))
        print(f"site: {out} ({pages} pages; {sum(figures.values())} figures with alt text; no external resources)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the course website offline with Jupyter Book 1.")
    parser.add_argument("--out", default=str(ROOT / "_site"))
    args = parser.parse_args(argv)
    build(Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
