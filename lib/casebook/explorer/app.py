"""The explorer as a widget app, for JupyterLab and for Voila (``casebook explore``).

Widget wiring only: :class:`~casebook.explorer.state.ExplorerState` selects the cases and
builds every view, :func:`~casebook.explorer.card.case_card` renders a case,
:mod:`~casebook.explorer.parts` holds the checkbox lists and the case table, and the markup
is in ``templates/explorer.html.j2``. Charts are HTML drawn by plotly.js, which
:func:`casebook.render.figures.setup` loads once into the page, so the app works offline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.brief import run as brief_run
from casebook.content.corpus import load_corpus
from casebook.content.themes import available_themes
from casebook.explorer.card import case_card
from casebook.explorer.parts import CaseTable, CheckList, piece
from casebook.explorer.state import LINK_FIELDS, ExplorerState, Filters
from casebook.package.export import xlsx_bytes
from casebook.package.intercoder import headline
from casebook.package.tables import corpus_tables
from casebook.render.figures import Chart
from casebook.render.markup import download_link

if TYPE_CHECKING:
    from casebook.content.corpus import Corpus


class Explorer:
    """The widget app. ``Explorer(source).app`` is the widget to display."""

    def __init__(self, source: str | Path | None = None, corpus: Corpus | None = None):
        self.corpus = corpus or load_corpus(Path(source) if source else None)
        self.tables = corpus_tables(self.corpus)
        self.state = ExplorerState(self.tables)
        # how far the leverage points can be trusted, said once beside the case cards
        self.coding = headline(self.tables["agreement"], self.tables["coders"])
        self.source = Path(source) if source else None  # as the corpus was loaded
        self._build()
        self.update()

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        import ipywidgets as w

        tax = self.corpus.taxonomy
        cases = self.tables["cases"]

        self.w_points = CheckList(
            "Leverage point",
            [(f"{n} {p.name}", n) for n, p in sorted(tax.leverage_points.items(), reverse=True)],
        )
        self.w_characteristics = CheckList(
            "Characteristic", [(c.name, c.id) for c in tax.characteristics.values()]
        )
        self.w_approaches = CheckList("Approach", [(a.name, a.id) for a in tax.approaches.values()])
        self.w_levels = CheckList("Level", [(lv.name, lv.id) for lv in tax.levels.values()])
        self.w_regions = CheckList(
            "Region",
            [
                (r.name, r.id)
                for r in tax.world_regions.values()
                if r.id in set(cases["world_region"])
            ],
        )
        self.w_grades = CheckList(
            "Evidence", [(g.name, g.id) for g in tax.evidence_grades.values()]
        )
        low = int(cases["period_start"].min())
        # up to this year: most cases are ongoing, and an ongoing case runs until today
        high = max(date.today().year, int(cases["period_start"].max()))
        self.w_period = w.IntRangeSlider(
            value=(low, high),
            min=low,
            max=high,
            description="Period",
            # wide enough for the readout's two four-digit years
            layout=w.Layout(width="330px"),
            style={"description_width": "55px"},
        )
        self.w_text = w.Text(
            description="Search",
            placeholder="words, in any order",
            continuous_update=True,  # the views follow as you type
            layout=w.Layout(width="320px"),
            style={"description_width": "55px"},
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
        # each checkbox list under the Filters attribute it sets
        self._lists = {
            "leverage_points": self.w_points,
            "characteristics": self.w_characteristics,
            "approaches": self.w_approaches,
            "levels": self.w_levels,
            "regions": self.w_regions,
            "grades": self.w_grades,
        }
        for widget in self.filters:
            widget.observe(self.update, names="value")
        self.w_reset.on_click(self.reset)

        self.w_count = w.HTML()
        self.w_active = w.HTML()
        self.w_share = w.HTML()  # "Copy link to this view", under Voila (a page has an address)
        self.w_share.add_class("casebook-share")
        self.w_unread = w.HTML()  # what a link asked for that this casebook does not have
        self.out_gap, self.out_map, self.out_timeline = (w.Output() for _ in range(3))
        self.table = CaseTable(on_open=self.open_case)
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

        self.tabs = tabs = w.Tab(
            children=[self.out_gap, self.out_map, self.out_timeline, self.table.box]
        )
        for i, title in enumerate(["Gap map", "Map", "Timeline", "Table"]):
            tabs.set_title(i, title)
        self._outputs = {
            "gap_map": self.out_gap,
            "map": self.out_map,
            "timeline": self.out_timeline,
        }
        tabs.observe(self._draw_open_tab, names="selected_index")
        sidebar = w.VBox(
            [
                w.HTML(piece("heading", text="Filters")),
                self.w_text,
                self.w_period,
                self.w_reset,
                *(f.box for f in self.filters if isinstance(f, CheckList)),
            ],
            layout=w.Layout(width="340px", min_width="340px"),
        )
        actions = w.VBox(
            [w.HBox([self.w_download, self.w_theme, self.w_brief]), self.w_progress, self.w_links]
        )
        main = w.VBox(
            [
                self.w_count,
                self.w_active,
                self.w_share,
                self.w_unread,
                tabs,
                actions,
                w.HTML(piece("section_heading", text="Case card")),
                w.HTML(piece("coding_note", coding=self.coding)),
                self.w_case,
                self.w_card,
            ],
            layout=w.Layout(flex="1"),
        )
        # side by side on a wide page; in a narrow one (a JupyterLab notebook beside its file
        # browser) the views wrap below the filters instead of being squeezed
        main.layout.min_width = "560px"
        self.app = w.VBox(
            [
                w.HTML(piece("style")),  # the checkbox lists' wrapping labels
                w.HBox(
                    [sidebar, main],
                    layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
                ),
            ]
        )

    def _themes(self) -> list[str]:
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

    def active_filters(self) -> list[tuple[str, str]]:
        """(filter, chosen values) for every filter in use, as the widgets label them."""
        active = []
        for widget in self.filters:
            if widget is self.w_period:
                if self.current().period:
                    active.append(("Period", "{} – {}".format(*widget.value)))
            elif widget is self.w_text:
                if widget.value.strip():
                    active.append(("Search", widget.value.strip()))
            elif widget.value:
                labels = dict((value, label) for label, value in widget.options)
                active.append((widget.description, ", ".join(labels[v] for v in widget.value)))
        return active

    _holding = False
    _drawn: set[str]  # the tabs drawn for the current views

    def update(self, change=None) -> None:
        if self._holding:
            return
        views = self.state.views(self.current())
        self.w_count.value = piece("count", shown=views["count"], total=len(self.tables["cases"]))
        self.w_active.value = piece("active_filters", filters=self.active_filters())
        self._views, self._drawn = views, set()
        for out in self._outputs.values():
            out.outputs = ()  # a hidden tab is drawn when opened (see _draw_open_tab)
        self._draw_open_tab()
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
        self.w_card.value = str(case_card(self.corpus, case_id) if case_id else piece("no_case"))
        if self.shareable:
            self.w_share.value = piece("share_link", query=self.current().query(case_id))

    shareable = False  # set by open_view: a page served by Voila has an address to share

    TABS = ("gap_map", "map", "timeline", "table")  # the views, in the order of the tabs

    def _draw_open_tab(self, change=None) -> None:
        """Draw the open tab's view if the filters changed since it was last drawn.

        Only the open tab is drawn: a chart in a hidden tab still costs the browser its full
        drawing (the map most of all), and the first screen needs only the gap map.
        """
        from IPython.display import HTML

        key = self.TABS[self.tabs.selected_index or 0]
        if key in self._drawn:
            return
        self._drawn.add(key)
        views = self._views
        if key == "table":
            self.table.fill(views["table"], views["count"])
            return
        out = self._outputs[key]
        # Set the Output's outputs in the kernel rather than capturing a display with
        # `with out:`, which relies on whoever executes the cell to route the display: under
        # Voila's preheated kernels, a redraw during the cell that reads the page's address
        # (open_view) lost the kernel that way.
        out.outputs = ()
        if views["count"]:
            out.append_display_data(Chart(views[key], standalone=False))
        else:  # bare axes would look like a broken chart
            out.append_display_data(HTML(piece("no_case_view")))

    def open_case(self, case_id: str) -> None:
        """Show ``case_id`` on the case card (a title in the table was chosen)."""
        self.w_case.value = case_id

    def open_view(self, query: dict[str, list[str]], shareable: bool = True) -> None:
        """Set the filters and the card from a link's query string (``parse_qs`` form), as
        :meth:`Filters.query` wrote it. Values this casebook does not offer are left out and
        named above the views."""
        filters, card, unread = Filters.from_query(query)
        self.shareable = shareable
        self._holding = True  # one redraw at the end
        try:
            for name, attribute in LINK_FIELDS.items():
                widget = self._lists[attribute]
                offered = {value for _, value in widget.options}
                wanted = getattr(filters, attribute)
                unread += [f"{name}={v}" for v in wanted if v not in offered]
                widget.value = [v for v in wanted if v in offered]
            if filters.period:
                low, high = filters.period
                self.w_period.value = (
                    max(low, self.w_period.min),
                    min(high, self.w_period.max),
                )
            self.w_text.value = filters.text
        finally:
            self._holding = False
        self.update()
        if card in {value for _, value in self.w_case.options}:
            self.w_case.value = card
        elif card:
            unread.append(f"card={card}")
        self.show_case()
        self.w_unread.value = piece("unread_link", items=unread) if unread else ""

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
        ids = set(self._chosen["id"])
        csv = self._chosen.to_csv(index=False).encode("utf-8")
        book = xlsx_bytes(self.tables, ids)
        self.w_links.value = piece(
            "links",
            items=[
                download_link(csv, "casebook-selection.csv", "text/csv", "selection.csv"),
                download_link(
                    book,
                    "casebook-selection.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "selection.xlsx",
                ),
            ],
        )

    def make_brief(self, _=None) -> None:
        import tempfile

        self.w_progress.value = piece("message", text="Running the brief notebook in a kernel…")
        self.w_brief.disabled = True
        filters = self.current()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                [path] = brief_run.make_brief(
                    self.w_theme.value,
                    source=self.source,
                    out=Path(tmp),
                    # the brief covers exactly what the explorer shows
                    where=filters.where(list(self._chosen["id"])),
                    replace_selection=True,
                )
                data = path.read_bytes()
            name = "--".join(p for p in (self.w_theme.value, filters.name()) if p) + ".html"
            self.w_progress.value = piece("message", text="Brief ready.")
            self.w_links.value = str(download_link(data, name, "text/html", f"Download {name}"))
        except Exception as err:  # shown to the user, who can change the filters and retry
            self.w_progress.value = piece("message", text=f"The brief could not be made: {err}")
        finally:
            self.w_brief.disabled = False
