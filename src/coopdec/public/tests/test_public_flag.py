"""Only the federation decides what the public atlas shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopdec.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def edit(client, partnership, **changes):
    form = client.get(reverse("partnerships:partnership_edit", kwargs={"pk": partnership.pk}))
    data = {
        "local_government": partnership.local_government_id,
        "partner_governments": [area.pk for area in partnership.partner_governments.all()],
        "kind": partnership.kind,
        "status": partnership.status,
        "status_since": partnership.status_since or "",
        **changes,
    }
    response = client.post(
        reverse("partnerships:partnership_edit", kwargs={"pk": partnership.pk}), data
    )
    return form, response


def test_federation_staff_make_a_partnership_public(client_for, users, kloto_partnership):
    form, response = edit(client_for(users["staff"]), kloto_partnership, is_public="on")
    assert 'name="is_public"' in form.content.decode()
    assert response.status_code == 302
    kloto_partnership.refresh_from_db()
    assert kloto_partnership.is_public
    assert client_for(None).get(kloto_partnership.get_public_url()).status_code == 200


def test_a_focal_point_can_neither_see_nor_set_the_public_flag(
    client_for, users, kloto_partnership
):
    form, response = edit(client_for(users["focal_point"]), kloto_partnership, is_public="on")
    assert 'name="is_public"' not in form.content.decode()
    assert response.status_code == 302
    assert not Partnership.objects.get(pk=kloto_partnership.pk).is_public
    project = kloto_partnership.projects.get()
    page = client_for(users["focal_point"]).get(
        reverse("projects:project_edit", kwargs={"pk": project.pk})
    )
    assert page.status_code == 200 and 'name="is_public"' not in page.content.decode()
