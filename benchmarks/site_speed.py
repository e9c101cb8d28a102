"""Benchmark: the static site's first paint, bytes before the first chart, and filter updates,
at the real corpus and at 10,000 synthetic cases.

Reports figures; asserts nothing. Writes the site with ``casebook site``, serves it from a
local static server on 127.0.0.1 (Python's own, as plain files; and the same with gzip, as
most static hosts send them), and visits the evidence map from a fresh browser profile each
time (nothing cached). The page's own clock gives the first screen (filters, count and
table drawn) and the first chart; the Resource Timing entries give the bytes transferred
until then. Filter updates are timed in the page: one checkbox changed, the views in sight redrawn (the
world map and the timeline, below the fold, redraw when scrolled into view).
Compare with ``benchmarks/first_paint.py`` (the Voila explorer). Run with ``make bench``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from casebook import paths

sys.path.insert(0, str(paths.ROOT / "tests"))
from browser import ARGS, CHROMIUM  # the tests' browser setup

CASEBOOK = str(Path(sys.executable).with_name("casebook"))

# the page's own clock, from the start of navigation: the first screen (site.js marks the
# body when the count and the table are drawn), the gap map's first drawing (the page's own
# SVG, or plotly's where plotly draws first) and the frame painted with it, and plotly's
# drawing of the gap map (its charts interactive)
WATCH = """
window.__firstScreen = null;
window.__firstChart = null;
window.__plotly = null;
new MutationObserver((_, observer) => {
  if (!window.__firstScreen && document.querySelector('body[data-ready]')) {
    window.__firstScreen = performance.now();
  }
  if (!window.__firstChart && document.querySelector('#gap-map svg')) {
    window.__firstChart = performance.now();
    // the frame that shows it: the next animation frame, and the task after its paint
    requestAnimationFrame(() => setTimeout(() => { window.__chartPainted = performance.now(); }));
  }
  if (!window.__plotly && document.querySelector('#gap-map .main-svg')) {
    window.__plotly = performance.now();
  }
  if (window.__firstScreen && window.__firstChart && window.__plotly) observer.disconnect();
}).observe(document, {subtree: true, childList: true, attributes: true});
"""

# bytes over the wire (headers and body, compressed as sent) of everything finished by `t`
BYTES_BY = """t => performance.getEntriesByType('navigation').concat(
  performance.getEntriesByType('resource')).filter(e => e.responseEnd <= t)
  .reduce((sum, e) => sum + e.transferSize, 0)"""

# one checkbox after another, each change timed until the views in sight are redrawn
FILTER_TIMES = """() => {
  const times = [];
  const boxes = [...document.querySelectorAll('#filters input[type=checkbox]')]
    .filter(b => ['approach', 'level', 'grade', 'leverage_point'].includes(b.name));
  for (const box of boxes.slice(0, 14)) {
    const t = performance.now();
    box.click();  // the form's change handler filters and redraws, synchronously
    times.push(performance.now() - t);
  }
  return times;
}"""

SELECT_TIMES = """() => {
  const times = [];
  for (const q of ['approach=bottom-up', 'level=national&grade=strong', 'leverage_point=3',
                   'characteristic=intent&approach=mixed', '']) {
    const t = performance.now();
    window.casebookSite.select(q);
    times.push(performance.now() - t);
  }
  return times;
}"""


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Python's file server, sending files gzipped when the browser accepts it, as static
    hosts (GitHub Pages, Netlify, nginx with gzip on) do."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class Plain(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path, handler) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def visits(url: str, count: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {
        "screen": [],
        "chart": [],
        "paint": [],
        "bytes": [],
        "plotly": [],
        "filter": [],
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for visit in range(count):
            context = browser.new_context(viewport={"width": 1300, "height": 1000})
            page = context.new_page()
            page.add_init_script(WATCH)
            page.goto(url + "index.html", wait_until="commit")
            page.wait_for_selector("body[data-ready]", timeout=120000)
            page.wait_for_selector("#gap-map svg", timeout=120000)
            page.wait_for_selector("#gap-map .main-svg", timeout=120000)
            screen, chart, plotly = page.evaluate(
                "[window.__firstScreen, window.__firstChart, window.__plotly]"
            )
            figures["screen"].append(screen / 1000)
            figures["chart"].append(chart / 1000)
            figures["plotly"].append(plotly / 1000)
            painted = page.evaluate("window.__chartPainted")
            figures["paint"].append(painted / 1000)
            figures["bytes"].append(page.evaluate(BYTES_BY, chart) / 1e6)
            if visit == 0:
                page.wait_for_selector("#timeline .main-svg", timeout=120000)
                figures["filter"] = page.evaluate(FILTER_TIMES)
                figures["select"] = page.evaluate(SELECT_TIMES)
            context.close()
        browser.close()
    return figures


def report(label: str, figures: dict[str, list[float]]) -> None:
    median = statistics.median
    print(
        f"{label}: first screen (filters, count, table) median {median(figures['screen']):.2f} s; "
        f"gap map drawn {median(figures['chart']):.2f} s "
        f"(fastest {min(figures['chart']):.2f}, slowest {max(figures['chart']):.2f}), "
        f"first paint with it {median(figures['paint']):.2f} s; "
        f"{median(figures['bytes']):.2f} MB transferred by then; "
        f"interactive charts (plotly.js) {median(figures['plotly']):.2f} s"
    )
    print(
        f"  filter change, the views in sight redrawn: median {median(figures['filter']):.0f} ms, "
        f"slowest {max(figures['filter']):.0f} ms; selection alone: "
        f"median {median(figures['select']):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--cases", type=int, nargs="*", default=[10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casebook-site-bench-") as tmp:
        sources: list[tuple[str, Path | None]] = [("real corpus", None)]
        for n in args.cases:
            corpus = Path(tmp) / f"corpus-{n}"
            subprocess.run([CASEBOOK, "synth", "--cases", str(n), "--out", str(corpus)], check=True)
            sources.append((f"{n:,} synthetic cases", corpus))
        for label, source in sources:
            site = Path(tmp) / f"site-{label.split()[0]}"
            command = [CASEBOOK, "site", "--out", str(site)]
            subprocess.run(command + (["--source", str(source)] if source else []), check=True)
            for handler, how in ((Plain, "plain files"), (Gzipped, "gzip")):
                server, url = serve(site, handler)
                try:
                    report(f"{label}, served as {how}", visits(url, args.visits))
                finally:
                    server.shutdown()


if __name__ == "__main__":
    main()
