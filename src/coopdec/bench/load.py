"""The load test (``coopdec bench --load``): concurrent clients on the loopback against
several ``coopdec serve`` processes sharing this database and cache, for a bounded time, on
the benchmark data set; requests per second, p50/p95/p99 and errors.

With ``--fault``, during the load: one server process is killed with SIGKILL and started
again (as a service manager would), and the background worker is killed while it imports a
large file (10,000 rows at ``atlas10``) in the background, then started again. The report
counts the requests the killed server could not answer apart from other errors, and checks
that the import was written exactly once (partnerships counted and keyed before and
after), then undoes it.

The clients are a small asyncio HTTP/1.1 client with keep-alive (no dependency): each
stays on one server, as a proxy's sticky session would, and asks the benchmark's addresses
(public pages, API, signed-in pages) in its own shuffled order.
"""

from __future__ import annotations

import asyncio
import io
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import connections
from django.db.models import Count
from django.test import Client

from coopdec.accounts.models import User
from coopdec.accounts.second_factor import verified_session
from coopdec.imports import drafts, pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.models import ImportRun, Work
from coopdec.imports.readers import read_table
from coopdec.partnerships.models import Partnership

from . import importing, measure
from .dataset import STAFF

COOPDEC = Path(sys.executable).parent / "coopdec"
# The worker's lease during the fault scenario: short, so that the test does not wait long.
LEASE_SECONDS = 10


@dataclass
class Outcome:
    started: float
    ms: float
    status: int  # 0: no answer (connection refused, reset, cut)
    server: int


@dataclass
class Servers:
    """``coopdec serve`` processes on free loopback ports, started again if killed."""

    count: int
    env: dict[str, str]
    ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def start(self) -> None:
        self.ports = [_free_port() for _ in range(self.count)]
        self.processes = [self._serve(port) for port in self.ports]
        for port in self.ports:
            _wait_until_up(port)

    def _serve(self, port: int) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 — our own command line
            [str(COOPDEC), "serve", "--listen", f"127.0.0.1:{port}"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill_and_restart(self, index: int) -> tuple[float, float]:
        """SIGKILL one server, start it again; (killed at, answering again at)."""
        killed = time.monotonic()
        self.processes[index].send_signal(signal.SIGKILL)
        self.processes[index].wait()
        self.processes[index] = self._serve(self.ports[index])
        _wait_until_up(self.ports[index])
        return killed, time.monotonic()

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"coopdec serve did not start on port {port}")


def addresses() -> list[tuple[str, bool]]:
    """(address, signed in) for every address the page benchmark times, but those that
    empty the cache or change data before each request."""
    return [
        (url, not scenario.visitor)
        for scenario in measure.scenarios()
        if not scenario.cold and not scenario.after_change
        for url in scenario.urls
    ]


async def _get(reader, writer, path: str, cookie: str) -> int:
    writer.write(
        (
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n"
            f"{cookie}Connection: keep-alive\r\n\r\n"
        ).encode("latin-1")
    )
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("closed before answering")
    status = int(status_line.split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _sep, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readline()).strip() or b"0", 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    if headers.get("connection", "").lower() == "close":
        raise ConnectionAbortedError("closed by the server")  # reconnect, not an error
    return status


async def _client(
    number: int, ports: list[int], targets, session: str, until: float, outcomes: list
) -> None:
    order = list(targets)
    random.Random(number).shuffle(order)  # noqa: S311 — an order, not a secret
    server = number % len(ports)
    reader = writer = None
    index = 0
    while time.monotonic() < until:
        path, signed_in = order[index % len(order)]
        cookie = f"Cookie: sessionid={session}\r\n" if signed_in else ""
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", ports[server])
            status = await _get(reader, writer, path, cookie)
        except ConnectionAbortedError:
            writer, status = None, 200
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            writer, status = None, 0
        outcomes.append(Outcome(started, (time.monotonic() - started) * 1000, status, server))
        index += 1
        if status == 0:
            await asyncio.sleep(0.2)  # a server gone: try again shortly, as a browser would


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share / 100 * len(ordered)))]


class ImportFault:
    """A large import in the background (the scale's, 10,000 rows at atlas10) whose worker
    is killed while it writes, then started again."""

    def __init__(self, env: dict[str, str], rows: int) -> None:
        self.rows = rows
        self.env = {**env, "COOPDEC_IMPORT_LEASE_SECONDS": str(LEASE_SECONDS)}
        self.worker: subprocess.Popen | None = None
        self.report: dict = {}

    def _start_worker(self) -> None:
        self.worker = subprocess.Popen(  # noqa: S603 — our own command line
            [str(COOPDEC), "db_worker", "--no-reload", "-v0"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def run(self, progress: Callable[[str], None]) -> dict:
        kind = KINDS["partnerships"]
        with tempfile.TemporaryDirectory() as folder:
            path = importing.spreadsheet(self.rows, Path(folder))
            content = path.read_bytes()
        table = read_table(File(io.BytesIO(content), name=path.name))
        run = drafts.create(kind, path.name, content, table)
        before = Partnership.objects.count()
        self._start_worker()
        try:
            drafts.start(run, Work.CHECKING)
            run = self._wait(run, lambda r: not r.working, "the check")
            summary = run.outcome.get("summary") or {}
            if run.failure or summary.get(pipeline.ERROR) or summary.get(pipeline.UNRESOLVED):
                raise RuntimeError(f"the benchmark file does not import cleanly: {summary}")
            drafts.start(run, Work.IMPORTING)
            # Killed once the rows are checked again: while it writes them.
            run = self._wait(
                run, lambda r: r.progress >= drafts.WRITING or not r.working, "the writing"
            )
            assert self.worker is not None
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait()
            run.refresh_from_db()
            killed_while = "writing" if run.state == ImportRun.State.DRAFT else "finished"
            progress(f"background worker killed while the import was {killed_while}")
            self._start_worker()
            run = self._wait(run, _stalled_or_done, "the lease to run out", take_up=False)
            run = self._wait(run, lambda r: r.state != ImportRun.State.DRAFT, "the import")
        finally:
            if self.worker is not None:
                self.worker.terminate()
                self.worker.wait(timeout=30)
        imported = run.changes.filter(content_type__model="partnership").count()
        after = Partnership.objects.count()
        pairs = (
            Partnership.objects.filter(
                pk__in=run.changes.filter(content_type__model="partnership").values("object_id")
            )
            .values("local_government", "partner_governments")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        report = {
            "rows": self.rows,
            "killed_while": killed_while,
            "restarts": run.restarts,
            "state": run.state,
            "partnerships_before": before,
            "partnerships_after": after,
            "partnerships_imported": imported,
            "duplicated_pairs": pairs,
            "written_once": run.state == ImportRun.State.COMMITTED
            and after - before == imported == run.summary.get("new")
            and pairs == 0,
        }
        if run.state == ImportRun.State.COMMITTED:
            pipeline.undo(run)  # the data set stays as generated
        report["partnerships_after_undo"] = Partnership.objects.count()
        connections.close_all()  # this thread's
        return report

    def _wait(self, run: ImportRun, done, what: str, take_up: bool = True) -> ImportRun:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if done(run):
                return run
            if take_up:
                # The scheduler's job (``coopdec schedule_notifications``), every few seconds.
                drafts.take_up_stalled()
            time.sleep(0.1)
        raise RuntimeError(f"waited 15 minutes for {what}")


def _stalled_or_done(run: ImportRun) -> bool:
    return drafts.stalled(run) or run.state != ImportRun.State.DRAFT


def run(
    *,
    clients: int,
    seconds: float,
    servers: int,
    fault: bool,
    import_rows: int,
    progress: Callable[[str], None] = lambda message: None,
) -> dict:
    env = {**os.environ}
    env.pop("COOPDEC_SNAPSHOT_INLINE_MS", None)
    # Every client comes from the loopback: one address, which the API's limit per address
    # would stop after a few hundred calls (as it should a single scraper).
    env["COOPDEC_API_RATE"] = "100000000/hour"
    pool = Servers(servers, env)
    staff = Client(HTTP_HOST="localhost")
    verified_session(staff, User.objects.get(username=STAFF))
    session = staff.cookies["sessionid"].value
    targets = addresses()
    # Each address once before the clock starts, as a running site has: the figures are
    # built (in the shared cache), the servers' templates and connections warm.
    for path, signed_in in targets:
        (staff if signed_in else Client(HTTP_HOST="localhost")).get(path)
    pool.start()
    progress(f"{servers} servers, {clients} clients, {seconds:.0f} s, {len(targets)} addresses")
    outcomes: list[Outcome] = []
    kills: list[tuple[int, float, float]] = []
    imported: dict = {}
    started = time.monotonic()
    until = started + seconds

    async def load() -> None:
        tasks = [
            asyncio.create_task(_client(n, pool.ports, targets, session, until, outcomes))
            for n in range(clients)
        ]
        if fault:
            await asyncio.sleep(seconds / 3)
            killed, back = await asyncio.to_thread(pool.kill_and_restart, 0)
            kills.append((0, killed, back))
            progress(f"server 0 killed, answering again after {back - killed:.1f} s")
            fault_run = ImportFault(env, import_rows)
            imported.update(await asyncio.to_thread(fault_run.run, progress))
        await asyncio.gather(*tasks)

    try:
        asyncio.run(load())
    finally:
        pool.stop()
    # The clients' window: no request is sent after it (the fault scenario may go on).
    window = max(min(time.monotonic() - started, seconds), 1.0)

    def killed_request(outcome: Outcome) -> bool:
        """In flight on the killed server when it was killed, or sent to it while down."""
        return any(
            outcome.server == server
            and outcome.started + outcome.ms / 1000 >= killed
            and outcome.started <= back + 1
            for server, killed, back in kills
        )

    answered = [o for o in outcomes if o.status == 200]
    failed = [o for o in outcomes if o.status != 200]
    killed = [o for o in failed if killed_request(o)]
    latencies = [o.ms for o in answered]
    return {
        "clients": clients,
        "servers": servers,
        "seconds": round(window, 1),
        "requests": len(outcomes),
        "answered": len(answered),
        "requests_per_second": round(len(answered) / window, 1),
        "p50_ms": round(_percentile(latencies, 50), 1),
        "p95_ms": round(_percentile(latencies, 95), 1),
        "p99_ms": round(_percentile(latencies, 99), 1),
        "errors": len(failed) - len(killed),
        "killed_requests": len(killed),
        "statuses": sorted({o.status for o in failed}),
        "server_killed": bool(kills),
        "import_fault": imported or None,
    }
