"""Each commune's answers, set by its focal point (its own communes only) or by the
federation; the federation's reach-and-answer figures, on the page and downloaded."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from coopdec.accounts.enums import Role
from coopdec.conftest import commune, new_user
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity, Response

pytestmark = pytest.mark.django_db

PLATEAUX_COMMUNES = ["kloto-1", "agou-1", "danyi-1"]
MARITIME_COMMUNES = ["golfe-1", "golfe-2"]


@pytest.fixture
def focal_points():
    found = {}
    for slug in PLATEAUX_COMMUNES + MARITIME_COMMUNES:
        user = new_user(username=f"pf.{slug}", role=Role.FOCAL_POINT)
        user.local_governments.set([commune(slug)])
        found[slug] = user
    return found


def publish(title: str, kind: str, slugs: list[str]) -> Opportunity:
    opportunity = Opportunity.objects.create(kind=kind, title=title, published=True)
    opportunity.areas.set([commune(slug) for slug in slugs])
    announcements.announce(opportunity)
    return opportunity


def answer(client, opportunity, slug, value):
    url = reverse("opportunities:answer", args=[opportunity.pk, commune(slug).pk])
    return client.post(url, {"answer": value})


def test_focal_points_answer_for_their_communes_only(focal_points, client_for):
    call = publish("Appel eau", "call_for_projects", PLATEAUX_COMMUNES)
    kloto = client_for(focal_points["kloto-1"])
    page = kloto.get(call.get_absolute_url()).content.decode()
    assert "Votre réponse" in page and "Agou 1" not in page  # no other commune's follow-up
    response = answer(kloto, call, "kloto-1", "applied")
    assert response.status_code == 302
    saved = Response.objects.get(opportunity=call, commune__slug="kloto-1")
    assert saved.answer == "applied" and saved.applied_at and saved.seen_at
    assert saved.answered_by == focal_points["kloto-1"]
    # Another commune's answer: refused, nothing recorded.
    assert answer(kloto, call, "agou-1", "declined").status_code == 403
    assert Response.objects.get(opportunity=call, commune__slug="agou-1").answer == ""
    # A value outside the list: a message, nothing changed.
    response = kloto.post(
        reverse("opportunities:answer", args=[call.pk, commune("kloto-1").pk]),
        {"answer": "maybe"},
        follow=True,
    )
    assert "Choisissez une des réponses de la liste." in response.content.decode()
    saved.refresh_from_db()
    assert saved.answer == "applied"
    # The dashboard is the federation's.
    assert kloto.get(reverse("opportunities:follow_up")).status_code == 403


def test_dashboard_figures_equal_those_counted_from_the_answers(focal_points, client_for, users):
    call = publish("Appel eau", "call_for_projects", PLATEAUX_COMMUNES)
    training = publish("Formation budget", "training", PLATEAUX_COMMUNES + MARITIME_COMMUNES)
    # What happened, written down here, then counted by hand below.
    client_for(focal_points["danyi-1"]).get(call.get_absolute_url())  # seen only
    answer(client_for(focal_points["kloto-1"]), call, "kloto-1", "applied")
    answer(client_for(users["staff"]), call, "kloto-1", "selected")  # the federation's record
    answer(client_for(focal_points["agou-1"]), call, "agou-1", "declined")
    answer(client_for(focal_points["golfe-1"]), training, "golfe-1", "interested")
    answer(client_for(focal_points["golfe-2"]), training, "golfe-2", "applied")
    answer(client_for(focal_points["kloto-1"]), training, "kloto-1", "not_selected")
    kloto_call = Response.objects.get(opportunity=call, commune__slug="kloto-1")
    assert kloto_call.answered_by == users["staff"] and kloto_call.decided_at

    columns = ["reached", "seen", "interested", "applied", "selected", "not_selected", "declined"]
    expected_opportunities = {
        # reached: every eligible commune had a focal point; seen: opened or answered.
        "Appel eau": [3, 3, 1, 1, 1, 0, 1],
        "Formation budget": [5, 3, 3, 2, 0, 1, 0],
    }
    expected_regions = {"Plateaux": [6, 4, 2, 2, 1, 1, 1], "Maritime": [2, 2, 2, 1, 0, 0, 0]}
    expected_kinds = {"Appel à projets": [3, 3, 1, 1, 1, 0, 1], "Formation": [5, 3, 3, 2, 0, 1, 0]}
    # The regions, read from the reference data rather than assumed.
    assert {commune(slug).parent.parent.name for slug in PLATEAUX_COMMUNES} == {"Plateaux"}

    staff = client_for(users["staff"])  # one client: signed in as the last one asked for
    page = staff.get(reverse("opportunities:follow_up")).content.decode()
    for key, expected in (
        ("opportunities", expected_opportunities),
        ("regions", expected_regions),
        ("kinds", expected_kinds),
    ):
        download = staff.get(reverse("opportunities:follow_up"), {"table": key, "export": "csv"})
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
        assert len(rows[0]) == 1 + len(columns)
        assert {row[0]: [int(v) for v in row[1:]] for row in rows[1:]} == expected
        for name, figures in expected.items():
            assert name in page
            for column, figure in zip(columns, figures, strict=True):
                assert f'data-figure="{column}">{figure}</td>' in page
