"""Pure analysis: DataFrames in, DataFrames out, no plotting and no I/O.

The brief, the notebooks and the explorer share these functions, so a number shown anywhere
in casebook is computed once, here, from the data package's tables. Vocabularies (their
order, ranks and colours) come from the tables passed in, never from disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.content.selection import Selection, select_cases

if TYPE_CHECKING:
    import pandas as pd


def filter_cases(
    cases: pd.DataFrame,
    levels: list[str] | None = None,
    regions: list[str] | None = None,
    approaches: list[str] | None = None,
    grades: list[str] | None = None,
) -> pd.DataFrame:
    """Cases whose level, world region, approach and evidence grade are among those given.

    An empty or missing list means no constraint on that field.
    """
    selection = Selection(
        levels=levels or [], regions=regions or [], approaches=approaches or [], grades=grades or []
    )
    return select_cases({"cases": cases}, selection)


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


POINTS = list(range(12, 0, -1))  # shallow to deep, the order every table and chart uses


def characteristics_order(tables: dict[str, pd.DataFrame]) -> list[str]:
    """System characteristics from shallow to deep, in the order the taxonomy gives them."""
    return list(tables["characteristics"].sort_values("order")["id"])


def approaches_order(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Approaches in the taxonomy's order (top-down, mixed, bottom-up in casebook's own)."""
    return list(tables["approaches"].sort_values("order")["id"])


def grades_order(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Evidence grades from strongest to weakest, by the rank the taxonomy gives them."""
    return list(tables["evidence_grades"].sort_values("rank", ascending=False)["id"])


def deepest_points(tables: dict[str, pd.DataFrame]) -> list[int]:
    """The leverage points of the deepest system characteristic (intent: 3, 2 and 1)."""
    deepest = characteristics_order(tables)[-1]
    points = tables["leverage_points"]
    return sorted(points.loc[points["characteristic_id"] == deepest, "id"].astype(int))


def thin_grades(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The grades the taxonomy marks as thin evidence (``thin: true``: limited and anecdotal
    in casebook's rubric), strongest first."""
    grades = tables["evidence_grades"].sort_values("rank", ascending=False)
    return list(grades.loc[grades["thin"].astype(bool), "id"])


def depth(points: pd.Series) -> pd.Series:
    """Depth of a leverage point on a 0-1 scale: (12 - point) / 11, so 12 -> 0 and 1 -> 1."""
    return (12 - points) / 11


def leverage_matrix(interventions: pd.DataFrame, case_ids: list[str] | None = None) -> pd.DataFrame:
    """Cases x leverage points: the number of interventions of each case at each point.

    Rows are cases (every id in ``case_ids`` when given, zeros included); columns are the
    twelve points from 12 (shallow) to 1 (deep).
    """
    import pandas as pd

    counts = pd.crosstab(interventions["case_id"], interventions["leverage_point"])
    index = case_ids if case_ids is not None else sorted(interventions["case_id"].unique())
    matrix = counts.reindex(index=index, columns=POINTS, fill_value=0).fillna(0).astype(int)
    matrix.index.name, matrix.columns.name = "case_id", "leverage_point"
    return matrix


def leverage_profile(interventions: pd.DataFrame, characteristics: pd.DataFrame) -> pd.DataFrame:
    """Each case's leverage profile.

    Columns: ``interventions`` (count), ``deepest_point`` (lowest number reached),
    ``share_<characteristic>`` for each system characteristic (shares sum to 1), and
    ``depth_score``: the mean depth of its interventions, where a point's depth is
    (12 - point) / 11 (0 for constants and parameters, 1 for transcending paradigms).
    """
    frame = interventions.assign(depth=depth(interventions["leverage_point"].astype(float)))
    grouped = frame.groupby("case_id")
    out = grouped.agg(
        interventions=("id", "size"),
        deepest_point=("leverage_point", "min"),
        depth_score=("depth", "mean"),
    )
    shares = frame.pivot_table(
        index="case_id", columns="characteristic_id", values="id", aggfunc="size", fill_value=0
    )
    for characteristic in characteristics.sort_values("order")["id"]:
        column = shares.get(characteristic, 0)
        out[f"share_{characteristic}"] = column / out["interventions"]
    out["deepest_point"] = out["deepest_point"].astype(int)
    out["depth_score"] = out["depth_score"].round(4)
    return out


def gap_map(
    cases: pd.DataFrame,
    interventions: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    rows: str = "characteristic_id",
    row_values: list | None = None,
    approaches: list | None = None,
) -> pd.DataFrame:
    """Evidence gap map: (leverage point or characteristic) x approach.

    One row per cell, empty cells included so that gaps show: ``cases`` (distinct cases
    with an intervention there), ``case_ids``, and the evidence of those cases: ``grade``,
    the median grade (lower median, so it never overstates) and one count column per grade.
    Filter ``cases`` (by level, region, ...) before calling; the map follows. The rows,
    the approaches and the grades, with their order, come from ``tables`` (the data
    package's vocabularies), so a term added to the taxonomy gets its own row or column;
    ``row_values`` and ``approaches`` keep only some of them (a brief leaves out what its
    selection filtered out: a category nobody looked at is not a gap).
    """
    import numpy as np
    import pandas as pd

    if row_values is None:
        row_values = characteristics_order(tables) if rows == "characteristic_id" else POINTS
    if approaches is None:
        approaches = approaches_order(tables)
    grades = tables["evidence_grades"].sort_values("rank", ascending=False)
    rank = dict(zip(grades["id"], grades["rank"], strict=True))
    n_rows, n_approaches = len(row_values), len(approaches)

    # Work on integer codes (categorical codes and positions): this runs on every filter
    # change in the explorer, and mapping strings through pandas is what would cost.
    chosen = interventions[["case_id", rows]]
    position = pd.Index(cases["id"]).get_indexer(chosen["case_id"])  # -1: case not selected
    in_selection = position >= 0
    position = position[in_selection]
    row_column = chosen[rows][in_selection]
    # a row value left out (``row_values``) gets code -1, like an unknown one
    row_code = pd.Categorical(
        row_column.where(row_column.isin(row_values)), categories=row_values
    ).codes
    approach_by_case = pd.Categorical(cases["approach"], categories=approaches).codes
    approach_code = approach_by_case[position]
    known = (row_code >= 0) & (approach_code >= 0)
    n_cases = max(len(cases), 1)
    cell = row_code[known].astype(int) * n_approaches + approach_code[known].astype(int)
    # one entry per case and cell: a case with three interventions in a cell counts once
    pairs = np.unique(cell * n_cases + position[known])
    cell, case = pairs // n_cases, pairs % n_cases
    n_cells = n_rows * n_approaches
    counts = np.bincount(cell, minlength=n_cells)
    # case ids per cell, alphabetically
    ids = cases["id"].to_numpy(dtype=object)
    alphabetical = np.argsort(np.argsort(ids.astype(str)))
    order = np.lexsort((alphabetical[case], cell))
    bounds = np.concatenate([[0], np.cumsum(counts)])
    names = ids[case[order]]
    out = pd.DataFrame(
        {
            rows: np.repeat(np.asarray(row_values, dtype=object), n_approaches),
            "approach": np.tile(np.asarray(approaches, dtype=object), n_rows),
            "cases": counts.astype(int),
            "case_ids": [";".join(names[bounds[k] : bounds[k + 1]]) for k in range(n_cells)],
        }
    )
    grade_order = list(rank)
    grade_code = pd.Categorical(cases["evidence_grade"], categories=grade_order).codes
    rank_of_code = np.array([rank[g] for g in grade_order] + [0])
    case_rank = rank_of_code[grade_code]  # code -1 (unknown grade) -> rank 0
    by_rank = np.zeros((n_cells, max(rank.values()) + 1), dtype=int)
    np.add.at(by_rank, (cell, case_rank[case]), 1)
    # the lower median grade: never overstates the evidence in a cell
    middle = np.maximum(counts - 1, 0) // 2
    median = np.argmax(by_rank.cumsum(axis=1) > middle[:, None], axis=1)
    label = {r: g for g, r in rank.items()}
    out["grade"] = [label.get(m) if n else None for m, n in zip(median, counts, strict=True)]
    for grade, r in rank.items():
        out[f"grade_{grade}"] = by_rank[:, r]
    return out


def approach_comparison(
    tables: dict[str, pd.DataFrame], cases: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Top-down vs bottom-up vs mixed: leverage profiles, evidence and outcomes reported.

    One row per approach (all three, zeros included): cases, interventions, mean depth score,
    share of interventions at each characteristic, cases reaching the deepest characteristic
    (intent, in casebook's taxonomy), cases per
    evidence grade, cases reporting any outcome and the number of outcomes.
    """
    import pandas as pd

    cases = tables["cases"] if cases is None else cases
    interventions = tables["interventions"][tables["interventions"]["case_id"].isin(cases["id"])]
    outcomes = tables["outcomes"][tables["outcomes"]["case_id"].isin(cases["id"])]
    profile = leverage_profile(interventions, tables["characteristics"])
    characteristics = characteristics_order(tables)
    deepest = deepest_points(tables)
    records = []
    for approach in approaches_order(tables):
        ids = set(cases.loc[cases["approach"] == approach, "id"])
        mine = interventions[interventions["case_id"].isin(ids)]
        record = {
            "approach": approach,
            "cases": len(ids),
            "interventions": len(mine),
            "mean_depth_score": round(profile.loc[profile.index.isin(ids), "depth_score"].mean(), 4)
            if ids
            else None,
            **{
                f"share_{c}": round((mine["characteristic_id"] == c).mean(), 4)
                if len(mine)
                else None
                for c in characteristics
            },
            "cases_reaching_deepest": int(
                profile.loc[profile.index.isin(ids), "deepest_point"].isin(deepest).sum()
            ),
            **{
                f"grade_{g}": int(
                    ((cases["approach"] == approach) & (cases["evidence_grade"] == g)).sum()
                )
                for g in grades_order(tables)
            },
            "cases_with_outcomes": int(
                outcomes.loc[outcomes["case_id"].isin(ids), "case_id"].nunique()
            ),
            "outcomes": int(outcomes["case_id"].isin(ids).sum()),
        }
        records.append(record)
    return pd.DataFrame.from_records(records)


def intervention_timeline(interventions: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Dated interventions with their case, point and characteristic, oldest first.

    Interventions without a start year are left out (they cannot be placed in time).
    """
    dated = interventions.dropna(subset=["start"]).merge(
        cases[["id", "title", "approach"]].rename(columns={"id": "case_id", "title": "case_title"}),
        on="case_id",
    )
    columns = [
        "case_id",
        "case_title",
        "approach",
        "id",
        "what",
        "leverage_point",
        "characteristic_id",
        "start",
        "end",
    ]
    return dated[columns].sort_values(["case_id", "start", "leverage_point"]).reset_index(drop=True)


def sequence_summary(interventions: pd.DataFrame, deep_from: int = 6) -> pd.DataFrame:
    """Did shallow moves come before deep ones? Per case with dated interventions.

    ``deep`` means a point numbered ``deep_from`` or lower (default 6: design and intent).
    Columns: ``first_shallow`` and ``first_deep`` (earliest start years, or missing) and
    ``order``: 'deep first', 'shallow first', 'same year', or 'only deep' / 'only shallow'.
    """
    import pandas as pd

    dated = interventions.dropna(subset=["start"])
    records = []
    for case_id, group in dated.groupby("case_id"):
        deep = group.loc[group["leverage_point"] <= deep_from, "start"]
        shallow = group.loc[group["leverage_point"] > deep_from, "start"]
        first_deep = int(deep.min()) if len(deep) else None
        first_shallow = int(shallow.min()) if len(shallow) else None
        if first_deep is None:
            order = "only shallow"
        elif first_shallow is None:
            order = "only deep"
        elif first_deep < first_shallow:
            order = "deep first"
        elif first_deep > first_shallow:
            order = "shallow first"
        else:
            order = "same year"
        records.append(
            {
                "case_id": case_id,
                "first_shallow": first_shallow,
                "first_deep": first_deep,
                "order": order,
            }
        )
    return pd.DataFrame.from_records(
        records, columns=["case_id", "first_shallow", "first_deep", "order"]
    ).astype({"first_shallow": "Int64", "first_deep": "Int64"})


def similar_cases(
    matrix: pd.DataFrame,
    cases: pd.DataFrame,
    case_id: str,
    k: int = 5,
    approach_weight: float = 0.25,
) -> pd.DataFrame:
    """The ``k`` cases nearest to ``case_id`` by leverage profile and approach.

    Each case's profile is its row of :func:`leverage_matrix` divided by its total (the share
    of its interventions at each point). Distance is the Euclidean distance between profiles
    plus ``approach_weight`` when the approaches differ. Ties break by case id.
    """
    import numpy as np

    shares = matrix.div(matrix.sum(axis=1).replace(0, 1), axis=0)
    target = shares.loc[case_id].to_numpy()
    approach = cases.set_index("id")["approach"]
    distance = np.sqrt(((shares.to_numpy() - target) ** 2).sum(axis=1))
    out = shares.index.to_frame(index=False).assign(
        profile_distance=distance.round(4),
        same_approach=[approach.get(c) == approach.get(case_id) for c in shares.index],
    )
    out["distance"] = (
        out["profile_distance"] + np.where(out["same_approach"], 0, approach_weight)
    ).round(4)
    out = out[out["case_id"] != case_id].sort_values(["distance", "case_id"]).head(k)
    return out.reset_index(drop=True)
