"""Good practices: a focal point drafts one from a Kloto 1 project, the federation
validates it, and it is on the atlas, in search, in the API, in the open data and in the
Atom feed, without anyone's name; a practice without any linked record is refused; a
commune's page shows practices from communes like it."""

from __future__ import annotations

import csv
import io
from datetime import date
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from coopdec.practices.models import GoodPractice
from coopdec.projects.models import Measurement, Project
from coopdec.public.tasks import build_open_data
from coopdec.review.models import Revision

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SECRETS = ["Afi Mensah", "afi.mensah@example.org", "focal.kloto1"]


@pytest.fixture
def water(kloto_partnership, kloto_focal_person):
    """The Kloto 1 – Bressuire water project, public, with a measured indicator."""
    from coopdec.partnerships.models import Partnership

    Partnership.objects.filter(pk=kloto_partnership.pk).update(is_public=True)
    project = kloto_partnership.projects.get()
    Project.objects.filter(pk=project.pk).update(
        is_public=True, summary="Des forages pour les quartiers", objectives="Creuser 4 forages."
    )
    Measurement.objects.create(
        indicator=project.indicators.get(), date=date(2025, 6, 30), value=3, published=True
    )
    project.refresh_from_db()
    return project


def _fields(page_form) -> dict:
    """The values a browser would send for the form as shown."""
    return {name: value for name, value in page_form.items() if value not in (None, "")}


def test_a_focal_point_proposes_a_practice_drafted_from_a_project_and_it_goes_public(
    water, users, client_for
):
    client = Client()  # a visitor, without an account
    focal = client_for(users["focal_point"])
    focal.cookies["django_language"] = "fr"
    draft = focal.get(reverse("practices:from_project", args=[water.pk]))
    form = draft.context["form"]
    # Drafted from the project's own data: its title, objectives and measured indicator.
    assert form.initial["title"] == "Eau"
    assert form.initial["actions"] == "Creuser 4 forages."
    assert "Forages : de 0 à 3 forages (cible 4)." in form.initial["results"].replace("\u202f", " ")
    sent = focal.post(
        reverse("practices:from_project", args=[water.pk]),
        {
            "title": "Des forages gérés par les quartiers",
            "language": "fr",
            "summary": "Chaque forage est confié à un comité élu qui entretient la pompe.",
            "context": "Pas d'eau potable à moins d'un kilomètre.",
            "actions": "Creuser 4 forages et former un comité par quartier.",
            "results": form.initial["results"],
            "projects": [water.pk],
            "themes": [theme.pk for theme in form.initial.get("themes", [])],
            "contact_role": "focal_point",
        },
    )
    assert sent.status_code == 302
    practice = GoodPractice.objects.get()
    assert not practice.published  # waiting for the federation
    assert set(practice.places.values_list("slug", flat=True)) == {"kloto-1", "bressuire"}
    listed = client.get(reverse("practices:list")).content.decode()
    assert "Des forages gérés par les quartiers" not in listed

    staff = client_for(users["staff"])
    revision = Revision.objects.get(object_id=practice.pk)
    staff.post(reverse("review:decide", args=[revision.pk]), {"decision": "accept"})
    practice.refresh_from_db()
    assert practice.published

    # On the atlas, found by a word of its summary, accents and case ignored.
    found = client.get(reverse("practices:list"), {"q": "ELU"}).content.decode()
    assert "Des forages gérés par les quartiers" in found
    assert (
        "Des forages gérés"
        not in client.get(reverse("practices:list"), {"q": "pompiste"}).content.decode()
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Chaque forage est confié à un comité élu" in page
    assert "de 0 à 3 forages" in page.replace("\u202f", " ")  # measured in the project
    assert water.get_public_url() in page  # where it comes from, the atlas's page
    api = client.get("/api/bonnes-pratiques/").json()
    assert [row["title"] for row in api["results"]] == ["Des forages gérés par les quartiers"]
    assert api["results"][0]["projects"] == [water.pk]
    build_open_data.call()
    rows = client.get(reverse("public:open_data_file", args=["bonnes-pratiques.csv"]))
    table = list(csv.DictReader(io.StringIO(b"".join(rows).decode("utf-8-sig")), delimiter=";"))
    assert [row["title"] for row in table] == ["Des forages gérés par les quartiers"]
    for response in (page, str(api), str(table)):
        for secret in SECRETS:
            assert secret not in response


def test_a_practice_without_any_linked_record_is_refused(users, client_for):
    staff = client_for(users["staff"])
    staff.cookies["django_language"] = "fr"
    response = staff.post(
        reverse("practices:create"),
        {
            "title": "Une pratique hors-sol",
            "language": "fr",
            "summary": "Rien ne la rattache.",
            "context": "…",
            "actions": "…",
        },
    )
    assert response.status_code == 200
    assert "Rattachez la pratique à au moins un projet" in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_the_atom_feed_of_practices_is_atom(water, users, client):
    from coopdec.practices import services

    practice = GoodPractice(title="Des forages gérés par les quartiers", published=True)
    practice.summary, practice.context, practice.actions = "Résumé", "Contexte", "Actions"
    services.write(practice, {"projects": [water]})
    GoodPractice(title="En attente", summary="-", context="-", actions="-").save()
    response = client.get(reverse("public:practice_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 — our own feed
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed and each entry have an id, a title and an updated date.
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [practice.title]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(practice.get_absolute_url())


def test_a_commune_page_shows_practices_from_communes_like_it(water, client, wawa1, kloto1):
    from coopdec.practices import services
    from coopdec.territories.models import Area

    Area.objects.filter(pk__in=[kloto1.pk, wawa1.pk]).update(size_class="medium")
    practice = GoodPractice(title="Des forages gérés par les quartiers", published=True)
    practice.summary, practice.context, practice.actions = "Résumé", "Contexte", "Actions"
    services.write(practice, {"projects": [water]})
    wawa = client.get(reverse("territories:commune_detail", args=["wawa-1"])).content.decode()
    assert "Des forages gérés par les quartiers" in wawa
    kloto = client.get(reverse("territories:commune_detail", args=["kloto-1"])).content.decode()
    assert "Des forages gérés par les quartiers" not in kloto  # its own is not "like it"


def test_a_second_translation_of_one_practice_is_refused(water, users, client_for):
    from coopdec.practices import services

    original = GoodPractice(title="Des forages", summary="-", context="-", actions="-")
    services.write(original, {"projects": [water]})
    english = GoodPractice(
        title="Boreholes", language="en", translation_of=original, summary="-", context="-"
    )
    english.actions = "-"
    services.write(english, {"projects": [water]})
    staff = client_for(users["staff"])
    staff.cookies["django_language"] = "fr"
    response = staff.post(
        reverse("practices:create"),
        {
            "title": "Boreholes again",
            "language": "en",
            "translation_of": original.pk,
            "summary": "-",
            "context": "-",
            "actions": "-",
            "projects": [water.pk],
        },
    )
    assert "Cette pratique a déjà sa version dans l’autre langue" in response.content.decode()
    assert GoodPractice.objects.count() == 2
