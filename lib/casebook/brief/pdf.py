"""Printing a brief to PDF with Debian's headless chromium.

Chromium runs the page's own plotly.js, so charts print as the same vector drawings as on
screen; weasyprint runs no JavaScript and would have needed a second, static rendering path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from casebook.errors import UsageError


def html_to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print an HTML file to PDF with headless chromium, after its charts have drawn.

    Chromium runs the page's plotly.js, so charts print as vectors; ``--virtual-time-budget``
    lets scripts finish before printing. The PDF is written beside the target, then renamed.
    """
    import os
    import shutil
    import subprocess

    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise UsageError(
            "PDF needs Debian's chromium: run 'make browser' (apt-get install chromium)"
        )
    fd, tmp = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".tmp")
    os.close(fd)
    with tempfile.TemporaryDirectory(prefix="casebook-chromium-") as profile:
        run = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                "--virtual-time-budget=15000",
                f"--print-to-pdf={tmp}",
                html_path.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    if run.returncode != 0 or os.path.getsize(tmp) == 0:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(
            f"chromium could not print {html_path.name} to PDF: {run.stderr.strip()[-400:]}"
        )
    os.chmod(tmp, 0o644)
    os.replace(tmp, pdf_path)
