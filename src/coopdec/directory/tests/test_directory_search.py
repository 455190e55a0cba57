"""The directory: people searched by name, commune, role and country, each role seeing only
whom it may; the download for the federation only; a partnership's page says who to
contact for it, to the roles that see contacts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopdec.directory.models import Person, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kloto1, wawa1, kloto_focal_person, twinning_association):
    mayor = Person.objects.create(first_name="Kossi", last_name="Amevor")
    Position.objects.create(person=mayor, role="mayor", area=wawa1)
    chair = Person.objects.create(first_name="Jeanne", last_name="Moreau", email="j@example.org")
    Position.objects.create(person=chair, role="chair", organisation=twinning_association)
    return {"focal": kloto_focal_person, "mayor": mayor, "chair": chair}


def names(response) -> set[str]:
    return {str(person) for person in response.context["page"].object_list}


def test_the_federation_searches_by_role_commune_and_country(people, users, client_for):
    staff = client_for(users["staff"])
    url = reverse("directory:person_list")
    assert names(staff.get(url, {"role": "mayor"})) == {"Kossi Amevor"}
    assert names(staff.get(url, {"commune": "kloto-1"})) == {"Afi Mensah"}
    assert names(staff.get(url, {"country": "fr"})) == {"Jeanne Moreau"}
    assert names(staff.get(url, {"q": "mens"})) == {"Afi Mensah"}
    download = staff.get(url, {"export": "csv", "role": "chair"})
    text = b"".join(download).decode("utf-8-sig")
    assert "Moreau" in text and "j@example.org" in text and "Amevor" not in text


def test_a_focal_point_finds_only_the_people_of_its_commune_and_downloads_nothing(
    people, users, client_for
):
    focal = client_for(users["focal_point"])
    url = reverse("directory:person_list")
    assert names(focal.get(url)) == {"Afi Mensah"}
    assert names(focal.get(url, {"role": "mayor"})) == set()
    response = focal.get(url, {"export": "csv"})
    assert response["Content-Type"].startswith("text/html")  # no download offered
    assert 'class="downloads"' not in response.content.decode()


def test_a_partnership_page_says_who_to_contact_to_whom_may_see_contacts(
    people, kloto_partnership, users, client_for
):
    page = client_for(users["partner"]).get(kloto_partnership.get_absolute_url()).content
    assert "Jeanne Moreau" in page.decode()  # the twinning association's chair
    page = client_for(users["focal_point"]).get(kloto_partnership.get_absolute_url()).content
    assert "Afi Mensah" in page.decode()
    page = client_for(users["observer"]).get(kloto_partnership.get_absolute_url()).content
    assert "Afi Mensah" not in page.decode() and "Jeanne Moreau" not in page.decode()


def test_organisations_are_found_by_country_and_theme(kloto_partnership, twinning_association):
    from django.test import Client

    from coopdec.taxonomy.models import Theme

    water = Theme.objects.get(code="water-sanitation")
    kloto_partnership.themes.set([water])
    url = reverse("directory:organisation_list")
    listed = Client().get(url, {"theme": "water-sanitation", "country": "fr"})
    assert [o.pk for o in listed.context["page"].object_list] == [twinning_association.pk]
    other = Client().get(url, {"theme": "education-training"})
    assert list(other.context["page"].object_list) == []
