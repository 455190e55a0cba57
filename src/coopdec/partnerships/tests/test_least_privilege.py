"""Who reads what (least privilege): a focal point reads other communes' validated
partnerships without the people in them; volunteers and partners read what is public (and
partners their own); observers the validated records."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from coopdec.conftest import add_partnership
from coopdec.partnerships.models import Event, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def wawa_partnership(wawa1, bressuire):
    partnership = add_partnership(wawa1, [bressuire])  # validated, not public
    Event.objects.create(
        partnership=partnership,
        kind="mission",
        title="Mission à Badou",
        date=date(2024, 3, 1),
        participants="Afi Mensah, Kodjo Agbeko",
        notes="Le maire demande un second forage.",
        published=True,
    )
    return partnership


def test_a_focal_point_reads_another_communes_partnership_without_its_people(
    client_for, users, wawa_partnership
):
    page = client_for(users["focal_point"]).get(wawa_partnership.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mission à Badou" in text
    assert "Afi Mensah" not in text and "second forage" not in text
    staff = client_for(users["staff"]).get(wawa_partnership.get_absolute_url()).content.decode()
    assert "Afi Mensah" in staff and "second forage" in staff  # the federation reads them


def test_volunteers_and_partners_read_what_is_public_and_partners_their_own(
    client_for, users, wawa_partnership, kloto_partnership, wawa1
):
    volunteer = client_for(users["volunteer"])
    assert volunteer.get(wawa_partnership.get_absolute_url()).status_code == 404
    listed = volunteer.get(reverse("partnerships:partnership_list")).content.decode()
    assert "Wawa 1" not in listed
    Partnership.objects.filter(pk=wawa_partnership.pk).update(is_public=True)
    assert (
        client_for(users["volunteer"]).get(wawa_partnership.get_absolute_url()).status_code == 200
    )

    other = add_partnership(wawa1, [], name="Wawa 1 – Sokodé")  # not the partner's, not public
    partner = client_for(users["partner"])
    assert partner.get(other.get_absolute_url()).status_code == 404
    assert partner.get(kloto_partnership.get_absolute_url()).status_code == 200  # its own
    observer = client_for(users["observer"])
    assert observer.get(other.get_absolute_url()).status_code == 200  # validated


def test_only_the_federation_moves_a_partnership_to_another_commune(
    client_for, users, kloto_partnership, wawa1, bressuire, accept_proposals
):
    url = reverse("partnerships:partnership_edit", args=[kloto_partnership.pk])
    moved = {
        "local_government": wawa1.pk,
        "partner_governments": [bressuire.pk],
        "kind": "twinning",
        "status": "dormant",
        "status_since": "2025-01-01",
    }
    for role in ("partner", "focal_point"):
        client_for(users[role]).post(url, moved)
        accept_proposals()
        kloto_partnership.refresh_from_db()
        assert kloto_partnership.local_government.slug == "kloto-1", role
    assert kloto_partnership.status == "dormant"  # the rest of the change went through
    client_for(users["staff"]).post(url, moved)
    kloto_partnership.refresh_from_db()
    assert kloto_partnership.local_government == wawa1


def test_a_partnership_recorded_twice_is_refused_with_a_link_to_the_first(
    client_for, users, kloto_partnership, kloto1, bressuire
):
    before = Partnership.objects.count()
    response = client_for(users["staff"]).post(
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "kind": "twinning",
            "status": "active",
            "status_since": "2025-01-01",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Kloto 1 – Bressuire" in errors and kloto_partnership.get_absolute_url() in errors
    assert Partnership.objects.count() == before
