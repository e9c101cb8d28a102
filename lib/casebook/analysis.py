"""Pure analysis: DataFrames in, DataFrames out, no plotting and no I/O.

The brief, the notebooks and (later) the explorer share these functions, so a number
shown anywhere in casebook is computed once, here, from the data package's tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .themes import Selection


def select_cases(tables: dict[str, pd.DataFrame], selection: Selection) -> pd.DataFrame:
    """The cases that match every non-empty criterion of ``selection``.

    A case matches a leverage-point or characteristic criterion when any of its
    interventions works on one of the listed points or characteristics.
    """
    cases, interventions = tables["cases"], tables["interventions"]
    keep = cases["id"].notna()
    if selection.leverage_points:
        hit = interventions.loc[
            interventions["leverage_point"].isin(selection.leverage_points), "case_id"
        ]
        keep &= cases["id"].isin(hit)
    if selection.characteristics:
        hit = interventions.loc[
            interventions["characteristic_id"].isin(selection.characteristics), "case_id"
        ]
        keep &= cases["id"].isin(hit)
    if selection.approaches:
        keep &= cases["approach"].isin(selection.approaches)
    if selection.levels:
        keep &= cases["level"].isin(selection.levels)
    if selection.countries:
        keep &= cases["country"].isin(selection.countries)
    return cases.loc[keep].reset_index(drop=True)


def leverage_counts(interventions: pd.DataFrame, leverage_points: pd.DataFrame) -> pd.DataFrame:
    """Interventions per leverage point, all twelve points listed (zeros included).

    Returns columns ``leverage_point``, ``name``, ``characteristic_id``, ``interventions``,
    ``cases``, ordered from shallow (12) to deep (1).
    """
    grouped = interventions.groupby("leverage_point").agg(
        interventions=("id", "size"), cases=("case_id", "nunique")
    )
    out = leverage_points.rename(columns={"id": "leverage_point"})[
        ["leverage_point", "name", "characteristic_id"]
    ]
    out = out.merge(grouped, left_on="leverage_point", right_index=True, how="left")
    out[["interventions", "cases"]] = out[["interventions", "cases"]].fillna(0).astype(int)
    return out.sort_values("leverage_point", ascending=False).reset_index(drop=True)


def approach_counts(cases: pd.DataFrame, approaches: pd.DataFrame) -> pd.DataFrame:
    """Cases per approach, every approach listed."""
    counts = cases["approach"].value_counts()
    out = approaches[["id", "name"]].rename(columns={"id": "approach"})
    out["cases"] = out["approach"].map(counts).fillna(0).astype(int)
    return out


def grade_counts(cases: pd.DataFrame, grades: pd.DataFrame) -> pd.DataFrame:
    """Cases per evidence grade, strongest first, every grade listed."""
    counts = cases["evidence_grade"].value_counts()
    out = grades.sort_values("rank", ascending=False)[["id", "name"]].rename(
        columns={"id": "grade"}
    )
    out["cases"] = out["grade"].map(counts).fillna(0).astype(int)
    return out.reset_index(drop=True)
