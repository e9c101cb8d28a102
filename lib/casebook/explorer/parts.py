"""The explorer's own widgets: the checkbox lists of its filters and the table of cases
whose titles open the case card. Wiring and behaviour stay in :mod:`casebook.explorer.app`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.explorer.state import TABLE_ROWS
from casebook.render.markup import macro

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

TABLE_LABELS = {
    "title": "case",
    "evidence_grade": "evidence",
    "period_start": "from",
    "period_end": "to",
    "deepest_leverage_point": "deepest point",
}


def piece(name: str, **arguments) -> str:
    """One macro of the explorer's template, as the string a widget's value takes."""
    return str(macro("explorer.html.j2", name, **arguments))


class CheckList:
    """A filter as a titled list of checkboxes with full labels: one click per value, no
    ctrl-click, every option in sight.

    Not a widget itself (``box`` is the widget to lay out): ``value`` is the tuple of checked
    values in the order of ``options``, and ``observe`` calls back on every change, as a
    SelectMultiple's would.
    """

    def __init__(self, description: str, options: list[tuple[str, object]]):
        import ipywidgets as w

        self.description = description
        self.options = options
        # one layout and one style shared by the list's boxes: each widget model is one
        # more thing the page must fetch and build before the first screen
        from ipywidgets.widgets.widget_bool import CheckboxStyle

        layout, style = w.Layout(width="auto", margin="0"), CheckboxStyle()
        self.boxes = [
            w.Checkbox(value=False, description=label, indent=False, layout=layout, style=style)
            for label, _ in options
        ]
        self.box = w.VBox(
            [w.HTML(piece("filter_heading", text=description)), *self.boxes],
            layout=w.Layout(margin="0 0 10px 0"),
        )
        self.box.add_class("casebook-checklist")

    @property
    def value(self) -> tuple:
        return tuple(v for (_, v), box in zip(self.options, self.boxes, strict=True) if box.value)

    @value.setter
    def value(self, chosen) -> None:
        chosen = set(chosen)
        for (_, v), box in zip(self.options, self.boxes, strict=True):
            box.value = v in chosen

    def observe(self, callback, names: str = "value") -> None:
        for box in self.boxes:
            box.observe(callback, names=names)


class CaseTable:
    """The selection as a table, one row per case, its title a button that calls ``on_open``
    with the case id; ``box`` is the widget to lay out.

    Rows are made when first needed (up to ``TABLE_ROWS``) and refilled afterwards: every
    widget costs the page time to draw, and the table is not on the first screen.
    """

    def __init__(self, on_open: Callable[[str], None]):
        import ipywidgets as w

        self.on_open = on_open
        # the heading row is laid out as the rows are (a 260-pixel first cell, then the
        # rest), so that its columns line up with theirs
        self.head_first, self.head_cells = w.HTML(layout=w.Layout(width="260px")), w.HTML()
        self.head = w.HBox([self.head_first, self.head_cells])
        self.head.add_class("table-head")
        self.note = w.HTML()
        # the rows made so far (reused as the table changes): buttons, cells, rows
        self.buttons: list[w.Button] = []
        self.cells: list[w.HTML] = []
        self.rows: list[w.HBox] = []
        self.ids: dict[int, str] = {}  # button -> the case id it opens
        self.empty = w.HTML(piece("no_case_view"))
        self.box = w.VBox()
        self.box.add_class("casebook-table")

    def fill(self, table: pd.DataFrame, total: int) -> None:
        """Show ``table`` (ExplorerState.table) of a selection of ``total`` cases."""
        if table.empty:
            self.box.children = [self.empty]
            return
        columns = [c for c in table.columns if c not in ("title", "case_id")]
        self.head_first.value = piece("table_first_heading", text=TABLE_LABELS["title"])
        self.head_cells.value = piece(
            "table_cells", cells=[TABLE_LABELS.get(c, c.replace("_", " ")) for c in columns]
        )
        self._grow(len(table))
        self.ids = {}
        for row, button, cells in zip(
            table.to_dict("records"), self.buttons, self.cells, strict=False
        ):
            button.description = button.tooltip = row["title"]
            self.ids[id(button)] = row["case_id"]
            cells.value = piece("table_cells", cells=[row[c] for c in columns])
        self.note.value = piece("table_note", shown=len(table), total=total)
        self.box.children = [self.head, *self.rows[: len(table)], self.note]

    def _grow(self, wanted: int) -> None:
        import ipywidgets as w

        while len(self.rows) < min(wanted, TABLE_ROWS):
            button = w.Button(layout=w.Layout(width="260px", height="auto"))
            button.add_class("case-title")
            button.on_click(self._clicked)
            cells = w.HTML()
            self.buttons.append(button)
            self.cells.append(cells)
            self.rows.append(w.HBox([button, cells]))

    def _clicked(self, button) -> None:
        self.on_open(self.ids[id(button)])
