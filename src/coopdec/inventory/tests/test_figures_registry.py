"""Acceptance 6, first half: the figures are invalidated by any record of the apps they are
made of, a model added tomorrow included, without a list to keep."""

from __future__ import annotations

import pytest
from django.db import models
from django.db.models.signals import post_save
from django.test.utils import isolate_apps

from coopdec.inventory.models import FiguresVersion
from coopdec.notifications.models import Dispatch
from coopdec.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db


@isolate_apps("coopdec.partnerships")
def test_a_model_added_to_a_domain_app_invalidates_the_figures():
    class Twinning(models.Model):  # a model nobody listed anywhere
        class Meta:
            app_label = "partnerships"

        def __str__(self) -> str:
            return "twinning"

    before = FiguresVersion.current()
    post_save.send(sender=Twinning, instance=Twinning(pk=1), created=True)
    assert FiguresVersion.current() != before


def test_opportunities_invalidate_the_figures_and_bookkeeping_does_not(kloto_partnership):
    before = FiguresVersion.current()
    Dispatch.objects.create(key="anything", done_at="2026-01-01T00:00Z")
    assert FiguresVersion.current() == before  # notices and e-mails are not figures
    Opportunity.objects.create(
        kind="training", title="Appel", closes_at="2027-01-01T00:00Z", audience="public"
    )
    assert FiguresVersion.current() != before
