"""Amounts that look wrong are shown back to be confirmed, not stored silently: money spent
beyond what was committed, or a line hundreds of times the project's others (XOF typed as
EUR: 1 EUR is 655.957 XOF)."""

from __future__ import annotations

from django.urls import reverse

from coopdec.projects.models import FundingLine
from coopdec.territories.models import Currency


def form(project, **amounts) -> dict:
    return {
        "funder_organisation": project.funding_lines.first().funder_organisation_id,
        "instrument": "own_funds",
        "currency": Currency.objects.get(code="EUR").pk,
        "date": "2024-06-01",
        "units_per_euro": "1",
        **amounts,
    }


def test_implausible_amounts_ask_for_confirmation_then_are_kept(
    client_for, users, kloto_partnership, settings
):
    settings.LANGUAGE_CODE = "en"
    project = kloto_partnership.projects.get()
    url = reverse("projects:funding_create", args=[project.pk])
    staff = client_for(users["staff"])
    before = FundingLine.objects.count()

    typed_in_xof = form(project, planned="655957", committed="0", disbursed="0")
    response = staff.post(url, typed_in_xof)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "about 656 times the project's other lines" in errors
    assert 'name="confirm_amounts"' in response.content.decode()
    assert FundingLine.objects.count() == before

    overspent = form(project, planned="1000", committed="1000", disbursed="90000")
    errors = " ".join(staff.post(url, overspent).context["form"].non_field_errors())
    assert "More is disbursed than committed." in errors

    assert staff.post(url, {**typed_in_xof, "confirm_amounts": "on"}).status_code == 302
    assert FundingLine.objects.count() == before + 1

    ordinary = form(project, planned="1500", committed="1000", disbursed="200")
    assert staff.post(url, ordinary).status_code == 302  # nothing to ask
