"""Figures: plotly ``Figure`` objects built from the analysis tables, and how to show them.

Every function takes the DataFrames that :mod:`casebook.analysis.crosscase` returns and gives back a
``plotly.graph_objects.Figure``; nothing here computes a number. :class:`Chart` shows a
figure in a notebook, a Voila app or an exported page with nothing from the network:
plotly.js comes inline or from the app's server, and maps get the world outline bundled in
``casebook/assets/world_110m.json`` (``window.PlotlyGeoAssets``), not plotly's CDN.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from casebook import paths
from casebook.render.markup import macro
from casebook.render.palette import FAINT, colours, text_colour_on
from casebook.render.placement import place_labels, spread_apart

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

ASSETS = paths.ASSETS
FIGURE_MIME = "application/vnd.casebook.figure+json"


FONT = dict(family="Arial, 'DejaVu Sans', sans-serif", size=12)


def _figure(data: list[dict], layout: dict, height: int) -> go.Figure:
    """A figure from plain trace and layout specifications, with casebook's common layout.

    The specifications are written against plotly's schema by hand and wrapped without
    validation: plotly's per-property checks cost more than everything else in an explorer
    update (see benchmarks/explorer_speed.py). The tests build every figure and check it.
    """
    import plotly.graph_objects as go

    base = dict(
        height=height,
        margin=dict(l=10, r=10, t=30, b=60),
        plot_bgcolor="white",
        font=FONT,
        legend=dict(orientation="h", yanchor="top", y=-0.28),
    )
    return go.Figure(dict(data=data, layout={**base, **layout}), _validate=False)


@lru_cache(maxsize=1)
def geo_assets_script() -> str:
    """A script that hands plotly.js the bundled world outline, so maps need no network."""
    topojson = Markup((ASSETS / "world_110m.json").read_text(encoding="utf-8"))
    return str(macro("figure.html.j2", "geo_assets", topojson=topojson))


def has_geo(fig: go.Figure) -> bool:
    return any(trace.type in ("scattergeo", "choropleth") for trace in fig.data)


# plotly's drawing script in the fragment it writes (parsed here, never built here)
_DRAWING_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(<\/script>)", re.DOTALL)


def figure_html(fig: go.Figure, include_plotlyjs: bool = True) -> Markup:
    """An HTML fragment that draws ``fig`` offline (plotly.js inline unless told otherwise).

    Without plotly.js the drawing waits until the page has it: the explorer's page fetches
    plotly.js only when the first chart asks, so that the filters show first.
    """
    div = fig.to_html(
        full_html=False, include_plotlyjs=include_plotlyjs, config={"displaylogo": False}
    )
    if not include_plotlyjs:
        div = _DRAWING_SCRIPT.sub(_waiting_for_plotly, div, count=1)
    geo = Markup(geo_assets_script()) if has_geo(fig) else ""
    return macro("figure.html.j2", "drawing", geo=geo, div=Markup(div))


def _waiting_for_plotly(found: re.Match) -> str:
    return (
        found[1]
        + str(macro("figure.html.j2", "wait_for_plotly", script=Markup(found[2])))
        + found[3]
    )


def standalone_page(fig: go.Figure, title: str) -> str:
    """A whole HTML page for one figure, for saving and sharing; opens offline."""
    return str(macro("figure.html.j2", "standalone_page", title=title, drawing=figure_html(fig)))


@dataclass
class PlotlySetup:
    """Loads plotly.js and the world outline once into a notebook or Voila page.

    Display it in the first cell; later :class:`Chart` objects made with
    ``standalone=False`` then draw without carrying plotly.js each. ``plotly_js=False``
    when the page loads plotly.js itself (casebook's Voila template can).
    """

    plotly_js: bool = True

    def _repr_html_(self) -> str:
        from plotly.offline import get_plotlyjs

        plotly_js = Markup(get_plotlyjs() if self.plotly_js else "")
        geo = Markup(geo_assets_script())
        return str(macro("figure.html.j2", "plotly_setup", plotly_js=plotly_js, geo=geo))


setup = PlotlySetup  # figures.setup() in a notebook's first cell


@dataclass
class Chart:
    """A figure with a caption, shown the same way in JupyterLab, Voila and exported pages.

    ``standalone`` charts carry plotly.js themselves (for notebooks and apps); a page that
    already loads plotly.js once, such as a brief, uses ``standalone=False``.
    """

    figure: go.Figure
    caption: str = ""
    standalone: bool = True
    export: bool = False  # carry the figure for static exports (see FIGURE_MIME)

    def html(self) -> str:
        return str(
            macro(
                "figure.html.j2",
                "chart",
                drawing=figure_html(self.figure, self.standalone),
                caption=self.caption,
            )
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle: dict[str, Any] = {"text/html": self.html()}
        if self.export:
            # the figure itself, for exports that draw it as a static image (a Word brief);
            # only where asked: Voila cannot render a page whose outputs carry this type
            bundle[FIGURE_MIME] = {
                "figure": json.loads(self.figure.to_json()),
                "caption": self.caption,
            }
        if not self.standalone and not has_geo(self.figure):
            # JupyterLab's own plotly renderer shows this one interactively.
            bundle["application/vnd.plotly.v1+json"] = json.loads(self.figure.to_json())
        return bundle


def leverage_bars(
    counts: pd.DataFrame, characteristics: pd.DataFrame, focus: list[str] | None = None
) -> go.Figure:
    """Interventions per leverage point, shallow to deep, stacked by characteristic; with
    ``focus`` (a theme's characteristics), the others are drawn faint, for context."""
    data = []
    for characteristic, colour in colours(characteristics).items():
        part = counts[counts["characteristic_id"] == characteristic]
        data.append(
            dict(
                type="bar",
                x=[str(p) for p in part["leverage_point"]],
                y=part["interventions"].tolist(),
                name=characteristic,
                marker=dict(color=FAINT if focus and characteristic not in focus else colour),
                hovertext=part["name"].tolist(),
                hovertemplate="%{x}: %{hovertext}<br>%{y} interventions<extra></extra>",
            )
        )
    layout = dict(
        barmode="stack",
        xaxis=dict(
            title=dict(text="leverage point (12 = shallow, 1 = deep)"),
            type="category",
            categoryorder="array",
            categoryarray=[str(p) for p in range(12, 0, -1)],
        ),
        yaxis=dict(title=dict(text="interventions"), rangemode="tozero"),
    )
    return _figure(data, layout, 320)


def matrix_heatmap(matrix: pd.DataFrame, labels: dict[str, str] | None = None) -> go.Figure:
    """The case x leverage-point matrix as a heat map, with the counts written in."""
    labels = labels or {}
    rows = [labels.get(c, c) for c in matrix.index]
    values = matrix.to_numpy().tolist()
    data = [
        dict(
            type="heatmap",
            z=values,
            x=[str(c) for c in matrix.columns],
            y=rows,
            colorscale="Blues",
            zmin=0,
            text=values,
            texttemplate="%{text}",
            showscale=False,
            xgap=1,
            ygap=1,
            hovertemplate="%{y}<br>point %{x}: %{z} interventions<extra></extra>",
        )
    ]
    layout = dict(
        xaxis=dict(
            title=dict(text="leverage point (12 = shallow, 1 = deep)"), type="category", side="top"
        ),
        yaxis=dict(autorange="reversed"),
    )
    return _figure(data, layout, 120 + 26 * len(rows))


def gap_map_figure(
    gap: pd.DataFrame, grades: pd.DataFrame, rows: str = "characteristic_id"
) -> go.Figure:
    """Bubble map: rows x approaches, bubble size = cases, colour = typical evidence grade.

    Empty cells are drawn as small open circles so that gaps are visible, as in 3ie's and
    EPPI-Mapper's evidence gap maps.
    """
    y = gap[rows].astype(str)
    empty = gap["cases"] == 0
    data = [
        dict(
            type="scatter",
            x=gap.loc[empty, "approach"].tolist(),
            y=y[empty].tolist(),
            mode="markers",
            name="gap (no case)",
            marker=dict(size=10, symbol="circle-open", color="#999"),
            hovertemplate="%{y} × %{x}: no case<extra></extra>",
        )
    ]
    biggest = max(int(gap["cases"].max()), 1)
    for grade, colour in colours(grades).items():
        part = gap[(gap["grade"] == grade) & ~empty]
        if part.empty:
            continue
        ids = [c if len(c) < 300 else c[:300] + "…" for c in part["case_ids"]]
        data.append(
            dict(
                type="scatter",
                x=part["approach"].tolist(),
                y=part[rows].astype(str).tolist(),
                mode="markers+text",
                name=grade,
                text=part["cases"].tolist(),
                textposition="middle center",
                textfont=dict(color=text_colour_on(colour)),
                customdata=ids,
                marker=dict(
                    size=(18 + 42 * part["cases"] / biggest).tolist(),
                    color=colour,
                    line=dict(width=0),
                ),
                hovertemplate="%{y} × %{x}: %{text} cases<br>%{customdata}<extra>"
                + grade
                + "</extra>",
            )
        )
    order = list(dict.fromkeys(y))
    layout = dict(
        xaxis=dict(
            title=dict(text="approach"),
            type="category",
            categoryorder="array",
            categoryarray=list(dict.fromkeys(gap["approach"])),
        ),
        yaxis=dict(
            title=dict(text=rows.replace("_id", "").replace("_", " ")),
            type="category",
            categoryorder="array",
            categoryarray=order,
        ),
    )
    return _figure(data, layout, 200 + 70 * len(order))


def approach_figure(comparison: pd.DataFrame, characteristics: pd.DataFrame) -> go.Figure:
    """Share of interventions per system characteristic, for each approach."""
    data = [
        dict(
            type="bar",
            y=comparison["approach"].tolist(),
            x=comparison[f"share_{c}"].tolist(),
            orientation="h",
            name=c,
            marker=dict(color=colour),
            hovertemplate="%{y}: %{x:.0%} of interventions at " + c + "<extra></extra>",
        )
        for c, colour in colours(characteristics).items()
    ]
    layout = dict(
        barmode="stack",
        xaxis=dict(title=dict(text="share of interventions"), tickformat=".0%"),
        yaxis=dict(title=None),
    )
    return _figure(data, layout, 260)


def timeline_figure(timeline: pd.DataFrame, characteristics: pd.DataFrame) -> go.Figure:
    """Each case's dated interventions over time, coloured by system characteristic."""
    data = []
    for characteristic, colour in colours(characteristics).items():
        part = timeline[timeline["characteristic_id"] == characteristic]
        data.append(
            dict(
                type="scatter",
                x=[int(v) for v in part["start"]],
                y=part["case_title"].tolist(),
                mode="markers",
                name=characteristic,
                marker=dict(size=12, color=colour, line=dict(width=1, color="white")),
                customdata=part[["leverage_point", "what"]].astype(str).to_numpy().tolist(),
                hovertemplate="%{x}: point %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    cases = list(dict.fromkeys(timeline["case_title"]))
    layout = dict(
        xaxis=dict(title=dict(text="year the intervention started"), dtick=2),
        yaxis=dict(type="category", categoryorder="array", categoryarray=cases[::-1]),
    )
    return _figure(data, layout, 140 + 28 * len(cases))


def case_map(
    cases: pd.DataFrame,
    approaches: pd.DataFrame,
    countries: pd.DataFrame | None = None,
    numbered: bool = False,
) -> go.Figure:
    """The cases on a world map (drawn offline from the bundled outline), by approach;
    ``countries`` (the table) names a case's country where it has no region or locality.

    ``numbered`` (a printed brief, where place names would overlap): each case is a numbered
    point, 1 for the first row of ``cases``, for a legend beside the map to name; points
    closer than a few degrees are set apart around their centre so no number hides another.
    """
    data = []
    number = {case_id: k + 1 for k, case_id in enumerate(cases["id"])}
    spread = spread_apart(cases) if numbered else None
    for approach, colour in colours(approaches).items():
        part = cases[cases["approach"] == approach]
        if part.empty:
            continue
        where = part if spread is None else spread.loc[part.index]
        lat, lon = where["lat"].to_numpy(dtype=float), where["lon"].to_numpy(dtype=float)
        label = dict(
            text=place_labels(part, countries),
            textposition="top center",
            textfont=dict(size=9, color="#1d2430"),
            marker=dict(size=10, color=colour, line=dict(width=1, color="white")),
        )
        if numbered:
            label = dict(
                text=[str(number[c]) for c in part["id"]],
                textposition="middle center",
                textfont=dict(size=9, color=text_colour_on(colour)),
                marker=dict(size=17, color=colour, line=dict(width=1, color="white")),
            )
        data.append(
            dict(
                type="scattergeo",
                # numpy arrays: plotly copies its input, and copying an array is one step,
                # copying a list is one step per element
                lat=lat,
                lon=lon,
                hovertext=part["title"].to_numpy(dtype=str),
                name=approach,
                mode="markers+text",
                hovertemplate="%{hovertext}<extra>" + approach + "</extra>",
                **label,
            )
        )
    layout = dict(
        geo=dict(
            projection=dict(type="natural earth", scale=1),
            showcountries=True,
            countrycolor="#cfd6de",
            showland=True,
            landcolor="#f3f6f9",
            showocean=False,
            showframe=False,
            resolution=110,
            scope="world",
            fitbounds=False,
            lataxis=dict(range=[-58, 84]),
            lonaxis=dict(range=[-180, 180]),
        ),
        margin=dict(l=0, r=0, t=10, b=10),
    )
    return _figure(data, layout, 380)
