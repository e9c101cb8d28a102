"""Exports for the tools people already use: reference managers and spreadsheets.

- ``bibtex`` and ``csl-json``: the bibliography (``casestudies/sources.yml``) for Zotero,
  JabRef, Pandoc and other reference managers.
- ``xlsx``: every table of the data package, one sheet each, plus a sheet describing them,
  for staff who work in spreadsheets.

Each writer returns text or bytes; :func:`export` writes the file atomically. Exports built
on the analysis sit above this layer and are passed in: ``casebook export qca`` calls
``export("qca", out, more={"qca": casebook.qca.qca_export})``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic
from .errors import UsageError

if TYPE_CHECKING:
    from .corpus import Corpus
    from .evidence import Source


# Source type -> (BibTeX entry type, CSL type)
ENTRY_TYPES = {
    "seed": ("misc", "document"),
    "evaluation": ("techreport", "report"),
    "academic": ("article", "article-journal"),
    "government": ("techreport", "report"),
    "organisation-report": ("techreport", "report"),
    "policy": ("techreport", "report"),
    "news": ("misc", "article-newspaper"),
    "recording": ("misc", "speech"),
    "book": ("book", "book"),
    "dataset": ("misc", "dataset"),
}
# Words that mark an author string as an organisation rather than a person's name.
ORGANISATION_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "ministry",
    "bank",
    "institute",
    "office",
    "centre",
    "center",
    "programme",
    "program",
    "foundation",
    "press",
    "commission",
    "secretariat",
    "university",
    "council",
    "department",
    "statistics",
    "agency",
    "news",
    "times",
    "mail",
    "unknown",
    "government",
    "school",
    "district",
    "network",
    "team",
    "authors",
    "organisation",
}
PERSON = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}$")


def authors(source: Source) -> list[dict[str, str]]:
    """Split ``author`` on ';' into CSL names: people as family/given, the rest literal.

    Author strings are kept as written in the bibliography; only a part that looks like a
    plain personal name ("Donella H. Meadows") is split, so no organisation is mangled.
    """
    names = []
    for part in (p.strip() for p in source.author.split(";")):
        words = part.split()
        if PERSON.match(part) and not ORGANISATION_WORDS & {w.lower().strip(".,") for w in words}:
            names.append({"family": words[-1], "given": " ".join(words[:-1])})
        elif part:
            names.append({"literal": part})
    return names


def _notes(source: Source) -> str:
    parts = [
        source.note,
        f"Seed document {source.file}" if source.file else None,
        "Undated" if source.undated else None,
    ]
    return ". ".join(p.rstrip(". ") for p in parts if p)


def csl_json(corpus: Corpus) -> str:
    """The bibliography as CSL-JSON (an array of items)."""
    items = []
    for s in corpus.sources.values():
        item = {"id": s.id, "type": ENTRY_TYPES[s.type][1], "title": s.title, "author": authors(s)}
        if s.year:
            item["issued"] = {"date-parts": [[s.year]]}
        if s.organisation:
            key = "container-title" if s.type in ("academic", "news") else "publisher"
            item[key] = s.organisation
        if s.url:
            item["URL"] = s.url
        notes = _notes(s)
        if notes:
            item["note"] = notes
        items.append(item)
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


_BIBTEX_SPECIAL = str.maketrans(
    {c: f"\\{c}" for c in "&%$#_"} | {"{": "\\{", "}": "\\}", "\\": "\\textbackslash{}"}
)


def _bib(value: object) -> str:
    return str(value).translate(_BIBTEX_SPECIAL)


def bibtex(corpus: Corpus) -> str:
    """The bibliography as BibTeX, keyed by source id (UTF-8; biber and Zotero read it)."""
    entries = []
    for s in corpus.sources.values():
        entry_type = ENTRY_TYPES[s.type][0]
        names = " and ".join(
            f"{_bib(n['family'])}, {_bib(n['given'])}"
            if "family" in n
            else "{" + _bib(n["literal"]) + "}"
            for n in authors(s)
        )
        fields = {"title": "{" + _bib(s.title) + "}", "author": names}
        if s.year:
            fields["year"] = str(s.year)
        if s.organisation:
            fields[
                {"article": "journal", "techreport": "institution", "book": "publisher"}.get(
                    entry_type, "organization"
                )
            ] = _bib(s.organisation)
        if s.url:
            fields["url"] = s.url
        notes = _notes(s)
        if notes:
            fields["note"] = _bib(notes)
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        entries.append(f"@{entry_type}{{{s.id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def xlsx(corpus: Corpus) -> bytes:
    """Every table on its own sheet, after a sheet that describes them."""
    from .tables import corpus_tables

    return xlsx_bytes(corpus_tables(corpus))


def xlsx_bytes(frames: dict, case_ids: set[str] | None = None) -> bytes:
    """The tables as a workbook; with ``case_ids``, case-level tables keep only those cases
    and the sources sheet only what they cite (the explorer's download of a selection)."""
    import io

    import pandas as pd

    from .schema import TABLES

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
    :mod:`casebook.qca`, which builds on the analysis).
    """
    from .corpus import load_corpus

    exporters = {**EXPORTERS, **(more or {})}
    if kind not in exporters:
        raise UsageError(f"unknown export '{kind}'; available: {', '.join(exporters)}")
    corpus = load_corpus(source)
    write_atomic(Path(out), exporters[kind](corpus))
    return Path(out)


EXPORTERS = {"bibtex": bibtex, "csl-json": csl_json, "xlsx": xlsx}
