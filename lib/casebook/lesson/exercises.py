"""Exercises drawn from the corpus' interventions, and how answers to them are scored.

The exercises come from the cases' own interventions and their coders' rationales, so every
new case enriches the lesson; the same set number and size give every learner the same
set. Plain Python and pandas: the widget app (:mod:`casebook.lesson.app`) and the tests use
these without a browser.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, cast

from casebook.analysis.crosscase import characteristics_order
from casebook.content.citations import without_citations
from casebook.content.taxonomy import short_name

if TYPE_CHECKING:
    import pandas as pd

    from casebook.content.corpus import Corpus


@dataclass(frozen=True)
class WhereExercise:
    """'Where is this intervention?': pick the leverage point it works on."""

    id: str
    intervention_id: str
    case_title: str
    what: str
    expected: int
    alternatives: tuple[int, ...]
    rationale: str
    # where two coders disagreed: the other reading's point, and how the disagreement ended
    contested: Contest | None = None


@dataclass(frozen=True)
class Contest:
    """Two coders read an intervention differently (``resolutions`` table)."""

    first: int
    second: int
    decision: str  # kept, changed or rival
    reason: str
    rival: int | None = None  # with decision rival: the second reading, as right as the tag
    rival_rationale: str | None = None

    @property
    def other(self) -> int:
        """The reading the intervention's tag is not."""
        if self.decision == "rival":
            return cast(int, self.rival)  # a rival decision names its reading
        return self.first if self.decision == "changed" else self.second


@dataclass(frozen=True)
class SortExercise:
    """'Sort by depth': order interventions from shallow (12) to deep (1)."""

    id: str
    items: tuple[
        tuple[str, str, int], ...
    ]  # (intervention id, what, leverage point), shown shuffled
    cases: tuple[str, ...] = ()  # each item's case title, in the items' order

    @property
    def expected(self) -> list[str]:
        return [i for i, _, _ in sorted(self.items, key=lambda item: -item[2])]


@dataclass(frozen=True)
class DeeperExercise:
    """'Go deeper': for a shallow intervention, propose a deeper one, then see the case's."""

    id: str
    intervention_id: str
    case_title: str
    what: str
    point: int
    case_did: tuple[tuple[str, int], ...]  # (what, point) of the case's deeper interventions


@dataclass(frozen=True)
class ExerciseSet:
    seed: int
    where: tuple[WhereExercise, ...]
    sort: tuple[SortExercise, ...]
    deeper: tuple[DeeperExercise, ...]


def _alternatives(value) -> tuple[int, ...]:
    if value is None or value != value or value == "":  # missing (NaN) or empty
        return ()
    return tuple(int(x) for x in str(value).split(";") if x)


def contests(tables: dict[str, pd.DataFrame]) -> dict[str, Contest]:
    """Each contested intervention's :class:`Contest`, by intervention id."""
    import pandas as pd

    resolutions = tables.get("resolutions")
    if resolutions is None:
        return {}
    return {
        row.intervention_id: Contest(
            first=int(row.first_point),
            second=int(row.second_point),
            decision=row.decision,
            reason=row.reason,
            rival=None if pd.isna(row.rival_point) else int(row.rival_point),
            rival_rationale=None if pd.isna(row.rival_rationale) else row.rival_rationale,
        )
        for row in resolutions.itertuples()
    }


def shallow_points(tables: dict[str, pd.DataFrame]) -> set[int]:
    """Where "go deeper" exercises start: the points of the shallower half of the system
    characteristics (parameters and feedbacks, 12 to 7, in casebook's taxonomy)."""
    order = characteristics_order(tables)
    points = tables["leverage_points"]
    shallow = points["characteristic_id"].isin(order[: len(order) // 2])
    return set(points.loc[shallow, "id"].astype(int))


def exercise_set(tables: dict[str, pd.DataFrame], seed: int = 1, size: int = 8) -> ExerciseSet:
    """Exercises drawn from the corpus' interventions, the same for the same seed and size.

    ``size`` where-is-it exercises, one sort-by-depth exercise of up to five interventions at
    different points for every four of those, and up to ``size // 2`` go-deeper exercises.
    """
    rng = random.Random(seed)
    inter = tables["interventions"].sort_values("id").reset_index(drop=True)
    titles = dict(zip(tables["cases"]["id"], tables["cases"]["title"], strict=True))
    picked = rng.sample(range(len(inter)), min(size, len(inter)))
    contested = contests(tables)
    where = tuple(
        WhereExercise(
            id=f"where-{n + 1}",
            intervention_id=row.id,
            case_title=titles[row.case_id],
            what=row.what,
            expected=int(row.leverage_point),
            alternatives=_alternatives(row.alternatives),
            rationale=row.rationale,
            contested=contested.get(row.id),
        )
        for n, row in enumerate(inter.iloc[picked].itertuples())
    )
    sorts = []
    case_of: dict[str, str] = {}
    for n in range(max(1, size // 4)):
        by_point: dict[int, tuple[str, str, int]] = {}  # id, what, point
        for index in rng.sample(range(len(inter)), len(inter)):
            row = inter.iloc[index]
            by_point.setdefault(
                int(row.leverage_point), (row.id, row.what, int(row.leverage_point))
            )
            case_of[row.id] = titles[row.case_id]
            if len(by_point) == 5:
                break
        if len(by_point) >= 2:
            items = list(by_point.values())
            rng.shuffle(items)
            sorts.append(
                SortExercise(
                    id=f"sort-{n + 1}",
                    items=tuple(items),
                    cases=tuple(case_of[i] for i, _, _ in items),
                )
            )
    deeper = []
    shallow = inter[inter["leverage_point"].isin(shallow_points(tables))]
    candidates = []
    for row in shallow.itertuples():
        deeper_moves = inter[
            (inter["case_id"] == row.case_id) & (inter["leverage_point"] < row.leverage_point)
        ]
        if len(deeper_moves):
            moves = tuple(
                (r.what, int(r.leverage_point))
                for r in deeper_moves.sort_values("leverage_point").itertuples()
            )
            candidates.append((row, moves))
    for n, (row, moves) in enumerate(
        rng.sample(candidates, min(max(1, size // 2), len(candidates)))
    ):
        deeper.append(
            DeeperExercise(
                id=f"deeper-{n + 1}",
                intervention_id=row.id,
                case_title=titles[row.case_id],
                what=row.what,
                point=int(row.leverage_point),
                case_did=moves,
            )
        )
    return ExerciseSet(seed=seed, where=where, sort=tuple(sorts), deeper=tuple(deeper))


def score_where(answer: int, exercise: WhereExercise) -> float:
    """1 for the coder's point or a rival reading of it; 0.5 for a listed alternative or
    the reading a third coder set aside when two coders disagreed; 0 otherwise."""
    contest = exercise.contested
    if answer == exercise.expected or (
        contest and contest.decision == "rival" and answer == contest.rival
    ):
        return 1.0
    if answer in exercise.alternatives or (contest and answer == contest.other):
        return 0.5
    return 0.0


def where_feedback(answer: int, exercise: WhereExercise, names: dict[int, str]) -> str:
    score = score_where(answer, exercise)
    contest = exercise.contested
    if contest and answer == contest.other:
        verdict = {1.0: "Right: this is one of two readings the text supports."}.get(
            score, "Partly right: one of the two coders read it this way too."
        )
    else:
        verdict = {
            1.0: "Right.",
            0.5: "Partly right: the coder lists your point as an acceptable alternative.",
        }.get(score, "Not quite.")
    text = (
        f"You chose {answer} ({names[answer]}). {verdict} The coder tagged it {exercise.expected} "
        f"({names[exercise.expected]}): {without_citations(exercise.rationale)}"
    )
    return text + (" " + contest_note(contest, names) if contest else "")


def contest_note(contest: Contest, names: dict[int, str]) -> str:
    """Says that two coders disagreed, and why the tag is what it is."""
    readings = f"Two coders disagreed here: one read it as {contest.first} ({names[contest.first]}), the other as {contest.second} ({names[contest.second]})."
    if contest.decision == "rival":
        return (
            f"{readings} Both readings stand. The second reading, {contest.rival} "
            f"({names[cast(int, contest.rival)]}): {without_citations(contest.rival_rationale or '')}"
        )
    return f"{readings} A third coder settled it: {without_citations(contest.reason)}"


def discussion(tables: dict[str, pd.DataFrame]) -> list[dict]:
    """The contested interventions, as questions for a group to argue over: what was done,
    the two readings, and how the disagreement ended (to reveal after the argument)."""
    names = point_names(tables)
    interventions = tables["interventions"].set_index("id")
    titles = dict(zip(tables["cases"]["id"], tables["cases"]["title"], strict=True))
    items = []
    for intervention_id, contest in sorted(contests(tables).items()):
        row = interventions.loc[intervention_id]
        items.append(
            {
                "intervention_id": intervention_id,
                "case_title": titles[row["case_id"]],
                "what": without_citations(row["what"]),
                "readings": (
                    (contest.first, names[contest.first]),
                    (contest.second, names[contest.second]),
                ),
                "outcome": contest_note(contest, names),
            }
        )
    return items


def point_names(tables: dict[str, pd.DataFrame]) -> dict[int, str]:
    """Each leverage point's short name (without its parenthesised examples)."""
    points = tables["leverage_points"]
    return {int(i): short_name(name) for i, name in zip(points["id"], points["name"], strict=True)}


def ranks_problem(ranks: list[int | None], count: int) -> str | None:
    """Why a sort answer cannot be scored yet (a rank missing or given twice), or None."""
    if any(rank is None for rank in ranks):
        return "Give every intervention a rank first."
    if sorted(cast("list[int]", ranks)) != list(range(1, count + 1)):  # none is None
        return f"Give each intervention a different rank, from 1 to {count}."
    return None


def max_score(exercises: ExerciseSet) -> int:
    """The most a learner can score on a set: one point per exercise."""
    return len(exercises.where) + len(exercises.sort) + len(exercises.deeper)


def score_sort(order: list[str], exercise: SortExercise) -> float:
    """Share of pairs of interventions the learner put in the right order (1 = all)."""
    point = {i: p for i, _, p in exercise.items}
    pairs = [(a, b) for k, a in enumerate(order) for b in order[k + 1 :] if point[a] != point[b]]
    if not pairs:
        return 1.0
    return sum(point[a] > point[b] for a, b in pairs) / len(pairs)


def ladder(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> list[dict]:
    """The twelve points from shallow to deep, each with an intervention from the corpus."""
    tax = corpus.taxonomy
    inter = tables["interventions"].sort_values("id")
    titles = dict(zip(tables["cases"]["id"], tables["cases"]["title"], strict=True))
    rungs = []
    for number in range(12, 0, -1):
        point = tax.leverage_points[number]
        example = inter[inter["leverage_point"] == number].head(1)
        rungs.append(
            {
                "number": number,
                "name": point.name,
                "characteristic": tax.characteristics[point.characteristic].name,
                "description": point.description,
                "prompt": point.teaching_prompt,
                "example": None
                if example.empty
                else (example.iloc[0]["what"], titles[example.iloc[0]["case_id"]]),
            }
        )
    return rungs


def as_dict(exercises: ExerciseSet) -> dict:
    """An exercise set as plain data (for tests and for comparing sets)."""
    return asdict(exercises)
