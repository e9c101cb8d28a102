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
from typing import Literal, cast

import pandas as pd

POINTS = list(range(1, 13))
FIRST = "coder-1"
# Krippendorff (2004), Content Analysis, 2nd ed., p. 241: alpha of at least 0.667 for
# tentative conclusions, 0.8 for firm ones.
TENTATIVE, FIRM = 0.667, 0.8


def band(alpha: float) -> str:
    """Krippendorff's reading of an alpha: ``firm``, ``tentative`` or ``not reliable``."""
    return "firm" if alpha >= FIRM else "tentative" if alpha >= TENTATIVE else "not reliable"


def kind_of_check(kinds: list[str]) -> str:
    """What agreement between coders of these kinds measures: only people coding
    independently give inter-coder reliability; automated readers agreeing with each other
    is a consistency check (they may share the same blind spots)."""
    if kinds and all(kind == "person" for kind in kinds):
        return "inter-coder reliability"
    return "a consistency check"


def who(coder_ids: set[str], coders: pd.DataFrame | None) -> str | None:
    """The coders named, as the coders table describes their kind and no further: "an
    automated reader (a large language model)", "a person", or None when they are not
    all of one described kind (the brief then says nothing of who they were)."""
    kinds = dict(zip(coders["id"], coders["kind"], strict=True)) if coders is not None else {}
    found = {kinds.get(c) for c in coder_ids}
    if found == {"automated"}:
        return "an automated reader (a large language model)"
    if found == {"person"}:
        return "a person" if len(coder_ids) == 1 else "people"
    return None


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
    # interventions only the first coder coded (not yet coded by the second), in order
    uncoded: tuple[str, ...] = ()


def cohen_kappa(first: list[int], second: list[int], weighted: bool = False) -> float | None:
    """Cohen's kappa over the twelve points; ``weighted`` counts a near miss as partly right,
    by the distance between the points (linear weights), as for ordered categories.

    kappa = (p_o - p_e) / (1 - p_e), with p_o the observed share of agreement and p_e the
    agreement expected by chance from each coder's marginal shares: the coders' agreement and
    the lesson's learner-against-coding figure alike. None when there are no items; 1.0 when
    both use one identical point throughout.
    """
    import numpy as np

    if len(first) != len(second):
        raise ValueError(f"two codings of the same items: {len(first)} and {len(second)} items")
    if not first:
        return None

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


def krippendorff_alpha(
    first: list[int], second: list[int], level: Literal["nominal", "ordinal"]
) -> float:
    import krippendorff

    return float(
        krippendorff.alpha(
            reliability_data=[first, second], level_of_measurement=level, value_domain=POINTS
        )
    )


def _wide(codings: pd.DataFrame, second: str, first: str) -> pd.DataFrame:
    if second == first:
        raise ValueError(
            f"{first} is the first coding (the case files' tags), which every other coder is "
            "compared with; name another coder"
        )
    wide = codings.pivot(index="intervention_id", columns="coder", values="leverage_point")
    missing = [coder for coder in (first, second) if coder not in wide.columns]
    if missing:
        others = sorted(set(wide.columns) - {first})
        raise ValueError(
            f"no codings by {', '.join(missing)}; the coders are: {', '.join(others) or 'none'}"
        )
    return wide


def paired(codings: pd.DataFrame, second: str, first: str = FIRST) -> pd.DataFrame:
    """One row per intervention both coders coded: ``intervention_id``, ``first``, ``second``."""
    both = _wide(codings, second, first)[[first, second]].dropna().astype(int)
    return both.rename(columns={first: "first", second: "second"}).reset_index()


def not_coded_by(codings: pd.DataFrame, second: str, first: str = FIRST) -> list[str]:
    """The interventions ``first`` coded and ``second`` did not (a pilot round's rest)."""
    wide = _wide(codings, second, first)
    return sorted(wide.index[wide[first].notna() & wide[second].isna()])


def agreement(codings: pd.DataFrame, characteristic_of, second: str | None = None) -> Agreement:
    """Agreement between the first coding and ``second`` (default: the only other coder),
    over the interventions both coded."""
    others = sorted(set(codings["coder"]) - {FIRST})
    second = second or (others[0] if len(others) == 1 else None)
    if second is None:
        raise ValueError(f"name the second coder, one of: {', '.join(others) or 'none'}")
    pairs = paired(codings, second)
    if pairs.empty:
        raise ValueError(f"{second} coded none of the interventions the first coding tags")
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
        # there are items (pairs is not empty), so there is a kappa
        cast(float, cohen_kappa(first_points, second_points)),
        cast(float, cohen_kappa(first_points, second_points, weighted=True)),
        krippendorff_alpha(first_points, second_points, "nominal"),
        krippendorff_alpha(first_points, second_points, "ordinal"),
        by,
        confusion,
        tuple(not_coded_by(codings, second)),
    )


def headline(table: pd.DataFrame, coders: pd.DataFrame | None) -> dict | None:
    """What a reader is told first about the agreement table's figures over all
    interventions: the nominal alpha with its band, and whether the coders were people (so
    inter-coder reliability) or automated readers (a consistency check). None when there is
    no single further coder."""
    overall = table[table["characteristic_id"].isna()]
    if overall["second_coder"].nunique() != 1:
        return None
    figures = dict(zip(overall["measure"], overall["value"], strict=True))
    kinds = dict(zip(coders["id"], coders["kind"], strict=True)) if coders is not None else {}
    pair = (overall["first_coder"].iloc[0], overall["second_coder"].iloc[0])
    coder_kinds = [kinds.get(coder, "not described") for coder in pair]
    return {
        "interventions": int(overall["items"].iloc[0]),
        "percent": figures["percent_agreement"],
        "kappa": figures["cohen_kappa"],
        "alpha_nominal": figures["krippendorff_alpha_nominal"],
        "band": band(figures["krippendorff_alpha_nominal"]),
        "alpha_ordinal": figures["krippendorff_alpha_ordinal"],
        "automated": all(kind == "automated" for kind in coder_kinds),
        "check": kind_of_check(coder_kinds),
    }


OVERALL = (
    "percent_agreement",
    "cohen_kappa",
    "cohen_kappa_linear",
    "krippendorff_alpha_nominal",
    "krippendorff_alpha_ordinal",
)
WITHIN = ("same_point", "same_characteristic")


def agreement_rows(codings: pd.DataFrame, characteristic_of) -> list[dict]:
    """The ``agreement`` table's rows: each further coder against the first coding, over
    all interventions both coded and within each characteristic of the first coding.

    ``codings`` needs ``intervention_id``, ``coder`` and ``leverage_point``. A corpus with
    no second coder, or none sharing an intervention with the first, has no rows.
    """
    if codings.empty or FIRST not in set(codings["coder"]):
        return []
    rows = []
    for second in sorted(set(codings["coder"]) - {FIRST}):
        if paired(codings, second).empty:
            continue
        result = agreement(codings, characteristic_of, second)
        values = (
            result.percent,
            result.kappa,
            result.kappa_linear,
            result.alpha_nominal,
            result.alpha_ordinal,
        )
        scopes = [
            (None, measure, result.items, value)
            for measure, value in zip(OVERALL, values, strict=True)
        ]
        for row in result.by_characteristic.itertuples():
            scopes += [(row.characteristic, m, row.items, getattr(row, m)) for m in WITHIN]
        rows += [
            {
                "id": ":".join(part for part in (FIRST, second, characteristic, measure) if part),
                "first_coder": FIRST,
                "second_coder": second,
                "characteristic_id": characteristic,
                "measure": measure,
                "items": int(items),
                "value": round(float(value), 4),
            }
            for characteristic, measure, items, value in scopes
        ]
    return sorted(rows, key=lambda row: row["id"])


KIND_NAMES = {"automated": "an automated reader", "person": "a person"}


def _who(coder: str, kind: str) -> str:
    return f"{coder} ({KIND_NAMES.get(kind, kind)})"


def report(result: Agreement, kinds: dict[str, str] | None = None) -> str:
    """The figures as plain text, for the command line. ``kinds`` gives each coder's kind
    (person or automated), which says whether the figures are inter-coder reliability or a
    consistency check between automated readers."""
    first, second = result.coders
    kinds = kinds or {}
    coder_kinds = [kinds.get(coder, "not described") for coder in result.coders]
    check = kind_of_check(coder_kinds)
    lines = [
        f"{_who(first, coder_kinds[0])} and {_who(second, coder_kinds[1])}, "
        f"{result.items} interventions coded by both:",
        f"  this is {check}"
        + ("" if check == "inter-coder reliability" else ", not inter-coder reliability"),
        f"  Krippendorff's alpha, nominal {result.alpha_nominal:.3f} ({band(result.alpha_nominal)}: "
        f"Krippendorff asks at least {FIRM} for firm conclusions, {TENTATIVE} for tentative ones)",
        f"  Krippendorff's alpha, ordinal {result.alpha_ordinal:.3f} (near misses count as partly "
        "the same)",
        f"  percent agreement            {result.percent:.1%}",
        f"  Cohen's kappa                {result.kappa:.3f}",
        f"  Cohen's kappa, linear        {result.kappa_linear:.3f}",
    ]
    if result.uncoded:
        lines += [
            "",
            f"not coded by {second} ({len(result.uncoded)}), so not in these figures:",
            *(f"  {iid}" for iid in result.uncoded),
        ]
    lines += ["", "by the first coder's system characteristic (same point / same characteristic):"]
    for row in result.by_characteristic.itertuples():
        lines.append(
            f"  {row.characteristic:<12} {row.items:>3} items  "
            f"{row.same_point:.0%} / {row.same_characteristic:.0%}"
        )
    lines += ["", f"confusion matrix ({first} down, {second} across):"]
    lines.append(result.confusion.to_string())
    return "\n".join(lines)
