"""Acceptance 5: list pages cost the same number of queries for one row or a full page."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopdec.conftest import add_partnership
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import Project
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db

LISTS = [
    ("partnerships:partnership_list", "staff"),
    ("partnerships:partnership_list", "focal_point"),
    ("projects:project_list", "observer"),
    ("review:queue", "staff"),
]


def add_rows(count: int, bressuire, author) -> None:
    """Published partnerships with a project each, and a pending proposal each."""
    partnership_type = ContentType.objects.get_for_model(Partnership)
    for commune in Area.objects.communes().order_by("pk")[:count]:
        partnership = add_partnership(commune, [bressuire])
        Project.objects.create(partnership=partnership, title=f"Projet {commune}", published=True)
        revision = partnership.revisions.create(
            content_type=partnership_type,
            object_id=partnership.pk,
            root_type=partnership_type,
            root_id=partnership.pk,
            action="update",
            author=author,
        )
        revision.communes.set([commune])


def queries_for(client, name: str) -> tuple[int, int]:
    """(queries run, rows shown) for the list page ``name``."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(name))
    assert response.status_code == 200
    rows = response.context.get("page")
    if rows is not None:
        return len(context.captured_queries), len(rows.object_list)
    # The validation queue: proposals counted in its groups.
    rows = [None] * sum(group["count"] for group in response.context["groups"])
    return len(context.captured_queries), len(rows)


@pytest.mark.parametrize(("name", "role"), LISTS)
def test_list_queries_do_not_grow_with_rows(client_for, users, bressuire, name, role):
    client = client_for(users[role])
    add_rows(1, bressuire, users["focal_point"])
    few, rows = queries_for(client, name)
    assert rows == 1
    add_rows(40, bressuire, users["focal_point"])
    many, rows = queries_for(client, name)
    assert rows == 41
    assert many == few
