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
