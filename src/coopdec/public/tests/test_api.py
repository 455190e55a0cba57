"""The read-only API: public records only, the pages' filters, clear refusals, a schema
it honours (checked by schemathesis), and a rate limit."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings

from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_communes_filtered_by_region_are_that_regions_communes(client):
    expected = set(
        Area.objects.communes()
        .filter(parent__parent__slug="plateaux")
        .values_list("slug", flat=True)
    )
    response = client.get("/api/communes/", {"region": "plateaux", "page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(expected) > 0
    assert {row["slug"] for row in body["results"]} == expected
    assert {row["region"]["name"] for row in body["results"]} == {"Plateaux"}


def test_a_commune_has_its_coordinates_and_its_page(client):
    body = client.get("/api/communes/kloto-1/").json()
    assert body["name"] == "Kloto 1" and body["seat_town"] == "Kpalimé"
    assert body["prefecture"] == {"slug": "kloto", "name": "Kloto"}
    assert (body["latitude"], body["longitude"]) == pytest.approx((6.9, 0.633), abs=0.01)
    assert body["page"] == "http://testserver/communes/kloto-1/"


def test_only_public_partnerships_and_projects_are_listed(client, demo):
    public = Partnership.objects.public()
    hidden = Partnership.objects.exclude(pk__in=public.values("pk"))
    assert public.exists() and hidden.exists()  # the demo holds both
    listed = client.get("/api/partenariats/", {"page_size": 100}).json()
    assert {row["id"] for row in listed["results"]} == set(public.values_list("pk", flat=True))
    for partnership in hidden:
        assert client.get(f"/api/partenariats/{partnership.pk}/").status_code == 404
    projects = client.get("/api/projets/", {"page_size": 100}).json()["results"]
    assert {row["partnership"]["id"] for row in projects} <= {
        row["id"] for row in listed["results"]
    }


def test_a_refused_filter_says_why_in_the_visitors_language(client):
    response = client.get("/api/communes/", {"region": "atlantis"})
    assert response.status_code == 400
    assert "region" in response.json()
    assert "choix valide" in response.json()["region"][0]
    english = client.get("/api/communes/", {"region": "atlantis"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "valid choice" in english.json()["region"][0]
    assert client.get("/api/partenariats/", {"since": "soon"}).status_code == 400


def test_pages_are_bounded(client):
    body = client.get("/api/communes/", {"page_size": 10_000}).json()
    assert len(body["results"]) == 100 and body["count"] == Area.objects.communes().count()
    second = client.get("/api/communes/", {"page": 2, "page_size": 100}).json()
    assert len(second["results"]) == body["count"] - 100
    assert client.get("/api/communes/", {"page": 99}).status_code == 404


def test_the_api_needs_no_account_and_takes_no_write(client):
    assert client.get("/api/").status_code == 200
    response = client.post("/api/communes/", {"name": "Nouvelle"})
    assert response.status_code == 405
    assert client.delete("/api/communes/kloto-1/").status_code == 405
    assert Area.objects.communes().filter(name="Nouvelle").count() == 0


@override_settings(COOPDEC_API_RATE="3/minute")
def test_each_client_is_rate_limited(client):
    statuses = [client.get("/api/communes/kloto-1/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/communes/kloto-1/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_schema_describes_every_collection(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for collection in ("communes", "collectivites", "partenariats", "projets"):
        assert f"/api/{collection}/" in paths
    parameters = {p["name"]: p for p in paths["/api/partenariats/"]["get"]["parameters"]}
    assert "plateaux" in parameters["region"]["schema"]["enum"]
    assert {"q", "status", "country", "theme", "since", "page", "page_size"} <= set(parameters)


@pytest.fixture
def api_schema(demo):
    """The API as a WSGI application. Like Django's test client, it must not close the
    database connection between requests: the test's transaction lives on it."""
    from django.core.wsgi import get_wsgi_application

    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    for signal in signals:
        signal.connect(close_old_connections)


@override_settings(COOPDEC_API_RATE="100000/minute")
def test_the_api_honours_its_own_schema(api_schema):
    """Property-based: requests drawn from the schema, for every operation, get no 500 and
    answers the schema describes (status, content type, body)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 14  # a list and a record per collection (7)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def honours(case):
            # The WSGI transport hands the body over as sent: ask for it uncompressed.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        honours()


def test_an_unknown_or_malformed_key_is_a_json_404(client):
    for url in ("/api/partenariats/abc/", "/api/projets/-1/", "/api/communes/Kpalim%C3%A9./"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Non trouvé."}, url


def test_counts_and_funding_beside_each_record_are_public_ones(client, kloto_partnership):
    from datetime import date

    from coopdec.projects.models import FundingLine, Project
    from coopdec.territories.models import Currency

    project = kloto_partnership.projects.get()  # 1,000 € planned, published
    Partnership.objects.filter(pk=kloto_partnership.pk).update(is_public=True)
    Project.objects.filter(pk=project.pk).update(is_public=True)
    Project.objects.create(partnership=kloto_partnership, title="Privé", published=True)
    FundingLine(
        project=project,
        funder_organisation=kloto_partnership.supporting_organisations.get(),
        instrument="own_funds",
        currency=Currency.objects.get(code="XOF"),
        units_per_euro=Currency.objects.get(code="XOF").units_per_euro,
        planned=655_957,
        date=date(2024, 6, 1),
        published=False,  # waiting for validation: not public
    ).save()

    commune = client.get("/api/communes/kloto-1/").json()
    assert commune["public_partnerships"] == 1
    listed = client.get("/api/communes/", {"q": "kloto"}).json()["results"]
    assert {row["slug"]: row["public_partnerships"] for row in listed} == {
        "kloto-1": 1,
        "kloto-2": 0,
        "kloto-3": 0,
    }
    partnership = client.get(f"/api/partenariats/{kloto_partnership.pk}/").json()
    assert partnership["public_projects"] == 1
    projects = client.get("/api/projets/").json()["results"]
    assert [(p["title"], p["planned_eur"], p["disbursed_eur"]) for p in projects] == [
        ("Eau", 1000.0, 0)
    ]


@pytest.mark.parametrize(
    "collection",
    ["communes", "collectivites", "partenariats", "projets", "programmes", "bonnes-pratiques"],
)
def test_a_cursor_walks_a_list_as_the_pages_do_without_counting(client, demo, collection):
    url = f"/api/{collection}/"
    by_page, page = [], 1
    while True:
        body = client.get(url, {"page": page, "page_size": 7}).json()
        by_page += body["results"]
        if not body["next"]:
            break
        page += 1
    first = client.get(url, {"page_size": 7}).json()
    by_cursor, link = list(first["results"]), first["next_cursor"]
    assert (link is None) == (len(by_page) <= 7)
    while link:
        assert "page=" not in link.split("?", 1)[1].replace("page_size", "")
        body = client.get(link).json()
        assert "count" not in body  # a cursor does not count the whole list
        by_cursor += body["results"]
        link = body["next_cursor"]
    assert by_cursor == by_page  # same records, same order, none twice, none left out


def test_a_cursor_keeps_the_filters_and_its_place_when_records_come_before_it(client, demo):
    first = client.get("/api/communes/", {"region": "plateaux", "page_size": 5}).json()
    link = first["next_cursor"]
    assert "region=plateaux" in link
    second = client.get(link).json()
    plateaux = Area.objects.get(slug="plateaux")
    for record in second["results"]:
        assert Area.objects.get(slug=record["slug"]).region == plateaux
    # A commune recorded meanwhile before the cursor's place does not shift what follows.
    level = Area.objects.communes().first().level
    Area.objects.create(
        country=level.country, level=level, name="Aaaa", slug="aaaa", parent=plateaux
    )
    assert client.get(link).json()["results"] == second["results"]


def test_a_made_up_or_altered_cursor_is_refused_in_the_visitors_language(client, demo):
    link = client.get("/api/partenariats/", {"page_size": 1}).json()["next_cursor"]
    token = unquote(link.split("cursor=")[1].split("&")[0])
    for url, bad in (
        ("/api/partenariats/", "nimportequoi"),
        ("/api/partenariats/", token[:-2] + "xx"),
        ("/api/communes/", token),  # another list's cursor
    ):
        response = client.get(url, {"cursor": bad})
        assert response.status_code == 404
        assert "Ce curseur n’est pas valide" in response.json()["detail"]


def test_the_schema_documents_the_cursor(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    parameters = {p["name"] for p in paths["/api/partenariats/"]["get"]["parameters"]}
    assert "cursor" in parameters
