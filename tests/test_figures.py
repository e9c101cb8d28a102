"""Figures are built from the analysis tables, and maps draw with the network blocked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browser import offline_page

from casebook.analysis import crosscase as a
from casebook.render import figures

if TYPE_CHECKING:
    import plotly.graph_objects as go


@pytest.fixture
def tables(fixture_tables):
    return fixture_tables


def test_every_figure_builds_from_the_tables(tables):
    inter = tables["interventions"]
    counts = a.leverage_counts(inter, tables["leverage_points"])
    assert sum(
        sum(t.y) for t in figures.leverage_bars(counts, tables["characteristics"]).data
    ) == len(inter)
    heat = figures.matrix_heatmap(a.leverage_matrix(inter), {"alpha": "Alpha"})
    assert list(heat.data[0].y) == ["Alpha", "beta"] and sum(map(sum, heat.data[0].z)) == len(inter)
    gap = a.gap_map(tables["cases"], inter, tables)
    gap_fig = figures.gap_map_figure(gap, tables["evidence_grades"])
    assert {t.name for t in gap_fig.data} == {"gap (no case)", "moderate", "anecdotal"}
    assert len(gap_fig.data[0].x) == int((gap["cases"] == 0).sum())
    assert (
        len(figures.approach_figure(a.approach_comparison(tables), tables["characteristics"]).data)
        == 4
    )
    timeline = figures.timeline_figure(
        a.intervention_timeline(inter, tables["cases"]), tables["characteristics"]
    )
    assert sum(len(t.x) for t in timeline.data) == int(inter["start"].notna().sum())
    assert figures.has_geo(figures.case_map(tables["cases"], tables["approaches"]))


def test_map_html_carries_the_world_outline_and_no_cdn_address(tables):
    page = figures.standalone_page(figures.case_map(tables["cases"], tables["approaches"]), "Cases")
    assert "window.PlotlyGeoAssets.topojson['world_110m']" in page
    assert "<script src=" not in page and "<link " not in page  # nothing loaded from elsewhere


@pytest.mark.browser
def test_a_map_draws_with_the_network_blocked(tables, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(
        figures.standalone_page(figures.case_map(tables["cases"], tables["approaches"]), "Cases"),
        encoding="utf-8",
    )
    with offline_page(1000, 600) as page:
        page.goto(path.as_uri())
        page.wait_for_selector(".geo .countries path", timeout=15000)
        countries = page.locator(".geo .countries path").count()
        points = page.locator(".scattergeo .point").count()
        page.screenshot(path=str(tmp_path / "map.png"))
        assert page.errors == []
        assert page.blocked == []
    assert countries >= 1  # the world outline was drawn
    assert points == len(tables["cases"])


def test_charts_for_a_page_leave_plotly_js_to_the_page(tables):
    counts = a.leverage_counts(tables["interventions"], tables["leverage_points"])
    shared = figures.Chart(
        figures.leverage_bars(counts, tables["characteristics"]), "c", standalone=False
    )._repr_mimebundle_()
    assert "application/vnd.plotly.v1+json" in shared and len(shared["text/html"]) < 100_000
    alone = figures.Chart(
        figures.case_map(tables["cases"], tables["approaches"]), "m"
    )._repr_mimebundle_()
    # a map carries plotly.js inline and no plotly bundle (JupyterLab's renderer would fetch
    # the world outline from a CDN)
    assert list(alone) == ["text/html"]
    assert len(alone["text/html"]) > 1_000_000
    # a brief's charts carry the figure itself, for the Word file's static images
    exported = figures.Chart(
        figures.case_map(tables["cases"], tables["approaches"]), "m", standalone=False, export=True
    )._repr_mimebundle_()
    assert exported[figures.FIGURE_MIME]["caption"] == "m"
    assert exported[figures.FIGURE_MIME]["figure"]["data"][0]["type"] == "scattergeo"


@pytest.mark.browser
def test_a_static_map_draws_the_world_offline(tables):
    svg = to_image(figures.case_map(tables["cases"], tables["approaches"]), format="svg").decode(
        "utf-8"
    )
    assert svg.startswith("<svg")
    countries = svg[svg.index('class="layer countries"') :].split("</g>")[0]
    assert countries.count("<path") >= 1
    assert len(countries) > 50_000  # the whole outline was drawn, not a stub


def to_image(
    fig: go.Figure, format: str = "png", width: int = 900, height: int | None = None
) -> bytes:
    """A static image of ``fig`` through kaleido and Debian's chromium, with no network
    (a test helper: kaleido is a test dependency, not part of casebook).

    Maps read the bundled world outline from the package folder instead of the CDN.
    """
    import os
    import shutil

    import plotly.io as pio

    from casebook.render.figures import ASSETS

    pio.defaults.topojson = ASSETS.as_uri() + "/"
    browser = shutil.which("chromium")
    if browser:  # kaleido looks for Chrome; point it at Debian's chromium
        os.environ.setdefault("BROWSER_PATH", browser)
    return fig.to_image(format=format, width=width, height=height or fig.layout.height)


def test_a_numbered_map_sets_close_points_apart_and_numbers_each_case():
    import pandas as pd

    from casebook.render import figures

    cases = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "title": ["A", "B", "C"],
            "approach": ["top-down", "bottom-up", "top-down"],
            "lat": [-3.7, -3.7, 40.0],
            "lon": [-40.3, -40.3, -100.0],
            "country": ["brazil", "brazil", "united-states"],
        }
    )
    approaches = pd.DataFrame(
        {
            "id": ["top-down", "bottom-up"],
            "name": ["Top-down", "Bottom-up"],
            "colour": ["#d95f02", "#1b9e77"],
        }
    )
    drawn = figures.case_map(cases, approaches, numbered=True)
    points = {
        text: (lat, lon)
        for trace in drawn.data
        for text, lat, lon in zip(trace.text, trace.lat, trace.lon, strict=True)
    }
    assert set(points) == {"1", "2", "3"}
    # a and b share a place: drawn apart, by at least a point's width; c stays where it is
    (lat1, lon1), (lat2, lon2) = points["1"], points["2"]
    assert ((lat1 - lat2) ** 2 + (lon1 - lon2) ** 2) ** 0.5 >= 12
    assert points["3"] == (40.0, -100.0)
