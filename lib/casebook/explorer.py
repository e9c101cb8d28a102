"""The interactive explorer: linked filters over the corpus, with views that all follow them.

:class:`Selection` is the pure part (filters in, selected cases out) that tests and the
benchmark exercise without widgets; :class:`Explorer` lays ipywidgets around it. Every view
(count, gap map, map, timeline, table) is redrawn from the same selection whenever a filter
changes, and a case card shows the chosen case. Charts are HTML drawn by plotly.js, which
:func:`casebook.figures.setup` loads once into the page, so the app works offline in
JupyterLab and as a Voila app (``casebook explore``).
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .render import Citations, markdown_html, markdown_inline, reference_html

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

TABLE_ROWS = 50  # rows of the selection table shown at once; downloads carry every row
TIMELINE_CASES = 40  # cases drawn on the timeline (the earliest-starting of the selection)


@dataclass
class Filters:
    """The explorer's filter state; an empty tuple or ``None`` means no constraint."""

    leverage_points: tuple[int, ...] = ()
    characteristics: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    period: tuple[int, int] | None = None
    text: str = ""

    def where(self) -> list[str]:
        """The same filters as ``casebook brief --where`` arguments (period and text have none)."""
        pairs = [
            ("leverage_point", self.leverage_points),
            ("characteristic", self.characteristics),
            ("approach", self.approaches),
            ("level", self.levels),
            ("region", self.regions),
            ("grade", self.grades),
        ]
        return [f"{name}={value}" for name, values in pairs for value in values]


@dataclass
class Selection:
    """Filters applied to the data package's tables (pure pandas, no widgets)."""

    tables: dict[str, pd.DataFrame]
    _search: pd.Series | None = field(default=None, repr=False)

    def search_text(self) -> pd.Series:
        """Lower-cased searchable text per case: title, place, story and interventions."""
        if self._search is None:
            cases = self.tables["cases"]
            what = self.tables["interventions"].groupby("case_id")["what"].apply(" ".join)
            text = (
                cases["title"].fillna("")
                + " "
                + cases["country"].fillna("")
                + " "
                + cases["region"].fillna("")
                + " "
                + cases["locality"].fillna("")
                + " "
                + cases["story"].fillna("")
                + " "
                + cases["id"].map(what).fillna("")
            )
            self._search = text.str.lower()
        return self._search

    def cases(self, filters: Filters) -> pd.DataFrame:
        """The cases that pass every filter."""
        from .analysis import select_cases
        from .themes import Selection as CaseSelection

        chosen = select_cases(
            self.tables,
            CaseSelection(
                leverage_points=list(filters.leverage_points),
                characteristics=list(filters.characteristics),
                approaches=list(filters.approaches),
                levels=list(filters.levels),
                regions=list(filters.regions),
                grades=list(filters.grades),
            ),
        )
        keep = chosen["id"].notna()
        if filters.period:
            start, end = filters.period
            # overlapping the chosen years: began by the end, and not finished before the start
            keep &= (chosen["period_start"] <= end) & (chosen["period_end"].fillna(9999) >= start)
        if filters.text.strip():
            text = self.search_text()
            hits = self.tables["cases"]["id"][
                text.str.contains(filters.text.strip().lower(), regex=False)
            ]
            keep &= chosen["id"].isin(hits)
        return chosen.loc[keep]

    def views(self, filters: Filters) -> dict[str, object]:
        """Everything the explorer shows for ``filters``: the count, figures and the table."""
        from . import analysis, figures

        chosen = self.cases(filters)
        interventions = self.tables["interventions"]
        inter = interventions[interventions["case_id"].isin(chosen["id"])]
        gap = analysis.gap_map(chosen, inter, grades=self.tables["evidence_grades"])
        # A timeline stays readable for a few dozen cases: show the earliest-starting ones.
        first = chosen.nsmallest(TIMELINE_CASES, ["period_start"])
        timeline = analysis.intervention_timeline(inter[inter["case_id"].isin(first["id"])], first)
        return {
            "count": len(chosen),
            "cases": chosen,
            "gap_map": figures.gap_map_figure(gap),
            "map": figures.case_map(chosen),
            "timeline": figures.timeline_figure(timeline),
            "table": chosen[
                [
                    "title",
                    "country",
                    "level",
                    "approach",
                    "evidence_grade",
                    "period_start",
                    "period_end",
                    "deepest_leverage_point",
                ]
            ].head(TABLE_ROWS),
        }


def case_card(corpus: Corpus, case_id: str) -> str:
    """A case as HTML: story, purpose, interventions with rationales, outcomes with sources,
    quotations and related cases, with numbered references."""
    from .render import escape

    case = corpus.case(case_id)
    tax = corpus.taxonomy
    cites = Citations()

    def cite(*ids: str) -> str:
        return cites.marker(list(dict.fromkeys(ids)))

    place = ", ".join(x for x in (case.place.locality, case.place.region, case.place.country) if x)
    parts = [
        f'<div class="case-card"><h3>{escape(case.title)}</h3>',
        f"<p><em>{escape(place)} · {escape(tax.levels[case.level].name)} · "
        f"{case.period.start}–{case.period.end or 'ongoing'} · {escape(tax.approaches[case.approach.type].name)} · "
        f"evidence {escape(case.evidence.grade)}</em></p>",
    ]
    if case.purpose:
        parts.append(
            f"<p><strong>Purpose.</strong> {escape(case.purpose.statement)}{cite(case.purpose.source)}</p>"
        )
    parts.append(f"<h4>Story</h4>{markdown_html(case.sections['Story'], cites)}")
    rows = "".join(
        f"<tr><td>{markdown_inline(i.what, cites)}</td><td>{i.leverage_point}</td><td>{markdown_inline(i.rationale, cites)}"
        f"{cite(*i.sources)}</td></tr>"
        for i in case.interventions
    )
    parts.append(
        f"<h4>Interventions</h4><table><tr><th>what</th><th>point</th><th>why this point</th></tr>{rows}</table>"
    )
    if case.outcomes:
        items = "".join(
            f"<li>{markdown_inline(o.claim, cites)} <em>({escape(o.certainty)})</em>{cite(o.source)}</li>"
            for o in case.outcomes
        )
        parts.append(f"<h4>Outcomes</h4><ul>{items}</ul>")
    quotes = [q for q in corpus.quotes if case.id in q.cases]
    if quotes:
        parts.append(
            "<h4>Quotations</h4>"
            + "".join(
                f"<blockquote>“{escape(q.text)}” — {escape(q.speaker)}{cite(*q.source_ids())}</blockquote>"
                for q in quotes
            )
        )
    related = corpus.related(case.id)
    if related:
        names = ", ".join(escape(corpus.case(r).title) for r in related)
        parts.append(f"<p><strong>Related:</strong> {names}</p>")
    refs = "".join(f"<li>{reference_html(corpus.sources[s])}</li>" for s in cites.order)
    parts.append(f'<h4>Sources</h4><ol class="references">{refs}</ol></div>')
    return "".join(parts)


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that downloads ``data`` from the page itself (works offline, no server)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{encoded}">'
        f"{html.escape(label)}</a>"
    )


class Explorer:
    """The widget app. ``Explorer(source).app`` is the widget to display."""

    def __init__(self, source: str | Path | None = None, corpus: Corpus | None = None):
        from .corpus import load_corpus
        from .tables import corpus_tables

        self.corpus = corpus or load_corpus(Path(source) if source else None)
        self.tables = corpus_tables(self.corpus)
        self.selection = Selection(self.tables)
        self.source = source
        self._build()
        self.update()

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        import ipywidgets as w

        tax = self.corpus.taxonomy
        cases = self.tables["cases"]

        def multi(
            description: str, options: list[tuple[str, object]], rows: int = 4
        ) -> w.SelectMultiple:
            return w.SelectMultiple(
                description=description,
                options=options,
                rows=rows,
                layout=w.Layout(width="330px"),
                style={"description_width": "95px"},
            )

        self.w_points = multi(
            "Leverage pts",
            [
                (f"{n} {p.name.split(' (')[0][:30]}", n)
                for n, p in sorted(tax.leverage_points.items(), reverse=True)
            ],
            6,
        )
        self.w_characteristics = multi(
            "Characteristic", [(c.name, c.id) for c in tax.characteristics.values()]
        )
        self.w_approaches = multi("Approach", [(a.name, a.id) for a in tax.approaches.values()], 3)
        self.w_levels = multi("Level", [(lv.name, lv.id) for lv in tax.levels.values()], 6)
        self.w_regions = multi(
            "Region",
            [
                (r.name, r.id)
                for r in tax.world_regions.values()
                if r.id in set(cases["world_region"])
            ],
            5,
        )
        self.w_grades = multi("Evidence", [(g.name, g.id) for g in tax.evidence_grades.values()])
        low = int(cases["period_start"].min())
        high = int(cases[["period_start", "period_end"]].max().max())  # period_end may be all empty
        self.w_period = w.IntRangeSlider(
            value=(low, high),
            min=low,
            max=high,
            description="Period",
            layout=w.Layout(width="330px"),
            style={"description_width": "95px"},
        )
        self.w_text = w.Text(
            description="Search",
            placeholder="words in a case",
            continuous_update=False,
            layout=w.Layout(width="330px"),
            style={"description_width": "95px"},
        )
        self.w_reset = w.Button(description="Clear filters", layout=w.Layout(width="auto"))
        self.filters = [
            self.w_points,
            self.w_characteristics,
            self.w_approaches,
            self.w_levels,
            self.w_regions,
            self.w_grades,
            self.w_period,
            self.w_text,
        ]
        for widget in self.filters:
            widget.observe(self.update, names="value")
        self.w_reset.on_click(self.reset)

        self.w_count = w.HTML()
        self.out_gap, self.out_map, self.out_timeline, self.out_table = (
            w.Output() for _ in range(4)
        )
        self.w_case = w.Dropdown(description="Case", layout=w.Layout(width="520px"))
        self.w_case.observe(self.show_case, names="value")
        self.w_card = w.HTML()
        self.w_download = w.Button(
            description="Download CSV and XLSX", layout=w.Layout(width="auto")
        )
        self.w_download.on_click(self.download)
        themes = self._themes()
        self.w_theme = w.Dropdown(
            description="Theme",
            options=themes,
            layout=w.Layout(width="300px"),
            value="shared-purpose" if "shared-purpose" in themes else None,
        )
        self.w_brief = w.Button(
            description="Make a brief from this selection", layout=w.Layout(width="auto")
        )
        self.w_brief.on_click(self.make_brief)
        self.w_progress = w.HTML()
        self.w_links = w.HTML()

        tabs = w.Tab(children=[self.out_gap, self.out_map, self.out_timeline, self.out_table])
        for i, title in enumerate(["Gap map", "Map", "Timeline", "Table"]):
            tabs.set_title(i, title)
        sidebar = w.VBox(
            [w.HTML("<b>Filters</b>"), *self.filters, self.w_reset],
            layout=w.Layout(width="350px", min_width="350px"),
        )
        actions = w.VBox(
            [w.HBox([self.w_download, self.w_theme, self.w_brief]), self.w_progress, self.w_links]
        )
        main = w.VBox(
            [self.w_count, tabs, actions, w.HTML("<h3>Case card</h3>"), self.w_case, self.w_card],
            layout=w.Layout(flex="1"),
        )
        self.app = w.HBox([sidebar, main])

    def _themes(self) -> list[str]:
        from .themes import available_themes

        return available_themes()

    # --- behaviour --------------------------------------------------------------------------

    def current(self) -> Filters:
        low, high = self.w_period.value
        full = (low, high) == (self.w_period.min, self.w_period.max)
        return Filters(
            leverage_points=tuple(self.w_points.value),
            characteristics=tuple(self.w_characteristics.value),
            approaches=tuple(self.w_approaches.value),
            levels=tuple(self.w_levels.value),
            regions=tuple(self.w_regions.value),
            grades=tuple(self.w_grades.value),
            period=None if full else (low, high),
            text=self.w_text.value,
        )

    _holding = False

    def update(self, change=None) -> None:
        if self._holding:
            return
        from IPython.display import display

        from .figures import Chart

        views = self.selection.views(self.current())
        total = len(self.tables["cases"])
        self.w_count.value = (
            f'<h3 class="count"><span id="case-count">{views["count"]}</span> of {total} cases</h3>'
        )
        for out, key in (
            (self.out_gap, "gap_map"),
            (self.out_map, "map"),
            (self.out_timeline, "timeline"),
        ):
            out.clear_output(wait=True)
            with out:
                display(Chart(views[key], standalone=False))
        self.out_table.clear_output(wait=True)
        with self.out_table:
            display(views["table"].rename_axis(None).set_index("title"))
        chosen = views["cases"]
        options = [(t, i) for t, i in sorted(zip(chosen["title"], chosen["id"], strict=True))]
        keep = (
            self.w_case.value
            if self.w_case.value in set(chosen["id"])
            else (options[0][1] if options else None)
        )
        self.w_case.options = options
        self.w_case.value = keep
        self.show_case()
        self._chosen = chosen

    def show_case(self, change=None) -> None:
        case_id = self.w_case.value
        self.w_card.value = (
            case_card(self.corpus, case_id) if case_id else "<p>No case matches the filters.</p>"
        )

    def reset(self, _=None) -> None:
        self._holding = True  # one redraw at the end, not one per cleared filter
        try:
            for widget in self.filters:
                if isinstance(widget.value, tuple) and widget is not self.w_period:
                    widget.value = ()
            self.w_period.value = (self.w_period.min, self.w_period.max)
            self.w_text.value = ""
        finally:
            self._holding = False
        self.update()

    def download(self, _=None) -> None:
        from .export import xlsx_bytes

        ids = set(self._chosen["id"])
        csv = self._chosen.to_csv(index=False).encode("utf-8")
        book = xlsx_bytes(self.tables, ids)
        self.w_links.value = (
            download_link(csv, "casebook-selection.csv", "text/csv", "selection.csv")
            + " · "
            + download_link(
                book,
                "casebook-selection.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "selection.xlsx",
            )
        )

    def make_brief(self, _=None) -> None:
        import tempfile

        from .brief import make_brief

        self.w_progress.value = "<p>Running the brief notebook in a kernel…</p>"
        self.w_brief.disabled = True
        try:
            with tempfile.TemporaryDirectory() as tmp:
                [path] = make_brief(
                    self.w_theme.value,
                    source=self.source,
                    out=Path(tmp),
                    where=self.current().where(),
                    replace_selection=True,  # the brief covers what the explorer shows
                )
                data = path.read_bytes()
            note = (
                " (the period and search filters have no counterpart in briefs)"
                if (self.current().period or self.current().text.strip())
                else ""
            )
            self.w_progress.value = f"<p>Brief ready{note}.</p>"
            self.w_links.value = download_link(
                data, path.name, "text/html", f"Download {path.name}"
            )
        except Exception as err:  # shown to the user, who can change the filters and retry
            self.w_progress.value = f"<p>The brief could not be made: {html.escape(str(err))}</p>"
        finally:
            self.w_brief.disabled = False
