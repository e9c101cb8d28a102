"""Where a publication appears: the journal or book, volume, issue, pages, DOI and publisher.

A reference manager keeps these apart, and a reader needs them to find an article again.
They are kept apart from a source's ``organisation`` (who issued a report, or the outlet of
a news item): a journal written as an organisation reached the BibTeX export as a publisher
or an institution, with its volume and pages inside the name. Each type here refuses the
forms contributors are likely to paste ("46(1)", "pp. 30-39", "https://doi.org/10...")
with the form to write instead.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

# 10.<registrant>/<suffix>: the DOI Handbook's syntax (the registrant is four or more digits,
# possibly dotted; the suffix any printable characters but the braces and backslash that
# BibTeX would read as markup, which no registered DOI is known to use)
DOI_PATTERN = re.compile(r"^10\.\d{4,9}(\.\d+)*/[^\s{}\\]+$")
DOI_ADDRESS = re.compile(r"^\s*(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_RESOLVER = "https://doi.org/"
# a volume or an issue: "46", "3-4", "S1", "01", "Special Issue 2"
NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9 ./-]{0,18}[A-Za-z0-9])?$")
# one page, an article number or a range: "30-39", "102434", "e1234", "S12-S20"
PAGES_PATTERN = re.compile(r"^([A-Za-z]{0,3})(\d+)(?:-([A-Za-z]{0,3})(\d+))?$")
# what a citation puts after a journal's name: "46(1)", "vol. 14", "no. 3", "pp. 30-39"
CITATION_NUMBERS = re.compile(r"\d+\s*\(\d[^)]*\)|\bvol\.\s*\d|\bno\.\s*\d|\bpp?\.\s*\d", re.I)


def doi_address(doi: str) -> str:
    """The address a DOI resolves from: "10.1093/qje/qjz010" -> "https://doi.org/10.1093/qje/qjz010"."""
    return DOI_RESOLVER + doi


def doi_in_address(url: str) -> str | None:
    """The DOI an address at doi.org names, or None for any other address."""
    stripped = DOI_ADDRESS.sub("", url, count=1)
    return stripped if stripped != url and DOI_PATTERN.match(stripped) else None


def _as_text(value: Any) -> Any:
    # YAML reads "volume: 46" as a number; a volume or a page is a label, kept as written
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _doi(value: str) -> str:
    bare = DOI_ADDRESS.sub("", value, count=1)
    if bare != value:
        raise PydanticCustomError(
            "doi_address",
            "'{value}' is the DOI's address; write the DOI alone: doi: {bare}",
            {"value": value, "bare": bare},
        )
    if not DOI_PATTERN.match(value):
        raise PydanticCustomError(
            "doi_format", "'{value}' is not a DOI (10.<registrant>/<suffix>)", {"value": value}
        )
    return value


def _number(kind: str):
    def check(value: str) -> str:
        if CITATION_NUMBERS.search(value) or "(" in value:
            raise PydanticCustomError(
                "number_with_issue",
                "{kind} '{value}' holds more than the {kind}: write the volume, the issue "
                "and the pages each in its own field (volume: 46, issue: 1, pages: 30-39)",
                {"kind": kind, "value": value},
            )
        if not NUMBER_PATTERN.match(value):
            raise PydanticCustomError(
                "number_format",
                "'{value}' is not a {kind} (letters, digits, '-', '/' or '.', at most 20)",
                {"kind": kind, "value": value},
            )
        return value

    return check


def _pages(value: str) -> str:
    written = re.sub(r"\s*(--|[-\u2010-\u2015])\s*", "-", value.strip())
    match = PAGES_PATTERN.match(written)
    if match is None:
        raise PydanticCustomError(
            "pages_format",
            "'{value}' is not a page, an article number or a range of pages",
            {"value": value},
        )
    first, last = match.group(2), match.group(4)
    if last is not None and int(last) < int(first):
        raise PydanticCustomError(
            "pages_order",
            "the pages '{value}' end before they start",
            {"value": value},
        )
    return written


def _container(value: str) -> str:
    if CITATION_NUMBERS.search(value):
        raise PydanticCustomError(
            "container_with_numbers",
            "'{value}' holds a volume, issue or pages: give the journal's or book's name "
            "alone, and write them in volume, issue and pages",
            {"value": value},
        )
    return value


_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Container = Annotated[_Text, AfterValidator(_container)]
Volume = Annotated[_Text, BeforeValidator(_as_text), AfterValidator(_number("volume"))]
Issue = Annotated[_Text, BeforeValidator(_as_text), AfterValidator(_number("issue"))]
Pages = Annotated[_Text, BeforeValidator(_as_text), AfterValidator(_pages)]
Doi = Annotated[_Text, AfterValidator(_doi)]

FIXES = {
    "doi_address": "write only the part from '10.', e.g. doi: 10.1093/qje/qjz010; the "
    "address https://doi.org/... is built from it",
    "doi_format": "copy the DOI from the publication's page, e.g. doi: 10.1093/qje/qjz010, "
    "or leave the field out when there is none",
    "url_is_doi": "move it to doi (without https://doi.org/) and remove url, or give the "
    "publisher's own page as url",
    "number_with_issue": "e.g. volume: 46, issue: 1, pages: 30-39",
    "number_format": "write the number as the publication prints it, e.g. 46 or 3-4",
    "pages_format": "write the first and last page with a hyphen, e.g. pages: 30-39, or "
    "one page or article number, e.g. pages: 102434",
    "pages_order": "write the first page, a hyphen, then the last page, e.g. pages: 30-39",
    "container_with_numbers": "e.g. container: Ambio, volume: 46, issue: 1, pages: 30-39",
}
