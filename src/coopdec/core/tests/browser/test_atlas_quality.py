"""The public atlas in a real browser: light enough for a phone on paid mobile data, and
accessible (axe-core finds no serious or critical violation)."""

from __future__ import annotations

import gzip

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
# The budgets, in compressed bytes transferred (headers included).
FIRST_COMMUNE_PAGE = 100 * KB
FOLLOWING_PAGE = 30 * KB
MAP_PAGE = 300 * KB


def transferred(page, go) -> int:
    """Bytes the browser receives while ``go()`` loads a page and everything it needs.

    Pages come compressed from Django; the test server hands static files out as they
    are, where WhiteNoise would send its gzip copy (level 9, made by collectstatic): those
    count at their gzip size."""
    finished = []

    def record(request) -> None:
        finished.append(request)

    page.on("requestfinished", record)
    go()
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", record)
    total = 0
    for request in finished:
        response = request.response()
        sizes = request.sizes()
        body = sizes["responseBodySize"]
        if response.status == 200 and not response.header_value("content-encoding"):
            body = len(gzip.compress(response.body(), compresslevel=9))
        total += sizes["responseHeadersSize"] + body
    assert finished, "nothing was loaded"
    return total


def test_atlas_pages_stay_within_their_weight_budgets(page, demo):
    commune = transferred(page, lambda: page.goto(page.base_url + "/communes/kloto-1/"))
    following = transferred(
        page, lambda: page.get_by_role("link", name="Kloto 1 – Bressuire").first.click()
    )
    assert page.get_by_role("heading", level=1).inner_text() == "Kloto 1 – Bressuire"
    map_page = transferred(page, lambda: page.goto(page.base_url + "/carte/"))
    print(f"\ncommune {commune} B, following {following} B, map {map_page} B")
    assert commune <= FIRST_COMMUNE_PAGE
    assert following <= FOLLOWING_PAGE
    assert map_page <= MAP_PAGE


def test_good_practice_pages_stay_within_their_weight_budgets(page, demo):
    """A visitor's first page is a good practice (the stylesheet comes with it), then the
    list of practices."""
    from coopdec.demo.practices import WATER
    from coopdec.practices.models import GoodPractice

    practice = GoodPractice.objects.public().get(title=WATER)
    first = transferred(page, lambda: page.goto(page.base_url + practice.get_absolute_url()))
    assert page.get_by_role("heading", level=1).inner_text().startswith(WATER)
    listed = transferred(
        page,
        lambda: page.locator(".breadcrumb").get_by_role("link", name="Bonnes pratiques").click(),
    )
    print(f"\npractice {first} B, list {listed} B")
    assert first <= FIRST_COMMUNE_PAGE
    assert listed <= FOLLOWING_PAGE


def test_pages_are_sent_compressed(page, demo):
    response = page.goto(page.base_url + "/carte/")
    assert response.header_value("content-encoding") == "gzip"


SERIOUS = {"serious", "critical"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/communes/kloto-1/",
        "/carte/",
        "/carte/pays/",
        "/recherche/?q=kpalime",
        "/atlas/partenariats/",
        "/atlas/programmes/",
        "/bonnes-pratiques/",
        "/bonnes-pratiques/?q=comite",
        "/donnees-ouvertes/",
    ],
)
def test_no_serious_accessibility_violation(page, demo, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(page.base_url + path)
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]
    assert serious == []


def test_every_public_page_renders_from_this_machine_alone(page, demo):
    """The network is cut for the browser (the ``page`` fixture refuses, and reports, any
    request to another host): every public page still loads with all it needs."""
    from coopdec.partnerships.models import Partnership
    from coopdec.practices.models import GoodPractice
    from coopdec.projects.models import Project

    partnership = Partnership.objects.public().get(name="Kloto 1 – Bressuire")
    project = Project.objects.public().filter(partnership=partnership).first()
    paths = [
        "/",
        "/recherche/?q=kpalime",
        "/carte/",
        "/carte/pays/",
        "/atlas/pays/france/",
        "/atlas/partenariats/",
        "/atlas/projets/",
        partnership.get_public_url(),
        project.get_public_url(),
        "/communes/",
        "/communes/kloto-1/",
        "/collectivites/",
        partnership.partner_governments.first().get_absolute_url(),
        "/bonnes-pratiques/",
        *(practice.get_absolute_url() for practice in GoodPractice.objects.public()),
        "/bonnes-pratiques/flux.atom",
        "/donnees-ouvertes/",
        "/api/",
        "/api/communes/kloto-1/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for path in paths:
        failed = []
        page.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
        response = page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert failed == [], (path, failed)
