"""What the data package says about itself, from ``CITATION.cff``.

``CITATION.cff`` (Citation File Format 1.2.0) is the one place the dataset's title,
version, release date, authors, licences and keywords are written. The build turns it into
the metadata of ``data/datapackage.json`` and into ``data/dataset.jsonld``, a schema.org
``Dataset`` description that data catalogues and search engines index, with the coverage
(places and years) read from the cases the build has just written.
"""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from casebook import paths
from casebook.content.fields import Strict, Text
from casebook.content.validation import read_model_file

LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "MIT": ("MIT License", "https://opensource.org/license/mit"),
}
DATA_LICENCE = "CC-BY-4.0"


class CffAuthor(Strict):
    """A CFF author: a person (``family-names``, ``given-names``) or an entity (``name``)."""

    model_config = ConfigDict(populate_by_name=True)  # Strict, and read by alias or name

    family_names: Text | None = Field(None, alias="family-names")
    given_names: Text | None = Field(None, alias="given-names")
    name_particle: Text | None = Field(None, alias="name-particle")
    name_suffix: Text | None = Field(None, alias="name-suffix")
    name: Text | None = None
    alias: Text | None = None
    affiliation: Text | None = None
    orcid: str | None = None
    email: str | None = None
    website: str | None = None
    # the rest of CFF 1.2.0's person and entity keys, which casebook does not read
    address: Any = None
    city: Any = None
    country: Any = None
    region: Any = None
    post_code: Any = Field(None, alias="post-code")
    tel: Any = None
    fax: Any = None
    location: Any = None
    date_start: Any = Field(None, alias="date-start")
    date_end: Any = Field(None, alias="date-end")

    @model_validator(mode="after")
    def _person_or_entity(self) -> CffAuthor:
        if (self.family_names is None) == (self.name is None):
            raise ValueError(
                "an author needs family-names (a person) or name (an entity), not both"
            )
        return self

    @property
    def display(self) -> str:
        if self.name:
            return self.name
        parts = (self.given_names, self.name_particle, self.family_names)
        return " ".join(p for p in parts if p)


class Citation(Strict):
    """CITATION.cff: the keys casebook reads, checked, and CFF 1.2.0's other keys allowed;
    a key CFF does not have is refused, so a misspelt one is not silently ignored."""

    model_config = ConfigDict(populate_by_name=True)  # Strict, and read by alias or name

    cff_version: str = Field(alias="cff-version", pattern=r"^1\.2\.0$")
    message: Text
    type: str = Field(pattern=r"^(dataset|software)$")
    title: Text
    abstract: Text
    authors: list[CffAuthor] = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    date_released: datetime.date = Field(alias="date-released")
    license: list[str] = Field(min_length=1)
    keywords: list[Text] = Field(default_factory=list)
    url: str | None = None
    repository_code: str | None = Field(None, alias="repository-code")
    doi: str | None = None
    contact: list[Any] = Field(default_factory=list)
    identifiers: list[Any] = Field(default_factory=list)
    references: list[Any] = Field(default_factory=list)
    preferred_citation: dict | None = Field(None, alias="preferred-citation")
    commit: Any = None
    license_url: Any = Field(None, alias="license-url")
    repository: Any = None
    repository_artifact: Any = Field(None, alias="repository-artifact")

    @field_validator("license", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value  # CFF allows either

    @model_validator(mode="after")
    def _licences_known(self) -> Citation:
        unknown = [name for name in self.license if name not in LICENCES]
        if unknown:
            raise ValueError(
                f"unknown licence {', '.join(unknown)}: use the SPDX ids "
                f"{', '.join(LICENCES)} (casebook names each in datapackage.json)"
            )
        if DATA_LICENCE not in self.license:
            raise ValueError(f"the data's licence, {DATA_LICENCE}, must be among the licences")
        return self


def load_citation(path: Path | None = None) -> Citation:
    """Read and check ``CITATION.cff`` (default: the project's).

    Raises
    ------
    ContentError
        Naming the file, the line and the key.
    """
    return read_model_file(Path(path or paths.CITATION), Citation)


def package_metadata(citation: Citation) -> dict:
    """The descriptor's own metadata, in Frictionless's keys."""
    title, address = LICENCES[DATA_LICENCE]
    metadata = {
        "version": citation.version,
        "created": f"{citation.date_released.isoformat()}T00:00:00Z",
        "licenses": [{"name": DATA_LICENCE, "path": address, "title": title}],
        "contributors": [{"title": a.display, "role": "author"} for a in citation.authors],
        "keywords": list(citation.keywords),
    }
    if citation.url:
        metadata["homepage"] = citation.url
    return metadata


def dataset_jsonld(citation: Citation, data: Path, files: list[str]) -> str:
    """The schema.org ``Dataset`` of the package in ``data``, whose files are ``files``."""
    places, starts, ongoing, ends = set(), [], False, []
    with open(data / "cases.csv", encoding="utf-8", newline="") as cases:
        for row in csv.DictReader(cases):
            places.add(row["country"])
            starts.append(int(row["period_start"]))
            if row["period_end"]:
                ends.append(int(row["period_end"]))
            else:
                ongoing = True
    with open(data / "countries.csv", encoding="utf-8", newline="") as countries:
        rows = list(csv.DictReader(countries))
    names = {row["id"]: row["name"] for row in rows}
    places -= {row["id"] for row in rows if row["region"] == "global"}  # not a place
    base = citation.url.rstrip("/") + "/" if citation.url else ""
    document: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": citation.title,
        "description": citation.abstract,
        "version": citation.version,
        "datePublished": citation.date_released.isoformat(),
        "license": LICENCES[DATA_LICENCE][1],
        "isAccessibleForFree": True,
        "inLanguage": "en",
        "creator": [
            {"@type": "Organization" if a.name else "Person", "name": a.display}
            for a in citation.authors
        ],
        "keywords": list(citation.keywords),
        "spatialCoverage": [
            {"@type": "Place", "name": names.get(place, place)} for place in sorted(places)
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": "application/json" if name.endswith(".json") else "text/csv",
                "contentUrl": base + name,
            }
            for name in files
        ],
    }
    if starts:
        # an ISO 8601 interval, open-ended ("..") while a case is still running
        document["temporalCoverage"] = f"{min(starts)}/{'..' if ongoing else max(ends)}"
    if citation.url:
        document["url"] = citation.url
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
