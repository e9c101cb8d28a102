"""The findings that open a brief's Insights: plain sentences from computed comparisons.

Each finder compares the selected cases one way (evidence by approach, improved learning by
approach, depth by approach, thin evidence, leverage points nobody pulled) and returns a
:class:`Finding`, or ``None`` when the comparison has no contrast (one group only, every
group alike, a count that holds for every case): a constant is not a finding. The
vocabularies and their order come from the tables, so new taxonomy terms take part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from casebook.analysis import crosscase as analysis

if TYPE_CHECKING:
    import pandas as pd

MAX_FINDINGS = 5
LEARNING = "learning"  # the outcome domain "improved learning" counts (a taxonomy id)
DEPTH_CONTRAST = 0.05  # mean depth scores closer than this are reported as alike


@dataclass(frozen=True)
class Finding:
    """One finding: the sentence a reader sees and how its numbers were computed."""

    sentence: str
    how: str


def _names(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _names_of(table: pd.DataFrame) -> dict[str, str]:
    """A vocabulary table's display names by id."""
    return dict(zip(table["id"], table["name"], strict=True))


def _by_approach(tables, cases: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The approaches that have selected cases, in the taxonomy's order, with their cases."""
    return [
        (approach, cases[cases["approach"] == approach])
        for approach in analysis.approaches_order(tables)
        if (cases["approach"] == approach).any()
    ]


def _shares_finding(tables, cases, counts: dict[str, int], what: str, lead: str, how: str):
    """'<Approach> cases <lead>: k of n <what>, against k of n <approach> and ...'."""
    groups = _by_approach(tables, cases)
    if len(groups) < 2:
        return None
    shares = {a: counts[a] / len(group) for a, group in groups}
    if len(set(shares.values())) == 1:
        return None
    names = _names_of(tables["approaches"])
    best = max(shares.values())
    leaders = [a for a, _ in groups if shares[a] == best]
    parts = [f"{counts[a]} of {len(group)} {names[a].lower()}" for a, group in groups]
    if len(leaders) == 1:
        first = leaders[0]
        others = [p for (a, _), p in zip(groups, parts, strict=True) if a != first]
        sentence = (
            f"{names[first]} cases {lead}: {counts[first]} of "
            f"{len(dict(groups)[first])} {what}, against {_names(others)}."
        )
    else:
        sentence = f"Cases {what}, by approach: {_names(parts)}."
    return Finding(sentence, how)


def evidence_by_approach(tables, cases: pd.DataFrame) -> Finding | None:
    thin = set(analysis.thin_grades(tables))
    firm = [g for g in analysis.grades_order(tables) if g not in thin]
    grade_names = _names_of(tables["evidence_grades"])
    counts = {
        a: int(group["evidence_grade"].isin(firm).sum()) for a, group in _by_approach(tables, cases)
    }
    firm_names = _names([grade_names[g].lower() for g in firm], "or")
    return _shares_finding(
        tables,
        cases,
        counts,
        f"graded {firm_names}",
        "rest on the firmest evidence",
        f"Cases per approach whose evidence grade is {firm_names}, out of the approach's "
        "selected cases.",
    )


def improved_learning_by_approach(tables, cases: pd.DataFrame) -> Finding | None:
    outcomes = tables["outcomes"]
    improved = set(
        outcomes.loc[
            (outcomes["domain"] == LEARNING) & (outcomes["direction"] == "improved"), "case_id"
        ]
    )
    counts = {a: int(group["id"].isin(improved).sum()) for a, group in _by_approach(tables, cases)}
    found = _shares_finding(
        tables,
        cases,
        counts,
        "with improved learning on record",
        "more often record improved learning",
        "Cases per approach with at least one learning outcome recorded as improved (whatever "
        "the strength of its evidence), out of the approach's selected cases.",
    )
    if found is None:
        return None
    # the cases behind the lead: the leading approach's cases with improved learning on record
    shares = {a: counts[a] / len(group) for a, group in _by_approach(tables, cases)}
    leaders = [a for a, share in shares.items() if share == max(shares.values())]
    behind = cases[cases["id"].isin(improved) & cases["approach"].isin(leaders)]
    return _with_caveat(tables, behind, found, "the lead")


def _with_caveat(tables, behind: pd.DataFrame, finding: Finding, what: str) -> Finding:
    """The finding with its caveat in the sentence when most of the cases behind it rest on
    thin evidence: a reader must not take it for firmer than it is."""
    thin = analysis.thin_grades(tables)
    count = int(behind["evidence_grade"].isin(thin).sum())
    if not len(behind) or count * 2 <= len(behind):
        return finding
    names = _names_of(tables["evidence_grades"])
    graded = _names([names[g].lower() for g in thin], "or")
    if len(behind) == 1:
        who = f"the one case behind {what} rests"
    elif count == len(behind):
        who = f"all {count} cases behind {what} rest"
    else:
        who = f"{count} of the {len(behind)} cases behind {what} rest"
    return Finding(
        finding.sentence[:-1] + f"; but {who} on thin evidence (graded {graded}), so take it "
        "as a lead, not a result.",
        finding.how,
    )


def depth_by_approach(tables, cases: pd.DataFrame) -> Finding | None:
    groups = _by_approach(tables, cases)
    if len(groups) < 2:
        return None
    interventions = tables["interventions"]
    profile = analysis.leverage_profile(
        interventions[interventions["case_id"].isin(cases["id"])], tables["characteristics"]
    )
    depth = {
        a: float(profile.loc[profile.index.isin(group["id"]), "depth_score"].mean())
        for a, group in groups
    }
    if max(depth.values()) - min(depth.values()) < DEPTH_CONTRAST:
        return None
    names = _names_of(tables["approaches"])
    deepest = max(depth, key=depth.__getitem__)
    others = [f"{depth[a]:.2f} for {names[a].lower()}" for a, _ in groups if a != deepest]
    finding = Finding(
        f"{names[deepest]} cases work deepest in the system: their interventions average "
        f"{depth[deepest]:.2f} on the depth scale, against {_names(others)}.",
        "Each case's depth score is the mean depth of its interventions, (12 - point) / 11: "
        "0 for constants and parameters, 1 for transcending paradigms; averaged per approach. "
        "It says where the coders placed what each case set out to change, not what changed.",
    )
    return _with_caveat(tables, dict(groups)[deepest], finding, "the figure")


def thin_evidence(tables, cases: pd.DataFrame) -> Finding | None:
    thin = analysis.thin_grades(tables)
    count = int(cases["evidence_grade"].isin(thin).sum())
    if count == 0:
        return None
    names = _names_of(tables["evidence_grades"])
    graded = _names([names[g].lower() for g in thin], "or")
    told = "comes from the people who ran them, or from testimony"
    sentence = (
        f"{'The one case' if len(cases) == 1 else f'Every one of the {len(cases)} cases'} here "
        f"rests on thin evidence, graded {graded}: "
        f"what is known of their results {told}, so no finding in this brief is firm."
        if count == len(cases)
        else f"{count} of {len(cases)} cases rest on thin evidence, graded {graded}: what is "
        f"known of their results {told}."
    )
    return Finding(sentence, "Cases whose evidence grade the taxonomy marks as thin.")


def points_not_pulled(tables, cases: pd.DataFrame) -> Finding | None:
    interventions = tables["interventions"]
    pulled = set(interventions.loc[interventions["case_id"].isin(cases["id"]), "leverage_point"])
    points = tables["leverage_points"].sort_values("id", ascending=False)
    missing = [(int(p), n) for p, n in zip(points["id"], points["name"], strict=True)]
    missing = [(p, n) for p, n in missing if p not in pulled]
    if not missing or len(missing) == len(points):
        return None
    listed = _names([f"{p} ({n.split(' (')[0].lower()})" for p, n in missing], "or")
    point_word = "point" if len(missing) == 1 else "points"
    return Finding(
        f"No case here pulled leverage {point_word} {listed}.",
        "Leverage points with no intervention among the selected cases.",
    )


FINDERS = (
    evidence_by_approach,
    improved_learning_by_approach,
    depth_by_approach,
    thin_evidence,
    points_not_pulled,
)


def findings(tables: dict[str, pd.DataFrame], cases: pd.DataFrame) -> list[Finding]:
    """Up to :data:`MAX_FINDINGS` findings for the selected ``cases``, in a fixed order."""
    found = [finding for finder in FINDERS if (finding := finder(tables, cases)) is not None]
    return found[:MAX_FINDINGS]
