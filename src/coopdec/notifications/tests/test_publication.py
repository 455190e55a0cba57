"""Publishing an opportunity tells exactly the focal points of the eligible communes: by
e-mail (text and HTML, in their language) and in their inbox, once each."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coopdec.accounts.enums import Role
from coopdec.conftest import WATER_PUBLISHED, commune, new_user
from coopdec.notifications.models import Notice
from coopdec.opportunities.models import Opportunity, Response
from coopdec.territories.models import Area


def focal_point(name: str, *slugs: str, **fields):
    user = new_user(username=name, role=Role.FOCAL_POINT, **fields)
    user.local_governments.set([commune(slug) for slug in slugs])
    return user


@pytest.fixture
def people(cooperation):
    """Focal points across Plateaux and beyond, and people who are not focal points."""
    return [
        focal_point("kloto", "kloto-1"),
        focal_point("kloto.deux", "kloto-1", language="en"),
        focal_point("agou.golfe", "agou-1", "golfe-1"),  # one eligible commune of two
        focal_point("danyi", "danyi-1"),
        focal_point("wawa", "wawa-1"),  # Plateaux, but culture
        focal_point("amou", "amou-1"),  # water, not validated yet
        focal_point("golfe", "golfe-1"),  # water, but Maritime
        focal_point("ancien", "agou-1", is_active=False),  # left the commune
        new_user(username="partenaire", role=Role.PARTNER),
        new_user(username="federation", role=Role.FEDERATION_STAFF),
    ]


@pytest.mark.django_db
def test_publishing_tells_exactly_the_focal_points_of_eligible_communes(
    people, water, client_for, mailoutbox, run_queued, django_capture_on_commit_callbacks
):
    plateaux = Area.objects.get(slug="plateaux", level__kind="region")
    # Expected, from the fixtures alone: communes of Plateaux (prefecture → region) whose
    # validated work is on water; then their active focal point accounts.
    in_plateaux = set(Area.objects.filter(parent__parent=plateaux).values_list("slug", flat=True))
    eligible = in_plateaux & WATER_PUBLISHED
    assert eligible == {"kloto-1", "agou-1", "danyi-1"}  # the fixture is what we think
    expected = {
        user.email
        for user in people
        if user.role == Role.FOCAL_POINT
        and user.is_active
        and {area.slug for area in user.local_governments.all()} & eligible
    }

    staff = client_for(new_user(username="chargee", role=Role.FEDERATION_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("opportunities:create"),
            form := {
                "kind": "call_for_projects",
                "title": "Eau potable dans les Plateaux",
                "summary": "Forages et bornes-fontaines.",
                "time_zone": "Africa/Lome",
                "closes_at": "2030-03-31T23:59",
                "audience": "members",
                "areas": [plateaux.pk],
                "themes": [water.pk],
                "published": "on",
            },
        )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    # Nothing is sent while the page answers: the worker does it.
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(task_path__endswith="announce_opportunity").count() == 1
    run_queued()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(expected)
    assert len(expected) == 4  # kloto, kloto.deux, agou.golfe, danyi
    # Every e-mail has its text and HTML, the link to the opportunity and signed links.
    for message in mailoutbox:
        html = message.alternatives[0][0]
        assert "Eau potable dans les Plateaux" in message.subject
        assert opportunity.get_absolute_url() in message.body
        assert "/notifications/desabonnement/" in message.body
        assert "/notifications/desabonnement/" in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    english = next(m for m in mailoutbox if m.to == ["kloto.deux@example.org"])
    assert english.subject == "[coopdec] New opportunity: Eau potable dans les Plateaux"
    french = next(m for m in mailoutbox if m.to == ["kloto@example.org"])
    assert french.subject == "[coopdec] Nouvelle opportunité\u202f: Eau potable dans les Plateaux"
    # Agou 1 and Golfe 1's focal point hears of it for Agou 1 only.
    agou = next(m for m in mailoutbox if m.to == ["agou.golfe@example.org"])
    assert "Pour\u202f: Agou 1\n" in agou.body

    # The inbox says the same; the reached communes are counted.
    assert {n.user.email for n in Notice.objects.filter(opportunity=opportunity)} == expected
    reached = Response.objects.filter(opportunity=opportunity, notified_at__isnull=False)
    assert {r.commune.slug for r in reached} == eligible

    # Saving it again, or the periodic command, tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("opportunities:edit", args=[opportunity.pk]), form)
        call_command("schedule_notifications", verbosity=0)
    run_queued()
    assert len(mailoutbox) == 4


@pytest.mark.django_db
def test_the_inbox_lists_the_notice_until_the_page_is_opened(people, client_for):
    from coopdec.opportunities import announcements

    opportunity = Opportunity.objects.create(kind="training", title="Formation", published=True)
    opportunity.areas.set([commune("danyi-1")])
    announcements.announce(opportunity)
    danyi = client_for(people[3])
    inbox = danyi.get(reverse("notifications:inbox")).content.decode()
    assert "Formation" in inbox and "Boîte de réception" in inbox
    assert '1<span class="visually-hidden"> non lue' in inbox
    danyi.get(opportunity.get_absolute_url())
    assert 'class="badge"' not in danyi.get(reverse("notifications:inbox")).content.decode()
    # Opening the page marked the commune's response "seen".
    assert Response.objects.get(opportunity=opportunity, commune__slug="danyi-1").seen_at
    # Another focal point's inbox does not show it.
    assert (
        "Formation"
        not in client_for(people[4]).get(reverse("notifications:inbox")).content.decode()
    )
