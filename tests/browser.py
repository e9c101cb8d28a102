"""Opening pages in Debian's chromium through Playwright, with the network blocked."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL = re.compile(r"^(file:|data:|blob:|about:|https?://(127\.0\.0\.1|localhost)[:/])")


@contextmanager
def offline_page(width: int = 1100, height: int = 1400):
    """A page that records page errors and aborts (and records) every non-local request."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.errors, page.blocked = [], []
        page.on("pageerror", lambda e: page.errors.append(str(e)))

        def route(r):
            if LOCAL.match(r.request.url):
                r.continue_()
            else:
                page.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        try:
            yield page
        finally:
            browser.close()


HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'


def make_hostile(corpus_dir):
    """Markup and script in a case's title, story and intervention, as a careless or
    malicious contributor might write them: the apps must show them as text."""
    case = corpus_dir / "alpha.md"
    text = case.read_text(encoding="utf-8")
    text = text.replace("title: Alpha sets a new goal", f"title: 'Alpha sets a new goal {HOSTILE}'")
    text = text.replace(
        "what: Declared literacy the goal of primary school.",
        f"what: 'Declared literacy the goal of primary school. {HOSTILE}'",
    )
    text = text.replace("## Story\n", f"## Story\n\n{HOSTILE}\n", 1)
    case.write_text(text, encoding="utf-8")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def voila_server(notebook, source, culling=None, process_out=None, workshop=None):
    """Serve ``notebook`` with Voila on 127.0.0.1 as ``casebook explore`` would; yield its URL.

    ``culling`` overrides when idle kernels are shut down; ``process_out`` (a list) receives
    the Voila process, for tests that watch its kernels. The server and every kernel it
    started are stopped afterwards, as ``casebook explore`` stops them."""
    import subprocess
    import time
    import urllib.error
    import urllib.request

    from casebook import paths
    from casebook.jupyter.launcher import Culling, stop, voila_command, voila_environment

    port = free_port()
    process = subprocess.Popen(
        voila_command(notebook, port, False, culling or Culling()),
        env=voila_environment(source, workshop),
        cwd=str(paths.ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "api", timeout=2)
            break
        except urllib.error.HTTPError:
            break  # the server answers
        except OSError:
            time.sleep(0.3)
    if process_out is not None:
        process_out.append(process)
    try:
        yield url
    finally:
        stop(process)
