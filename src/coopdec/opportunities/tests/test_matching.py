"""A French town's partner search ranks the communes by fit, each with its explanation;
a commune's open opportunities are ranked the same way; the federation forwards one."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from coopdec.accounts.enums import Role
from coopdec.conftest import add_partnership, commune, foreign, new_user
from coopdec.notifications import outbox
from coopdec.opportunities.matching import rank_communes, suggestions
from coopdec.opportunities.models import Opportunity
from coopdec.projects.models import Project
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def search():
    """Niort (France) looks for a partner working on water and youth.

    Known best answer: Kloto 1 works on both, has no French partner and a complete
    profile. Agou 1 works on both but already twins with a French town; Danyi 1 works on
    water only, Wawa 1 on youth only, both with thin profiles; Golfe 1 on health only."""
    water, youth = Theme.objects.get(code="water-sanitation"), Theme.objects.get(code="youth")
    health = Theme.objects.get(code="health")
    niort, bressuire, bohicon = (
        foreign("FR", "Niort"),
        foreign("FR", "Bressuire"),
        foreign("BJ", "Bohicon"),
    )
    kloto = add_partnership(commune("kloto-1"), [bohicon])
    kloto.themes.set([water])
    Project.objects.create(partnership=kloto, title="Club des jeunes", published=True).themes.set(
        [youth]
    )
    Area.objects.filter(slug="kloto-1").update(
        description="Commune de Kpalimé, au pied du mont Agou.",
        website="https://kpalime.example.org",
        population=120000,
        size_class="large",
    )
    # The others' profiles are empty (the reference data gives some a seat town).
    Area.objects.filter(slug__in=["agou-1", "danyi-1", "wawa-1"]).update(seat_town="")
    focal = new_user(username="focal.kloto", role=Role.FOCAL_POINT)
    focal.local_governments.set([commune("kloto-1")])
    add_partnership(commune("agou-1"), [bressuire]).themes.set([water, youth])
    add_partnership(commune("danyi-1"), [bohicon]).themes.set([water])
    add_partnership(commune("wawa-1"), [bohicon]).themes.set([youth])
    add_partnership(commune("golfe-1"), [bohicon]).themes.set([health])
    opportunity = Opportunity.objects.create(
        kind="partner_search",
        title="Niort cherche une commune partenaire",
        issuer_government=niort,
        published=True,
    )
    opportunity.themes.set([water, youth])
    return opportunity


def test_a_partner_search_ranks_first_the_commune_that_fits_best(search):
    ranked = rank_communes(search)
    assert [m.commune.slug for m in ranked] == ["kloto-1", "agou-1", "danyi-1", "wawa-1"]
    best = ranked[0]
    assert best.reasons == [
        "travaille sur 2 des 2 thèmes recherchés (Eau et assainissement, Jeunesse)",
        "pas de partenaire en cours du pays\u202f: France",
        "profil complet à 6/6",
    ]
    assert best.score == 80
    agou = ranked[1]
    assert "a déjà un partenaire du pays\u202f: France" in agou.reasons
    assert ranked[2].reasons[0] == "travaille sur 1 des 2 thèmes recherchés (Eau et assainissement)"
    # Danyi 1 and Wawa 1 fit as well as each other (one theme each): by name.
    assert ranked[0].score > ranked[1].score > ranked[2].score == ranked[3].score


def test_a_commune_sees_its_open_opportunities_best_fit_first(search):
    training = Opportunity.objects.create(kind="training", title="Formation", published=True)
    kloto = commune("kloto-1")
    found = suggestions([kloto])[kloto.pk]
    assert [m.opportunity for m in found] == [search, training]
    assert found[1].reasons == ["profil complet à 6/6"]


def test_the_federation_forwards_a_match_in_one_click(
    search, client_for, users, mailoutbox, django_capture_on_commit_callbacks
):
    staff = client_for(users["staff"])
    page = html.unescape(staff.get(search.get_absolute_url()).content.decode())
    assert "4 communes éligibles, les mieux adaptées d'abord" in page
    assert page.index("Kloto 1") < page.index("Agou 1") < page.index("Danyi 1")
    url = reverse("opportunities:forward", args=[search.pk, commune("kloto-1").pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, follow=True)
    assert "Transmise aux points focaux de Kloto 1." in response.content.decode()
    outbox.send_due()
    # Kloto 1's two focal points (the fixture's and the ``users`` one).
    assert sorted(m.to[0] for m in mailoutbox) == [
        "focal.kloto1@example.org",
        "focal.kloto@example.org",
    ]
    message = mailoutbox[0]
    assert (
        message.subject
        == "[coopdec] La faîtière vous suggère\u202f: Niort cherche une commune partenaire"
    )
    again = html.unescape(staff.post(url, follow=True).content.decode())
    assert "Déjà transmise à Kloto 1 aujourd'hui." in again
    nobody = staff.post(
        reverse("opportunities:forward", args=[search.pk, commune("agou-1").pk]), follow=True
    )
    assert "Agou 1 n'a pas de compte de point focal" in html.unescape(nobody.content.decode())
    assert client_for(users["focal_point"]).post(url).status_code == 403
