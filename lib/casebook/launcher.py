"""Serving the explorer and the lesson as Voila apps on 127.0.0.1.

``casebook explore`` and ``casebook lesson`` start Voila on a notebook from ``notebooks/``,
with casebook's own Voila template (Voila's lab template minus the font stylesheets it
would fetch from a CDN). The case folder reaches the notebook through the
``CASEBOOK_SOURCE`` environment variable, since Voila passes no parameters.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import paths

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"


def voila_command(notebook: Path, port: int, open_browser: bool) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--template=casebook",
        "--theme=light",
        "--no-browser" if not open_browser else "--browser=default",
        "--VoilaConfiguration.show_tracebacks=True",
    ]


def voila_environment(source: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    # Let Voila find casebook's template beside the package.
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p
    )
    if source:
        env["CASEBOOK_SOURCE"] = str(Path(source).resolve())
    return env


def serve(notebook: Path, source: Path | None, port: int, open_browser: bool) -> int:
    """Run Voila in the foreground until interrupted; return its exit status."""
    print(f"serving {notebook.name} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        return subprocess.call(
            voila_command(notebook, port, open_browser),
            env=voila_environment(source),
            cwd=str(paths.ROOT),
        )
    except KeyboardInterrupt:
        return 0


def source_from_environment(source: str | None) -> str | None:
    """The notebook's ``source`` parameter, or the folder ``casebook explore --source`` set."""
    return source or os.environ.get("CASEBOOK_SOURCE") or None
