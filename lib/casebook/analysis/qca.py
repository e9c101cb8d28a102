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

from typing import TYPE_CHECKING

from casebook.analysis.calibration import (
    CALIBRATION,
    Calibration,
    check_calibration,
    load_calibration,
)
from casebook.errors import display_path
from casebook.package.tables import corpus_tables

__all__ = [
    "CALIBRATION",
    "Calibration",
    "QCAWarning",
    "calibrate",
    "load_calibration",
    "truth_table",
]

if TYPE_CHECKING:
    import pandas as pd


class QCAWarning(UserWarning):
    """A calibration that cannot say anything about the cases analysed."""


def calibrate(
    tables: dict[str, pd.DataFrame],
    calibration: Calibration,
    file: str | None = None,
    cases: list[str] | None = None,
) -> pd.DataFrame:
    """One row per case (all, or the ``cases`` analysed), one 0/1 column per condition, then
    the outcome column.

    The rules come in as ``calibration`` (:func:`load_calibration` reads the shipped ones);
    ``file`` names them in messages. A condition or outcome that is the same for every case
    analysed gives the truth table nothing to compare, so it raises a :class:`QCAWarning`
    naming it.
    """
    import warnings

    import pandas as pd

    file = file or "the QCA calibration"
    check_calibration(calibration, tables, file)
    as_of = calibration.as_of or latest_year(tables)
    columns = {
        c.id: c.rule.score(tables, as_of) for c in [*calibration.conditions, calibration.outcome]
    }
    frame = pd.DataFrame(columns)
    frame.index.name = "case_id"
    if cases is not None:
        unknown = [case for case in cases if case not in frame.index]
        if unknown:
            raise ValueError(f"no case has id {', '.join(map(repr, unknown))}")
        frame = frame.loc[list(dict.fromkeys(cases))]  # each case once
    for column, value in constant_columns(frame).items():
        role = "the outcome" if column == calibration.outcome.id else "condition"
        warnings.warn(
            QCAWarning(
                f"{role} {column} is {value} for all {len(frame)} cases analysed, so the "
                f"truth table can say nothing about it; recalibrate it in {file} or "
                "analyse other cases"
            ),
            stacklevel=2,
        )
    for message in evidence_confounds(frame, tables, calibration):
        warnings.warn(QCAWarning(message), stacklevel=2)
    return frame.sort_index()


def latest_year(tables: dict[str, pd.DataFrame]) -> int:
    """The corpus's latest year: of its timelines, its cases' periods and its outcomes."""
    wanted = [("timeline", "year"), ("outcomes", "result_year"), ("cases", "period_start")]
    wanted.append(("cases", "period_end"))
    years = [tables[t][c] for t, c in wanted if t in tables and c in tables[t]]
    found = [int(y.max()) for y in years if y.notna().any()]
    return max(found) if found else 2000


CONFOUNDED_SHARE = 0.8  # a column matching the grade this often may measure the evidence


def evidence_confounds(
    frame: pd.DataFrame, tables: dict[str, pd.DataFrame], calibration: Calibration
) -> list[str]:
    """Where the evidence grade, not the effort, may decide a column: an outcome counting
    only well-graded cases, or a column sorting the cases almost as the grade does."""
    grades = tables["evidence_grades"].set_index("id")
    case_grade = tables["cases"].set_index("id")["evidence_grade"].loc[frame.index]
    thin = grades["thin"].to_dict() if "thin" in grades else {}
    measured = case_grade.map(lambda grade: 0 if thin.get(grade, True) else 1)
    found = []
    floor = calibration.outcome.rule.grade_floor()
    if floor is not None:
        below = case_grade.map(grades["rank"]) < grades.loc[floor, "rank"]
        if below.any():
            found.append(
                f"the outcome {calibration.outcome.id} needs evidence graded {floor} "
                f"or stronger, so the {int(below.sum())} of {len(frame)} cases analysed with "
                "weaker evidence score 0 whatever they report: the outcome partly measures "
                "the evidence base; analyse the grade as a condition of its own instead"
            )
    the_grade_itself = {
        c.id
        for c in calibration.conditions
        if c.rule.table == "cases" and c.rule.reads("evidence_grade")
    }
    for column in frame.columns:
        if measured.nunique() < 2 or frame[column].nunique() < 2 or column in the_grade_itself:
            continue
        same = float((frame[column] == measured).mean())
        if max(same, 1 - same) >= CONFOUNDED_SHARE:
            found.append(
                f"{column} sorts {max(same, 1 - same):.0%} of the {len(frame)} cases analysed "
                "as their evidence grade does (moderate or strong against limited or "
                f"anecdotal), so a pattern with {column} may be one of the evidence base"
            )
    return found


def constant_columns(calibrated: pd.DataFrame) -> dict[str, int]:
    """The columns (conditions or outcome) that take one value across the cases, with it."""
    return {
        column: int(values.iloc[0])
        for column, values in calibrated.items()
        if len(values) and values.nunique() == 1
    }


def calibration_table(calibration: Calibration, calibrated: pd.DataFrame) -> pd.DataFrame:
    """Each condition and the outcome with its label, its reason and how many of the cases
    analysed it puts in and out: what a reader needs to judge the calibration."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "id": c.id,
                "role": "outcome" if c is calibration.outcome else "condition",
                "label": c.label,
                "in": int(calibrated[c.id].sum()),
                "out": int(len(calibrated) - calibrated[c.id].sum()),
                "reason": c.reason,
            }
            for c in [*calibration.conditions, calibration.outcome]
        ]
    )


def truth_table(calibrated: pd.DataFrame, outcome: str, remainders: bool = False) -> pd.DataFrame:
    """Configurations of conditions with their cases, consistency and coverage.

    One row per configuration that occurs: the condition values, ``n`` (cases), ``cases``,
    ``outcome_cases`` (with the outcome), ``consistency`` (share of its cases showing the
    outcome) and ``coverage`` (share of all outcome cases it accounts for). Sorted by
    consistency, then n. ``remainders`` adds the configurations no case shows (QCA's logical
    remainders) with ``n`` 0 and no consistency or coverage: with no case there is nothing
    to measure, and a 0 would read as evidence against the outcome. Coverage is empty too
    when no case shows the outcome.
    """
    import itertools

    import pandas as pd

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
    table["coverage"] = (
        (table["outcome_cases"] / total_outcome).round(4) if total_outcome else float("nan")
    )
    table = table.sort_values(["consistency", "n", *conditions], ascending=False)
    if remainders:
        seen = set(table[conditions].itertuples(index=False, name=None))
        missing = [
            dict(zip(conditions, values, strict=True))
            for values in itertools.product((1, 0), repeat=len(conditions))
            if values not in seen
        ]
        empty = {"n": 0, "cases": "", "outcome_cases": 0}
        rest = pd.DataFrame([{**values, **empty} for values in missing], columns=table.columns)
        table = pd.concat([table, rest.astype(table.dtypes.to_dict())], ignore_index=True)
    return table.reset_index(drop=True)


def consistency(calibrated: pd.DataFrame, outcome: str, configuration: dict[str, int]) -> float:
    """The share of the cases in ``configuration`` (condition: 0 or 1) that show the outcome.

    Raises
    ------
    ValueError
        When no case has that configuration: its consistency is undefined, not 0.
    """
    conditions = set(calibrated.columns) - {outcome}
    unknown = sorted(set(configuration) - conditions)
    if unknown:
        raise ValueError(f"not a condition: {', '.join(unknown)}")
    chosen = calibrated
    for condition, value in configuration.items():
        chosen = chosen[chosen[condition] == value]
    if chosen.empty:
        shown = ", ".join(f"{c}={v}" for c, v in configuration.items())
        raise ValueError(
            f"no case analysed has {shown}: a configuration without cases (a logical "
            "remainder) has no consistency to report"
        )
    return round(float(chosen[outcome].mean()), 4)


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
    return qca_csv(corpus_tables(corpus), load_calibration(), display_path(CALIBRATION))
