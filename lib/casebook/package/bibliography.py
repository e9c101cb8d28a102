"""The bibliography for reference managers: CSL-JSON, BibTeX and RIS.

``casestudies/sources.yml`` holds each source's authors already split (people by family and
given names, organisations whole) and its language, so the writers here only translate:

- CSL-JSON (Zotero, Pandoc's citeproc, citeproc-js): people as ``family``/``given`` with a
  leading particle ("da", "von") as ``non-dropping-particle``; organisations as ``literal``;
  ``language`` so that only English titles are put in title case; no ``issued`` date for an
  undated source, which CSL styles render as "n.d.".
- BibTeX (JabRef, biber, pybtex): organisations double-braced so that "The Globe and Mail"
  stays one name; titles braced so that styles keep their case; ``langid``; ``year = {n.d.}``
  for an undated source, since the standard styles refuse an entry without a year. An entry
  type whose required fields the source cannot fill (a report with no publisher) is written
  as ``@misc`` rather than with an invented field.
- RIS (EndNote, Mendeley, EPPI-Reviewer), written with ``rispy``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casebook.content.corpus import Corpus
    from casebook.content.evidence import Author, Source


# Source type -> (BibTeX entry type, CSL type, RIS type)
ENTRY_TYPES = {
    "seed": ("misc", "document", "GEN"),
    "evaluation": ("techreport", "report", "RPRT"),
    "academic": ("article", "article-journal", "JOUR"),
    "government": ("techreport", "report", "RPRT"),
    "organisation-report": ("techreport", "report", "RPRT"),
    "policy": ("techreport", "report", "RPRT"),
    "news": ("article", "article-newspaper", "NEWS"),
    "recording": ("misc", "speech", "ADVS"),
    "book": ("book", "book", "BOOK"),
    "dataset": ("misc", "dataset", "DATA"),
    "blog": ("misc", "post-weblog", "BLOG"),
    "webpage": ("misc", "webpage", "ELEC"),
    "chapter": ("incollection", "chapter", "CHAP"),
    "thesis": ("phdthesis", "thesis", "THES"),
}
# What the organisation is to each BibTeX entry type, and the fields each type requires in
# the standard styles (plain, alpha, unsrt): without them an entry is written as @misc.
BIBTEX_ORGANISATION = {
    "article": "journal",
    "techreport": "institution",
    "book": "publisher",
    "incollection": "booktitle",
    "phdthesis": "school",
}
BIBTEX_REQUIRED = {
    "article": ("author", "journal"),
    "techreport": ("author", "institution"),
    "book": ("author", "publisher"),
    "incollection": ("author", "booktitle", "publisher"),
    "phdthesis": ("author", "school"),
}
# ISO 639-1 -> the language names biblatex's langid takes (babel and polyglossia names)
LANGID = {"en": "english", "pt": "portuguese", "es": "spanish", "fr": "french"}
# CSL's container for the organisation: the journal or paper an item appears in
CSL_CONTAINER = {"article-journal", "article-newspaper", "post-weblog", "chapter"}


def particle_split(family: str) -> tuple[str, str]:
    """("da Silva Moura") -> ("da", "Silva Moura"): the lower-case words a family name
    starts with, which CSL calls its non-dropping particle."""
    words = family.split()
    n = 0
    while n < len(words) - 1 and words[n][:1].islower():
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def csl_name(author: Author) -> dict[str, str]:
    if author.name is not None:
        return {"literal": author.name}
    particle, family = particle_split(author.family)
    name = {"family": family}
    if author.given:
        name["given"] = author.given
    if particle:
        name["non-dropping-particle"] = particle
    return name


def notes(source: Source) -> str:
    parts = [
        source.note,
        f"Seed document {source.file}" if source.file else None,
        # with no publisher's page the copy is the address itself: not said twice
        f"Copy read: {source.archive_url}" if source.url and source.archive_url else None,
        "Undated" if source.undated else None,
    ]
    return ". ".join(p.rstrip(". ") for p in parts if p)


def address(source: Source) -> str | None:
    """Where to find it: the publisher's page, or else the copy that was read."""
    return source.url or source.archive_url


def csl_item(s: Source) -> dict:
    item: dict = {"id": s.id, "type": ENTRY_TYPES[s.type][1], "title": s.title}
    if s.authors:
        item["author"] = [csl_name(a) for a in s.authors]
    if s.year:
        item["issued"] = {"date-parts": [[s.year]]}
    if s.organisation:
        key = "container-title" if item["type"] in CSL_CONTAINER else "publisher"
        item[key] = s.organisation
    item["language"] = s.language
    if address(s):
        item["URL"] = address(s)
    if notes(s):
        item["note"] = notes(s)
    return item


def csl_json(corpus: Corpus) -> str:
    """The bibliography as CSL-JSON (an array of items)."""
    items = [csl_item(s) for s in corpus.sources.values()]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


# Characters TeX reads as commands. A brace is written as a command, not as "\{": BibTeX
# still counts an escaped brace, so one unmatched brace would break every entry after it.
_BIBTEX_SPECIAL = str.maketrans(
    {c: f"\\{c}" for c in "&%$#_"}
    | {
        "{": "\\textbraceleft{}",
        "}": "\\textbraceright{}",
        "\\": "\\textbackslash{}",
        "~": "\\textasciitilde{}",
        "^": "\\textasciicircum{}",
    }
)


def _bib(value: object) -> str:
    return str(value).translate(_BIBTEX_SPECIAL)


def _name_part(part: str) -> str:
    """A family or given name, braced when BibTeX would split it ("Anderson and Co",
    "John, Jr.")."""
    text = _bib(part)
    return "{" + text + "}" if "," in part or " and " in f" {part} " else text


def bibtex_name(author: Author) -> str:
    if author.name is not None:
        return "{" + _bib(author.name) + "}"
    family = _name_part(author.family)
    return f"{family}, {_name_part(author.given)}" if author.given else family


def bibtex_entry(s: Source) -> str:
    entry_type = ENTRY_TYPES[s.type][0]
    fields = {"title": "{" + _bib(s.title) + "}"}
    if s.authors:
        fields["author"] = " and ".join(bibtex_name(a) for a in s.authors)
    elif s.organisation:  # no author named: the organisation stands as the author
        fields["author"] = "{" + _bib(s.organisation) + "}"
    fields["year"] = str(s.year) if s.year else "n.d."
    if s.organisation:
        fields[BIBTEX_ORGANISATION.get(entry_type, "organization")] = _bib(s.organisation)
    if any(name not in fields for name in BIBTEX_REQUIRED.get(entry_type, ())):
        entry_type = "misc"
        if s.organisation:
            fields = {k: v for k, v in fields.items() if k not in BIBTEX_ORGANISATION.values()}
            fields["howpublished"] = _bib(s.organisation)
    fields["langid"] = LANGID.get(s.language, s.language)
    if address(s):
        fields["url"] = address(s)
    if notes(s):
        fields["note"] = _bib(notes(s))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@{entry_type}{{{s.id},\n{body}\n}}"


def bibtex(corpus: Corpus) -> str:
    """The bibliography as BibTeX, keyed by source id (UTF-8; biber and Zotero read it)."""
    return "\n\n".join(bibtex_entry(s) for s in corpus.sources.values()) + "\n"


def ris_record(s: Source) -> dict:
    ris_type = ENTRY_TYPES[s.type][2]
    record: dict = {"type_of_reference": ris_type, "id": s.id, "title": s.title}
    if s.authors:
        record["authors"] = [
            a.name if a.name is not None else f"{a.family}, {a.given}" if a.given else a.family
            for a in s.authors
        ]
    if s.year:
        record["year"] = str(s.year)
    if s.organisation:
        key = {"JOUR": "journal_name", "NEWS": "journal_name", "CHAP": "secondary_title"}
        record[key.get(ris_type, "publisher")] = s.organisation
    record["language"] = s.language
    if address(s):
        record["urls"] = [address(s)]
    if notes(s):
        record["notes"] = [notes(s)]
    return record


def ris(corpus: Corpus) -> str:
    """The bibliography as RIS, one record per source (EndNote, Mendeley, EPPI-Reviewer)."""
    import rispy

    return rispy.dumps([ris_record(s) for s in corpus.sources.values()])
