"""The workshop as a widget app, for JupyterLab and for Voila (``casebook workshop``).

Widget wiring only: the file's shape is :mod:`.model`, saving and merging :mod:`.store`,
the group view and the examples :mod:`.views`, the canvas :mod:`.canvas`. The widgets hold
the team's answers; :meth:`WorkshopApp.collect` turns them into a checked
:class:`~.model.Workshop`, which is what is saved.
"""

from __future__ import annotations

from pathlib import Path

from casebook import paths
from casebook.content.corpus import load_corpus
from casebook.errors import CasebookError, ContentError, display_path
from casebook.render.markup import download_link, macro
from casebook.workshop import prompts
from casebook.workshop.canvas import SERVE_COLOURS, canvas_html
from casebook.workshop.form import fill, read
from casebook.workshop.model import (
    WORKSHOP_FORMAT,
    Initiative,
    ParticipantRatings,
    Rating,
    Workshop,
)
from casebook.workshop.store import load_workshop, merge_ratings, ratings_text, save_workshop
from casebook.workshop.views import (
    alignment_table,
    group_ratings,
    most_disagreed,
    off_purpose,
    point_choices,
    purpose_examples,
)

DEFAULT_FILE = "new-workshop.yml"


def piece(name: str, **arguments) -> str:
    return str(macro("workshop_app.html.j2", name, **arguments))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class WorkshopApp:
    """``WorkshopApp(path).app`` is the widget to display; ``path`` is the workshop file
    (opened when it exists, created on the first save when it does not)."""

    def __init__(self, path: str | Path | None = None, source: str | Path | None = None):
        self.path = Path(path) if path else paths.ROOT / "workshops" / DEFAULT_FILE
        self.corpus = load_corpus(Path(source) if source else None)
        self.taxonomy = self.corpus.taxonomy
        opened = load_workshop(self.path) if self.path.exists() else None
        self.workshop = opened or Workshop(format=WORKSHOP_FORMAT, team="Our team")
        self._build()
        self.show(self.workshop)

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        import ipywidgets as w

        wide = w.Layout(width="640px")
        area = w.Layout(width="640px", height="64px")
        self.w_team = w.Text(description="Team", layout=wide)
        self.w_facilitator = w.Text(description="Facilitator", layout=wide)
        self.w_save = w.Button(description="Save", button_style="primary")
        self.w_save.on_click(self.save)
        self.w_canvas = w.Button(description="Make the canvas")
        self.w_canvas.on_click(self.make_canvas)
        self.w_status = w.HTML()
        top = w.VBox(
            [
                w.HTML(piece("intro", file=display_path(self.path))),
                self.w_team,
                self.w_facilitator,
                w.HBox([self.w_save, self.w_canvas]),
                self.w_status,
            ]
        )
        # Where we stand
        self.w_participant = w.Text(description="Your name", layout=wide)
        self.w_levels, self.w_evidence = {}, {}
        # 0 stands for "nothing chosen yet": a None value would show an empty box
        level_options = [("choose a level", 0)] + [(t, n) for n, t in prompts.LEVELS.items()]
        rows = [w.HTML(piece("statements_intro", credit=prompts.SELF_ASSESSMENT.credit))]
        for key, text in prompts.STATEMENTS.items():
            self.w_levels[key] = w.Dropdown(options=level_options, value=0, layout=wide)
            self.w_evidence[key] = w.Text(placeholder="one line of evidence", layout=wide)
            rows += [
                w.HTML(piece("statement", text=text)),
                self.w_levels[key],
                self.w_evidence[key],
            ]
        self.w_record = w.Button(description="Record my ratings", layout=w.Layout(width="200px"))
        self.w_record.on_click(self.record_ratings)
        self.w_asked = w.BoundedIntText(min=0, max=10**9, description="Asked")
        self.w_could = w.BoundedIntText(min=0, max=10**9, description="Could say")
        self.w_upload = w.FileUpload(
            accept=".yml,.yaml", multiple=True, description="Ratings files"
        )
        self.w_merge = w.Button(description="Merge ratings files")
        self.w_merge.on_click(self.merge_uploads)
        self.w_group = w.HTML()
        stand = w.VBox(
            [self.w_participant, *rows, self.w_record,
             w.HTML(piece("check", text=prompts.CHUGACH_CHECK, credit=prompts.CONVERSATION.credit)),
             w.HBox([self.w_asked, self.w_could]),
             w.HBox([self.w_upload, self.w_merge]), self.w_group]
        )  # fmt: skip
        # The conversation
        self.w_answers = {k: w.Textarea(layout=area) for k in prompts.QUESTIONS}
        questions = [
            x
            for k, q in prompts.QUESTIONS.items()
            for x in (w.HTML(piece("question", text=q)), self.w_answers[k])
        ]
        self.w_people = w.Textarea(placeholder="one successful person per line", layout=area)
        self.w_traits = w.Textarea(placeholder="one graduate trait per line", layout=area)
        examples = w.HTML(piece("examples", examples=purpose_examples(self.corpus)))
        talk = w.VBox(
            [w.HTML(piece("questions_intro", credit=prompts.CONVERSATION.credit)), *questions,
             w.HTML(piece("question", text=prompts.SUCCESSFUL_PERSON)), self.w_people,
             self.w_traits, w.Accordion(children=[examples], titles=("Purposes from the cases",))]
        )  # fmt: skip
        # Who is in the room
        self.w_involved = w.SelectMultiple(
            options=[(v, k) for k, v in prompts.GROUPS.items()], description="Involved"
        )
        self.w_missing = w.SelectMultiple(
            options=[(v, k) for k, v in prompts.GROUPS.items()], description="Missing"
        )
        self.w_domains = w.SelectMultiple(
            options=[(v, k) for k, v in prompts.DOMAINS.items()], description="Domains", rows=6
        )
        self.w_revisit = w.Text(description="Revisit", placeholder="when and how", layout=wide)
        room = w.VBox([w.HTML(piece("room_intro", credit=prompts.CO_CREATION.credit)), self.w_involved, self.w_missing, self.w_domains, self.w_revisit])  # fmt: skip
        # Living it
        self.w_purpose = w.Textarea(placeholder="our draft purpose statement", layout=area)
        self.w_staff = w.Textarea(placeholder="staff behaviours, one per line", layout=area)
        self.w_students = w.Textarea(placeholder="student behaviours, one per line", layout=area)
        self.w_commitments = w.Textarea(
            placeholder="collective commitments, one per line", layout=area
        )
        self.w_protocol = {
            k: w.Text(description=label, layout=wide, style={"description_width": "150px"})
            for k, label in (("who_checks", "Who checks"), ("how_often", "How often"),
                             ("when_off_purpose", "When off purpose"), ("newcomers", "Newcomers"))
        }  # fmt: skip
        self.w_reflections = {k: w.Textarea(layout=area) for k in prompts.REFLECTIONS}
        reflections = [
            x
            for k, q in prompts.REFLECTIONS.items()
            for x in (w.HTML(piece("question", text=q)), self.w_reflections[k])
        ]
        living = w.VBox(
            [w.HTML(piece("living_intro", credit=prompts.ALIGNMENT.credit, newcomers=prompts.NEWCOMERS)),
             self.w_purpose, self.w_staff, self.w_students, self.w_commitments,
             *self.w_protocol.values(), *reflections]
        )  # fmt: skip
        # Alignment check
        self.initiatives: list[Initiative] = []
        self.w_name = w.Text(description="Initiative", layout=wide)
        self.w_point = w.Dropdown(
            options=[("choose a point", 0), *point_choices(self.taxonomy)],
            value=0,
            description="Point",
            layout=wide,
        )
        self.w_point.observe(self._show_point, names="value")
        self.w_point_help = w.HTML()
        self.w_serves = w.ToggleButtons(
            options=[(v, k) for k, v in prompts.SERVES.items()], value=None
        )
        self.w_add = w.Button(description="Add initiative")
        self.w_add.on_click(self.add_initiative)
        self.w_remove = w.Button(description="Remove the last")
        self.w_remove.on_click(self.remove_initiative)
        self.w_portfolio = w.HTML()
        align = w.VBox([self.w_name, self.w_point, self.w_point_help, self.w_serves, w.HBox([self.w_add, self.w_remove]), self.w_portfolio])  # fmt: skip
        titles = [
            "Where we stand",
            "The conversation",
            "Who is in the room",
            "Living it",
            "Alignment check",
        ]
        self.steps = w.Tab(children=[stand, talk, room, living, align], titles=titles)
        self.app = w.VBox([top, self.steps])

    # --- state <-> widgets ---------------------------------------------------------------

    def show(self, workshop: Workshop) -> None:
        """Put a workshop's answers into the widgets."""
        self.workshop = workshop
        fill(self, workshop)
        self._refresh()

    def collect(self) -> Workshop:
        """The widgets' answers as a checked workshop (raises pydantic's ValidationError)."""
        return read(self)

    # --- behaviour ------------------------------------------------------------------------

    def _status(self, text: str, ok: bool = True) -> None:
        self.w_status.value = piece("status", text=text, ok=ok)

    def _refresh(self) -> None:
        self.w_group.value = piece(
            "group",
            views=group_ratings(self.workshop),
            apart=most_disagreed(self.workshop),
            levels=prompts.LEVELS,
            people=len(self.workshop.where_we_stand.participants),
        )
        draft = self.workshop.model_copy(update={"alignment": list(self.initiatives)})
        self.w_portfolio.value = piece(
            "portfolio",
            initiatives=self.initiatives,
            names={n: p.short_name for n, p in self.taxonomy.leverage_points.items()},
            serves=prompts.SERVES,
            table=alignment_table(draft, self.taxonomy),
            colours=SERVE_COLOURS,
            off=off_purpose(draft),
        )

    def _show_point(self, change=None) -> None:
        point = self.w_point.value
        self.w_point_help.value = (
            piece("point", point=self.taxonomy.leverage_points[point]) if point else ""
        )

    def record_ratings(self, _=None) -> None:
        """Add or replace this participant's ratings in the workshop (saved with Save)."""
        name = self.w_participant.value.strip()
        ratings = [
            Rating(
                statement=k, level=widget.value, evidence=self.w_evidence[k].value.strip() or None
            )
            for k, widget in self.w_levels.items()
            if widget.value
        ]
        if not name or not ratings:
            self._status("Give your name and rate at least one statement first.", ok=False)
            return
        mine = ParticipantRatings(participant=name, ratings=ratings)
        others = [p for p in self.workshop.where_we_stand.participants if p.participant != name]
        stand = self.workshop.where_we_stand.model_copy(update={"participants": [*others, mine]})
        self.workshop = self.workshop.model_copy(update={"where_we_stand": stand})
        self._refresh()
        self._status(f"Recorded {name}'s ratings of {len(ratings)} statements. Save to keep them.")
        # the next person in the room starts from nothing chosen
        self.w_participant.value = ""
        for key in self.w_levels:
            self.w_levels[key].value, self.w_evidence[key].value = 0, ""
        # each participant may keep their own file, for a facilitator on another laptop
        own = ratings_text(mine).encode("utf-8")
        link = download_link(own, f"ratings-{name}.yml", "text/yaml", "Download my ratings file")
        self.w_status.value += str(link)

    def merge_uploads(self, _=None) -> None:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="casebook-ratings-") as tmp:
            files = []
            for item in self.w_upload.value:
                target = Path(tmp) / Path(item["name"]).name
                target.write_bytes(bytes(item["content"]))
                files.append(target)
            merged, problems = merge_ratings(self.workshop, files)
        self.workshop = merged
        self._refresh()
        skipped = "; ".join(p.one_line(Path(p.file).name) for p in problems)
        self._status(
            f"Merged {len(files) - len({p.file for p in problems})} ratings files."
            + (f" Skipped: {skipped}" if skipped else ""),
            ok=not problems,
        )

    def add_initiative(self, _=None) -> None:
        name, point, serves = self.w_name.value.strip(), self.w_point.value, self.w_serves.value
        if not name or not point or serves is None:
            self._status(
                "Name the initiative, choose its point and whether it serves the purpose.", ok=False
            )
            return
        self.initiatives.append(Initiative(name=name, leverage_point=point, serves=serves))
        self.w_name.value, self.w_point.value, self.w_serves.value = "", 0, None
        self._refresh()

    def remove_initiative(self, _=None) -> None:
        if self.initiatives:
            self.initiatives.pop()
            self._refresh()

    def save(self, _=None) -> None:

        try:
            workshop = self.collect()
            backup = save_workshop(workshop, self.path)
        except (ValueError, CasebookError, OSError) as err:  # pydantic's errors included
            self._status(f"Not saved, and the file is as it was: {err}", ok=False)
            return
        self.workshop = workshop
        kept = f" The previous version is kept as {backup.name}." if backup else ""
        self._status(f"Saved to {self.path.name}.{kept}")

    def reopen(self, _=None) -> None:
        """Open the file again, as saved: Voila's preheated kernels build the app before
        anyone visits, so the notebook calls this once a visitor arrives, to show what was
        saved since."""
        if not self.path.exists():
            return
        try:
            self.show(load_workshop(self.path))
        except ContentError as err:
            self._status(str(err), ok=False)

    def make_canvas(self, _=None) -> None:
        from pydantic import ValidationError

        try:
            html = canvas_html(self.collect(), self.taxonomy)
        except ValidationError as err:  # say why, and keep the app running
            self._status(f"No canvas: {err}", ok=False)
            return
        link = download_link(
            html.encode("utf-8"),
            f"{self.path.stem}-canvas.html",
            "text/html",
            "Download the canvas",
        )
        self.w_status.value = piece("status", text="The canvas is ready.", ok=True) + str(link)
