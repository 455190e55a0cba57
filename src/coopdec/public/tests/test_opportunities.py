"""Open opportunities published for everyone are on the atlas (home, their page, the API),
with who may answer in words; members-only, draft and closed ones are not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coopdec.conftest import commune
from coopdec.opportunities.models import Opportunity
from coopdec.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

HIDDEN = ["Appel réservé aux membres", "Brouillon public", "Appel clos"]


@pytest.fixture
def opportunities():
    soon = timezone.now() + timedelta(days=20)
    shown = Opportunity.objects.create(
        kind="call_for_projects",
        title="Appel eau ouvert à tous",
        summary="Forages.",
        audience="public",
        published=True,
        closes_at=soon,
    )
    shown.areas.set([commune("kloto-1").parent.parent])
    shown.themes.set([Theme.objects.get(code="water-sanitation")])
    Opportunity.objects.create(
        kind="training", title=HIDDEN[0], audience="members", published=True, closes_at=soon
    )
    Opportunity.objects.create(kind="training", title=HIDDEN[1], audience="public", closes_at=soon)
    Opportunity.objects.create(
        kind="training",
        title=HIDDEN[2],
        audience="public",
        published=True,
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    return shown


def test_the_atlas_shows_public_open_opportunities_only(client, opportunities):
    for url in (reverse("public:home"), reverse("public:opportunity_list"), "/api/opportunites/"):
        page = client.get(url).content.decode()
        assert "Appel eau ouvert à tous" in page, url
        for title in HIDDEN:
            assert title not in page, (title, url)
    page = client.get(reverse("public:opportunity_list")).content.decode()
    assert (
        "communes de\u202f: Plateaux\u202f; travaillant sur l&#x27;un de\u202f: Eau et assainissement"
        in page
    )


def test_the_api_gives_the_conditions_in_the_readers_language(client, opportunities):
    (record,) = client.get("/api/opportunites/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert record["title"] == "Appel eau ouvert à tous"
    assert record["themes"] == ["water-sanitation"]
    assert record["who_may_answer"] == [
        "communes in Plateaux",
        "working on one of: Water and sanitation",
    ]
    assert record["page"].endswith(f"/atlas/opportunites/#opportunite-{opportunities.pk}")
    assert client.get("/api/opportunites/?kind=training").json()["results"] == []
    refused = client.get("/api/opportunites/?kind=lottery")
    assert refused.status_code == 400 and "kind" in refused.json()
