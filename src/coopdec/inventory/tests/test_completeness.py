"""Each commune's completeness: which expected facts are missing, and the list that sorts by it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopdec.conftest import add_partnership
from coopdec.projects.models import Project
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def item_for(response, slug):
    return next(i for i in response.context["items"] if i.commune.slug == slug)


def test_missing_facts_and_score(
    client_for, users, kloto_partnership, kloto_focal_person, bressuire
):
    # Kloto 1: focal point, a partnership with its agreement, a project with funding and an
    # indicator — only the population is missing.
    wawa = Area.objects.communes().get(slug="wawa-1")
    partnership = add_partnership(wawa, [bressuire])  # signed kind, no agreement file
    Project.objects.create(partnership=partnership, title="Sans budget", published=True)
    client = client_for(users["staff"])

    response = client.get(reverse("inventory:completeness"))
    kloto = item_for(response, "kloto-1")
    assert kloto.missing == ["population"]
    assert kloto.score == round(100 * 6 / 7)  # its agreement has no end date: in force
    wawa_item = item_for(response, "wawa-1")
    assert wawa_item.missing == ["focal_point", "population", "agreements", "budgets", "results"]
    assert wawa_item.score == round(100 * 1 / 6)
    lacs = item_for(response, "lacs-1")
    assert (lacs.checked, lacs.score) == (3, 0)  # nothing to check beyond the basics

    # Least complete first, by default; most complete first on request.
    items = response.context["items"]
    assert items[0].score == 0 and items[-1].commune.slug == "kloto-1"
    first = client.get(reverse("inventory:completeness"), {"sort": "-score"}).context["items"][0]
    assert first.commune.slug == "kloto-1"
    latest = client.get(reverse("inventory:completeness"), {"sort": "-updated"})
    assert latest.context["items"][0].commune.slug in {"kloto-1", "wawa-1"}
    assert client.get(reverse("inventory:completeness"), {"sort": "nonsense"}).status_code == 200


def test_the_commune_page_says_what_is_missing_as_of_the_last_change(
    client_for, users, kloto_partnership, kloto_focal_person
):
    """The page's completeness is kept from one visit to the next, and never outlives a
    change: set the population, and the next visit no longer asks for it."""
    client = client_for(users["staff"])
    page = reverse("territories:commune_detail", kwargs={"slug": "kloto-1"})
    assert client.get(page).context["cooperation"]["completeness"].missing == ["population"]
    assert client.get(page).context["cooperation"]["completeness"].missing == ["population"]

    kloto = Area.objects.communes().get(slug="kloto-1")
    kloto.population = 120_000
    kloto.save()
    completeness = client.get(page).context["cooperation"]["completeness"]
    assert (completeness.missing, completeness.score) == ([], 100)
