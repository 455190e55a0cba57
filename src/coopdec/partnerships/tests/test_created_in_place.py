"""Partners missing from the records are recorded from the partnership form itself, with a
duplicate check, and chosen through a picker that works without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coopdec.conftest import commune
from coopdec.directory.models import Organisation
from coopdec.partnerships.models import Partnership
from coopdec.review.models import Revision
from coopdec.territories.models import AdminLevel, Area, Country

URL = reverse("partnerships:partnership_create")


def french_commune_level() -> AdminLevel:
    return AdminLevel.objects.get(country__code="FR", code="commune")


def ticked(page: str, name: str) -> set[int]:
    """The records ticked in the picker ``name`` of a page."""
    found = re.findall(rf'name="{name}" value="(\d+)" checked', page)
    return {int(key) for key in found}


def offered(page: str, name: str) -> set[int]:
    """The records offered, not ticked, in the picker ``name``."""
    return {int(key) for key in re.findall(rf'name="{name}" value="(\d+)">', page)}


def new_commune_fields(name: str, **extra) -> dict:
    return {
        "new-partner_governments-name": name,
        "new-partner_governments-level": french_commune_level().pk,
        "new-partner_governments-official_code": extra.pop("code", ""),
        **{f"new-partner_governments-{key}": value for key, value in extra.items()},
    }


def test_staff_record_a_partnership_with_partners_that_did_not_exist(client_for, users):
    zio1 = commune("zio-1")
    client = client_for(users["staff"])
    form = {
        "local_government": zio1.pk,
        "kind": "twinning",
        "status": "exploring",
        "status_since": "2026-11-02",
    }
    # The partner is looked for: nothing matches.
    page = client.post(URL, {**form, "partner_governments__q": "Coulon"}).content.decode()
    assert "Aucune fiche ne correspond à « Coulon »" in page
    assert not Partnership.objects.exists()

    # It is created from the form, which comes back with it ticked and the rest kept.
    page = client.post(
        URL,
        {**form, "_create": "partner_governments", **new_commune_fields("Coulon", code="79101")},
    ).content.decode()
    coulon = Area.objects.get(name="Coulon")
    assert (coulon.country.code, coulon.level.code, coulon.official_code) == (
        "FR",
        "commune",
        "79101",
    )
    assert ticked(page, "partner_governments") == {coulon.pk}
    assert f'<option value="{zio1.pk}" selected>' in page
    assert "« Coulon » a été enregistré et ajouté." in page

    # So is the twinning association, beside the commune already ticked.
    page = client.post(
        URL,
        {
            **form,
            "partner_governments": [coulon.pk],
            "_create": "supporting_organisations",
            "new-supporting_organisations-name": "Comité de jumelage Coulon-Tsévié",
            "new-supporting_organisations-kind": "twinning_association",
            "new-supporting_organisations-country": Country.objects.get(code="FR").pk,
        },
    ).content.decode()
    association = Organisation.objects.get(name="Comité de jumelage Coulon-Tsévié")
    assert ticked(page, "partner_governments") == {coulon.pk}
    assert ticked(page, "supporting_organisations") == {association.pk}
    assert not Partnership.objects.exists()

    # Saving records the partnership with both.
    response = client.post(
        URL,
        {**form, "partner_governments": [coulon.pk], "supporting_organisations": [association.pk]},
    )
    assert response.status_code == 302, re.findall(
        r'class="error"[^>]*>(.*?)<', response.content.decode()
    )
    partnership = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    assert partnership.local_government == zio1
    assert list(partnership.partner_governments.all()) == [coulon]
    assert list(partnership.supporting_organisations.all()) == [association]


def test_the_same_name_in_the_same_country_shows_the_existing_record_first(
    client_for, users, bressuire
):
    client = client_for(users["staff"])
    form = {
        "local_government": commune("zio-1").pk,
        "kind": "twinning",
        "status": "active",
        "status_since": "2025-06-01",
    }
    typed = new_commune_fields("COMMUNE DE BRESSUIRE (79)")
    page = client.post(URL, {**form, "_create": "partner_governments", **typed}).content.decode()
    assert Area.objects.filter(name_key="bressuire").count() == 1
    assert "Déjà enregistré sous ce nom" in page
    assert offered(page, "partner_governments") == {bressuire.pk}
    assert "Bressuire (Commune, France)" in page

    # Ticking the existing one and saving records the partnership with it.
    client.post(URL, {**form, "partner_governments": [bressuire.pk]})
    assert list(Partnership.objects.get().partner_governments.all()) == [bressuire]

    # The person may still say it is another one (two communes of one name exist).
    client.post(
        URL,
        {
            **form,
            "_create": "partner_governments",
            **typed,
            "new-partner_governments-confirm": "on",
        },
    )
    assert Area.objects.filter(name_key="bressuire").count() == 2


def test_an_organisation_of_the_same_name_elsewhere_is_not_a_duplicate(
    client_for, users, twinning_association
):
    client = client_for(users["staff"])
    fields = {
        "_create": "supporting_organisations",
        "new-supporting_organisations-name": twinning_association.name.upper(),
        "new-supporting_organisations-kind": "twinning_association",
    }
    france, benin = Country.objects.get(code="FR"), Country.objects.get(code="BJ")
    page = client.post(
        URL, {**fields, "new-supporting_organisations-country": france.pk}
    ).content.decode()
    assert "Déjà enregistré sous ce nom" in page
    assert Organisation.objects.count() == 1
    client.post(URL, {**fields, "new-supporting_organisations-country": benin.pk})
    assert Organisation.objects.filter(country=benin).count() == 1


def test_the_picker_offers_only_what_was_searched(client_for, users, bressuire):
    client = client_for(users["staff"])
    page = client.get(URL).content.decode()
    assert "Bressuire" not in page  # not a list of every local government abroad
    page = client.post(URL, {"partner_governments__q": "bress"}).content.decode()
    assert offered(page, "partner_governments") == {bressuire.pk}
    assert 'name="partner_governments__q" id="id_partner_governments__q" value=""' in page
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            lambda: {"partner_governments__q": "x" * 500},
            "Une recherche compte au plus 100 caractères.",
        ),
        (
            lambda: {"_create": "partner_governments", **new_commune_fields("")},
            "Ce champ est obligatoire.",
        ),
        (
            lambda: {
                "_create": "partner_governments",
                **new_commune_fields("Coulon", parent="Vendée"),
            },
            "Aucun territoire au-dessus de cet échelon ne s’appelle « Vendée » (France).",
        ),
    ],
)
def test_bad_input_in_a_picker_says_why_and_changes_nothing(client_for, users, fields, message):
    client = client_for(users["staff"])
    areas = Area.objects.count()
    response = client.post(URL, {"local_government": commune("zio-1").pk, **fields()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Area.objects.count() == areas and not Partnership.objects.exists()


def test_a_parent_is_found_by_its_code(client_for, users):
    level = AdminLevel.objects.get(country__code="FR", code="departement")
    deux_sevres = Area.objects.create(
        country=level.country,
        level=level,
        name="Deux-Sèvres",
        slug="deux-sevres",
        official_code="79",
    )
    client_for(users["staff"]).post(
        URL, {"_create": "partner_governments", **new_commune_fields("Coulon", parent="79")}
    )
    assert Area.objects.get(name="Coulon").parent == deux_sevres


def test_what_a_focal_point_records_waits_for_the_federation(client_for, users):
    client = client_for(users["focal_point"])
    page = client.post(
        URL, {"_create": "partner_governments", **new_commune_fields("Coulon")}
    ).content.decode()
    coulon = Area.objects.get(name="Coulon")
    assert ticked(page, "partner_governments") == {coulon.pk}
    assert "« Coulon » a été enregistré et ajouté\u202f; la fédération l’examinera." in page
    revision = Revision.objects.get(object_id=coulon.pk, content_type__model="area")
    assert (revision.action, revision.state, revision.author) == (
        "create",
        "pending",
        users["focal_point"],
    )


@pytest.mark.parametrize("role", ["observer", "volunteer"])
def test_roles_that_record_no_partnership_create_no_partner(client_for, users, role):
    response = client_for(users[role]).post(
        URL, {"_create": "partner_governments", **new_commune_fields("Coulon")}
    )
    assert response.status_code in (403, 404)
    assert not Area.objects.filter(name="Coulon").exists()
