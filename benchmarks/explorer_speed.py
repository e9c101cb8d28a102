"""Benchmark: how long a filter change takes in the explorer, on synthetic corpora.

Reports figures; asserts nothing. Builds a synthetic data package of N cases (five
interventions and two outcomes each, taxonomy from data/taxonomy) and times, for a series
of filter changes, the Python work of one update: selecting the cases and building every
view (count, gap map, map, timeline, table), then rendering the figures to HTML as the app
does. Run with `make bench` or `python benchmarks/explorer_speed.py --cases 10000 100000`.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from casebook.content.corpus import load_corpus
from casebook.content.taxonomy import load_taxonomy
from casebook.explorer.state import ExplorerState, Filters
from casebook.package.tables import corpus_tables
from casebook.render.figures import figure_html


def synthetic_tables(n: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    tax = load_taxonomy()
    ids = [f"case-{i:06d}" for i in range(n)]
    start = rng.integers(1990, 2020, n)
    cases = pd.DataFrame(
        {
            "id": ids,
            "title": [f"Synthetic case {i}" for i in range(n)],
            "country": rng.choice([c.name for c in tax.countries.values()], n),
            "region": None,
            "locality": None,
            "world_region": rng.choice(list(tax.world_regions), n),
            "lat": rng.uniform(-50, 60, n),
            "lon": rng.uniform(-170, 170, n),
            "level": rng.choice(list(tax.levels), n),
            "period_start": start,
            "period_end": pd.array(
                np.where(rng.random(n) < 0.5, start + rng.integers(1, 15, n), 0), dtype="Int64"
            ).astype("Int64"),
            "approach": rng.choice(list(tax.approaches), n),
            "evidence_grade": rng.choice(list(tax.evidence_grades), n),
            "story": "A synthetic story about schools.",
            "deepest_leverage_point": 3,
        }
    )
    cases.loc[cases["period_end"] == 0, "period_end"] = pd.NA
    k = 5
    points = rng.integers(1, 13, n * k)
    interventions = pd.DataFrame(
        {
            "id": [f"{c}-i{j}" for c in ids for j in range(k)],
            "case_id": np.repeat(ids, k),
            "what": "A synthetic intervention.",
            "leverage_point": points,
            "characteristic_id": [tax.characteristic_of(int(p)) for p in points],
            "start": pd.array(np.repeat(start, k) + rng.integers(0, 8, n * k), dtype="Int64"),
            "end": pd.NA,
        }
    )
    vocabularies = corpus_tables(load_corpus())  # the real taxonomy's tables
    return {
        "cases": cases,
        "interventions": interventions,
        **{
            name: vocabularies[name]
            for name in ("characteristics", "approaches", "evidence_grades", "leverage_points")
        },
    }


CHANGES = [
    Filters(),
    Filters(approaches=("bottom-up",)),
    Filters(approaches=("bottom-up",), levels=("national", "school")),
    Filters(characteristics=("intent",), grades=("strong", "moderate")),
    Filters(leverage_points=(3, 2), regions=("south-asia", "sub-saharan-africa")),
    Filters(period=(2000, 2010)),
    Filters(text="case 12"),
]


def measure(n: int, repeats: int) -> dict[str, float]:
    selection = ExplorerState(synthetic_tables(n))
    selection.views(Filters())  # warm caches (search text) as the running app would have
    select, build, render = [], [], []
    for _ in range(repeats):
        for filters in CHANGES:
            t0 = time.perf_counter()
            selection.cases(filters)
            t1 = time.perf_counter()
            views = selection.views(filters)
            t2 = time.perf_counter()
            for key in ("gap_map", "map", "timeline"):
                figure_html(views[key], include_plotlyjs=False)
            views["table"].to_html()
            t3 = time.perf_counter()
            select.append(t1 - t0)
            build.append(t2 - t1)
            render.append(t3 - t2)
    ms = lambda xs: 1000 * statistics.median(xs)  # noqa: E731
    return {
        "select": ms(select),
        "views": ms(build),
        "render": ms(render),
        "update": ms(build) + ms(render),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'cases':>8} {'select ms':>10} {'views ms':>10} {'render ms':>10} {'update ms':>10}  (medians over {len(CHANGES)} filter changes)"
    )
    for n in args.cases:
        r = measure(n, args.repeats)
        print(
            f"{n:>8} {r['select']:>10.1f} {r['views']:>10.1f} {r['render']:>10.1f} {r['update']:>10.1f}"
        )
    print("goal: an update within 50 ms at 10,000 cases")


if __name__ == "__main__":
    main()
