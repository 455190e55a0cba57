"""Eligibility: every condition an opportunity sets must hold, each holding condition is a
reason in words, and an empty condition holds for every commune."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from coopdec.conftest import commune
from coopdec.opportunities.eligibility import eligible_communes, open_opportunities_for
from coopdec.opportunities.models import Opportunity
from coopdec.territories.models import Area, Country

pytestmark = pytest.mark.django_db

LOME = ZoneInfo("Africa/Lome")


def publish(**conditions) -> Opportunity:
    areas = conditions.pop("areas", [])
    themes = conditions.pop("themes", [])
    opportunity = Opportunity.objects.create(
        kind="call_for_projects", title="Appel eau", published=True, **conditions
    )
    opportunity.areas.set(areas)
    opportunity.themes.set(themes)
    return opportunity


def test_plateaux_and_water_gives_exactly_the_plateaux_communes_working_on_water(
    cooperation, water
):
    plateaux = Area.objects.get(slug="plateaux", level__kind="region")
    found = eligible_communes(publish(areas=[plateaux], themes=[water]))
    assert {e.commune.slug for e in found} == {"kloto-1", "agou-1", "danyi-1"}
    kloto = next(e for e in found if e.commune.slug == "kloto-1")
    assert kloto.reasons == ["dans Plateaux", "travaille sur Eau et assainissement"]


def test_no_condition_means_every_commune(cooperation):
    found = eligible_communes(publish())
    assert len(found) == Area.objects.communes().count() == 117
    assert found[0].reasons == ["ouverte à toutes les communes"]


def test_size_and_partnership_conditions(cooperation):
    Area.objects.filter(slug__in=["kloto-1", "wawa-1"]).update(size_class="large")
    france, benin = Country.objects.get(code="FR"), Country.objects.get(code="BJ")
    large = {e.commune.slug for e in eligible_communes(publish(size_classes=["large"]))}
    assert large == {"kloto-1", "wawa-1"}
    with_france = publish(partnership_condition="active_with", condition_country=france)
    assert {e.commune.slug for e in eligible_communes(with_france)} == {
        "kloto-1",
        "agou-1",
        "golfe-1",
    }
    # Danyi's partnership with Benin is dormant: not current, so Danyi may look for one.
    without_benin = publish(partnership_condition="none_with", condition_country=benin)
    slugs = {e.commune.slug for e in eligible_communes(without_benin)}
    assert "wawa-1" not in slugs and "danyi-1" in slugs and len(slugs) == 116


def test_a_condition_on_partnerships_needs_its_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        publish(partnership_condition="active_with")


def test_a_commune_sees_the_open_opportunities_it_may_answer(cooperation, water):
    now = timezone.now()
    plateaux = Area.objects.get(slug="plateaux", level__kind="region")
    soon = publish(areas=[plateaux], closes_at=now + timedelta(days=3))
    later = publish(closes_at=now + timedelta(days=30))
    publish(closes_at=now - timedelta(minutes=1))  # closed
    publish(areas=[Area.objects.get(slug="maritime", level__kind="region")])
    Opportunity.objects.create(kind="training", title="Brouillon")  # not published
    kloto = commune("kloto-1")
    assert [o for o, _e in open_opportunities_for([kloto])[kloto.pk]] == [soon, later]


def test_an_opportunity_closes_when_its_deadline_passes_in_lome():
    deadline = datetime(2027, 3, 31, 23, 59, tzinfo=LOME)
    opportunity = publish(closes_at=deadline)
    assert opportunity in Opportunity.objects.open(at=deadline - timedelta(seconds=1))
    assert opportunity not in Opportunity.objects.open(at=deadline)


def test_each_condition_that_holds_is_a_reason(cooperation):
    france = Country.objects.get(code="FR")
    Area.objects.filter(slug="kloto-1").update(size_class="large")
    opportunity = publish(
        size_classes=["large"], partnership_condition="active_with", condition_country=france
    )
    (kloto,) = eligible_communes(opportunity)
    assert kloto.reasons == [
        "taille\u202f: Grande",
        "partenariat actif avec une collectivité du pays\u202f: France",
    ]
