"""The apps' server lets kernels go: culled once their page has gone, and stopped, every one,
with the command."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import free_port, offline_page, voila_server

from casebook import paths
from casebook.launcher import Culling, alive, descendants


def kernels(pid: int) -> list[int]:
    """The kernel processes under ``pid``."""
    out = []
    for child in descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel_launcher" in command:
            out.append(child)
    return out


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.kernel
@pytest.mark.browser
def test_a_kernel_lives_while_its_page_is_open_and_is_culled_after(corpus_dir):
    served = []
    with (
        voila_server(
            paths.NOTEBOOKS / "explore.ipynb",
            corpus_dir,
            Culling(idle=2, interval=1),
            served,
        ) as url,
        offline_page() as page,
    ):
        voila = served[0].pid
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector("#case-count", timeout=120000)
        assert len(kernels(voila)) == 1
        time.sleep(5)  # well past the idle timeout: a connected page keeps its kernel
        assert len(kernels(voila)) == 1
        page.close()
        assert wait_for(lambda: kernels(voila) == [], 30), "the kernel outlived its page"


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.kernel
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_command_stops_voila_and_every_kernel(corpus_dir, stop_signal):
    port = free_port()
    command = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "casebook",
            "explore",
            "--no-browser",
            "--port",
            str(port),
            "--source",
            str(corpus_dir),
        ],
        cwd=str(paths.ROOT),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: _port_open(port), 60), "Voila did not start"
        # a visit: Voila runs the notebook in a new kernel to render the page
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120).read()
        started = descendants(command.pid)
        assert any(kernels(command.pid)), "no kernel was started by the visit"
        command.send_signal(stop_signal)
        assert command.wait(timeout=60) == 0
        assert wait_for(lambda: not [p for p in started if alive(p)], 10), "a child outlived it"
        assert not _port_open(port)
        assert b"stopped" in command.stdout.read()
    finally:
        if command.poll() is None:
            command.kill()
