"""Organisations and contacts recorded from the pages where they are needed, never twice
without the person saying so, and never showing someone outside the user's scope."""

from __future__ import annotations

from django.urls import reverse

from coopdec.directory.models import Organisation, Person, Position
from coopdec.review.models import Revision
from coopdec.territories.models import Country


def test_a_new_organisation_of_a_known_name_shows_the_recorded_one_first(
    client_for, users, twinning_association
):
    client = client_for(users["staff"])
    url = reverse("directory:organisation_create")
    typed = {
        "name": "COMITÉ DE JUMELAGE BRESSUIRE – KPALIMÉ",
        "kind": "twinning_association",
        "country": Country.objects.get(code="FR").pk,
    }
    page = client.post(url, typed).content.decode()
    assert "Déjà enregistré sous ce nom" in page
    assert f'value="{twinning_association.pk}"' in page
    assert Organisation.objects.count() == 1

    # Picking the recorded one goes to it; nothing is created.
    response = client.post(url, {**typed, "existing": twinning_association.pk})
    assert response["Location"] == twinning_association.get_absolute_url()
    assert Organisation.objects.count() == 1

    # Said to be another one, it is recorded.
    response = client.post(url, {**typed, "confirm": "on"})
    created = Organisation.objects.exclude(pk=twinning_association.pk).get()
    assert response["Location"] == created.get_absolute_url()
    assert created.slug != twinning_association.slug


def test_a_contact_is_a_person_and_their_position_at_the_body(client_for, users, kloto1):
    client = client_for(users["focal_point"])
    url = reverse("directory:area_contact_create", kwargs={"pk": kloto1.pk})
    response = client.post(
        url,
        {"first_name": "Kossi", "last_name": "Amégan", "role": "mayor", "email": "k@example.org"},
    )
    assert response["Location"] == kloto1.get_absolute_url()
    person = Person.objects.get(last_name="Amégan")
    position = Position.objects.get(person=person)
    assert (position.area, position.role) == (kloto1, "mayor")
    # A focal point's new person waits for the federation like their other changes.
    assert Revision.objects.filter(object_id=person.pk, action="create", state="pending").exists()
    page = client.get(kloto1.get_absolute_url()).content.decode()
    assert "Kossi Amégan" in page


def test_the_same_person_gets_a_second_position_rather_than_a_second_record(
    client_for, users, kloto1, twinning_association, kloto_focal_person
):
    client = client_for(users["staff"])
    url = reverse(
        "directory:organisation_contact_create", kwargs={"slug": twinning_association.slug}
    )
    typed = {"first_name": "AFI", "last_name": "MENSAH", "role": "chair"}
    page = client.post(url, typed).content.decode()
    assert "Déjà enregistré sous ce nom" in page and "Afi Mensah" in page
    client.post(url, {**typed, "existing": kloto_focal_person.pk})
    assert Person.objects.count() == 1
    assert {(p.area, p.organisation, p.role) for p in kloto_focal_person.positions.all()} == {
        (kloto1, None, "focal_point"),
        (None, twinning_association, "chair"),
    }


def test_people_outside_ones_scope_are_not_shown_as_duplicates(
    client_for, users, kloto1, wawa_mayor
):
    """Wawa 1's mayor is personal data the Kloto 1 focal point does not see: typing the
    same name does not reveal that she is recorded."""
    client = client_for(users["focal_point"])
    url = reverse("directory:area_contact_create", kwargs={"pk": kloto1.pk})
    response = client.post(url, {"first_name": "Yawa", "last_name": "Agbeko", "role": "staff"})
    assert response.status_code == 302
    assert "yawa.agbeko" not in client.get(kloto1.get_absolute_url()).content.decode()
    assert Person.objects.filter(last_name="Agbeko").count() == 2


def test_a_contact_form_without_a_name_says_so_and_writes_nothing(client_for, users, kloto1):
    client = client_for(users["staff"])
    url = reverse("directory:area_contact_create", kwargs={"pk": kloto1.pk})
    page = client.post(url, {"first_name": "", "last_name": "X" * 300, "role": "nobody"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ce champ est obligatoire." in text
    assert "Sélectionnez un choix valide" in text
    assert not Person.objects.exists() and not Position.objects.exists()
