"""The canvas: a team's workshop on one landscape page (``casebook canvas FILE``).

Purpose, graduate traits, commitments, behaviours, protocol, the self-assessment and the
alignment of current initiatives, as HTML that opens offline (no script, no external file;
the charts are plain HTML bars, so they print exactly as they show), printed to PDF by
chromium, or converted to Word by pandoc. Every value is escaped by the template, so a
team's text stays text. Each file is written atomically: a failed run leaves earlier
canvases as they were.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from casebook.atomic import write_atomic
from casebook.brief.pdf import html_to_pdf
from casebook.errors import UsageError
from casebook.render.markup import macro
from casebook.workshop.model import Workshop
from casebook.workshop.prompts import LEVELS, SELF_ASSESSMENT, SERVES
from casebook.workshop.views import alignment_table, group_ratings, purpose_check_share

FORMATS = ("html", "pdf", "docx")
LEVEL_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#67a9cf", 4: "#2166ac"}
SERVE_COLOURS = {"yes": "#1b7837", "partly": "#b8860b", "no": "#b2182b"}


def canvas_html(workshop: Workshop, taxonomy) -> str:
    """The canvas as one self-contained HTML page."""
    return str(
        macro(
            "workshop.html.j2",
            "canvas",
            w=workshop,
            statements=group_ratings(workshop),
            levels=LEVELS,
            level_colours=LEVEL_COLOURS,
            alignment=alignment_table(workshop, taxonomy),
            serves=SERVES,
            serve_colours=SERVE_COLOURS,
            check=purpose_check_share(workshop),
            credits={"statements": SELF_ASSESSMENT.credit},
        )
    )


def formats_from(text: str) -> list[str]:
    """``"html,pdf"`` -> ``["html", "pdf"]``; an unknown format names the ones there are."""
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"unknown canvas format {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}"
        )
    return chosen


def write_canvas(
    workshop: Workshop, taxonomy, stem: str, out: Path, formats: list[str]
) -> list[Path]:
    """Write the canvas in each of ``formats`` to ``out/STEM-canvas.EXT``; return the paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    html = canvas_html(workshop, taxonomy)
    written = []
    with tempfile.TemporaryDirectory(prefix="casebook-canvas-") as tmp:
        page = Path(tmp) / f"{stem}-canvas.html"
        page.write_text(html, encoding="utf-8")
        for fmt in formats:
            target = out / f"{stem}-canvas.{fmt}"
            if fmt == "html":
                write_atomic(target, html)
            elif fmt == "pdf":
                html_to_pdf(page, target)
            else:
                write_atomic(target, _docx(page))
            written.append(target)
    return written


def _docx(page: Path) -> bytes:
    """The canvas as a Word file (pandoc, from the pypandoc-binary wheel): the same sections
    as headings and lists, to edit; the bars become their counts."""
    import pypandoc

    with tempfile.TemporaryDirectory(prefix="casebook-canvas-docx-") as tmp:
        target = Path(tmp) / "canvas.docx"
        pypandoc.convert_file(str(page), "docx", format="html", outputfile=str(target))
        return target.read_bytes()
