"""Serving the explorer and the lesson as Voila apps on 127.0.0.1, and stopping them cleanly.

``casebook explore`` and ``casebook lesson`` start Voila on a notebook from ``notebooks/``,
with casebook's own Voila template (Voila's lab template minus the font stylesheets it
would fetch from a CDN). The case folder reaches the notebook through the
``CASEBOOK_SOURCE`` environment variable, since Voila passes no parameters.

Starting a kernel and running the notebook takes several seconds on a small machine, so
Voila keeps a small pool of preheated kernels that have already run the notebook up to the
cell that asks for the page's address (:func:`page_query`): a visitor gets the first screen
at once, and the pool refills behind them.

Every visit keeps a kernel of 150 MB or more, so a room of visitors would fill the machine:
the page shuts its kernel down when it closes, and kernels that have no page connected and
have been idle for a while are culled (jupyter_server's culler, which Voila's kernel manager
inherits; it leaves the pool alone). Stopping the command with SIGTERM or SIGINT stops Voila
and every kernel it started, and frees the port.
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
from urllib.parse import parse_qs

import psutil

from casebook import paths

JUPYTER_DATA = paths.JUPYTER_DATA


@dataclass(frozen=True)
class Culling:
    """When a kernel whose page has gone is shut down (seconds)."""

    idle: int = 120  # idle this long with no page connected: shut down
    interval: int = 30  # how often the culler looks


# Preheated kernels kept waiting for visitors. Each holds 150-200 MB; two cover a visitor
# arriving while the pool refills (a few seconds), and a crowd beyond the pool still gets
# served, by kernels started on demand.
POOL_SIZE = 2


def voila_command(
    notebook: Path,
    port: int,
    open_browser: bool,
    culling: Culling = Culling(),
    pool: int = POOL_SIZE,
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
        *(["--preheat_kernel=True", f"--pool_size={pool}"] if pool else []),
    ]


def voila_environment(source: Path | None, workshop: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Let Voila find casebook's template beside the package, and plotly.js as one of the
    # template's static files.
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(JUPYTER_DATA), str(plotly_static()), env.get("JUPYTER_PATH", "")) if p
    )
    env[PAGE_LOADS_PLOTLY] = "1"  # tells the notebook not to put plotly.js in an output too
    if source:
        env["CASEBOOK_SOURCE"] = str(Path(source).resolve())
    if workshop:
        env["CASEBOOK_WORKSHOP"] = str(Path(workshop).resolve())
    return env


PAGE_LOADS_PLOTLY = "CASEBOOK_PAGE_LOADS_PLOTLY"


def plotly_static() -> Path:
    """A Jupyter data folder whose casebook template serves plotly's own plotly.min.js.

    Voila looks for a template's static files in every folder of JUPYTER_PATH; this one
    holds a copy of the file the installed plotly package carries (a link would be refused:
    Tornado serves nothing that resolves outside its folder), so the page loads the version
    the figures were made for and nothing is copied into the repository.
    """
    import shutil
    import tempfile

    import plotly

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    root = Path(tempfile.gettempdir()) / f"casebook-jupyter-{os.getuid()}"
    copy = root / "voila" / "templates" / "casebook" / "static" / "plotly.min.js"
    if not copy.is_file() or copy.stat().st_size != bundle.stat().st_size:
        copy.parent.mkdir(parents=True, exist_ok=True)
        fresh = copy.with_name(f".plotly-{os.getpid()}.js")
        shutil.copyfile(bundle, fresh)
        fresh.replace(copy)  # atomic: two servers starting at once both end with a whole file
    return root


def page_loads_plotly() -> bool:
    """Whether the page this kernel serves loads plotly.js itself (casebook's Voila
    template does, for notebooks that ask for it in their metadata)."""
    return os.environ.get(PAGE_LOADS_PLOTLY) == "1"


def descendants(pid: int) -> list[int]:
    """Every living process started under ``pid`` (children, grandchildren...).

    Kernels run in sessions of their own, so a signal to Voila's process group would miss
    them; their parent is still Voila.
    """
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


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
        # a zombie has exited; its parent has not collected it yet
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _signal(pid: int, signal_number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(pid, signal_number)


def serve(
    notebook: Path,
    source: Path | None,
    port: int,
    open_browser: bool,
    workshop: Path | None = None,
) -> int:
    """Run Voila until SIGTERM or SIGINT (Ctrl+C), then stop it and everything it started.
    ``workshop`` is the file ``casebook workshop FILE`` opens (``CASEBOOK_WORKSHOP``)."""
    print(f"serving {notebook.name} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    process = subprocess.Popen(
        voila_command(notebook, port, open_browser),
        env=voila_environment(source, workshop),
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


def workshop_from_environment(file: str | None) -> str | None:
    """The workshop notebook's ``file`` parameter, or the file ``casebook workshop FILE`` set."""
    return file or os.environ.get("CASEBOOK_WORKSHOP") or None


def page_query() -> dict[str, list[str]]:
    """The query string of the page a notebook serves, as ``{name: [values]}``.

    Under Voila with preheated kernels the notebook runs before anyone visits, so this waits
    (through Voila's query-string helper) until a visitor takes the kernel; every cell above
    the call has already run. Elsewhere (a kernel Voila started for the visit, JupyterLab, a
    test) it answers at once, from the environment Voila sets, or empty.
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string  # slow to import; only a Voila kernel needs it

        query = get_query_string()
    else:
        query = os.environ.get("QUERY_STRING")
    return parse_qs(query or "", keep_blank_values=False)


def served_by_voila() -> bool:
    """Whether this kernel serves a Voila page (which has an address a link can restore)."""
    return "VOILA_KERNEL_ID" in os.environ  # Voila sets it in every kernel it starts
