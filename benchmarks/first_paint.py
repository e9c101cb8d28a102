"""Benchmark: how soon a visitor sees the explorer's, the lesson's and the workshop's first
screen.

Reports figures; asserts nothing. Serves each app as ``casebook explore`` and
``casebook lesson`` do (preheated kernels), waits for the pool, then makes visits one after
another, each from a fresh browser profile (nothing cached, as on a learner's own laptop),
and reads from the page's own clock when the first screen appeared: the explorer's case
count, the lesson's and the workshop's tabs. Run with ``make bench`` or ``python benchmarks/first_paint.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from casebook import paths

sys.path.insert(0, str(paths.ROOT / "tests"))
from browser import ARGS, CHROMIUM, voila_server  # the tests' browser setup

FIRST_SCREEN = {
    "explore.ipynb": "#case-count",
    "lesson.ipynb": ".widget-tab",
    "workshop.ipynb": ".widget-tab",
}

# the page's own clock, from the start of navigation, when the first screen is in the page
WATCH = """
window.__firstScreen = null;
window.__firstChart = null;
new MutationObserver((_, observer) => {
  if (!window.__firstScreen && document.querySelector(%r)) {
    window.__firstScreen = performance.now();
  }
  if (!window.__firstChart && document.querySelector(".main-svg")) {
    window.__firstChart = performance.now();
  }
  if (window.__firstScreen && window.__firstChart) observer.disconnect();
}).observe(document, {subtree: true, childList: true});
"""


def visits(notebook: str, count: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    seconds, charts = [], []
    with voila_server(paths.NOTEBOOKS / notebook, None) as url:
        time.sleep(20)  # the preheated pool runs the notebook
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(count):
                context = browser.new_context(viewport={"width": 1300, "height": 1000})
                page = context.new_page()
                page.add_init_script(WATCH % FIRST_SCREEN[notebook])
                page.goto(url, wait_until="commit", timeout=60000)
                page.wait_for_selector(FIRST_SCREEN[notebook], timeout=120000)
                seconds.append(page.evaluate("window.__firstScreen") / 1000)
                if notebook == "explore.ipynb":  # the gap map, drawn once plotly.js is in
                    page.wait_for_selector(".main-svg", timeout=60000)
                    charts.append(page.evaluate("window.__firstChart") / 1000)
                context.close()
                time.sleep(6)  # the pool refills between visitors, as in a room arriving
            browser.close()
    return seconds, charts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=5)
    args = parser.parse_args()
    for notebook in FIRST_SCREEN:
        seconds, charts = visits(notebook, args.visits)
        seconds.sort()
        print(
            f"{notebook}: first screen after median {statistics.median(seconds):.1f} s "
            f"(fastest {seconds[0]:.1f} s, slowest {seconds[-1]:.1f} s; "
            f"{args.visits} visits, fresh browser profile each)"
        )
        if charts:
            print(f"  its first chart drawn after median {statistics.median(charts):.1f} s")


if __name__ == "__main__":
    main()
