from __future__ import annotations

import pytest

from coopdec.directory.models import Organisation
from coopdec.territories.models import Country


@pytest.fixture
def members(db) -> dict[str, Organisation]:
    """The committee's usual members besides the federation: France Volontaires and the
    Embassy's cooperation service."""
    france = Country.objects.get(code="FR")
    return {
        "fv": Organisation.objects.create(
            name="France Volontaires", slug="fv", kind="sending_organisation", country=france
        ),
        "scac": Organisation.objects.create(
            name="Ambassade – SCAC", slug="scac", kind="embassy", country=france
        ),
    }
