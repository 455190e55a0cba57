"""A long list is counted once per version of the data (``CountedPaginator``): the count a
reader sees follows every change, whoever made it and however it was written, and a reader
never gets the count of a list another reader sees differently."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coopdec.conftest import add_partnership, foreign, insert_partnership
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:partnership_list")


def api_count(**filters) -> int:
    return Client().get("/api/partenariats/", filters).json()["count"]


def listed(client, **filters) -> int:
    return client.get(LIST, filters).context["page"].paginator.count


def test_the_count_follows_each_change_saved_or_written_in_bulk(client_for, users, bressuire):
    staff = client_for(users["staff"])
    communes = list(Area.objects.communes().order_by("pk")[:3])
    add_partnership(communes[0], [bressuire], is_public=True)
    assert listed(staff, status="active") == 1
    assert api_count(status="active") == 1

    second = add_partnership(communes[1], [bressuire], is_public=True)
    assert listed(staff, status="active") == 2
    assert api_count(status="active") == 2

    insert_partnership(communes[2], [bressuire])
    assert listed(staff, status="active") == 3
    assert api_count(status="active") == 3

    second.status = "ended"
    second.save()
    assert listed(staff, status="active") == 2
    assert api_count(status="active") == 2


def test_readers_who_see_different_lists_get_their_own_counts(
    client_for, users, kloto1, wawa1, bressuire
):
    add_partnership(kloto1, [bressuire])
    add_partnership(wawa1, [foreign("FR", "Niort")], published=False)  # waiting for review
    assert listed(client_for(users["staff"])) == 2
    # Kloto 1's focal point reads the validated records: one, after the staff's count of two.
    assert listed(client_for(users["focal_point"])) == 1
    assert listed(client_for(users["staff"])) == 2
