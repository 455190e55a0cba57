"""Under the production server (``coopdec serve``), idle connections do not freeze the
site (a hostile probe froze sync gunicorn workers with three)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopdec.settings.embedded",
        "COOPDEC_DATA_DIR": str(tmp_path),
        "COOPDEC_THREADS": "4",
    }
    coopdec = Path(sys.executable).parent / "coopdec"
    process = subprocess.Popen(  # noqa: S603 — our own command line
        [str(coopdec), "serve", "--listen", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/robots.txt"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 — a local test server
            break
        except OSError:
            time.sleep(0.1)
    yield port, url
    process.terminate()
    process.wait(timeout=10)


def test_idle_connections_do_not_freeze_the_site(server):
    port, url = server
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    try:
        started = time.monotonic()
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            assert response.status == 200
        assert time.monotonic() - started < 1  # measured: well under 0.1 s
    finally:
        for connection in idle:
            connection.close()
