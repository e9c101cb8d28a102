"""The controlled vocabularies every case is checked against.

The taxonomy is content, not code: it lives in ``data/taxonomy/*.yml`` so that a
researcher can read and cite it, and the model reads it at validation time. This module
loads it strictly and checks that it is complete (twelve leverage points numbered 1-12,
each in exactly one of Abson et al.'s four system characteristics).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from casebook import paths
from casebook.content.fields import Strict
from casebook.content.validation import problems_from
from casebook.content.yamlfile import read_yaml_file
from casebook.errors import ContentError, Problem, display_path


def short_name(name: str) -> str:
    """A leverage point's name without Meadows' parenthesised examples: "Constants,
    parameters, numbers (such as subsidies, ...)" -> "Constants, parameters, numbers"."""
    return name.split(" (")[0]


class LeveragePoint(Strict):
    number: int = Field(ge=1, le=12)
    name: str
    characteristic: str
    description: str
    education_example: str
    teaching_prompt: str

    @property
    def short_name(self) -> str:
        return short_name(self.name)


class Characteristic(Strict):
    id: str
    colour: str
    name: str
    order: int
    points: list[int]
    description: str


class Approach(Strict):
    id: str
    colour: str
    name: str
    definition: str


class Level(Strict):
    id: str
    name: str
    description: str


class EvidenceGrade(Strict):
    id: str
    colour: str
    name: str
    rank: int
    criteria: str
    thin: bool = False  # thin evidence: the brief's "where evidence is thin" counts these


class Term(Strict):
    """A plain vocabulary entry (actors, outcome domains, world regions)."""

    id: str
    name: str
    description: str


class Language(Strict):
    """A language sources are written in, by its ISO 639-1 code."""

    id: str = Field(pattern=r"^[a-z]{2}$")
    name: str


class Country(Strict):
    id: str
    name: str
    region: str


FILES: dict[str, type[Strict]] = {
    "leverage_points": LeveragePoint,
    "characteristics": Characteristic,
    "approaches": Approach,
    "levels": Level,
    "evidence_grades": EvidenceGrade,
    "actors": Term,
    "outcome_domains": Term,
    "world_regions": Term,
    "countries": Country,
    "languages": Language,
}


@dataclass(frozen=True)
class Taxonomy:
    """All vocabularies, keyed for lookup."""

    leverage_points: dict[int, LeveragePoint]
    characteristics: dict[str, Characteristic]
    approaches: dict[str, Approach]
    levels: dict[str, Level]
    evidence_grades: dict[str, EvidenceGrade]
    actors: dict[str, Term]
    outcome_domains: dict[str, Term]
    world_regions: dict[str, Term]
    countries: dict[str, Country]
    languages: dict[str, Language]

    def region_of(self, country: str) -> str:
        """The world region of a country, by its name as written in a case file."""
        return next(c.region for c in self.countries.values() if c.name == country)

    def country_id(self, country: str) -> str:
        """A country's id (the countries table's key), by its name as written in a case file."""
        return next(c.id for c in self.countries.values() if c.name == country)

    def characteristic_of(self, point: int) -> str:
        """The system characteristic (Abson et al. 2017) a leverage point belongs to."""
        return self.leverage_points[point].characteristic


def load_taxonomy(directory: Path | None = None) -> Taxonomy:
    """Load and check every vocabulary in ``directory`` (default ``data/taxonomy``).

    Raises
    ------
    ContentError
        With every problem found across all taxonomy files.
    """
    directory = directory or paths.TAXONOMY
    problems: list[Problem] = []
    loaded: dict[str, list] = {}
    for name, model in FILES.items():
        path = directory / f"{name}.yml"
        file = display_path(path)
        if not path.exists():
            problems.append(
                Problem(
                    file,
                    "",
                    "the taxonomy file is missing",
                    f"restore {name}.yml in {display_path(directory)}",
                )
            )
            continue
        doc, found = read_yaml_file(path, file)
        problems += found
        if doc is None:
            continue
        if not isinstance(doc.data, list):
            problems.append(
                Problem(file, "", "expected a list of entries", "start each entry with '- '", 1)
            )
            continue
        entries = []
        for index, item in enumerate(doc.data):
            try:
                entries.append(model.model_validate(item))
            except ValidationError as err:
                problems += problems_from(err, file, doc, model, prefix=(index,), label=index)
        loaded[name] = entries
    if problems:
        raise ContentError(problems)

    tables: dict[str, Any] = {
        name: {_key(e): e for e in entries} for name, entries in loaded.items()
    }
    taxonomy = Taxonomy(**tables)
    problems += _check_completeness(taxonomy, loaded, directory)
    if problems:
        raise ContentError(problems)
    return taxonomy


def _check_completeness(
    taxonomy: Taxonomy, loaded: dict[str, list], directory: Path
) -> list[Problem]:
    problems = []
    lp_file = display_path(directory / "leverage_points.yml")
    ch_file = display_path(directory / "characteristics.yml")
    numbers = sorted(p.number for p in loaded["leverage_points"])
    if numbers != list(range(1, 13)):
        problems.append(
            Problem(
                lp_file,
                "number",
                f"leverage points are numbered {numbers}",
                "list Meadows' twelve points exactly once each, 12 down to 1",
            )
        )
    for name, entries in loaded.items():
        ids = [_key(e) for e in entries]
        dupes = sorted({str(i) for i in ids if ids.count(i) > 1})
        if dupes:
            problems.append(
                Problem(
                    display_path(directory / f"{name}.yml"),
                    "id",
                    f"ids appear more than once: {', '.join(dupes)}",
                    "make each id unique",
                )
            )
    grouped = sorted(n for c in taxonomy.characteristics.values() for n in c.points)
    if grouped != list(range(1, 13)):
        problems.append(
            Problem(
                ch_file,
                "points",
                f"characteristics cover points {grouped}",
                "assign each of the twelve points to exactly one characteristic",
            )
        )
    for point in taxonomy.leverage_points.values():
        owner = [c.id for c in taxonomy.characteristics.values() if point.number in c.points]
        if point.characteristic not in taxonomy.characteristics or owner != [point.characteristic]:
            problems.append(
                Problem(
                    lp_file,
                    f"{point.number}.characteristic",
                    f"point {point.number} says '{point.characteristic}' but "
                    f"characteristics.yml puts it in {owner or 'none'}",
                    "make the two files agree (Abson et al. 2017, Figure 1)",
                )
            )
    regions_file = display_path(directory / "countries.yml")
    for country in taxonomy.countries.values():
        if country.region not in taxonomy.world_regions:
            problems.append(
                Problem(
                    regions_file,
                    f"{country.id}.region",
                    f"'{country.region}' is not a world region",
                    f"use one of: {', '.join(taxonomy.world_regions)}",
                )
            )
    return problems


def _key(entry: Any) -> int | str:  # any entry: a leverage point numbered, the others with ids
    return entry.number if isinstance(entry, LeveragePoint) else entry.id
