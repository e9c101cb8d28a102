"""Serving the explorer and the lesson as Voila apps on 127.0.0.1, and stopping them cleanly.

``casebook explore`` and ``casebook lesson`` start Voila on a notebook from ``notebooks/``,
with casebook's own Voila template (Voila's lab template minus the font stylesheets it
would fetch from a CDN). The case folder reaches the notebook through the
``CASEBOOK_SOURCE`` environment variable, since Voila passes no parameters.

Every visit starts a kernel of 150 MB or more, so a room of visitors would fill the
machine: kernels that have no page connected and have been idle for a while are culled
(jupyter_server's culler, which Voila's kernel manager inherits). Stopping the command with
SIGTERM or SIGINT stops Voila and every kernel it started, and frees the port.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"


@dataclass(frozen=True)
class Culling:
    """When a kernel whose page has gone is shut down (seconds)."""

    idle: int = 120  # idle this long with no page connected: shut down
    interval: int = 30  # how often the culler looks


def voila_command(
    notebook: Path, port: int, open_browser: bool, culling: Culling = Culling()
) -> list[str]:
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
        f"--MappingKernelManager.cull_idle_timeout={culling.idle}",
        f"--MappingKernelManager.cull_interval={culling.interval}",
        # a page left open keeps its kernel: only kernels nobody is connected to are culled
        "--MappingKernelManager.cull_connected=False",
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


def descendants(pid: int) -> list[int]:
    """Every living process started under ``pid`` (children, grandchildren...), from /proc.

    Kernels run in sessions of their own, so a signal to Voila's process group would miss
    them; their parent is still Voila.
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def stop(process: subprocess.Popen, grace: float = 15.0) -> None:
    """Stop Voila and everything it started: SIGTERM to Voila (which shuts its kernels
    down), then to whatever is left, then SIGKILL after ``grace`` seconds."""
    started = descendants(process.pid)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        left = [pid for pid in started + descendants(process.pid) if alive(pid)]
        for pid in left:
            _signal(pid, signal_number)
        deadline = time.monotonic() + grace / 3
        while left and time.monotonic() < deadline:
            left = [pid for pid in left if alive(pid)]
            time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; its parent has not collected it yet


def _signal(pid: int, signal_number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(pid, signal_number)


def serve(notebook: Path, source: Path | None, port: int, open_browser: bool) -> int:
    """Run Voila until SIGTERM or SIGINT (Ctrl+C), then stop it and everything it started."""
    print(f"serving {notebook.name} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    process = subprocess.Popen(
        voila_command(notebook, port, open_browser),
        env=voila_environment(source),
        cwd=str(paths.ROOT),
        start_new_session=True,  # Ctrl+C reaches casebook, which stops Voila in order
    )
    stopping = []

    def on_signal(signal_number, frame):
        stopping.append(signal_number)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while process.poll() is None and not stopping:
            time.sleep(0.2)
    finally:
        stop(process)
        for signal_number, handler in previous.items():
            signal.signal(signal_number, handler)
    print("stopped", flush=True)
    return 0 if stopping else (process.returncode or 0)


def source_from_environment(source: str | None) -> str | None:
    """The notebook's ``source`` parameter, or the folder ``casebook explore --source`` set."""
    return source or os.environ.get("CASEBOOK_SOURCE") or None
