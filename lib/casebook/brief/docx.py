"""The brief as a Word file staff can edit: headings, paragraphs, tables, the charts as
images and the numbered references, converted from the brief's own HTML by pandoc.

pandoc comes with the ``pypandoc_binary`` wheel, so nothing is installed system-wide. The
charts, which the HTML page draws with plotly.js, are drawn as PNG images by kaleido from
the figures the notebook's cells carry (:data:`casebook.render.figures.FIGURE_MIME`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from markupsafe import Markup

from casebook.errors import UsageError
from casebook.render.figures import ASSETS, FIGURE_MIME
from casebook.render.markup import macro, render


def _outputs(notebook):
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("display_data", "execute_result"):
                yield output.get("data", {})


def docx_parts(notebook, images: Path) -> list[Markup]:
    """The brief's parts for Word: each chart as a PNG written into ``images``."""
    import plotly.io as pio

    parts: list[Markup] = []
    figures: list = []  # plotly figures
    targets: list[Path] = []
    for data in _outputs(notebook):
        if FIGURE_MIME in data:
            target = images / f"figure-{len(figures) + 1}.png"
            figures.append(pio.from_json(_json(data[FIGURE_MIME]["figure"]), skip_invalid=True))
            targets.append(target)
            parts.append(
                macro(
                    "figure.html.j2",
                    "static_figure",
                    src=target.name,
                    caption=data[FIGURE_MIME].get("caption", ""),
                )
            )
        elif data.get("text/html"):
            html = data["text/html"]
            parts.append(Markup(html if isinstance(html, str) else "".join(html)))
    if figures:
        write_static_images(figures, targets)
    return parts


def _json(value) -> str:
    import json

    return json.dumps(value)


def write_docx(notebook, title: str, target: Path) -> None:
    """Write the Word file for an executed brief notebook, atomically."""
    import pypandoc

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="casebook-docx-") as tmp:
        folder = Path(tmp)
        html = folder / "brief.html"
        html.write_text(
            render("brief/docx.html.j2", title=title, parts=docx_parts(notebook, folder)),
            encoding="utf-8",
        )
        scratch = target.with_name(f".{target.name}.tmp")
        try:
            pypandoc.convert_file(
                str(html),
                "docx",
                format="html",
                outputfile=str(scratch),
                extra_args=[f"--resource-path={folder}"],
            )
        except (OSError, RuntimeError) as err:
            scratch.unlink(missing_ok=True)
            raise UsageError(f"pandoc could not write {target.name}: {err}") from None
        os.chmod(scratch, 0o644)
        os.replace(scratch, target)


def write_static_images(figures: list, targets: list[Path], width: int = 900) -> None:
    """PNG files of ``figures``, drawn by kaleido in Debian's chromium in one session, with
    the world outline read from the package instead of a CDN (a Word brief's charts)."""
    import os
    import shutil

    import plotly.io as pio

    pio.defaults.topojson = ASSETS.as_uri() + "/"
    browser = shutil.which("chromium")
    if browser:  # kaleido looks for Chrome; point it at Debian's chromium
        os.environ.setdefault("BROWSER_PATH", browser)
    pio.write_images(
        figures,
        [str(t) for t in targets],
        format="png",
        width=width,
        height=[f.layout.height for f in figures],
        scale=2,
    )
