"""The commune page gathers the commune's cooperation, for those who may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopdec.territories.models import Area

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


def test_a_busy_commune_lists_its_first_records_and_links_to_all_of_them(
    client_for, users, kloto1, bressuire
):
    """A commune with more partnerships and projects than a phone screen can take shows
    the first ones, says how many more there are, and links to the lists filtered on it,
    which hold every one of them (its partnerships abroad included)."""
    from coopdec.conftest import add_partnership, foreign
    from coopdec.inventory.summary import SHOWN
    from coopdec.projects.models import Project

    partners = [foreign("FR", f"Villeneuve{number:02d}") for number in range(SHOWN + 3)]
    own = [add_partnership(kloto1, [partner]) for partner in partners]
    for partnership in own:
        Project.objects.create(
            partnership=partnership, title=f"Puits {partnership.pk}", published=True
        )
    # Kloto 1 as the partner of another Togolese commune: listed on its page too.
    joined = add_partnership(Area.objects.communes().get(slug="wawa-1"), [kloto1])

    staff = client_for(users["staff"])
    page = staff.get(URL)
    cooperation = page.context["cooperation"]
    assert len(cooperation["partnerships"]) == SHOWN
    assert cooperation["more_partnerships"] == len(own) + 1 - SHOWN
    assert len(cooperation["projects"]) == SHOWN
    assert cooperation["more_projects"] == len(own) - SHOWN
    text = page.content.decode()
    assert f"et {len(own) + 1 - SHOWN} autres partenariats" in text
    assert f"et {len(own) - SHOWN} autres projets" in text

    listed = staff.get(cooperation["all_partnerships_url"])
    assert listed.context["page"].paginator.count == len(own) + 1
    assert joined.pk in {partnership.pk for partnership in listed.context["page"].object_list}
    projects = staff.get(cooperation["all_projects_url"])
    assert projects.context["page"].paginator.count == len(own)
