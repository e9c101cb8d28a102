"""Where things live: the one module that knows the project's layout.

Every other module asks here instead of building paths itself, so that moving a folder
is a one-line change. ``CASEBOOK_ROOT`` overrides the project root (useful when the package
is installed elsewhere than its checkout); ``CASEBOOK_SEEDS`` overrides where the source
documents are looked for, ``CASEBOOK_THEMES`` where brief themes are, and ``CASEBOOK_CACHE``
where the build keeps its cache.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("CASEBOOK_ROOT", Path(__file__).resolve().parents[2]))

CASESTUDIES = ROOT / "casestudies"
CITATION = ROOT / "CITATION.cff"  # the dataset's citation and release metadata
DATA = ROOT / "data"
TAXONOMY = DATA / "taxonomy"
THEMES = Path(
    os.environ.get("CASEBOOK_THEMES", ROOT / "themes")
)  # a team may keep its themes elsewhere
NOTEBOOKS = ROOT / "notebooks"
WORKSHOPS = ROOT / "workshops"
BRIEFS = ROOT / "briefs"
BRIEF_NOTEBOOK = NOTEBOOKS / "brief.ipynb"
PACKAGE = Path(__file__).resolve().parent  # the casebook package's own files
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"  # the world outline the maps draw offline
JUPYTER_DATA = PACKAGE / "jupyter"  # casebook's Voila template (jupyter/voila/templates)

# The seed documents sit beside the project (``../shared/seeds``); the build checks seed
# file names against them when they are present and skips that check when they are not.
SEEDS = Path(os.environ.get("CASEBOOK_SEEDS", ROOT.parent / "shared" / "seeds"))

SOURCES_FILE = "sources.yml"
PERSPECTIVES_FILE = "perspectives.yml"
QUOTES_FILE = "quotes.yml"
CLAIMS_FILE = "claims.yml"
CODINGS_FOLDER = "codings"  # further coders' codings, one file each
CODERS_FILE = "coders.yml"  # the coders whose judgements are in the case files themselves


def named_in(folder: Path, suffix: str) -> list[str]:
    """The names a command takes for the files of ``folder``: each ``*suffix`` file's name
    without it, leaving out templates (``_*``), backups (``*.previous*``) and README.md. A
    name is looked up in this list, never joined to the folder, so no name reaches outside
    it (``../README`` is not a theme)."""
    return sorted(
        p.name.removesuffix(suffix)
        for p in folder.glob(f"*{suffix}")
        if not p.name.startswith("_") and p.name != "README.md" and ".previous" not in p.name
    )


def build_cache() -> Path | None:
    """Where the build keeps its cache (``CASEBOOK_CACHE``; ``off`` turns it off). Read at each
    build, not at import, so that a test or a command can point it elsewhere."""
    setting = os.environ.get("CASEBOOK_CACHE", "")
    if setting == "off":
        return None
    return Path(setting) if setting else ROOT / ".cache" / "build.sqlite"
