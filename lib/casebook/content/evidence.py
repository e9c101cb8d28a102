"""The bibliography and the evidence base: sources, perspectives, quotations and claims.

These live in ``casestudies/sources.yml``, ``perspectives.yml``, ``quotes.yml`` and
``claims.yml``, shared by every case. The same strictness rules as :mod:`casebook.content.model`
apply: unknown fields are errors and values are immutable.
"""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from casebook.content.fields import (
    TIMESTAMP_PATTERN,
    URL_PATTERN,
    LanguageId,
    Point,
    Slug,
    SourceType,
    Strict,
    Text,
    Year,
)
from casebook.content.publication import (
    Container,
    Doi,
    Issue,
    Pages,
    Volume,
    doi_address,
    doi_in_address,
)


class Author(Strict):
    """One author: a person, by ``family`` and ``given`` names (a particle such as "da",
    "de" or "von" stays with the family name: ``{family: von Wehrden, given: Henrik}``),
    or an organisation, by its ``name`` (``{name: The Globe and Mail}``), kept whole."""

    family: Text | None = None
    given: Text | None = None
    name: Text | None = None

    @model_validator(mode="after")
    def _person_or_organisation(self) -> Author:
        if (self.family is None) == (self.name is None):
            raise ValueError(
                "an author is a person ({family: ..., given: ...}) or an organisation "
                "({name: ...}): give family or name, not both"
            )
        if self.name is not None and self.given is not None:
            raise ValueError("an organisation has no given name: use family and given for a person")
        return self

    @property
    def display(self) -> str:
        """The name as a reader writes it: "Donella H. Meadows", "World Bank"."""
        if self.name is not None:
            return self.name
        family = cast(str, self.family)  # a person: the validator above requires it
        return f"{self.given} {family}" if self.given else family


class Source(Strict):
    """A publication, dataset, recording or seed document that facts rest on."""

    id: Slug
    title: Text
    # in the order the publication gives them; empty when it names no author (say so in note)
    authors: list[Author]
    organisation: Text | None = None
    # where it appears, as a bibliography gives it (casebook.content.publication): the
    # journal or book, never the issuing organisation
    container: Container | None = None
    volume: Volume | None = None
    issue: Issue | None = None
    pages: Pages | None = None
    doi: Doi | None = None
    publisher: Text | None = None
    year: Year | None = None
    type: SourceType
    language: LanguageId
    url: str | None = None
    # a copy elsewhere (an archive or a mirror) that was read when the publisher's own page
    # is the url but no longer holds the full text
    archive_url: str | None = None
    file: str | None = None
    undated: bool = False
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _old_author(cls, data: Any) -> Any:
        if isinstance(data, dict) and "author" in data and "authors" not in data:
            raise PydanticCustomError(
                "author_is_a_list",
                "'author' is now 'authors', a list: people as {family: ..., given: ...}, "
                "organisations as {name: ...} (casestudies/README.md, 'Sources')",
            )
        return data

    @field_validator("url", "archive_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not URL_PATTERN.match(value):
            raise PydanticCustomError(
                "url_format", "'{value}' is not an http(s) address", {"value": value}
            )
        return value

    @field_validator("url")
    @classmethod
    def _not_a_doi(cls, value: str | None) -> str | None:
        # one place for a DOI, so that every export and reference list shows it the same way
        doi = doi_in_address(value) if value is not None else None
        if doi is not None:
            raise PydanticCustomError(
                "url_is_doi",
                "'{value}' is a DOI's address: write doi: {doi} instead of url",
                {"value": value, "doi": doi},
            )
        return value

    @property
    def doi_url(self) -> str | None:
        """The DOI as its address ("https://doi.org/10..."), or None without a DOI."""
        return doi_address(self.doi) if self.doi else None

    @property
    def link(self) -> str | None:
        """The one address a reference shows: the DOI's, else the publisher's page, else
        the copy that was read."""
        return self.doi_url or self.url or self.archive_url

    @property
    def author(self) -> str:
        """The authors as one line ("Robin Todd; Ian Attfield"), or "" when none is named."""
        return "; ".join(a.display for a in self.authors)

    @model_validator(mode="after")
    def _complete(self) -> Source:
        if self.type == "seed":
            if not self.file:
                raise ValueError("a seed source needs 'file': the seed document's file name")
        else:
            missing = [name for name in ("year", "url") if getattr(self, name) is None]
            if self.archive_url is not None and "url" in missing:
                missing.remove("url")  # the publisher's page is lost or unknown: the copy read
            if self.doi is not None and "url" in missing:
                missing.remove("url")  # the DOI is the address
            if self.undated and "year" in missing:
                missing.remove("year")
            if missing:
                raise PydanticCustomError(
                    "source_incomplete",
                    "a public source needs {missing}: cite it by title, organisation, year "
                    "and address",
                    {"missing": " and ".join(missing)},
                )
            if self.undated and self.year is not None:
                raise ValueError("the source has a year and 'undated: true'; remove one")
            if self.file:
                raise ValueError("'file' is only for seed documents; use 'url'")
        return self


def _seconds(stamp: str) -> int:
    total = 0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return total


class Perspective(Strict):
    """What someone said in a recording, summarised in our words."""

    id: Slug
    speaker: Text
    organisation: Text | None = None
    source: Slug
    recording: Text | None = None
    start: str
    end: str
    summary: Text
    cases: list[Slug] = Field(default_factory=list)

    def source_ids(self) -> list[str]:
        return [self.source]

    @field_validator("start", "end", mode="before")
    @classmethod
    def _stamp(cls, value: Any) -> str:
        value = str(value)
        if not TIMESTAMP_PATTERN.match(value):
            raise PydanticCustomError(
                "timestamp_format",
                "'{value}' is not a time in the recording (MM:SS or HH:MM:SS)",
                {"value": value},
            )
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Perspective:
        if _seconds(self.end) < _seconds(self.start):
            raise ValueError(f"the excerpt ends ({self.end}) before it starts ({self.start})")
        return self


class Quote(Strict):
    """A quotation, verbatim, with who said it and where it was found."""

    id: Slug
    text: Text
    speaker: Text
    organisation: Text | None = None
    source: Slug
    original: Slug | None = None
    context: Text | None = None
    cases: list[Slug] = Field(default_factory=list)

    def source_ids(self) -> list[str]:
        """Where the quotation was read, then the publication it first appeared in."""
        return [self.source] + ([self.original] if self.original else [])


class Claim(Strict):
    """A claim of the evidence base, in our words, with the sources that support it."""

    id: Slug
    claim: Text
    sources: list[Slug] = Field(min_length=1)
    note: Text | None = None
    cases: list[Slug] = Field(default_factory=list)

    def source_ids(self) -> list[str]:
        return list(self.sources)


class Coding(Strict):
    """One coder's leverage point for one intervention, with the coder's reason."""

    intervention: Slug
    leverage_point: Point
    rationale: Text


# A day (2026-11-30) or an ISO 8601 interval of days (2026-11-23/2026-11-30).
DATES_PATTERN = r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$"


class Coder(Strict):
    """Who or what made a set of judgements about the tags, so that a reader can weigh them:
    a person (with their ``role``) or an automated reader, how it was instructed, what it
    saw, and when. Every coding file starts with these fields; the coders whose judgements
    live in the case files themselves (the tags, the settlements) are described in
    ``casestudies/coders.yml``."""

    coder: Slug
    kind: Literal["person", "automated"]
    role: Text | None = None
    produced: Text | None = None
    instructions: Text
    saw: Text
    date: str = Field(pattern=DATES_PATTERN)

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        # YAML reads an unquoted 2026-11-30 as a date
        return value.isoformat() if hasattr(value, "isoformat") else value

    @model_validator(mode="after")
    def _a_person_has_a_role(self) -> Coder:
        if self.kind == "person" and self.role is None:
            raise ValueError(
                "a person who codes has a role (e.g. role: teacher educator); add role"
            )
        return self

    @property
    def id(self) -> str:
        return self.coder

    @property
    def automated(self) -> bool:
        return self.kind == "automated"


class CodingSet(Coder):
    """A further coder's codings, one file in ``casestudies/codings/``: who coded (the
    :class:`Coder` fields), whether blind, and one coding per intervention coded."""

    blind: bool
    codings: list[Coding] = Field(min_length=1)
