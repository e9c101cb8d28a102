"""How far two coders agree on the leverage points of the same interventions.

The case files' tags are the first coding (``coder-1``); a second coder, working blind from
the codebook, writes ``casestudies/codings/<coder>.yml``; both reach the ``codings`` table.
:func:`agreement` reports what reviews that double-code report: percent agreement, Cohen's
kappa (unweighted, and linearly weighted, since the twelve points are ordered),
Krippendorff's alpha (nominal and ordinal, with the ``krippendorff`` package), agreement
within each system characteristic, and the confusion matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

POINTS = list(range(1, 13))
FIRST = "coder-1"
# Krippendorff (2004), Content Analysis, 2nd ed., p. 241: alpha of at least 0.667 for
# tentative conclusions, 0.8 for firm ones.
TENTATIVE, FIRM = 0.667, 0.8


@dataclass(frozen=True)
class Agreement:
    coders: tuple[str, str]
    items: int
    percent: float
    kappa: float
    kappa_linear: float
    alpha_nominal: float
    alpha_ordinal: float
    by_characteristic: pd.DataFrame  # characteristic, items, same point, same characteristic
    confusion: pd.DataFrame  # first coder's points down, second's across


def cohen_kappa(first: list[int], second: list[int], weighted: bool = False) -> float:
    """Cohen's kappa over the twelve points; ``weighted`` counts a near miss as partly right,
    by the distance between the points (linear weights), as for ordered categories."""
    import numpy as np

    observed = pd.crosstab(
        pd.Categorical(first, POINTS), pd.Categorical(second, POINTS), dropna=False
    ).to_numpy() / len(first)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    distance = np.abs(np.subtract.outer(POINTS, POINTS))
    weights = distance / (len(POINTS) - 1) if weighted else (distance > 0).astype(float)
    disagreement_expected = (weights * expected).sum()
    if disagreement_expected == 0:
        return 1.0
    return 1 - (weights * observed).sum() / disagreement_expected


def krippendorff_alpha(first: list[int], second: list[int], level: str) -> float:
    import krippendorff

    return float(
        krippendorff.alpha(
            reliability_data=[first, second], level_of_measurement=level, value_domain=POINTS
        )
    )


def paired(codings: pd.DataFrame, second: str, first: str = FIRST) -> pd.DataFrame:
    """One row per intervention both coders coded: ``intervention_id``, ``first``, ``second``."""
    wide = codings.pivot(index="intervention_id", columns="coder", values="leverage_point")
    missing = [coder for coder in (first, second) if coder not in wide.columns]
    if missing:
        raise ValueError(f"no codings by {', '.join(missing)}")
    both = wide[[first, second]].dropna().astype(int)
    return both.rename(columns={first: "first", second: "second"}).reset_index()


def agreement(codings: pd.DataFrame, characteristic_of, second: str | None = None) -> Agreement:
    """Agreement between the first coding and ``second`` (default: the only other coder)."""
    others = sorted(set(codings["coder"]) - {FIRST})
    second = second or (others[0] if len(others) == 1 else None)
    if second is None:
        raise ValueError(f"name the second coder, one of: {', '.join(others) or 'none'}")
    pairs = paired(codings, second)
    first_points, second_points = pairs["first"].tolist(), pairs["second"].tolist()
    pairs["characteristic"] = pairs["first"].map(characteristic_of)
    pairs["same_point"] = pairs["first"] == pairs["second"]
    pairs["same_characteristic"] = pairs["characteristic"] == pairs["second"].map(characteristic_of)
    by = (
        pairs.groupby("characteristic", sort=False)
        .agg(
            items=("first", "size"),
            same_point=("same_point", "mean"),
            same_characteristic=("same_characteristic", "mean"),
        )
        .reset_index()
    )
    confusion = pd.crosstab(
        pd.Categorical(first_points, POINTS),
        pd.Categorical(second_points, POINTS),
        rownames=[FIRST],
        colnames=[second],
        dropna=False,
    )
    return Agreement(
        (FIRST, second),
        len(pairs),
        float(pairs["same_point"].mean()),
        cohen_kappa(first_points, second_points),
        cohen_kappa(first_points, second_points, weighted=True),
        krippendorff_alpha(first_points, second_points, "nominal"),
        krippendorff_alpha(first_points, second_points, "ordinal"),
        by,
        confusion,
    )


def report(result: Agreement) -> str:
    """The figures as plain text, for the command line."""
    first, second = result.coders
    verdict = (
        "firm"
        if result.alpha_ordinal >= FIRM
        else "tentative"
        if result.alpha_ordinal >= TENTATIVE
        else "below Krippendorff's floor for tentative conclusions (0.667)"
    )
    lines = [
        f"{first} and {second}, {result.items} interventions coded by both:",
        f"  percent agreement            {result.percent:.1%}",
        f"  Cohen's kappa                {result.kappa:.3f}",
        f"  Cohen's kappa, linear        {result.kappa_linear:.3f}",
        f"  Krippendorff's alpha, nominal {result.alpha_nominal:.3f}",
        f"  Krippendorff's alpha, ordinal {result.alpha_ordinal:.3f} ({verdict})",
        "",
        "by the first coder's system characteristic (same point / same characteristic):",
    ]
    for row in result.by_characteristic.itertuples():
        lines.append(
            f"  {row.characteristic:<12} {row.items:>3} items  "
            f"{row.same_point:.0%} / {row.same_characteristic:.0%}"
        )
    lines += ["", f"confusion matrix ({first} down, {second} across):"]
    lines.append(result.confusion.to_string())
    return "\n".join(lines)
