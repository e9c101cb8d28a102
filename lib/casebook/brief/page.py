"""The brief as one standalone HTML page: the notebook's outputs, CSS, plotly.js and the
world outline inlined, so the page opens offline and loads nothing from a CDN."""

from __future__ import annotations

from functools import lru_cache
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import cast

from markupsafe import Markup

from casebook import __version__, paths
from casebook.render.figures import geo_assets_script
from casebook.render.markup import render


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    """plotly.js read from the installed package without importing plotly (which is slow)."""
    from importlib.util import find_spec

    spec = cast(ModuleSpec, find_spec("plotly"))  # a dependency, and a package: its folder
    folder = Path(cast("list[str]", spec.submodule_search_locations)[0])
    return (folder / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def page(parts: list[Markup], title: str, footer: str = "") -> str:
    """Wrap exported cell outputs in casebook's standalone page (CSS, plotly.js, world outline)."""
    return str(
        render(
            "brief/page.html.j2",
            version=__version__,
            title=title,
            footer=footer or f"casebook brief · {title}",
            parts=parts,
            plotly_js=Markup(_plotly_js()),
            geo_assets=Markup(geo_assets_script()),
            css=Markup((paths.TEMPLATES / "brief" / "brief.css").read_text(encoding="utf-8")),
        )
    )


def notebook_parts(notebook) -> list[Markup]:
    """The HTML of the notebook's code-cell outputs, in order: no code, prompts or logs.

    Every section of a brief is displayed as ``text/html``, so the page is those outputs
    joined; markdown cells, stream output (library warnings) and errors are left out.
    nbconvert's exporter would do the same through a template, but importing it costs more
    than running the whole notebook, and its default templates fetch require.js and MathJax
    from a CDN.
    """
    parts = []
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            html = (
                output.get("data", {}).get("text/html")
                if output.get("output_type") in ("display_data", "execute_result")
                else None
            )
            if html:
                # our own sections' HTML, made by the templates in the kernel
                parts.append(Markup(html if isinstance(html, str) else "".join(html)))
    return parts
