"""Checks of the codings across a corpus: each further coding names a real intervention once,
a review names the coder and the point it settles and the coders who judged it, and the
warnings for disagreements nobody settled and interventions nobody has coded a second time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook import paths
from casebook.errors import Problem, display_path

if TYPE_CHECKING:
    from casebook.content.crossrefs import CaseKeys
    from casebook.content.shared import Shared


def unloaded(keys: list[CaseKeys], case_ids: set[str] | frozenset[str]) -> set[str]:
    """The ids of the case files that did not load (their problems are reported)."""
    return set(case_ids).difference(k.id for k in keys)


def check_codings(
    keys: list[CaseKeys], shared: Shared, case_ids: set[str] | frozenset[str] = frozenset()
) -> list[Problem]:
    """Each further coding names an intervention of the corpus, once per coder. An
    intervention of a case file that did not load follows from that file's problems."""
    interventions = {i for case in keys for i in case.interventions}
    failed = unloaded(keys, case_ids)
    problems = []
    for codings, doc, file in shared.codings:
        seen: set[str] = set()
        for n, coding in enumerate(codings.codings):
            where = f"codings[{n}].intervention"
            if coding.intervention not in interventions:
                problems.append(
                    Problem(
                        file,
                        where,
                        f"no intervention has id '{coding.intervention}'",
                        "use an intervention id from a case file",
                        doc.line_of(("codings", n, "intervention")),
                        follows=next(
                            (f"{c}.md" for c in failed if coding.intervention.startswith(c)), ""
                        ),
                    )
                )
            elif coding.intervention in seen:
                problems.append(
                    Problem(
                        file,
                        where,
                        f"'{coding.intervention}' is coded twice by {codings.coder}",
                        "keep one coding of it",
                        doc.line_of(("codings", n, "intervention")),
                    )
                )
            seen.add(coding.intervention)
    return problems


def _further_codings(shared: Shared) -> dict[str, dict[str, int]]:
    return {
        codings.coder: {c.intervention: c.leverage_point for c in codings.codings}
        for codings, _, _ in shared.codings
    }


def check_reviews(keys: list[CaseKeys], shared: Shared, doc_of) -> list[Problem]:
    """A review names a coder who coded the intervention, and the point that coder chose."""
    further = _further_codings(shared)
    described = {c.coder for c in shared.all_coders}
    folder = display_path(shared.source / paths.CODINGS_FOLDER)
    problems = []
    for case in keys:
        for n, (iid, (_, _, coder, point, *judges)) in enumerate(
            zip(case.interventions, case.codings, strict=True)
        ):
            if not coder:
                continue
            where = f"interventions[{n}].review"
            undescribed = [
                (key, judge)
                for key, judge in zip(("settled_by", "reexamined_by"), judges, strict=True)
                if judge and judge not in described
            ]
            if undescribed:
                key, judge = undescribed[0]
                found = (
                    f"{where}.{key}",
                    f"the coder '{judge}' is not described",
                    f"describe '{judge}' (kind, instructions, saw, date) in "
                    f"{paths.CODERS_FILE} (docs/coding-protocol.md)",
                    key,
                )
            elif coder not in further:
                found = (
                    f"{where}.second_coder",
                    f"no codings by '{coder}' in {folder}/",
                    f"name a coder with a file in {folder}/: "
                    f"{', '.join(sorted(further)) or 'there is none yet'}",
                    "second_coder",
                )
            elif iid not in further[coder]:
                found = (
                    f"{where}.second_coder",
                    f"{coder} did not code '{iid}', so there is no disagreement to settle",
                    "remove the review",
                    "second_coder",
                )
            elif further[coder][iid] != point:
                actual = further[coder][iid]
                found = (
                    f"{where}.second_point",
                    f"{coder} coded '{iid}' as {actual}, not {point}",
                    f"set second_point to {actual}",
                    "second_point",
                )
            else:
                continue
            field, message, fix, key = found
            line = doc_of(case).line_of(("interventions", n, "review", key))
            problems.append(Problem(display_path(case.path), field, message, fix, line))
    return problems


def uncoded(keys: list[CaseKeys], shared: Shared) -> list[str]:
    """Per case, the interventions no further coder has coded, once any coder has: their
    tags have not been checked by a second reading."""
    coded = {iid for points in _further_codings(shared).values() for iid in points}
    if not coded:
        return []
    found = []
    for case in keys:
        missing = [iid for iid in case.interventions if iid not in coded]
        if missing:
            found.append(
                f"{display_path(case.path)}: {len(missing)} intervention"
                f"{'s have' if len(missing) > 1 else ' has'} no second coding: "
                f"{', '.join(missing)}; have {'them' if len(missing) > 1 else 'it'} coded "
                "blind (casebook coding-sheet; docs/coding-protocol.md)"
            )
    return found


def unsettled(keys: list[CaseKeys], shared: Shared) -> list[str]:
    """Further coders' points that differ from an intervention's tag, with no review that
    settles them (a coder who agrees with the tag as settled needs no review)."""
    further = _further_codings(shared)
    found = []
    for case in keys:
        for n, (iid, (first, tag, reviewed_by, *_)) in enumerate(
            zip(case.interventions, case.codings, strict=True)
        ):
            for coder, points in further.items():
                point = points.get(iid)
                if point is not None and point != tag and coder != reviewed_by:
                    was = f" (first coded {first})" if first != tag else ""
                    found.append(
                        f"{display_path(case.path)}: interventions[{n}] '{iid}' is coded "
                        f"{tag} in the case file{was} and {point} by {coder}; settle it with a "
                        "review (keep, change or rival reading; README: Coding protocol)"
                    )
    return found
