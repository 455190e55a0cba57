"""A partnership's region is stored, so that a region's partnerships are read in name order
from an index; the lists filtered by region keep showing every partnership of every commune
in it, however the partnership was written and wherever the commune is moved."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coopdec.conftest import add_partnership, insert_partnership
from coopdec.core.reference import load_all
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def region(slug: str) -> Area:
    return Area.objects.at_home("region").get(slug=slug)


def staff_list(staff_client, region_slug: str) -> set[str]:
    response = staff_client.get(reverse("partnerships:partnership_list"), {"region": region_slug})
    return {str(partnership) for partnership in response.context["page"].object_list}


def api_list(region_slug: str) -> set[str]:
    answer = Client().get("/api/partenariats/", {"region": region_slug}).json()
    return {record["name"] for record in answer["results"]}


def test_partnerships_saved_or_inserted_in_bulk_are_listed_under_their_region(
    client_for, users, kloto1, bressuire
):
    staff = client_for(users["staff"])
    maritime_commune = Area.objects.communes().inside(region("maritime")).order_by("pk").first()
    saved = add_partnership(kloto1, [bressuire], is_public=True)
    inserted = insert_partnership(maritime_commune, [bressuire])
    inserted.refresh_from_db()

    assert staff_list(staff, "plateaux") == {str(saved)}
    assert staff_list(staff, "maritime") == {str(inserted)}
    assert api_list("plateaux") == {saved.name}
    assert api_list("maritime") == {inserted.name}
    assert staff_list(staff, "kara") == set()


def test_a_partnership_follows_its_commune_when_either_moves(client_for, users, kloto1, bressuire):
    staff = client_for(users["staff"])
    partnership = add_partnership(kloto1, [bressuire])
    assert staff_list(staff, "plateaux") == {str(partnership)}

    # Its local government corrected to a commune of another region.
    maritime_commune = Area.objects.communes().inside(region("maritime")).order_by("pk").first()
    partnership.local_government = maritime_commune
    partnership.save()
    assert staff_list(staff, "plateaux") == set()
    assert staff_list(staff, "maritime") == {str(partnership)}

    # Back to Kloto 1, then Kloto 1 filed under a prefecture of Kara by mistake...
    partnership.local_government = kloto1
    partnership.save()
    kloto1.parent = Area.objects.at_home("intermediate").filter(parent=region("kara")).first()
    kloto1.save()
    assert staff_list(staff, "plateaux") == set()
    assert staff_list(staff, "kara") == {str(partnership)}

    # ...until the reference data puts it back in its prefecture of the Plateaux.
    load_all()
    kloto1.refresh_from_db()
    assert kloto1.parent is not None and kloto1.parent.parent == region("plateaux")
    assert staff_list(staff, "kara") == set()
    assert staff_list(staff, "plateaux") == {str(partnership)}
    assert Partnership.objects.filter(region__isnull=True).count() == 0
