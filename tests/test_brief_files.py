"""The printed and the Word brief, opened with the tools their readers use."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from casebook.brief.run import make_brief

MAX_PAGES = 18


def _pdf_text(pdf) -> str:
    return subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.kernel
@pytest.mark.browser
@pytest.mark.parametrize("theme", ["shared-purpose", "top-down-vs-bottom-up"])
def test_the_pdf_keeps_to_its_pages_with_numbers_footer_and_whole_reference_numbers(
    tmp_path, theme
):
    html, pdf = make_brief(theme, out=tmp_path, formats=["html", "pdf"])
    pages = int(re.search(r"Pages:\s+(\d+)", _info(pdf)).group(1))
    assert pages <= MAX_PAGES
    text = _pdf_text(pdf)
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    assert text.count("casebook brief · ") == pages  # the running footer on every page
    # reference numbers from 100 up keep every digit
    references = text[text.rindex("Useful links") : text.rindex("About the evidence")]
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\.\s", references, re.M)]
    cited = html.read_text(encoding="utf-8").count('<li id="ref-')
    assert cited > 50
    assert numbers == list(range(1, cited + 1))  # every number printed whole, none missing


def _info(pdf) -> str:
    return subprocess.run(
        [shutil.which("pdfinfo") or "pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.kernel
@pytest.mark.browser
def test_the_word_brief_has_headings_tables_charts_and_references(tmp_path):
    import docx

    [path] = make_brief("top-down-vs-bottom-up", out=tmp_path, formats=["docx"])
    assert path.name == "top-down-vs-bottom-up.docx"
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Introduction", "Story", "Examples", "Insights", "Useful links"):
        assert heading in headings
    assert "Side by side" in headings
    assert len(document.tables) >= 2  # the side-by-side table and the annex
    assert len(document.inline_shapes) == 3  # the leverage chart, the gap map, the map
    text = "\n".join(p.text for p in document.paragraphs)
    assert "What changed:" in text
    references = text[text.rindex("Useful links") : text.rindex("About the evidence")]
    assert references.count("https://") >= 10  # the numbered reference list, with addresses
