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

from ..errors import CasebookError
from .agreement import cohen_kappa

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
    frame["learner"] = frame["learner"].fillna("").astype(str).replace("", Path(name).stem)
    return frame[ANSWER_COLUMNS]


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
    """Per exercise: answers, mean score, most common answer and whether the group disagreed
    with the coding; per learner: score and kappa."""
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
    # The group disagreed when the coder's answer is not among its most common answers.
    agreed = pd.Series(
        [
            str(e) in m.split(";")
            for e, m in zip(per_exercise["expected"], per_exercise["most_common"], strict=True)
        ],
        index=per_exercise.index,
        dtype=bool,
    )
    disagreed = per_exercise[(per_exercise["kind"] == "where") & ~agreed]
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
