"""``casebook site``: the static site written whole into a folder, or the evidence map as one
self-contained HTML file.

Everything is made in a scratch folder beside the output first (the data package is built
there by :func:`casebook.package.datapackage.build`, the exports by :mod:`casebook.package.export`); only when
every page and file is made does the scratch folder take the output's place, so a failed run
leaves an earlier site as it was. plotly.js is copied from the installed plotly package, the
version the figures were made for; nothing is fetched from the network.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import cast

from markupsafe import Markup

from casebook import paths
from casebook.atomic import write_atomic
from casebook.content.corpus import load_corpus
from casebook.content.themes import available_themes, load_theme
from casebook.errors import UsageError
from casebook.package.datapackage import build
from casebook.package.dataset import load_citation
from casebook.package.export import EXPORTERS
from casebook.package.schema import TABLES
from casebook.package.tables import corpus_tables
from casebook.render.figures import geo_assets_script
from casebook.site import pages
from casebook.site.content import case_page, chart_data, map_data, search_index
from casebook.site.pages import Download, size_text, static_text

SCRIPTS = ("gapmap.js", "site.js")  # the map's own scripts, in the order they run

BRIEF_FORMATS = {".html": "the brief as a web page", ".pdf": "to print", ".docx": "to edit in Word"}

# the bibliography's exports: file name, label, what it is for
BIBLIOGRAPHY = (
    ("casebook.bib", "bibtex", "BibTeX", "for JabRef, LaTeX and Pandoc"),
    ("casebook.csl.json", "csl-json", "CSL-JSON", "for Zotero and Pandoc"),
    ("casebook.ris", "ris", "RIS", "for EndNote, Mendeley and EPPI-Reviewer"),
)


def plotly_js_path() -> Path:
    """The installed plotly package's own plotly.min.js (found without importing plotly)."""
    from importlib.util import find_spec

    spec = cast(ModuleSpec, find_spec("plotly"))  # a dependency, and a package: its folder
    folder = cast("list[str]", spec.submodule_search_locations)[0]
    return Path(folder) / "package_data" / "plotly.min.js"


def _load(source: Path | None):
    corpus = load_corpus(source)
    tables = corpus_tables(corpus)
    themes = [load_theme(t, corpus) for t in available_themes()]
    # a theme whose selection no case of this corpus passes would be an empty page
    return corpus, tables, themes


def _geo() -> Markup:
    """The world's outline for plotly's maps, as a script element (no network needed)."""
    return Markup(geo_assets_script())


def _geo_js() -> str:
    """The same outline (``world_110m``, as plotly names it) as a script file of its own,
    which the map loads with plotly.js."""
    topojson = json.loads((paths.ASSETS / "world_110m.json").read_text(encoding="utf-8"))
    return _script("PlotlyGeoAssets", {"topojson": {"world_110m": topojson}})


def _script(name: str, value) -> str:
    """Data as a script file setting ``window.NAME``: a page opened from a folder (file://)
    may load scripts, never fetch JSON."""
    return f"window.{name} = {json.dumps(value, ensure_ascii=False, separators=(',', ':'))};\n"


def write(
    out: Path | None, single_file: Path | None, source: Path | None, briefs: Path | None
) -> list[Path]:
    """``casebook site``: the site into ``out``, the map alone into ``single_file``, or both."""
    if out is None and single_file is None:
        raise UsageError("say where: --out DIR for the site, --single-file FILE for the map alone")
    # the site first: it replaces its whole folder, and the single file may go inside it
    written = [write_site(out, source, briefs) / "index.html"] if out is not None else []
    if single_file is not None:
        written.append(write_single_file(single_file, source))
    return written


def write_single_file(target: Path, source: Path | None = None) -> Path:
    """The evidence map as one HTML file carrying its data, search index, script, style and
    plotly.js: it opens from an e-mail attachment with no folder beside it."""
    corpus, tables, themes = _load(source)
    inline = {
        "css": static_text("site.css"),
        "js": Markup("\n").join(static_text(name) for name in SCRIPTS),
        "plotly": Markup(plotly_js_path().read_text(encoding="utf-8")),
        "geo": _geo(),
        "charts": chart_data(corpus, tables),
        "search": search_index(corpus, tables),
    }
    page = pages.map_page(map_data(corpus, tables), themes, inline)
    write_atomic(Path(target), page)
    return Path(target)


def write_site(out: Path, source: Path | None = None, briefs: Path | None = None) -> Path:
    """Write the whole site into ``out``: the evidence map, a page per case and per theme,
    the data downloads and the briefs found in ``briefs`` (default ``briefs/``).

    Raises
    ------
    UsageError
        When ``out`` exists and is not a casebook site (nothing else is ever replaced).
    ContentError
        When the case files do not validate; ``out`` is untouched.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "assets" / "site.js").exists():
        raise UsageError(
            f"{out} holds files that are not a casebook site; choose an empty or new folder"
        )
    corpus, tables, themes = _load(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-site-") as tmp:
        stage = Path(tmp) / "site"
        _write_into(stage, corpus, tables, themes, source, Path(briefs or paths.BRIEFS))
        previous = Path(tmp) / "previous"
        if out.exists():
            out.replace(previous)
        stage.replace(out)
    return out


def _write_into(stage: Path, corpus, tables, themes, source, briefs: Path) -> None:
    assets = stage / "assets"
    assets.mkdir(parents=True)
    shutil.copyfile(plotly_js_path(), assets / "plotly.min.js")
    for name in (*SCRIPTS, "site.css"):
        (assets / name).write_text(static_text(name), encoding="utf-8")
    # what the map loads after its first screen: the charts' data and the world's outline
    # (with plotly.js), and the search index (on the first search)
    (assets / "charts.js").write_text(
        _script("casebookCharts", chart_data(corpus, tables)), encoding="utf-8"
    )
    (assets / "world.js").write_text(_geo_js(), encoding="utf-8")
    (assets / "search.js").write_text(
        _script("casebookSearch", search_index(corpus, tables)), encoding="utf-8"
    )
    (stage / "index.html").write_text(
        pages.map_page(map_data(corpus, tables), themes), encoding="utf-8"
    )
    (stage / "cases").mkdir()
    for case in corpus.cases:
        (stage / case_page(case.id)).write_text(pages.case_html(corpus, case.id), encoding="utf-8")

    data = stage / "data"
    build(source, data)
    for file, kind, _, _ in BIBLIOGRAPHY:
        (data / file).write_text(cast(str, EXPORTERS[kind](corpus)), encoding="utf-8")  # text
    (data / "casebook.xlsx").write_bytes(cast(bytes, EXPORTERS["xlsx"](corpus)))
    (stage / "data.html").write_text(_data_page(data, tables), encoding="utf-8")

    (stage / "themes").mkdir()
    (stage / "briefs").mkdir()
    for theme in themes:
        offered = []
        for suffix, about in BRIEF_FORMATS.items():
            built = briefs / f"{theme.id}{suffix}"
            if built.is_file():
                shutil.copyfile(built, stage / "briefs" / built.name)
                label = f"{suffix[1:].upper()}, {about}"
                offered.append(Download("", label, about, size_text(built), file=built.name))
        (stage / "themes" / f"{theme.id}.html").write_text(
            pages.theme_html(corpus, tables, theme, offered), encoding="utf-8"
        )
    (stage / "themes" / "index.html").write_text(
        pages.themes_html(themes, tables), encoding="utf-8"
    )


# what a table holds, told to a reader of the site where the data package's own description
# (datapackage.json, for the people who keep the data) speaks of files and internal names
READER_DESCRIPTIONS = {
    "cases": "One row per case of systems change: where, when, at what level, who started it, "
    "and how strong its evidence is.",
    "coders": "Who or what judged where each intervention pulls (the first tagging, each "
    "further coding, the settling of disagreements): a person with their role, or an "
    "automated reader, how it was instructed, what it saw and when.",
    "codings": "Each coder's leverage point for each intervention: the first coder's is the "
    "tag the case gives; further coders tagged the same interventions again.",
    "resolutions": "How each disagreement between the first coding and a further coder's was "
    "settled: the tag kept, changed, or shown beside a rival reading.",
    "agreement": "How far each further coder agrees with the first coding: over all "
    "interventions both coded, and within each system characteristic of the first coding.",
}


def _data_page(data: Path, tables) -> str:
    def offer(file: str, label: str, about: str, **more) -> Download:
        return Download(f"data/{file}", label, about, size_text(data / file), **more)

    whole = [
        offer("casebook.xlsx", "Every table as a workbook (XLSX)", "one sheet per table"),
        offer(
            "datapackage.json",
            "The data package's description (datapackage.json)",
            "Frictionless: every table, column, type and link",
        ),
        offer(
            "dataset.jsonld",
            "The dataset's description (schema.org JSON-LD)",
            "for data catalogues and search engines",
        ),
    ]
    bibliography = [offer(file, label, about) for file, _, label, about in BIBLIOGRAPHY]
    table_rows = [
        offer(
            f"{t.name}.csv",
            t.name,
            READER_DESCRIPTIONS.get(t.name, t.description),
            title=t.title,
            rows=len(tables[t.name]),
        )
        for t in TABLES
        if (data / f"{t.name}.csv").is_file()
    ]
    citation = load_citation()
    who = ", ".join(a.display for a in citation.authors)
    cite = f"{who} ({citation.date_released.year}). {citation.title}, version {citation.version}."
    if citation.url:
        cite += f" {citation.url}"
    return pages.data_html(whole, bibliography, table_rows, cite)
