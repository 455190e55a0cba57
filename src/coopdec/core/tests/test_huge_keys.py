"""A forged key past 64 bits in a field that picks several records (partners, themes,
regions…) is an invalid choice in the form, never a 500 (SQLite cannot take it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

HUGE = "99999999999999999999999"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("partnerships:partnership_create", ["partner_governments", "themes"]),
        ("opportunities:create", ["areas", "themes"]),
    ],
)
def test_a_huge_key_is_an_invalid_choice(client_for, users, url, fields):
    client = client_for(users["staff"])
    response = client.post(reverse(url), {name: [HUGE] for name in fields})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert all(name in errors for name in fields), errors
