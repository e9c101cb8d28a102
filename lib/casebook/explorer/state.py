"""The explorer's state and logic: filters in, selected cases and every view out.

Plain pandas and plotly, no widgets: :mod:`casebook.explorer.app` lays ipywidgets around
:class:`ExplorerState`, and the tests and the benchmark drive it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from casebook.analysis import crosscase as analysis
from casebook.content.fields import slugify
from casebook.content.selection import WHERE_FIELDS, Selection, select_cases
from casebook.render import figures

if TYPE_CHECKING:
    import pandas as pd

TABLE_ROWS = 50  # rows of the selection table shown at once; downloads carry every row
TIMELINE_CASES = 40  # cases drawn on the timeline (the earliest-starting of the selection)

# A view's address: the filters under their ``--where`` names, then the explorer's own.
LINK_FIELDS = {
    "leverage_point": "leverage_points",
    "characteristic": "characteristics",
    "approach": "approaches",
    "level": "levels",
    "region": "regions",
    "grade": "grades",
}
assert set(LINK_FIELDS) <= set(WHERE_FIELDS), "a view's link uses the --where names"
PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


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

    def selection(self) -> Selection:
        """The filters that every view of casebook shares (period and text are the
        explorer's own)."""
        return Selection(
            leverage_points=list(self.leverage_points),
            characteristics=list(self.characteristics),
            approaches=list(self.approaches),
            levels=list(self.levels),
            regions=list(self.regions),
            grades=list(self.grades),
        )

    def where(self, chosen: list[str] | None = None) -> list[str]:
        """The same filters as ``casebook brief --where`` arguments. Period and search have no
        field of their own: when either is on, the ``chosen`` case ids stand for the
        selection, so the brief covers exactly the cases the explorer shows."""
        if (self.period or self.text.strip()) and chosen is not None:
            return [f"case={case_id}" for case_id in chosen]
        return self.selection().where()

    def name(self) -> str:
        """Every filter in use, as a file-name part ('approach-bottom-up--search-purpose')."""
        parts = [*self.selection().where()]
        if self.period:
            parts.append("period={}-{}".format(*self.period))
        if self.text.strip():
            parts.append(f"search={self.text.strip()}")
        return "--".join(slugify(p) for p in parts)

    def query(self, card: str | None = None) -> str:
        """The filters and the case on the card as a URL query string, which
        :meth:`from_query` reads back: ``approach=bottom-up&period=1995-2010&card=sobral``."""
        pairs = [
            (name, str(value))
            for name, attribute in LINK_FIELDS.items()
            for value in getattr(self, attribute)
        ]
        if self.period:
            pairs.append(("period", "{}-{}".format(*self.period)))
        if self.text.strip():
            pairs.append(("search", self.text.strip()))
        if card:
            pairs.append(("card", card))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: dict[str, list[str]]) -> tuple[Filters, str | None, list[str]]:
        """Filters, the case for the card, and what could not be read, from a parsed query
        string (``urllib.parse.parse_qs``). Values are not checked against the vocabularies
        here: the app keeps those it offers and reports the others."""
        values: dict[str, Any] = {}  # Filters' fields, by name
        unread: list[str] = []
        for name, given in query.items():
            if name in LINK_FIELDS:
                if name == "leverage_point":
                    numbers = [int(v) for v in given if v.strip().isdigit()]
                    unread += [f"{name}={v}" for v in given if not v.strip().isdigit()]
                    values[LINK_FIELDS[name]] = tuple(numbers)
                else:
                    values[LINK_FIELDS[name]] = tuple(given)
            elif name == "period" and (found := PERIOD.match(given[-1].strip())):
                start, end = int(found[1]), int(found[2])
                values["period"] = (min(start, end), max(start, end))
            elif name == "search":
                values["text"] = " ".join(given)
            elif name != "card":
                unread += [f"{name}={v}" for v in given]
        card = query.get("card", [None])[-1]
        return cls(**values), card, unread


@dataclass
class ExplorerState:
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
                + cases["country"].map(self.tables["countries"].set_index("id")["name"]).fillna("")
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
        chosen = select_cases(self.tables, filters.selection())
        keep = chosen["id"].notna()
        if filters.period:
            start, end = filters.period
            # overlapping the chosen years: began by the end, and not finished before the start
            keep &= (chosen["period_start"] <= end) & (chosen["period_end"].fillna(9999) >= start)
        words = filters.text.lower().split()
        if words:
            # every word, in any order, anywhere in the case's text
            text = self.search_text()
            found = text.str.contains(words[0], regex=False)
            for word in words[1:]:
                found &= text.str.contains(word, regex=False)
            keep &= chosen["id"].isin(self.tables["cases"]["id"][found])
        return chosen.loc[keep]

    def views(self, filters: Filters) -> dict[str, Any]:
        """Everything the explorer shows for ``filters``: the count, figures and the table."""
        chosen = self.cases(filters)
        interventions = self.tables["interventions"]
        inter = interventions[interventions["case_id"].isin(chosen["id"])]
        gap = analysis.gap_map(chosen, inter, self.tables)
        # A timeline stays readable for a few dozen cases: show the earliest-starting ones.
        first = chosen.nsmallest(TIMELINE_CASES, ["period_start"])
        timeline = analysis.intervention_timeline(inter[inter["case_id"].isin(first["id"])], first)
        return {
            "count": len(chosen),
            "cases": chosen,
            "gap_map": figures.gap_map_figure(gap, self.tables["evidence_grades"]),
            "map": figures.case_map(chosen, self.tables["approaches"], self.tables["countries"]),
            "timeline": figures.timeline_figure(timeline, self.tables["characteristics"]),
            "table": self.table(chosen),
        }

    def table(self, chosen: pd.DataFrame) -> pd.DataFrame:
        """The first rows of the selection as a reader sees them: vocabulary names for ids,
        "ongoing" for an open period."""
        table = chosen.head(TABLE_ROWS)[
            [
                "title",
                "id",
                "country",
                "level",
                "approach",
                "evidence_grade",
                "period_start",
                "period_end",
                "deepest_leverage_point",
            ]
        ].rename(columns={"id": "case_id"})
        for column, vocabulary in (
            ("country", "countries"),
            ("level", "levels"),
            ("approach", "approaches"),
            ("evidence_grade", "evidence_grades"),
        ):
            names = self.tables[vocabulary].set_index("id")["name"]
            table[column] = table[column].map(names).fillna(table[column])
        return table.astype({"period_end": object}).fillna({"period_end": "ongoing"})
