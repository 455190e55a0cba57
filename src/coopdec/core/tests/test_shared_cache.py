"""Two server processes share one cache (a file cache in the embedded default, Redis in
production): a change made through one shows on the other's dashboard, figures computed by
one serve the other, and the API's rate limit counts a client's calls on both."""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from coopdec.inventory.tests.test_dashboard_cache import status_counts

from .test_server import free_port

COOPDEC = Path(sys.executable).parent / "coopdec"

SETUP = """
from django.test import Client
from coopdec.accounts.enums import Role
from coopdec.accounts.second_factor import verified_session
from coopdec.conftest import add_partnership, commune, foreign, new_user
staff = new_user(username="staff", role=Role.FEDERATION_STAFF)
kloto, bressuire = commune("kloto-1"), foreign("FR", "Bressuire")
partnership = add_partnership(kloto, [bressuire])
client = Client()
verified_session(client, staff)
print(client.cookies["sessionid"].value, partnership.pk, kloto.pk, bressuire.pk)
"""


def redis_up() -> bool:
    try:
        import redis  # here: only to know whether a server answers

        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001 — any failure means no server to test against
        return False


def coopdec(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603 — our own command line
        [str(COOPDEC), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def wait_until_up(port: int) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server on port {port} did not start")


def embedded(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopdec.settings.embedded",
        "COOPDEC_DATA_DIR": str(data_dir),
        "COOPDEC_THREADS": "2",
        # Every computation counts as a long one: refreshed by the worker, said so meanwhile.
        "COOPDEC_SNAPSHOT_INLINE_MS": "-1",
        "COOPDEC_API_RATE": "6/minute",
    }
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    return env


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> tuple[Path, str, list[int]]:
    """An installation with the reference data, a staff member signed in and a partnership:
    its folder, the staff member's session and the partnership's keys."""
    data_dir = tmp_path_factory.mktemp("installation")
    env = embedded(data_dir)
    coopdec(env, "migrate", "-v0")
    coopdec(env, "load_reference", "-v0")
    coopdec(env, "collectstatic", "--noinput", "-v0")
    session, *keys = coopdec(env, "shell", "-c", SETUP).split()[-4:]
    return data_dir, session, [int(key) for key in keys]


@pytest.fixture(params=["files", "redis"])
def two_servers(request, installation, tmp_path):
    """Two servers (and workers) on a copy of the installation, with one cache."""
    data_dir, session, keys = installation
    shutil.copytree(data_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("cache"))
    env = embedded(tmp_path)
    if request.param == "redis":
        if not redis_up():
            # CI starts Redis and says so: there, no Redis is a failure, never a skip. A
            # fresh machine with only Python (the README's `make test`) has none to test.
            assert not os.environ.get("COOPDEC_TEST_REDIS"), "CI's Redis does not answer"
            pytest.skip("no Redis server on 127.0.0.1:6379 (CI starts one)")
        env["CACHE_URL"] = "redis://127.0.0.1:6379/0"
        env["CACHE_KEY_PREFIX"] = f"coopdec-test-{uuid.uuid4().hex}"
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603 — our own command line
            [str(COOPDEC), "serve", "--listen", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_up(port)
        yield env, ports, session, keys
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        if request.param == "redis":
            coopdec(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")


class Browser:
    """One signed-in person's browser: the session, and the CSRF cookie of the forms."""

    def __init__(self, session: str) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.session = session

    def request(self, port: int, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body)  # noqa: S310
        request.add_header("Cookie", f"sessionid={self.session}" + self._csrf_cookie())
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def _csrf_cookie(self) -> str:
        token = self.csrf()
        return f"; csrftoken={token}" if token else ""

    def csrf(self) -> str:
        return next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")


BEING_UPDATED = 'id="figures-being-updated"'


def test_two_servers_share_figures_changes_and_the_api_rate_limit(two_servers):
    env, (one, other), session, (partnership, kloto, bressuire) = two_servers
    staff = Browser(session)
    status, page = staff.request(one, "/etat-des-lieux/")
    assert status == 200 and status_counts(page)["Actif"] == 1

    edit = f"/partenariats/{partnership}/modifier/"
    assert staff.request(one, edit)[0] == 200  # the form, and its CSRF cookie
    status, _page = staff.request(
        one,
        edit,
        {
            "csrfmiddlewaretoken": staff.csrf(),
            "local_government": kloto,
            "partner_governments": [bressuire],
            "kind": "twinning",
            "name": "Kloto 1 – Bressuire",
            "status": "dormant",
            "status_since": "2026-01-01",
        },
    )
    assert status == 200  # redirected to the partnership's page
    # The other server knows the data changed and has the figures the first one computed:
    # it shows them, said to be being updated (it would compute its own otherwise).
    status, page = staff.request(other, "/etat-des-lieux/")
    assert BEING_UPDATED in page and status_counts(page)["Actif"] == 1

    coopdec(env, "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v0")
    for port in (other, one):
        status, page = staff.request(port, "/etat-des-lieux/")
        counts = status_counts(page)
        assert BEING_UPDATED not in page
        assert (counts["Actif"], counts["En sommeil"]) == (0, 1)

    # The API's rate limit counts a client's calls on both servers.
    visitor = Browser("")
    answers = [visitor.request(port, "/api/communes/")[0] for port in (one, other) * 3]
    assert answers == [200] * 6
    assert visitor.request(one, "/api/communes/")[0] == 429
    assert visitor.request(other, "/api/communes/")[0] == 429
