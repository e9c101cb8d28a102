"""A trainer's lesson in leverage-point thinking, built from the corpus.

The exercises are drawn from the cases' own interventions and their coders' rationales, so
every new case enriches the lesson. The pure part (exercise sets from a seed, scoring,
Cohen's kappa, answer files, the group summary) is plain Python and pandas; :class:`Lesson`
lays ipywidgets around it for JupyterLab and for the Voila app (``casebook lesson``).
"""

from __future__ import annotations

import html
import io
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CasebookError

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

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
SHALLOW = range(7, 13)  # parameters and feedbacks: where "go deeper" exercises start
FEEDBACK_COLOURS = {"right": "#1b7837", "partly": "#8a6d00", "wrong": "#b2182b"}


class AnswerFileError(CasebookError):
    """A learner's answer file cannot be read; the message says which file and why."""


# --- exercises -----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class SortExercise:
    """'Sort by depth': order interventions from shallow (12) to deep (1)."""

    id: str
    items: tuple[
        tuple[str, str, int], ...
    ]  # (intervention id, what, leverage point), shown shuffled

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


def exercise_set(tables: dict[str, pd.DataFrame], seed: int = 1, size: int = 8) -> ExerciseSet:
    """Exercises drawn from the corpus' interventions, the same for the same seed and size.

    ``size`` where-is-it exercises, one sort-by-depth exercise of up to five interventions at
    different points for every four of those, and up to ``size // 2`` go-deeper exercises.
    """
    rng = random.Random(seed)
    inter = tables["interventions"].sort_values("id").reset_index(drop=True)
    titles = dict(zip(tables["cases"]["id"], tables["cases"]["title"], strict=True))
    picked = rng.sample(range(len(inter)), min(size, len(inter)))
    where = tuple(
        WhereExercise(
            id=f"where-{n + 1}",
            intervention_id=row.id,
            case_title=titles[row.case_id],
            what=row.what,
            expected=int(row.leverage_point),
            alternatives=_alternatives(row.alternatives),
            rationale=row.rationale,
        )
        for n, row in enumerate(inter.iloc[picked].itertuples())
    )
    sorts = []
    for n in range(max(1, size // 4)):
        by_point = {}
        for index in rng.sample(range(len(inter)), len(inter)):
            row = inter.iloc[index]
            by_point.setdefault(
                int(row.leverage_point), (row.id, row.what, int(row.leverage_point))
            )
            if len(by_point) == 5:
                break
        if len(by_point) >= 2:
            items = list(by_point.values())
            rng.shuffle(items)
            sorts.append(SortExercise(id=f"sort-{n + 1}", items=tuple(items)))
    deeper = []
    shallow = inter[inter["leverage_point"].isin(SHALLOW)]
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


# --- scoring -------------------------------------------------------------------------------


def score_where(answer: int, exercise: WhereExercise) -> float:
    """1 for the coder's point, 0.5 for a listed alternative, 0 otherwise."""
    if answer == exercise.expected:
        return 1.0
    return 0.5 if answer in exercise.alternatives else 0.0


def where_feedback(answer: int, exercise: WhereExercise, names: dict[int, str]) -> str:
    score = score_where(answer, exercise)
    verdict = {
        1.0: "Right.",
        0.5: "Partly right: the coder lists your point as an acceptable alternative.",
    }.get(score, "Not quite.")
    return (
        f"You chose {answer} ({names[answer]}). {verdict} The coder tagged it {exercise.expected} "
        f"({names[exercise.expected]}): {_plain(exercise.rationale)}"
    )


def _plain(text: str) -> str:
    """Text without its [@source] citations (the lesson shows no reference list)."""
    from .corpus import CITATION_GROUP

    return " ".join(CITATION_GROUP.sub("", text).split())


def score_sort(order: list[str], exercise: SortExercise) -> float:
    """Share of pairs of interventions the learner put in the right order (1 = all)."""
    point = {i: p for i, _, p in exercise.items}
    pairs = [(a, b) for k, a in enumerate(order) for b in order[k + 1 :] if point[a] != point[b]]
    if not pairs:
        return 1.0
    return sum(point[a] > point[b] for a, b in pairs) / len(pairs)


def cohen_kappa(learner: list, expert: list) -> float | None:
    """Cohen's kappa between two codings of the same items.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the observed share of agreement and p_e the
    agreement expected by chance from each coder's marginal shares. None when there are no
    items, 1.0 when both coders use a single, identical category throughout.
    """
    if not learner or len(learner) != len(expert):
        return None
    n = len(learner)
    observed = sum(a == b for a, b in zip(learner, expert, strict=True)) / n
    categories = set(learner) | set(expert)
    expected = sum((learner.count(c) / n) * (expert.count(c) / n) for c in categories)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


# Landis and Koch (1977), "The measurement of observer agreement for categorical data",
# Biometrics 33(1), 159-174, https://doi.org/10.2307/2529310: the usual plain-words bands.
KAPPA_BANDS = [
    (0.20, "slight agreement"),
    (0.40, "fair agreement"),
    (0.60, "moderate agreement"),
    (0.80, "substantial agreement"),
    (1.0, "almost perfect agreement"),
]


def kappa_in_words(kappa: float | None) -> str:
    if kappa is None:
        return "no answers yet"
    if kappa < 0:
        return "less than chance agreement: you and the coder agree less often than guessing would"
    label = next(text for limit, text in KAPPA_BANDS if kappa <= limit + 1e-12)
    return (
        f"{label} (Landis and Koch's bands): beyond what chance alone would give, you and the coder "
        f"agree {max(kappa, 0):.0%} of the way to full agreement"
    )


# --- answers and the group -----------------------------------------------------------------


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


# --- the widget app ------------------------------------------------------------------------


def _esc(text) -> str:
    return html.escape(str(text))


class Lesson:
    """The lesson app. ``Lesson(source).app`` is the widget to display."""

    def __init__(self, source: str | Path | None = None, seed: int = 1, size: int = 8):
        from .corpus import load_corpus
        from .tables import corpus_tables

        self.corpus = load_corpus(Path(source) if source else None)
        self.tables = corpus_tables(self.corpus)
        self.names = {
            n: p.name.split(" (")[0] for n, p in self.corpus.taxonomy.leverage_points.items()
        }
        self.answers = Answers(seed=seed)
        self._build(seed, size)
        self.new_set()

    def _build(self, seed: int, size: int) -> None:
        import ipywidgets as w

        point_options = [(f"{n} · {self.names[n]}", n) for n in range(12, 0, -1)]
        # Explain
        self.explain = w.HTML(self._ladder_html())
        # Practise: set controls
        self.w_seed = w.BoundedIntText(value=seed, min=0, max=10**6, description="Set number")
        self.w_size = w.IntSlider(value=size, min=2, max=20, description="Exercises")
        self.w_new = w.Button(description="New exercise set", layout=w.Layout(width="auto"))
        self.w_new.on_click(self.new_set)
        # where is it?
        self.w_where_text = w.HTML()
        self.w_where_answer = w.Dropdown(
            options=point_options, description="Point", layout=w.Layout(width="520px")
        )
        self.w_where_check = w.Button(description="Check")
        self.w_where_next = w.Button(description="Next")
        self.w_where_feedback = w.HTML()
        self.w_where_check.on_click(self.check_where)
        self.w_where_next.on_click(self.next_where)
        where_box = w.VBox(
            [
                self.w_where_text,
                self.w_where_answer,
                w.HBox([self.w_where_check, self.w_where_next]),
                self.w_where_feedback,
            ]
        )
        # sort by depth
        self.w_sort_box = w.VBox()
        self.w_sort_check = w.Button(description="Check order")
        self.w_sort_check.on_click(self.check_sort)
        self.w_sort_next = w.Button(description="Next")
        self.w_sort_next.on_click(self.next_sort)
        self.w_sort_feedback = w.HTML()
        sort_box = w.VBox(
            [
                w.HTML("<p>Give each intervention its rank, 1 for the shallowest.</p>"),
                self.w_sort_box,
                w.HBox([self.w_sort_check, self.w_sort_next]),
                self.w_sort_feedback,
            ]
        )
        # go deeper
        self.w_deeper_text = w.HTML()
        self.w_deeper_idea = w.Textarea(
            placeholder="A deeper intervention you would try", layout=w.Layout(width="520px")
        )
        self.w_deeper_point = w.Dropdown(
            options=point_options, description="Its point", layout=w.Layout(width="520px")
        )
        self.w_deeper_submit = w.Button(description="Compare with the case")
        self.w_deeper_submit.on_click(self.check_deeper)
        self.w_deeper_next = w.Button(description="Next")
        self.w_deeper_next.on_click(self.next_deeper)
        self.w_deeper_feedback = w.HTML()
        deeper_box = w.VBox(
            [
                self.w_deeper_text,
                self.w_deeper_idea,
                self.w_deeper_point,
                w.HBox([self.w_deeper_submit, self.w_deeper_next]),
                self.w_deeper_feedback,
            ]
        )
        practise = w.Tab(children=[where_box, sort_box, deeper_box])
        for i, title in enumerate(["Where is it?", "Sort by depth", "Go deeper"]):
            practise.set_title(i, title)
        self.practise = w.VBox([w.HBox([self.w_seed, self.w_size, self.w_new]), practise])
        # Reflect
        self.w_name = w.Text(description="Your name", placeholder="for the answer file")
        self.w_summary = w.HTML()
        self.w_save = w.Button(description="Save my answers", layout=w.Layout(width="auto"))
        self.w_save.on_click(self.save)
        self.w_saved = w.HTML()
        self.reflect = w.VBox([self.w_summary, self.w_name, self.w_save, self.w_saved])
        # Facilitator
        self.w_upload = w.FileUpload(accept=".csv", multiple=True, description="Answer files")
        self.w_folder = w.Text(
            description="or a folder",
            placeholder="path to a folder of CSV files",
            layout=w.Layout(width="520px"),
        )
        self.w_load = w.Button(description="Show the group")
        self.w_load.on_click(self.load_group)
        self.w_group = w.HTML()
        self.facilitator = w.VBox([self.w_upload, self.w_folder, self.w_load, self.w_group])
        self.app = w.Tab(children=[self.explain, self.practise, self.reflect, self.facilitator])
        for i, title in enumerate(["Explain", "Practise", "Reflect", "Facilitator"]):
            self.app.set_title(i, title)

    def _ladder_html(self) -> str:
        rows = []
        for rung in ladder(self.corpus, self.tables):
            example = (
                f"<br><em>In the corpus:</em> {_esc(rung['example'][0])} ({_esc(rung['example'][1])})"
                if rung["example"]
                else ""
            )
            rows.append(
                f"<tr><td><b>{rung['number']}</b></td><td>{_esc(rung['characteristic'])}</td>"
                f"<td><b>{_esc(rung['name'])}</b><br>{_esc(rung['description'])}{example}"
                f"<br><em>Ask:</em> {_esc(rung['prompt'])}</td></tr>"
            )
        return (
            "<h3>Twelve places to intervene, from shallow to deep</h3><p>Donella Meadows ranked the places "
            "where a change can be made in a system; Abson and colleagues group them into four system "
            "characteristics: parameters, feedbacks, design and intent. Deeper points are harder to move and "
            "change more.</p><table class='ladder'><tr><th>point</th><th>characteristic</th><th>what it is</th>"
            f"</tr>{''.join(rows)}</table>"
        )

    # --- behaviour ----------------------------------------------------------------------

    def new_set(self, _=None) -> None:

        self.set = exercise_set(self.tables, self.w_seed.value, self.w_size.value)
        self.answers = Answers(
            learner=self.w_name.value if hasattr(self, "w_name") else "", seed=self.set.seed
        )
        self.where_index = 0
        self._show_where()
        self.sort_index = 0
        self._show_sort()
        self.deeper_index = 0
        self._show_deeper()
        self._summary()

    def _show_sort(self) -> None:
        import ipywidgets as w

        self.sort_ranks = []
        if self.set.sort:
            exercise = self.set.sort[self.sort_index]
            self.sort_ranks = [
                w.Dropdown(
                    options=list(range(1, len(exercise.items) + 1)),
                    value=k + 1,
                    description=f"{k + 1}.",
                    layout=w.Layout(width="140px"),
                )
                for k in range(len(exercise.items))
            ]
            self.w_sort_box.children = [
                w.HBox([rank, w.HTML(f"{_esc(_plain(what))}")])
                for rank, (_, what, _) in zip(self.sort_ranks, exercise.items, strict=True)
            ]
        self.w_sort_feedback.value = ""

    def next_sort(self, _=None) -> None:
        if self.set.sort:
            self.sort_index = (self.sort_index + 1) % len(self.set.sort)
            self._show_sort()

    def _show_where(self) -> None:
        exercise = self.set.where[self.where_index]
        self.w_where_text.value = (
            f"<p class='exercise'>Exercise {self.where_index + 1} of {len(self.set.where)}. "
            f"In <b>{_esc(exercise.case_title)}</b>:</p><blockquote>{_esc(_plain(exercise.what))}"
            "</blockquote><p>Where in the system does this intervene?</p>"
        )
        self.w_where_feedback.value = ""

    def check_where(self, _=None) -> None:
        exercise = self.set.where[self.where_index]
        answer = int(self.w_where_answer.value)
        score = score_where(answer, exercise)
        self.answers.record(
            "where", exercise.id, exercise.intervention_id, answer, exercise.expected, score
        )
        css = {1.0: "right", 0.5: "partly"}.get(score, "wrong")
        colour = FEEDBACK_COLOURS[css]  # inline: widget HTML may not keep a <style> block
        self.w_where_feedback.value = f"<p class='feedback {css}' style='color:{colour}'>{_esc(where_feedback(answer, exercise, self.names))}</p>"
        self._summary()

    def _coded(self, items: list[tuple[str, int]]) -> str:
        """List items for interventions with the point they are coded at."""
        return "".join(
            f"<li>{p} · {_esc(self.names[p])}: {_esc(_plain(what))}</li>" for what, p in items
        )

    def next_where(self, _=None) -> None:
        self.where_index = (self.where_index + 1) % len(self.set.where)
        self._show_where()

    def check_sort(self, _=None) -> None:
        exercise = self.set.sort[self.sort_index]
        ranks = [r.value for r in self.sort_ranks]
        order = [
            item[0]
            for _, item in sorted(zip(ranks, exercise.items, strict=True), key=lambda x: x[0])
        ]
        score = score_sort(order, exercise)
        self.answers.record(
            "sort",
            exercise.id,
            ";".join(i for i, _, _ in exercise.items),
            ";".join(order),
            ";".join(exercise.expected),
            round(score, 4),
        )
        right = self._coded(
            [(what, p) for _, what, p in sorted(exercise.items, key=lambda item: -item[2])]
        )
        self.w_sort_feedback.value = (
            f"<p class='feedback'>{score:.0%} of the pairs are in the right order. "
            f"From shallow to deep, as coded:</p><ol>{right}</ol>"
        )
        self._summary()

    def _show_deeper(self) -> None:
        if not self.set.deeper:
            self.w_deeper_text.value = (
                "<p>No case in this corpus has a shallow move followed by a deeper one.</p>"
            )
            return
        exercise = self.set.deeper[self.deeper_index]
        self.w_deeper_text.value = (
            f"<p>In <b>{_esc(exercise.case_title)}</b>, at point {exercise.point} "
            f"({_esc(self.names[exercise.point])}):</p><blockquote>{_esc(_plain(exercise.what))}"
            "</blockquote><p>What deeper intervention would you try? Write it and tag it.</p>"
        )
        self.w_deeper_feedback.value = ""

    def next_deeper(self, _=None) -> None:
        if self.set.deeper:
            self.deeper_index = (self.deeper_index + 1) % len(self.set.deeper)
            self.w_deeper_idea.value = ""
            self._show_deeper()

    def check_deeper(self, _=None) -> None:
        exercise = self.set.deeper[self.deeper_index]
        point = int(self.w_deeper_point.value)
        deeper = point < exercise.point
        self.answers.record(
            "deeper",
            exercise.id,
            exercise.intervention_id,
            point,
            exercise.point,
            1.0 if deeper else 0.0,
        )
        did = self._coded(list(exercise.case_did))
        verdict = (
            "Your idea works deeper than the original move."
            if deeper
            else "Your idea sits at the same depth or shallower: look further down the ladder."
        )
        self.w_deeper_feedback.value = f"<p class='feedback'>{verdict} What the case itself did at deeper points:</p><ul>{did}</ul>"
        self._summary()

    def _summary(self) -> None:
        kappa = self.answers.kappa()
        done = len(self.answers.rows)
        self.w_summary.value = (
            f"<h3>Your results</h3><p>{done} answers, score {self.answers.score():.1f}.</p>"
            f"<p>Agreement with the expert coding (Cohen's kappa over the where-is-it exercises): "
            f"<b>{'–' if kappa is None else f'{kappa:.2f}'}</b>, {_esc(kappa_in_words(kappa))}.</p>"
        )

    def save(self, _=None) -> None:
        from .explorer import download_link

        self.answers.learner = self.w_name.value.strip() or "learner"
        name = f"answers-{self.answers.learner.replace(' ', '-').lower()}.csv"
        self.w_saved.value = (
            "<p>Hand this file to your trainer: "
            + download_link(self.answers.csv().encode("utf-8"), name, "text/csv", name)
            + "</p>"
        )

    def load_group(self, _=None) -> None:
        files = {}
        for item in self.w_upload.value:  # ipywidgets 8: a tuple of dicts with name and content
            files[item["name"]] = bytes(item["content"])
        folder = self.w_folder.value.strip()
        if folder:
            path = Path(folder).expanduser()
            if path.is_dir():
                files.update({p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))})
            else:
                self.w_group.value = f"<p class='problem'>{_esc(folder)}: no such folder.</p>"
                return
        answers, problems = load_group(files)
        skipped = "".join(f"<li>{_esc(p)} (skipped)</li>" for p in problems)
        parts = [f"<ul class='problems'>{skipped}</ul>" if skipped else ""]
        if answers.empty:
            parts.append("<p>No answers to show yet.</p>")
        else:
            summary = group_summary(answers)
            parts += [
                "<h3>Learners</h3>",
                summary["learners"].to_html(index=False),
                "<h3>Per exercise</h3>",
                summary["exercises"].to_html(index=False),
                "<h3>Where the group disagreed with the coding</h3>",
                summary["disagreements"].to_html(index=False)
                if len(summary["disagreements"])
                else "<p>Nowhere: the group's most common answer matched the coding every time.</p>",
            ]
        self.w_group.value = "".join(parts)


def as_dict(exercises: ExerciseSet) -> dict:
    """An exercise set as plain data (for tests and for comparing sets)."""
    return asdict(exercises)
