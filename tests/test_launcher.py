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
from casebook.jupyter.launcher import POOL_SIZE, Culling, alive, descendants


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
def test_the_page_s_shutdown_request_is_accepted_and_the_pool_stays(corpus_dir):
    served = []
    with (
        voila_server(paths.NOTEBOOKS / "explore.ipynb", corpus_dir, None, served) as url,
        offline_page() as page,
    ):
        voila = served[0].pid
        assert wait_for(lambda: len(kernels(voila)) == POOL_SIZE, 60), "no preheated pool"
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector("#case-count", timeout=120000)
        # the visitor took a preheated kernel and the pool refilled behind them
        assert wait_for(lambda: len(kernels(voila)) == POOL_SIZE + 1, 60)
        # what Voila's page sends when it closes, exactly: it was refused (403, no _xsrf)
        status = page.evaluate(
            """async () => {
                const kernel = JSON.parse(
                    document.getElementById('jupyter-config-data').textContent).kernelId;
                const form = new FormData();
                form.append('_xsrf', document.cookie.split('; ')
                    .find((c) => c.startsWith('_xsrf=')).slice(6));
                const reply = await fetch(`/voila/api/shutdown/${kernel}`,
                                          {method: 'POST', body: form});
                return reply.status;
            }"""
        )
        assert status == 204


@pytest.mark.kernel
@pytest.mark.browser
def test_a_kernel_whose_page_vanished_without_a_word_is_culled(corpus_dir):
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
        # a browser that crashed or lost the network never sends the shutdown request
        page.route("**/voila/api/shutdown/**", lambda route: route.abort())
        assert wait_for(lambda: len(kernels(voila)) == POOL_SIZE, 60), "no preheated pool"
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector("#case-count", timeout=120000)
        assert wait_for(lambda: len(kernels(voila)) == POOL_SIZE + 1, 60)
        time.sleep(5)  # well past the idle timeout: a connected page keeps its kernel
        assert len(kernels(voila)) == POOL_SIZE + 1, "a page still open lost its kernel"
        page.close()
        # culled once idle with nobody connected; the preheated pool is never culled
        assert wait_for(lambda: len(kernels(voila)) == POOL_SIZE, 30), "the kernel outlived it"


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
