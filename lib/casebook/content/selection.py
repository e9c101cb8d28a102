"""Which cases to look at: the one selection rule that briefs, notebooks and apps share.

A :class:`Selection` lists accepted values per field (leverage points, characteristics,
approaches, levels, regions, countries, evidence grades); :func:`select_cases` applies it to
the data package's tables. Themes store a selection, ``--where`` filters and the explorer's
filters become one, and the comparison notebook narrows its cases with one, so a case
chosen anywhere in casebook is chosen by the same rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from casebook.content.fields import Strict
from casebook.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from casebook.content.model import Case
    from casebook.content.taxonomy import Taxonomy

# --where FIELD=VALUE on the command line -> the selection list it sets
WHERE_FIELDS = {
    "leverage_point": "leverage_points",
    "characteristic": "characteristics",
    "approach": "approaches",
    "level": "levels",
    "region": "regions",
    "country": "countries",
    "grade": "grades",
    "case": "cases",  # case ids: what the explorer passes when search or period narrowed it
}

# case column each selection field matches; leverage points and characteristics match through
# the case's interventions instead
CASE_COLUMNS = {
    "approaches": "approach",
    "levels": "level",
    "countries": "country",
    "regions": "world_region",
    "grades": "evidence_grade",
    "cases": "id",
}
INTERVENTION_COLUMNS = {
    "leverage_points": "leverage_point",
    "characteristics": "characteristic_id",
}


class Selection(Strict):
    """Which cases to cover; an empty list means no constraint on that field.

    A case matches a leverage-point or characteristic criterion when any of its
    interventions works there.
    """

    leverage_points: list[int] = Field(default_factory=list)
    characteristics: list[str] = Field(default_factory=list)
    approaches: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    grades: list[str] = Field(default_factory=list)
    cases: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(self.model_dump().values())

    def where(self) -> list[str]:
        """The selection as ``--where FIELD=VALUE`` arguments (the inverse of ``WHERE_FIELDS``)."""
        return [
            f"{field}={value}"
            for field, name in WHERE_FIELDS.items()
            for value in getattr(self, name)
        ]


def where_values(taxonomy: Taxonomy, cases: Iterable[Case]) -> dict[str, dict[str, object]]:
    """Per selection field, every spelling ``--where`` accepts, lower-cased, and the value
    the selection stores for it: ids and display names alike (``country=bhutan`` and
    ``country=Bhutan``; ``approach=Bottom-up``; ``leverage_point=3`` or its name; ``case=``
    an id or a title). Countries are stored by name, as case files write them."""
    cases = list(cases)

    def spellings(pairs) -> dict[str, object]:
        return {str(alias).strip().lower(): value for value, aliases in pairs for alias in aliases}

    tax = taxonomy
    return {
        "leverage_points": spellings(
            (n, (n, p.name, p.short_name)) for n, p in tax.leverage_points.items()
        ),
        "characteristics": spellings((i, (i, c.name)) for i, c in tax.characteristics.items()),
        "approaches": spellings((i, (i, a.name)) for i, a in tax.approaches.items()),
        "levels": spellings((i, (i, v.name)) for i, v in tax.levels.items()),
        "regions": spellings((i, (i, r.name)) for i, r in tax.world_regions.items()),
        "countries": spellings(
            (c.name, (c.id, c.name))
            for c in tax.countries.values()
            if any(case.place.country == c.name for case in cases)
        ),
        "grades": spellings((i, (i, g.name)) for i, g in tax.evidence_grades.items()),
        "cases": spellings((c.id, (c.id, c.title)) for c in cases),
    }


def parse_where(where: list[str], values: dict[str, dict[str, object]]) -> Selection:
    """``FIELD=VALUE`` arguments as a :class:`Selection`, each value matched against the ids
    and names of ``values`` (from :func:`where_values`) without regard to case.

    Several values for one field are alternatives (``--where level=national --where
    level=regional``); fields combine with "and".

    Raises
    ------
    UsageError
        Naming the unknown field or value and listing the ids accepted.
    """
    chosen: dict[str, list] = {}
    for item in where:
        field, sep, value = item.partition("=")
        field, value = field.strip().lower(), value.strip()
        if not sep or field not in WHERE_FIELDS:
            raise UsageError(
                f"--where '{item}': use FIELD=VALUE with FIELD one of: {', '.join(WHERE_FIELDS)}"
            )
        name = WHERE_FIELDS[field]
        known = values[name]
        if value.lower() not in known:
            ids = list(dict.fromkeys(map(str, known.values())))
            raise UsageError(
                f"--where {field}={value}: unknown {field}; valid values: {', '.join(ids)} "
                "(an id or its name, in any case)"
            )
        chosen.setdefault(name, []).append(known[value.lower()])
    return Selection(**{k: list(dict.fromkeys(v)) for k, v in chosen.items()})


def let_through(selections: Iterable[Selection], field: str, values: Iterable) -> list:
    """The ``values`` of a vocabulary (in its order) that every selection lets through: what
    a view may show as a category, so a category filtered out is absent rather than empty."""
    selections = list(selections)
    return [
        v
        for v in values
        if all(not getattr(s, field) or v in getattr(s, field) for s in selections)
    ]


def select_cases(tables: dict[str, pd.DataFrame], selection: Selection) -> pd.DataFrame:
    """The cases that match every non-empty criterion of ``selection``, in table order."""
    cases = tables["cases"]
    keep = cases["id"].notna()
    for field, column in INTERVENTION_COLUMNS.items():
        values = getattr(selection, field)
        if values:
            interventions = tables["interventions"]
            keep &= cases["id"].isin(
                interventions.loc[interventions[column].isin(values), "case_id"]
            )
    for field, column in CASE_COLUMNS.items():
        values = getattr(selection, field)
        if values:
            matched = cases[column]
            if field == "countries":  # a selection names countries as case files write them
                matched = matched.map(tables["countries"].set_index("id")["name"])
            keep &= matched.isin(values)
    return cases.loc[keep].reset_index(drop=True)


def case_matches(case: Case, selection: Selection, taxonomy: Taxonomy) -> bool:
    """Whether one case (the model, not a table row) passes ``selection``: the same rule as
    :func:`select_cases`, for a caller that has the corpus but not its tables (the brief
    command refuses an empty selection before it imports pandas). A property test keeps
    the two in agreement."""
    points = {i.leverage_point for i in case.interventions}
    characteristics = {taxonomy.characteristic_of(p) for p in points}
    values: dict[str, set] = {
        "leverage_points": points,
        "characteristics": characteristics,
        "approaches": {case.approach.type},
        "levels": {case.level},
        "countries": {case.place.country},
        "regions": {taxonomy.region_of(case.place.country)},
        "grades": {case.evidence.grade},
        "cases": {case.id},
    }
    return all(
        not getattr(selection, field) or values[field] & set(getattr(selection, field))
        for field in values
    )
