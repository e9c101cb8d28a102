"""A learner's answers, the answer file they hand in, and a group's answers together.

The answer file is a CSV with the columns in :data:`ANSWER_COLUMNS`; a facilitator gathers
several and :func:`group_summary` shows where the group and the coding part ways. A bad
file is reported by name and skipped, never fatal for the others.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.errors import CasebookError
from casebook.package.intercoder import cohen_kappa

if TYPE_CHECKING:
    import pandas as pd

ANSWER_COLUMNS = [
    "learner",
    "seed",
    "kind",
    "exercise",
    "intervention_id",
    "answer",
    "expected",
    "score",
]


class AnswerFileError(CasebookError):
    """A learner's answer file cannot be read; the message says which file and why."""


@dataclass
class Answers:
    """One learner's answers, kept as rows of the answer file."""

    learner: str = ""
    seed: int = 1
    rows: list[dict] = field(default_factory=list)

    def record(
        self, kind: str, exercise: str, intervention_id: str, answer, expected, score: float
    ) -> None:
        self.rows = [
            r for r in self.rows if r["exercise"] != exercise
        ]  # a new try replaces the old one
        self.rows.append(
            {
                "learner": self.learner,
                "seed": self.seed,
                "kind": kind,
                "exercise": exercise,
                "intervention_id": intervention_id,
                "answer": answer,
                "expected": expected,
                "score": score,
            }
        )

    def kappa(self) -> float | None:
        where = [r for r in self.rows if r["kind"] == "where"]
        return cohen_kappa([int(r["answer"]) for r in where], [int(r["expected"]) for r in where])

    def score(self) -> float:
        return sum(r["score"] for r in self.rows)

    def csv(self) -> str:
        import pandas as pd

        frame = pd.DataFrame(
            [{**r, "learner": self.learner} for r in self.rows], columns=ANSWER_COLUMNS
        )
        return frame.to_csv(index=False, lineterminator="\n")


def read_answers(data: bytes | str | Path, name: str | None = None) -> pd.DataFrame:
    """Read one learner's answer file, checking that it is one.

    Raises
    ------
    AnswerFileError
        Naming the file and what is wrong with it (not CSV, columns missing, empty).
    """
    import pandas as pd

    if isinstance(data, Path):
        name = name or data.name
        data = data.read_bytes()
    name = name or "answer file"
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        frame = pd.read_csv(io.StringIO(text))
    except Exception as err:
        raise AnswerFileError(
            f"{name}: not a CSV file the lesson wrote ({err.__class__.__name__})"
        ) from None
    missing = [c for c in ANSWER_COLUMNS if c not in frame.columns]
    if missing:
        raise AnswerFileError(
            f"{name}: not a lesson answer file; missing column(s) {', '.join(missing)}. "
            "Ask the learner for the file saved from the lesson's Reflect tab."
        )
    if frame.empty:
        raise AnswerFileError(f"{name}: the file holds no answers")
    problems = row_problems(frame)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AnswerFileError(f"{name}: {problems[0]}{more}; the file is skipped")
    frame["learner"] = frame["learner"].fillna("").astype(str).replace("", Path(name).stem)
    frame["seed"] = frame["seed"].astype(int)
    frame["score"] = frame["score"].astype(float)
    return frame[ANSWER_COLUMNS]


KINDS = ("where", "sort", "deeper")
POINTED = ("where", "deeper")  # kinds whose answer and expected value are leverage points


def row_problems(frame: pd.DataFrame) -> list[str]:
    """Every value the lesson could not have written, as 'row N: column is ...' (row 2 is the
    first row under the header, as a spreadsheet numbers it)."""
    import pandas as pd

    problems = []
    score = pd.to_numeric(frame["score"], errors="coerce")
    seed = pd.to_numeric(frame["seed"], errors="coerce")
    for index, row in frame.iterrows():
        at = f"row {index + 2}"
        if row["kind"] not in KINDS:
            problems.append(f"{at}: kind is '{row['kind']}', not one of {', '.join(KINDS)}")
            continue
        if not (score[index] == score[index] and 0 <= score[index] <= 1):
            problems.append(f"{at}: score is '{row['score']}', not a number from 0 to 1")
        if not (seed[index] == seed[index] and float(seed[index]).is_integer()):
            problems.append(f"{at}: seed is '{row['seed']}', not a whole number")
        if row["kind"] in POINTED:
            for column in ("answer", "expected"):
                if not _point(row[column]):
                    problems.append(
                        f"{at}: {column} is '{row[column]}', not a leverage point from 1 to 12"
                    )
    return problems


def _point(value) -> bool:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return number.is_integer() and 1 <= number <= 12


def load_group(files: dict[str, bytes]) -> tuple[pd.DataFrame, list[str]]:
    """Read several answer files; bad ones are skipped and reported, never fatal.

    Two files under one learner name are two learners: their names get the file name added.
    """
    import pandas as pd

    read, problems = [], []
    for name, data in sorted(files.items()):
        try:
            read.append((name, read_answers(data, name)))
        except AnswerFileError as err:
            problems.append(str(err))
    owners: dict[str, int] = {}
    for _, frame in read:
        for learner in set(frame["learner"]):
            owners[learner] = owners.get(learner, 0) + 1
    for name, frame in read:
        shared = frame["learner"].map(owners) > 1
        frame.loc[shared, "learner"] = frame.loc[shared, "learner"] + f" ({name})"
    frames = [frame for _, frame in read]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ANSWER_COLUMNS)
    return frame, problems


def group_summary(answers: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per exercise: answers, mean score, most common answer and whether the group agreed
    with the coding, was tied, or disagreed; per learner: score and kappa."""
    import pandas as pd

    where = answers[answers["kind"] == "where"]
    per_exercise = (
        answers.groupby(["kind", "exercise", "intervention_id", "expected"], sort=False)
        .agg(
            answers=("learner", "size"),
            mean_score=("score", "mean"),
            most_common=("answer", lambda a: ";".join(sorted(a.astype(str).mode()))),
        )
        .reset_index()
    )
    per_exercise["mean_score"] = per_exercise["mean_score"].round(2)
    # Agreed: the coder's answer is the group's one most common answer; tied: it shares
    # first place with another; disagreed: it is not among the most common.
    verdicts = []
    for expected, common in zip(per_exercise["expected"], per_exercise["most_common"], strict=True):
        answers_most = common.split(";")
        if str(expected) not in answers_most:
            verdicts.append("disagreed")
        else:
            verdicts.append("agreed" if len(answers_most) == 1 else "tied")
    per_exercise["verdict"] = verdicts
    disagreed = per_exercise[
        (per_exercise["kind"] == "where") & (per_exercise["verdict"] != "agreed")
    ]
    learners = []
    for learner, rows in answers.groupby("learner"):
        mine = where[where["learner"] == learner]
        kappa = cohen_kappa([int(a) for a in mine["answer"]], [int(e) for e in mine["expected"]])
        learners.append(
            {
                "learner": learner,
                "answers": len(rows),
                "score": round(rows["score"].sum(), 2),
                "kappa": None if kappa is None else round(kappa, 2),
            }
        )
    return {
        "exercises": per_exercise,
        "disagreements": disagreed.reset_index(drop=True),
        "learners": pd.DataFrame(learners, columns=["learner", "answers", "score", "kappa"]),
    }


def readable(
    exercises: pd.DataFrame, what_of: dict[str, str], case_of: dict[str, str]
) -> pd.DataFrame:
    """A group table a facilitator can read: what each exercise was about (the
    intervention and its case) and sort orders as the cases in order, not ids."""
    import pandas as pd

    def about(kind: str, ids: str) -> str:
        if kind == "sort":
            return "sort by depth: " + ", ".join(case_of.get(i, i) for i in ids.split(";"))
        text = what_of.get(ids, ids)
        text = text if len(text) <= 140 else text[:139].rstrip() + "…"
        return f"{case_of.get(ids, '')}: {text}"

    def answer(kind: str, value) -> str:
        if kind == "sort":
            return " → ".join(case_of.get(i, i) for i in str(value).split(";"))
        return " or ".join(str(value).split(";"))  # several most common answers: a tie

    rows = [
        {
            "exercise": r.exercise,
            "about": about(r.kind, r.intervention_id),
            "answers": r.answers,
            "mean score": r.mean_score,
            "group's most common answer": answer(r.kind, r.most_common),
            "the coding's answer": answer(r.kind, r.expected),
            "verdict": r.verdict,
        }
        for r in exercises.itertuples()
    ]
    return pd.DataFrame(rows)
