"""The lesson as a widget app, for JupyterLab and for Voila (``casebook lesson``).

Widget wiring only: exercises, scoring, agreement and answer files are in the modules beside
this one, and every piece of markup is a macro of ``templates/lesson.html.j2``.
"""

from __future__ import annotations

from pathlib import Path

from casebook.content.citations import without_citations
from casebook.content.corpus import load_corpus
from casebook.lesson.agreement import kappa_in_words
from casebook.lesson.answers import Answers, group_summary, load_group, readable
from casebook.lesson.exercises import (
    discussion,
    exercise_set,
    ladder,
    max_score,
    ranks_problem,
    score_sort,
    score_where,
    where_feedback,
)
from casebook.package.tables import corpus_tables
from casebook.render.markup import download_link, macro, table_html

FEEDBACK_COLOURS = {"right": "#1b7837", "partly": "#8a6d00", "wrong": "#b2182b"}


def piece(name: str, **arguments) -> str:
    """One macro of the lesson's template, as the string a widget's value takes."""
    return str(macro("lesson.html.j2", name, **arguments))


class Lesson:
    """The lesson app. ``Lesson(source).app`` is the widget to display."""

    def __init__(self, source: str | Path | None = None, seed: int = 1, size: int = 8):
        self.corpus = load_corpus(Path(source) if source else None)
        self.tables = corpus_tables(self.corpus)
        self.names = {n: p.short_name for n, p in self.corpus.taxonomy.leverage_points.items()}
        self.answers = Answers(seed=seed)
        self._build(seed, size)
        self.new_set()

    def _build(self, seed: int, size: int) -> None:
        import ipywidgets as w

        # no point is chosen until the learner chooses one: a preset would count as an answer
        point_options = [("choose a point", None)] + [
            (f"{n} · {self.names[n]}", n) for n in range(12, 0, -1)
        ]
        # Explain
        characteristics = self.tables["characteristics"].sort_values("order")["name"]
        self.explain = w.HTML(
            piece(
                "ladder",
                rungs=ladder(self.corpus, self.tables),
                characteristics=list(characteristics),
            )
        )
        # Practise: set controls
        self.w_seed = w.BoundedIntText(value=seed, min=0, max=10**6, description="Set number")
        self.w_size = w.IntSlider(value=size, min=2, max=20, description="Exercises")
        self.w_new = w.Button(description="New exercise set", layout=w.Layout(width="auto"))
        self.w_new.on_click(self.new_set)
        self.w_new_note = w.HTML()
        self._confirming = False
        # where is it?
        self.w_where_text = w.HTML()
        self.w_where_answer = w.Dropdown(
            options=point_options, value=None, description="Point", layout=w.Layout(width="520px")
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
                w.HTML(piece("sort_intro")),
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
            options=point_options,
            value=None,
            description="Its point",
            layout=w.Layout(width="520px"),
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
        self.w_discuss = w.HTML(piece("discussion", items=discussion(self.tables)))
        practise = w.Tab(children=[where_box, sort_box, deeper_box, self.w_discuss])
        for i, title in enumerate(["Where is it?", "Sort by depth", "Go deeper", "Discuss"]):
            practise.set_title(i, title)
        self.practise = w.VBox(
            [w.HBox([self.w_seed, self.w_size, self.w_new]), self.w_new_note, practise]
        )
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

    # --- behaviour ----------------------------------------------------------------------

    def open_link(self, query: dict[str, list[str]]) -> None:
        """Start the set a link names (``?seed=7&size=10``), so a trainer can hand a room one
        address and every learner gets the same exercises. Anything else is ignored."""
        changed = False
        for name, widget in (("seed", self.w_seed), ("size", self.w_size)):
            given = query.get(name, [""])[-1].strip()
            if given.isdigit() and widget.min <= int(given) <= widget.max:
                widget.value, changed = int(given), True
        if changed:
            self.new_set()

    def new_set(self, _=None) -> None:
        """A new exercise set; with answers given, only on a second press (they are lost)."""
        if _ is not None and self.answers.rows and not self._confirming:
            self._confirming = True
            self.w_new_note.value = piece(
                "hint",
                text=f"A new set discards your {len(self.answers.rows)} "
                f"answer{'' if len(self.answers.rows) == 1 else 's'} (save them "
                "under Reflect first). Press New exercise set again to go ahead.",
            )
            return
        self._confirming = False
        if hasattr(self, "w_new_note"):
            self.w_new_note.value = ""
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
                    options=[("rank", None), *range(1, len(exercise.items) + 1)],
                    value=None,
                    description=f"{k + 1}.",
                    layout=w.Layout(width="140px"),
                )
                for k in range(len(exercise.items))
            ]
            cases = exercise.cases or ("",) * len(exercise.items)
            self.w_sort_box.children = [
                w.HBox([rank, w.Label(f"{without_citations(what)} ({case})")])
                for rank, (_, what, _), case in zip(
                    self.sort_ranks, exercise.items, cases, strict=True
                )
            ]
        self.w_sort_feedback.value = ""

    def _advance(self, kind: str, label: str, feedback) -> bool:
        """Move to the next exercise of ``kind`` ('where', 'sort', 'deeper'); after the last
        one, say so in ``feedback`` instead of starting over. True when it moved."""
        exercises = getattr(self.set, kind)
        index = getattr(self, f"{kind}_index")
        if not exercises:
            return False
        if index + 1 >= len(exercises):
            feedback.value = piece("finished", kind=label, total=len(exercises))
            return False
        setattr(self, f"{kind}_index", index + 1)
        return True

    def next_sort(self, _=None) -> None:
        if self._advance("sort", "sort-by-depth", self.w_sort_feedback):
            self._show_sort()

    def _show_where(self) -> None:
        exercise = self.set.where[self.where_index]
        self.w_where_text.value = piece(
            "where_exercise",
            number=self.where_index + 1,
            total=len(self.set.where),
            case_title=exercise.case_title,
            what=without_citations(exercise.what),
        )
        self.w_where_answer.value = None
        self.w_where_feedback.value = ""

    def check_where(self, _=None) -> None:
        exercise = self.set.where[self.where_index]
        if self.w_where_answer.value is None:
            self.w_where_feedback.value = piece("hint", text="Choose a point first.")
            return
        answer = int(self.w_where_answer.value)
        score = score_where(answer, exercise)
        self.answers.record(
            "where", exercise.id, exercise.intervention_id, answer, exercise.expected, score
        )
        css = {1.0: "right", 0.5: "partly"}.get(score, "wrong")
        self.w_where_feedback.value = piece(
            "feedback",
            css=css,
            colour=FEEDBACK_COLOURS[css],
            text=where_feedback(answer, exercise, self.names),
        )
        self._summary()

    def next_where(self, _=None) -> None:
        if self._advance("where", "where-is-it", self.w_where_feedback):
            self._show_where()

    def check_sort(self, _=None) -> None:
        exercise = self.set.sort[self.sort_index]
        ranks = [r.value for r in self.sort_ranks]
        problem = ranks_problem(ranks, len(exercise.items))
        if problem:
            self.w_sort_feedback.value = piece("hint", text=problem)
            return
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
        self.w_sort_feedback.value = piece(
            "sort_feedback",
            score=score,
            items=[
                (without_citations(what), p)
                for _, what, p in sorted(exercise.items, key=lambda item: -item[2])
            ],
            names=self.names,
        )
        self._summary()

    def _show_deeper(self) -> None:
        if not self.set.deeper:
            self.w_deeper_text.value = piece("no_deeper")
            return
        exercise = self.set.deeper[self.deeper_index]
        self.w_deeper_text.value = piece(
            "deeper_exercise",
            case_title=exercise.case_title,
            point=exercise.point,
            point_name=self.names[exercise.point],
            what=without_citations(exercise.what),
        )
        self.w_deeper_feedback.value = ""

    def next_deeper(self, _=None) -> None:
        if self._advance("deeper", "go-deeper", self.w_deeper_feedback):
            self.w_deeper_idea.value = ""
            self.w_deeper_point.value = None
            self._show_deeper()

    def check_deeper(self, _=None) -> None:
        exercise = self.set.deeper[self.deeper_index]
        if self.w_deeper_point.value is None:
            self.w_deeper_feedback.value = piece("hint", text="Choose a point for your idea first.")
            return
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
        self.w_deeper_feedback.value = piece(
            "deeper_feedback",
            deeper=deeper,
            items=[(without_citations(what), p) for what, p in exercise.case_did],
            names=self.names,
        )
        self._summary()

    def _summary(self) -> None:
        kappa = self.answers.kappa()
        done = len(self.answers.rows)
        self.w_summary.value = piece(
            "summary",
            done=done,
            score=self.answers.score(),
            kappa=kappa,
            words=kappa_in_words(kappa),
            maximum=max_score(self.set),
        )

    def save(self, _=None) -> None:
        self.answers.learner = self.w_name.value.strip() or "learner"
        name = f"answers-{self.answers.learner.replace(' ', '-').lower()}.csv"
        self.w_saved.value = piece(
            "saved", link=download_link(self.answers.csv().encode("utf-8"), name, "text/csv", name)
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
                self.w_group.value = piece("no_folder", folder=folder)
                return
        answers, problems = load_group(files)
        if answers.empty:
            self.w_group.value = piece(
                "group", problems=problems, learners=None, exercises=None, disagreements=None
            )
            return
        summary = group_summary(answers)
        inter = self.tables["interventions"]
        titles = dict(zip(self.tables["cases"]["id"], self.tables["cases"]["title"], strict=True))
        what_of = dict(zip(inter["id"], inter["what"].map(without_citations), strict=True))
        case_of = {i: titles[c] for i, c in zip(inter["id"], inter["case_id"], strict=True)}
        disagreements = summary["disagreements"]
        self.w_group.value = piece(
            "group",
            problems=problems,
            learners=table_html(summary["learners"]),
            exercises=table_html(readable(summary["exercises"], what_of, case_of)),
            disagreements=table_html(readable(disagreements, what_of, case_of))
            if len(disagreements)
            else None,
        )
