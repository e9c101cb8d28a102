"""The QCA calibration (``data/taxonomy/qca.yml``): conditions and an outcome, each a rule
that scores a case 0 or 1.

A calibration is data, and each kind of rule is a class that knows its table, checks that its
field exists there and scores the cases itself (:meth:`Rule.score`), so a new kind of rule is
one class here and nothing in :mod:`casebook.analysis.qca` changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from casebook import paths
from casebook.content.fields import Strict, Text
from casebook.content.validation import read_model_file
from casebook.errors import ContentError, Problem

if TYPE_CHECKING:
    import pandas as pd

CALIBRATION = paths.TAXONOMY / "qca.yml"
CONDITION_ID = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]


class Rule(Strict):
    """A way to score a case 0 or 1 from the data package's tables."""

    table: ClassVar[str | None] = None  # the table whose ``field`` the rule reads

    def grade_floor(self) -> str | None:
        """The weakest evidence grade that can score 1 (None: the grade does not decide)."""
        return None

    def score(self, tables: dict[str, pd.DataFrame], as_of: int) -> pd.Series:
        """1 or 0 per case id (the cases table's index)."""
        raise NotImplementedError

    def reads(self, field: str) -> bool:
        """Whether the rule decides by ``field`` of its table."""
        return getattr(self, "field", None) == field

    def problems(self, tables: dict[str, pd.DataFrame], file: str, where: str) -> list[Problem]:
        """What in the rule does not fit the tables: a field its table does not have."""
        field = getattr(self, "field", None)
        if self.table is None or field in tables[self.table].columns:
            return []
        columns = ", ".join(tables[self.table].columns)
        return [
            Problem(
                file,
                f"{where}.rule.field",
                f"'{field}' is not a column of {self.table}",
                f"use one of: {columns}",
            )
        ]


def _cases(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return tables["cases"].set_index("id")


class CaseRule(Rule):
    """In when the case's ``field`` is one of ``in``."""

    table: ClassVar[str | None] = "cases"
    kind: Literal["case"]
    field: str
    in_: list[str] = Field(alias="in", min_length=1)

    def score(self, tables, as_of):
        return _cases(tables)[self.field].isin(self.in_).astype(int)


class CaseListRule(Rule):
    """In when the case's list ``field`` contains ``contains``."""

    table: ClassVar[str | None] = "cases"
    kind: Literal["case_list"]
    field: str
    contains: str

    def score(self, tables, as_of):
        items = _cases(tables)[self.field].fillna("").str.split(";")
        return items.apply(lambda values: self.contains in values).astype(int)


class InterventionRule(Rule):
    """In when any of the case's interventions has ``field`` in ``in``."""

    table: ClassVar[str | None] = "interventions"
    kind: Literal["intervention"]
    field: str
    in_: list[str | int] = Field(alias="in", min_length=1)

    def score(self, tables, as_of):
        interventions = tables["interventions"]
        ids = interventions.loc[interventions[self.field].isin(self.in_), "case_id"]
        return _cases(tables).index.to_series().isin(ids).astype(int)


class InterventionShareRule(Rule):
    """In when at least ``at_least`` of the case's interventions have ``field`` in ``in``."""

    table: ClassVar[str | None] = "interventions"
    kind: Literal["intervention_share"]
    field: str
    in_: list[str | int] = Field(alias="in", min_length=1)
    at_least: float = Field(gt=0, le=1)

    def score(self, tables, as_of):
        interventions = tables["interventions"]
        share = interventions[self.field].isin(self.in_).groupby(interventions["case_id"]).mean()
        shares = _cases(tables).index.to_series().map(share).fillna(0)
        return (shares >= self.at_least).astype(int)


class DurationRule(Rule):
    """In when the case ran ``at_least`` years (an ongoing one until ``as_of``)."""

    kind: Literal["duration"]
    at_least: int = Field(ge=0)

    def score(self, tables, as_of):
        cases = _cases(tables)
        end = cases["period_end"].fillna(as_of).astype(int)
        return ((end - cases["period_start"].astype(int)) >= self.at_least).astype(int)


class OutcomeRule(Rule):
    """In when the case reports an outcome with ``field`` in ``in`` in one of ``domains``,
    and its evidence is graded ``min_grade`` or stronger."""

    table: ClassVar[str | None] = "outcomes"
    kind: Literal["outcome"]
    field: str
    in_: list[str] = Field(alias="in", min_length=1)
    domains: list[str] = Field(min_length=1)
    min_grade: str

    def grade_floor(self) -> str | None:
        return self.min_grade

    def score(self, tables, as_of):
        cases, outcomes = _cases(tables), tables["outcomes"]
        chosen = outcomes[
            outcomes[self.field].isin(self.in_) & outcomes["domain"].isin(self.domains)
        ]
        ranks = tables["evidence_grades"].set_index("id")["rank"]
        strong_enough = cases["evidence_grade"].map(ranks) >= ranks[self.min_grade]
        return (cases.index.to_series().isin(chosen["case_id"]) & strong_enough).astype(int)

    def problems(self, tables, file, where):
        found = super().problems(tables, file, where)
        grades = tables["evidence_grades"]["id"]
        if self.min_grade not in set(grades):
            found.append(
                Problem(
                    file,
                    f"{where}.rule.min_grade",
                    f"'{self.min_grade}' is not an evidence grade",
                    f"use one of: {', '.join(grades)}",
                )
            )
        return found


AnyRule = Annotated[
    CaseRule | CaseListRule | InterventionRule | InterventionShareRule | DurationRule | OutcomeRule,
    Field(discriminator="kind"),
]


class Condition(Strict):
    id: CONDITION_ID
    label: Text
    rule: AnyRule
    # why this threshold: a calibration is a claim about where a case turns from out to in
    reason: Text


class Calibration(Strict):
    # the year an ongoing effort's duration runs to; without it, the corpus's latest year
    as_of: int | None = Field(default=None, ge=1900, le=2100)
    conditions: list[Condition] = Field(min_length=1)
    outcome: Condition

    def problems(self, tables: dict[str, pd.DataFrame], file: str) -> list[Problem]:
        """Every rule that names a column its table lacks or a grade there is not."""
        found: list[Problem] = []
        for n, condition in enumerate([*self.conditions, self.outcome]):
            where = f"conditions[{n}]" if n < len(self.conditions) else "outcome"
            found += condition.rule.problems(tables, file, where)
        return found


def load_calibration(path: Path | None = None) -> Calibration:
    """Read and validate a calibration file (default ``data/taxonomy/qca.yml``)."""
    return read_model_file(Path(path or CALIBRATION), Calibration)


def check_calibration(calibration: Calibration, tables: dict[str, pd.DataFrame], file: str) -> None:
    """Check that every rule names a column of its table and a known grade.

    Raises
    ------
    ContentError
        Naming the condition, the field and the values allowed.
    """
    problems = calibration.problems(tables, file)
    if problems:
        raise ContentError(problems)
