"""The commune page gathers the commune's cooperation, for those who may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("territories:commune_detail", kwargs={"slug": "kloto-1"})


def test_signed_in_users_see_the_cooperation_of_the_commune(client_for, users, kloto_partnership):
    page = client_for(users["focal_point"]).get(URL)
    text = page.content.decode()
    assert "Kloto 1 – Bressuire" in text and "Eau" in text and "Visite" in text
    assert page.context["cooperation"]["funding"]["planned_eur"] == 1000
    assert page.context["cooperation"]["completeness"].score > 0  # its own commune
    assert "Convention" in text  # its documents

    observer = client_for(users["observer"]).get(URL)
    assert observer.context["cooperation"]["completeness"] is None
    assert "Kloto 1 – Bressuire" in observer.content.decode()


def test_the_public_page_keeps_cooperation_records_for_signed_in_users(client, kloto_partnership):
    page = client.get(URL)
    assert page.status_code == 200
    assert "cooperation" not in page.context
    assert "Bressuire" not in page.content.decode()
