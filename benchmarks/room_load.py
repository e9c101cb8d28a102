"""Benchmark: a room of learners on one laptop, running the lesson at once.

Reports figures; asserts nothing (it says plainly when a session was not served or an answer
came back to the wrong learner). Starts the lesson as ``casebook lesson`` serves it (Voila,
preheated kernels, culling), opens N browser sessions at once in Debian's chromium, and has
each one pick a different point for the first exercise and press Check; learners arrive
``--arrival`` seconds apart (0: all at the same instant) and every page stays open until the
last one has answered. The browser runs on the same 2 cores as the server, which a real room
(one laptop each) spares it. It reports:

- first paint: from a session's visit to its first screen (the lesson's tabs), per session;
- whether every session was served, and whether each one got the feedback for its own answer;
- the server's memory (Voila and every kernel, summed RSS): at rest with its preheated pool,
  at the peak, per session, and after everyone has left (the culler's idle timeout plus one
  interval later).

Run with ``make bench`` or ``python benchmarks/room_load.py --sessions 25``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
import urllib.request

import psutil

from casebook import paths
from casebook.jupyter.launcher import Culling, descendants

sys.path.insert(0, str(paths.ROOT / "tests"))
from browser import ARGS, CHROMIUM, LOCAL, voila_server  # the tests' browser setup


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and everything under it, in MB."""
    total = 0
    for process in [pid, *descendants(pid)]:
        try:
            total += psutil.Process(process).memory_info().rss
        except psutil.NoSuchProcess:  # ended meanwhile
            continue
    return total / 2**20


class MemoryWatch(threading.Thread):
    """Samples the server's memory twice a second; ``peak`` is the highest seen."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.5)


async def session(browser, url: str, choice: int, delay: float) -> dict:
    """One learner: arrive after ``delay`` seconds, open the lesson, answer the first
    exercise with option ``choice``."""
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    await page.route("**/*", lambda r: r.continue_() if LOCAL.match(r.request.url) else r.abort())
    started = time.monotonic()
    result = {"served": False, "own_answer": False, "first_paint": None}
    try:
        await page.goto(url, wait_until="commit", timeout=120000)
        await page.wait_for_selector(".widget-tab", timeout=180000)
        result["first_paint"] = time.monotonic() - started
        await page.get_by_role("tab", name="Practise", exact=True).click()
        point = page.locator(".widget-dropdown:has(label:text-is('Point')) select")
        options = await point.locator("option").all_inner_texts()
        label = options[1 + choice % (len(options) - 1)]
        await point.select_option(label=label)
        await page.get_by_role("button", name="Check", exact=True).click()
        await page.wait_for_selector("p.feedback", timeout=120000)
        feedback = await page.inner_text("p.feedback")
        chosen = label.split()[0]
        result["served"] = True
        result["own_answer"] = feedback.startswith(f"You chose {chosen} (")
    except Exception as error:  # reported, not raised: the figures say what failed
        result["error"] = str(error).splitlines()[0]
    return {"context": context, **result}


async def fetch_only(url: str, delay: float) -> dict:
    """A visit by HTTP alone: the server starts a kernel and runs the notebook, and the page
    is complete when its HTML has arrived. Measures the server without any browser sharing
    its CPU; answers are not given."""
    await asyncio.sleep(delay)
    started = time.monotonic()

    def get() -> bytes:
        return urllib.request.urlopen(url, timeout=600).read()

    try:
        page = await asyncio.to_thread(get)
        served = b"application/vnd.jupyter.widget-view+json" in page
        return {"served": served, "own_answer": None, "first_paint": time.monotonic() - started}
    except Exception as error:
        return {"served": False, "own_answer": None, "first_paint": None, "error": str(error)}


async def room(url: str, sessions: int, arrival: float, http: bool = False) -> list[dict]:
    if http:
        return list(await asyncio.gather(*(fetch_only(url, i * arrival) for i in range(sessions))))
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results = await asyncio.gather(
            *(session(browser, url, i, i * arrival) for i in range(sessions))
        )
        # everyone leaves: their pages go, as when the tabs are closed
        for result in results:
            await result.pop("context").close()
        await browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument(
        "--arrival",
        type=float,
        default=2.0,
        help="seconds between two learners' arrivals (0: everyone at the same instant)",
    )
    parser.add_argument(
        "--http",
        action="store_true",
        help="visit by HTTP only (no browser on the machine): the server's own capacity",
    )
    args = parser.parse_args()

    culling, served_by = Culling(), []
    with voila_server(paths.NOTEBOOKS / "lesson.ipynb", None, culling, served_by) as url:
        process = served_by[0]
        time.sleep(20)  # the preheated pool runs the notebook
        resting = rss_mb(process.pid)
        watch = MemoryWatch(process.pid)
        watch.start()
        results = asyncio.run(room(url, args.sessions, args.arrival, args.http))
        watch.running = False
        left = time.monotonic()
        wait = culling.idle + 2 * culling.interval
        time.sleep(wait)
        after = rss_mb(process.pid)

    paints = sorted(r["first_paint"] for r in results if r["first_paint"] is not None)
    served = sum(r["served"] for r in results)
    own = sum(bool(r["own_answer"]) for r in results)
    print(
        f"{args.sessions} sessions ({'HTTP only' if args.http else 'browser pages'}), one "
        f"arriving every {args.arrival:g} s; lesson on {paths.CASESTUDIES.name}/"
    )
    if args.http:
        print(f"  served (HTTP only, complete page): {served} of {args.sessions}")
    else:
        print(f"  served: {served} of {args.sessions}; feedback for their own answer: {own}")
    for r in results:
        if "error" in r:
            print(f"  not served: {r['error']}")
    if paints:
        print(
            f"  first paint: median {statistics.median(paints):.1f} s, fastest {paints[0]:.1f} s, slowest {paints[-1]:.1f} s"
        )
    print(f"  server memory at rest (with its preheated pool): {resting:.0f} MB")
    print(
        f"  peak: {watch.peak:.0f} MB; per session: {(watch.peak - resting) / args.sessions:.0f} MB"
    )
    print(f"  {time.monotonic() - left:.0f} s after everyone left: {after:.0f} MB")


if __name__ == "__main__":
    main()
