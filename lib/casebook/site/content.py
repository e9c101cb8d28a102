"""What the evidence map carries as JSON, so that the browser can filter without a server.

:func:`map_data` gives the filters (under their ``--where`` names, with the values
``--where`` accepts and the names a reader sees), one record per case with the value of every
filter field, and the charts' layouts made by :mod:`casebook.render.figures`; :func:`search_index`
gives each case's searchable text (the explorer's own) and the sources with the cases that
cite them. The browser's rule for choosing cases is ``templates/site/site.js``; it mirrors
:func:`casebook.content.selection.select_cases` field by field.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from casebook.analysis.crosscase import POINTS, gap_map, intervention_timeline
from casebook.content.selection import WHERE_FIELDS, where_values
from casebook.explorer.state import ExplorerState
from casebook.render.figures import case_map, gap_map_figure, timeline_figure
from casebook.render.markup import byline
from casebook.render.palette import colours, text_colour_on

if TYPE_CHECKING:
    import pandas as pd

    from casebook.content.corpus import Corpus

TABLE_ROWS = 100  # rows the case table draws at once; "Show all" draws the rest
TIMELINE_CASES = 40  # as the explorer: the earliest-starting cases of the selection
GAP_HEIGHT = 900  # the gap map's height in pixels, drawn with or without plotly.js


def case_page(case_id: str) -> str:
    """Where a case's page is, relative to the site's root."""
    return f"cases/{case_id}.html"


LABEL_LENGTH = 48  # a gap map row's label, cut at a word: Meadows' names run to a sentence


def point_label(point: int, name: str) -> str:
    """A leverage point as the gap map's row and the filter's label: '3 · The goals of the
    system', cut to a line at a word ('2 · The mindset or paradigm out of which the…')."""
    label = f"{point} · {name}"
    if len(label) <= LABEL_LENGTH:
        return label
    return label[:LABEL_LENGTH].rsplit(" ", 1)[0].rstrip(" ,—") + "…"


def filter_fields(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> list[dict]:
    """The filters in the order the page shows them: each with its ``--where`` name, a
    heading, and the values ``--where`` accepts with the names a reader sees."""
    tax = corpus.taxonomy

    def vocabulary(name: str) -> list[dict]:
        table = tables[name].sort_values("order") if "order" in tables[name] else tables[name]
        return [
            {"value": str(v), "label": n} for v, n in zip(table["id"], table["name"], strict=True)
        ]

    countries = sorted({c.place.country for c in corpus.cases})
    fields = [
        ("approach", "Approach", vocabulary("approaches")),
        ("level", "Level", vocabulary("levels")),
        ("region", "World region", vocabulary("world_regions")),
        ("country", "Country", [{"value": c, "label": c} for c in countries]),
        ("grade", "Evidence grade", vocabulary("evidence_grades")),
        ("characteristic", "System characteristic", vocabulary("characteristics")),
        (
            "leverage_point",
            "Leverage point",
            [
                {"value": str(p), "label": point_label(p, tax.leverage_points[p].short_name)}
                for p in sorted(tax.leverage_points)
            ],
        ),
    ]
    assert all(name in WHERE_FIELDS for name, _, _ in fields), "filters use the --where names"
    return [{"name": n, "label": label, "options": options} for n, label, options in fields]


def case_records(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> list[dict]:
    """One record per case, in the cases table's order: what the table shows and, under
    ``v``, each filter field's values as :func:`~casebook.content.selection.select_cases` reads them
    (the country by its name, the world region by its id, leverage points as text)."""
    import pandas as pd

    tax = corpus.taxonomy
    names = {
        vocabulary: tables[vocabulary].set_index("id")["name"].to_dict()
        for vocabulary in ("approaches", "levels", "evidence_grades", "countries")
    }
    points: dict[str, list[int]] = {}
    for case_id, point in zip(
        tables["interventions"]["case_id"],
        tables["interventions"]["leverage_point"],
        strict=True,
    ):
        points.setdefault(case_id, [])
        if int(point) not in points[case_id]:
            points[case_id].append(int(point))
    records = []
    for row in tables["cases"].itertuples(index=False):
        mine = sorted(points.get(row.id, []))
        country = names["countries"].get(row.country, row.country)
        place = ", ".join(
            p for p in (row.locality, row.region, country) if isinstance(p, str) and p
        )
        records.append(
            {
                "id": row.id,
                "title": row.title,
                "href": case_page(row.id),
                "place": place,
                "level": names["levels"].get(row.level, row.level),
                "approach": names["approaches"].get(row.approach, row.approach),
                "grade": names["evidence_grades"].get(row.evidence_grade, row.evidence_grade),
                "start": int(row.period_start),
                "end": None if pd.isna(row.period_end) else int(row.period_end),
                "deepest": int(row.deepest_leverage_point),
                "v": {
                    "approach": [row.approach],
                    "level": [row.level],
                    "region": [row.world_region],
                    "country": [country],
                    "grade": [row.evidence_grade],
                    "characteristic": sorted({tax.characteristic_of(p) for p in mine}),
                    "leverage_point": [str(p) for p in mine],
                    "case": [row.id],
                },
            }
        )
    return records


def _plain(figure) -> dict:
    """A figure as plain JSON, every array a list: the browser keeps or drops points by
    position, which plotly's packed arrays (``{"dtype": ..., "bdata": ...}``) would hide."""
    return _lists(json.loads(figure.to_json()))


def _lists(value):
    import base64

    import numpy as np

    if isinstance(value, dict) and set(value) >= {"dtype", "bdata"}:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")  # "rows, columns" for a table of values
        if isinstance(shape, str):
            shape = tuple(int(n) for n in shape.split(","))
        return array.reshape(shape).tolist() if shape else array.tolist()
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lists(v) for v in value]
    return value


def gap_rows(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict:
    """What the gap map is counted and drawn from, in the browser, with or without plotly.js:
    its rows (leverage points, 12 first), columns (approaches) and the grades' colours."""
    names = {p: point_label(p, lp.short_name) for p, lp in corpus.taxonomy.leverage_points.items()}
    grades = [
        {"id": g, "colour": c, "text": text_colour_on(c), "rank": int(r)}
        for (g, c), r in zip(
            colours(tables["evidence_grades"]).items(),
            tables["evidence_grades"].sort_values("rank", ascending=False)["rank"],
            strict=True,
        )
    ]
    return {
        "rows": [names[p] for p in POINTS],
        "points": [str(p) for p in POINTS],
        "approaches": list(colours(tables["approaches"])),
        "grades": grades,
        "height": GAP_HEIGHT,
    }


def chart_data(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict:
    """The charts that need plotly.js, made by :mod:`casebook.render.figures` as the explorer
    makes them; the page loads these with plotly.js, after its first screen.

    The browser draws the selection from these: the gap map's cells are counted again (its
    layout is given here), the map's points are kept or dropped by the case each belongs to
    (``ids``, one list per trace), the timeline's are each case's dated interventions."""
    cases, interventions = tables["cases"], tables["interventions"]
    names = {p: point_label(p, lp.short_name) for p, lp in corpus.taxonomy.leverage_points.items()}
    gap = gap_map(cases, interventions, tables, rows="leverage_point")
    gap["leverage_point"] = gap["leverage_point"].map(names)
    gap_layout = _plain(gap_map_figure(gap, tables["evidence_grades"], rows="leverage_point"))[
        "layout"
    ]
    # the legend close under the plot, where the drawing without plotly.js has it too
    gap_layout.update(height=GAP_HEIGHT, legend={**gap_layout["legend"], "y": -0.12})
    approaches = colours(tables["approaches"])
    map_figure = case_map(cases, tables["approaches"], tables["countries"])
    map_ids = [
        cases.loc[cases["approach"] == a, "id"].tolist()
        for a in approaches
        if (cases["approach"] == a).any()
    ]
    # the timeline's style and layout only: its points travel with each case (``points``),
    # as the page draws the 40 earliest-starting cases of the selection, never all of them
    timeline = _plain(
        timeline_figure(
            intervention_timeline(interventions[:0], cases[:0]), tables["characteristics"]
        )
    )
    return {
        "gapLayout": gap_layout,
        "map": {"figure": _plain(map_figure), "ids": map_ids},
        "timeline": {"figure": timeline, "cases": TIMELINE_CASES},
        "points": timeline_points(corpus, tables),
    }


def timeline_points(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict[str, list]:
    """Each case's dated interventions as ``[trace, year, point, label]``, in the order
    :func:`casebook.analysis.crosscase.intervention_timeline` gives them; ``trace`` is the timeline
    figure's trace (one per system characteristic, in the taxonomy's order)."""
    timeline = intervention_timeline(tables["interventions"], tables["cases"])
    trace = {c: k for k, c in enumerate(colours(tables["characteristics"]))}
    names = corpus.taxonomy.leverage_points
    points: dict[str, list] = {}
    for case_id, start, point, characteristic in zip(
        timeline["case_id"],
        timeline["start"],
        timeline["leverage_point"],
        timeline["characteristic_id"],
        strict=True,
    ):
        label = point_label(int(point), names[int(point)].short_name)
        points.setdefault(case_id, []).append(
            [trace[characteristic], int(start), int(point), label]
        )
    return points


def spellings(corpus: Corpus) -> dict[str, dict[str, str]]:
    """Per ``--where`` field, every spelling the command line accepts (ids and names,
    lower-cased) and the value it stands for, so that an address reads exactly as
    ``--where`` does (:func:`~casebook.content.selection.where_values`)."""
    values = where_values(corpus.taxonomy, corpus.cases)
    return {
        field: {alias: str(value) for alias, value in values[name].items()}
        for field, name in WHERE_FIELDS.items()
    }


def map_data(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict:
    """What the evidence map's first screen needs (the filters, the cases, the gap map's
    rows), as one JSON-ready dict; :func:`chart_data` holds what waits for plotly.js."""
    return {
        "fields": filter_fields(corpus, tables),
        "spellings": spellings(corpus),
        "cases": case_records(corpus, tables),
        "gap": gap_rows(corpus, tables),
        "tableRows": TABLE_ROWS,
    }


def search_index(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict:
    """The search box's index: each case's lower-cased text (title, place, story and
    interventions, as the explorer searches) and every source with the cases citing it."""
    text = ExplorerState(tables).search_text()
    citing: dict[str, list[str]] = {}
    for source_id, case_id in zip(
        tables["citations"]["source_id"], tables["citations"]["case_id"], strict=True
    ):
        if isinstance(case_id, str) and case_id not in citing.setdefault(source_id, []):
            citing[source_id].append(case_id)
    sources = [
        {
            "title": s.title,
            "who": byline(s),
            "year": s.year,
            "url": s.link,
            "cases": citing.get(s.id, []),
        }
        for s in corpus.sources.values()
    ]
    return {"cases": dict(zip(tables["cases"]["id"], text, strict=True)), "sources": sources}
