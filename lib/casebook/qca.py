"""Crisp-set qualitative comparative analysis (QCA) over the corpus.

The calibration (``data/taxonomy/qca.yml``) is data: each condition and the outcome is a
rule that scores a case 0 or 1. :func:`calibrate` applies the rules to the data package's
tables; :func:`truth_table` groups cases by configuration of conditions with the
outcome's consistency and coverage; :func:`sufficiency` gives each single condition's
consistency and coverage as a sufficient condition for the outcome.

Definitions (Ragin's, for crisp sets): for a set X and the outcome Y,
consistency = |X and Y| / |X| and coverage = |X and Y| / |Y|.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, ValidationError

from . import paths
from .errors import ContentError, display_path
from .model import Strict, Text
from .validation import problems_from
from .yamlfile import read_yaml_file

if TYPE_CHECKING:
    import pandas as pd

CALIBRATION = paths.TAXONOMY / "qca.yml"
CONDITION_ID = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]


class CaseRule(Strict):
    kind: Literal["case"]
    field: str
    in_: list[str] = Field(alias="in", min_length=1)


class CaseListRule(Strict):
    kind: Literal["case_list"]
    field: str
    contains: str


class InterventionRule(Strict):
    kind: Literal["intervention"]
    field: str
    in_: list[str | int] = Field(alias="in", min_length=1)


class DurationRule(Strict):
    kind: Literal["duration"]
    at_least: int = Field(ge=0)


class OutcomeRule(Strict):
    kind: Literal["outcome"]
    field: str
    in_: list[str] = Field(alias="in", min_length=1)
    domains: list[str] = Field(min_length=1)
    min_grade: str


Rule = Annotated[
    CaseRule | CaseListRule | InterventionRule | DurationRule | OutcomeRule,
    Field(discriminator="kind"),
]


class Condition(Strict):
    id: CONDITION_ID
    label: Text
    rule: Rule


class Calibration(Strict):
    as_of: int = Field(ge=1900, le=2100)
    conditions: list[Condition] = Field(min_length=1)
    outcome: Condition


def load_calibration(path: Path | None = None) -> Calibration:
    """Read and validate a calibration file (default ``data/taxonomy/qca.yml``)."""
    path = Path(path or CALIBRATION)
    file = display_path(path)
    doc, problems = read_yaml_file(path, file)
    if doc is None:
        raise ContentError(problems)
    try:
        return Calibration.model_validate(doc.data)
    except ValidationError as err:
        raise ContentError(problems_from(err, file, doc, Calibration)) from None


def _score(rule, tables: dict[str, pd.DataFrame], as_of: int) -> pd.Series:
    cases = tables["cases"].set_index("id")
    if isinstance(rule, CaseRule):
        hit = cases[rule.field].isin(rule.in_)
    elif isinstance(rule, CaseListRule):
        hit = (
            cases[rule.field].fillna("").str.split(";").apply(lambda items: rule.contains in items)
        )
    elif isinstance(rule, InterventionRule):
        interventions = tables["interventions"]
        ids = interventions.loc[interventions[rule.field].isin(rule.in_), "case_id"]
        hit = cases.index.to_series().isin(ids)
    elif isinstance(rule, DurationRule):
        end = cases["period_end"].fillna(as_of).astype(int)
        hit = (end - cases["period_start"].astype(int)) >= rule.at_least
    else:
        outcomes = tables["outcomes"]
        chosen = outcomes[
            outcomes[rule.field].isin(rule.in_) & outcomes["domain"].isin(rule.domains)
        ]
        ranks = tables["evidence_grades"].set_index("id")["rank"]
        strong_enough = cases["evidence_grade"].map(ranks) >= ranks[rule.min_grade]
        hit = cases.index.to_series().isin(chosen["case_id"]) & strong_enough
    return hit.astype(int)


def check_calibration(calibration: Calibration, tables: dict[str, pd.DataFrame], file: str) -> None:
    """Check that every rule names a column of its table and a known grade.

    Raises
    ------
    ContentError
        Naming the condition, the field and the values allowed.
    """
    from .errors import Problem

    table_of = {
        "case": "cases",
        "case_list": "cases",
        "intervention": "interventions",
        "outcome": "outcomes",
    }
    problems = []
    for n, condition in enumerate([*calibration.conditions, calibration.outcome]):
        where = f"conditions[{n}]" if n < len(calibration.conditions) else "outcome"
        rule = condition.rule
        table = table_of.get(rule.kind)
        if table and rule.field not in tables[table].columns:
            problems.append(
                Problem(
                    file,
                    f"{where}.rule.field",
                    f"'{rule.field}' is not a column of {table}",
                    f"use one of: {', '.join(tables[table].columns)}",
                )
            )
        if isinstance(rule, OutcomeRule) and rule.min_grade not in set(
            tables["evidence_grades"]["id"]
        ):
            problems.append(
                Problem(
                    file,
                    f"{where}.rule.min_grade",
                    f"'{rule.min_grade}' is not an evidence grade",
                    f"use one of: {', '.join(tables['evidence_grades']['id'])}",
                )
            )
    if problems:
        raise ContentError(problems)


def calibrate(
    tables: dict[str, pd.DataFrame], calibration: Calibration, file: str | None = None
) -> pd.DataFrame:
    """One row per case, one 0/1 column per condition, then the outcome column.

    The rules come in as ``calibration`` (:func:`load_calibration` reads the shipped ones);
    ``file`` names them in error messages.
    """
    import pandas as pd

    check_calibration(calibration, tables, file or "the QCA calibration")
    columns = {
        c.id: _score(c.rule, tables, calibration.as_of)
        for c in [*calibration.conditions, calibration.outcome]
    }
    frame = pd.DataFrame(columns)
    frame.index.name = "case_id"
    return frame.sort_index()


def truth_table(calibrated: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Configurations of conditions with their cases, consistency and coverage.

    One row per configuration that occurs: the condition values, ``n`` (cases), ``cases``,
    ``outcome_cases`` (with the outcome), ``consistency`` (share of its cases showing the
    outcome) and ``coverage`` (share of all outcome cases it accounts for). Sorted by
    consistency, then n.
    """
    conditions = [c for c in calibrated.columns if c != outcome]
    total_outcome = int(calibrated[outcome].sum())
    frame = calibrated.reset_index()
    grouped = frame.groupby(conditions, sort=False)
    table = grouped.agg(
        n=("case_id", "size"),
        cases=("case_id", lambda ids: ";".join(sorted(ids))),
        outcome_cases=(outcome, "sum"),
    ).reset_index()
    table["consistency"] = (table["outcome_cases"] / table["n"]).round(4)
    table["coverage"] = (table["outcome_cases"] / total_outcome).round(4) if total_outcome else 0.0
    return table.sort_values(["consistency", "n", *conditions], ascending=False).reset_index(
        drop=True
    )


def sufficiency(calibrated: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Each condition (and its absence) as a sufficient condition for the outcome."""
    import pandas as pd

    y = calibrated[outcome].astype(bool)
    records = []
    for condition in (c for c in calibrated.columns if c != outcome):
        for present in (True, False):
            x = calibrated[condition].astype(bool) == present
            both = int((x & y).sum())
            records.append(
                {
                    "condition": condition if present else f"~{condition}",
                    "cases": int(x.sum()),
                    "consistency": round(both / x.sum(), 4) if x.sum() else None,
                    "coverage": round(both / y.sum(), 4) if y.sum() else None,
                }
            )
    return pd.DataFrame.from_records(records)


def qca_csv(
    tables: dict[str, pd.DataFrame], calibration: Calibration, file: str | None = None
) -> str:
    """The calibrated table as CSV, one row per case (the format R's QCA package reads)."""
    return calibrate(tables, calibration, file).to_csv(lineterminator="\n")


def qca_export(corpus) -> str:
    """``casebook export qca``: the calibrated table of the whole corpus, as CSV."""
    from .tables import corpus_tables

    return qca_csv(corpus_tables(corpus), load_calibration(), display_path(CALIBRATION))
