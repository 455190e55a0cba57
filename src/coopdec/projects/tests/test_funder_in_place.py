"""A funder missing from the records is recorded from the funding line's form (a picker of
one choice), and the line saved with it."""

from __future__ import annotations

import re

from django.urls import reverse

from coopdec.directory.models import Organisation
from coopdec.projects.models import FundingLine
from coopdec.territories.models import Country, Currency


def test_a_new_funder_is_created_from_the_funding_form_and_chosen(
    client_for, users, kloto_partnership
):
    project = kloto_partnership.projects.get()
    url = reverse("projects:funding_create", args=[project.pk])
    staff = client_for(users["staff"])
    line = {
        "instrument": "one_percent_water",
        "currency": Currency.objects.get(code="EUR").pk,
        "planned": "1200",
        "committed": "0",
        "disbursed": "0",
        "date": "2025-02-01",
        "units_per_euro": "1",
    }
    page = staff.post(
        url,
        {
            **line,
            "_create": "funder_organisation",
            "new-funder_organisation-name": "Agence de l’eau Loire-Bretagne",
            "new-funder_organisation-kind": "funder",
            "new-funder_organisation-country": Country.objects.get(code="FR").pk,
        },
    ).content.decode()
    funder = Organisation.objects.get(name="Agence de l’eau Loire-Bretagne")
    # One choice: the new funder replaces none and is the one chosen.
    assert re.findall(r'name="funder_organisation" value="(\d+)" checked', page) == [str(funder.pk)]
    assert FundingLine.objects.filter(project=project).count() == 1

    response = staff.post(url, {**line, "funder_organisation": funder.pk})
    assert response.status_code == 302, re.findall(
        r'class="error"[^>]*>(.*?)<', response.content.decode(), re.S
    )
    assert FundingLine.objects.filter(project=project, funder_organisation=funder).exists()
