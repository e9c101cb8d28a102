"""Exports for the tools people already use: reference managers and spreadsheets.

- ``bibtex``, ``csl-json`` and ``ris``: the bibliography (``casestudies/sources.yml``) for
  Zotero, JabRef, Pandoc, EndNote, Mendeley and EPPI-Reviewer (:mod:`casebook.package.bibliography`).
- ``xlsx``: every table of the data package, one sheet each, plus a sheet describing them,
  for staff who work in spreadsheets.

Each writer returns text or bytes; :func:`export` writes the file atomically. Exports built
on the analysis sit above this layer and are passed in: ``casebook export qca`` calls
``export("qca", out, more={"qca": casebook.analysis.qca.qca_export})``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.atomic import write_atomic
from casebook.content.corpus import load_corpus
from casebook.errors import UsageError
from casebook.package.bibliography import bibtex, csl_json, ris
from casebook.package.schema import TABLES
from casebook.package.tables import corpus_tables

if TYPE_CHECKING:
    from casebook.content.corpus import Corpus


def xlsx(corpus: Corpus) -> bytes:
    """Every table on its own sheet, after a sheet that describes them."""
    return xlsx_bytes(corpus_tables(corpus))


def xlsx_bytes(frames: dict, case_ids: set[str] | None = None) -> bytes:
    """The tables as a workbook; with ``case_ids``, case-level tables keep only those cases
    and the sources sheet only what they cite (the explorer's download of a selection)."""
    import io

    import pandas as pd

    if case_ids is not None:
        frames = dict(frames)
        frames["cases"] = frames["cases"][frames["cases"]["id"].isin(case_ids)]
        for name, frame in frames.items():
            if name != "cases" and "case_id" in frame:
                frames[name] = frame[frame["case_id"].isin(case_ids)]
        cited = set(frames["citations"]["source_id"])
        frames["sources"] = frames["sources"][frames["sources"]["id"].isin(cited)]
    about = pd.DataFrame(
        [
            {
                "sheet": t.name,
                "title": t.title,
                "description": t.description,
                "rows": len(frames[t.name]),
                "columns": ", ".join(t.columns),
            }
            for t in TABLES
        ]
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        about.to_excel(writer, sheet_name="about", index=False)
        for table in TABLES:
            frames[table.name].to_excel(writer, sheet_name=table.name[:31], index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes = "A2"
            # Text that starts with "=" would become a live formula in a spreadsheet: keep it text.
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
    return buffer.getvalue()


def export(
    kind: str,
    out: Path,
    source: Path | None = None,
    more: dict[str, Callable[[Corpus], str | bytes]] | None = None,
) -> Path:
    """Write the ``kind`` export of the corpus in ``source`` to ``out``, atomically.

    ``more`` adds exports made above this layer (the command line adds ``qca`` from
    :mod:`casebook.analysis.qca`, which builds on the analysis).
    """
    exporters = {**EXPORTERS, **(more or {})}
    if kind not in exporters:
        raise UsageError(f"unknown export '{kind}'; available: {', '.join(exporters)}")
    corpus = load_corpus(source)
    write_atomic(Path(out), exporters[kind](corpus))
    return Path(out)


EXPORTERS: dict[str, Callable[[Corpus], str | bytes]] = {
    "bibtex": bibtex,
    "csl-json": csl_json,
    "ris": ris,
    "xlsx": xlsx,
}
