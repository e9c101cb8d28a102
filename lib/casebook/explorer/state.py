"""The explorer's state and logic: filters in, selected cases and every view out.

Plain pandas and plotly, no widgets: :mod:`casebook.explorer.app` lays ipywidgets around
:class:`ExplorerState`, and the tests and the benchmark drive it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..selection import Selection, select_cases

if TYPE_CHECKING:
    import pandas as pd

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
        return "--".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


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

    def views(self, filters: Filters) -> dict[str, object]:
        """Everything the explorer shows for ``filters``: the count, figures and the table."""
        from .. import analysis, figures

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
            "map": figures.case_map(chosen, self.tables["approaches"]),
            "timeline": figures.timeline_figure(timeline, self.tables["characteristics"]),
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
            ]
            .head(TABLE_ROWS)
            .astype({"period_end": object})
            .fillna({"period_end": "ongoing"}),
        }
