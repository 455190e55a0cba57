"""The newsletter writes itself: March's issue lists exactly March's public news,
opportunity and good practice; an empty month sends nothing; a public subscriber receives
issues only once confirmed, never after unsubscribing; bad links and an address
subscribed already get a message and change nothing."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coopdec.news.models import Post
from coopdec.newsletter import services
from coopdec.newsletter.models import Delivery, Issue, Subscriber
from coopdec.notifications import outbox
from coopdec.opportunities.models import Opportunity
from coopdec.practices import services as practices
from coopdec.practices.models import GoodPractice

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 12, 10, tzinfo=UTC)
FEBRUARY = datetime(2026, 2, 12, 10, tzinfo=UTC)


def _news(title: str, when: datetime, *, public: bool = True) -> Post:
    post = Post.objects.create(title=title, summary="-", body="-", is_public=public, published=True)
    Post.objects.filter(pk=post.pk).update(created_at=when)
    return post


@pytest.fixture
def march(kloto_partnership):
    _news("Inauguration des bornes-fontaines", MARCH)
    _news("Ordre du jour interne", MARCH, public=False)  # for members: never in the letter
    _news("Nouvelles de février", FEBRUARY)
    Opportunity.objects.create(
        kind="call_for_projects",
        title="Appel à projets eau et assainissement",
        published=True,
        audience="public",
        published_at=MARCH,
    )
    practice = GoodPractice(
        title="Des comités de quartier pour l'eau",
        summary="-",
        context="-",
        actions="-",
        published=True,
    )
    practices.write(practice, {"partnerships": [kloto_partnership]})
    GoodPractice.objects.filter(pk=practice.pk).update(created_at=MARCH)


def test_march_lists_exactly_its_public_news_opportunity_and_practice(march):
    contents = services.compose(date(2026, 3, 1), date(2026, 3, 31))
    titles = {section: [item["title"] for item in items] for section, items in contents.items()}
    assert titles == {
        "news": ["Inauguration des bornes-fontaines"],
        "opportunities": ["Appel à projets eau et assainissement"],
        "partnerships": [],
        "projects": [],
        "practices": ["Des comités de quartier pour l'eau"],
        "activities": [],
    }


def test_the_federation_is_told_once_when_an_issue_waits(march, users):
    from coopdec.notifications.models import Notice

    april_2 = datetime(2026, 4, 2, 6, tzinfo=UTC)
    told = services.prepare_due(april_2)
    assert told == 2  # the admin and the staff
    issue = Issue.objects.get()
    assert (issue.first_day, issue.sent_at) == (date(2026, 3, 1), None)
    assert services.prepare_due(april_2) == 0  # once
    assert Notice.objects.filter(reason="newsletter_draft").count() == 2
    # A month with nothing public makes no issue and tells nobody.
    assert services.prepare_due(datetime(2025, 8, 2, tzinfo=UTC)) == 0
    assert Issue.objects.count() == 1


def test_an_empty_month_sends_nothing(march, users):
    Subscriber.objects.create(email="lecteur@example.org", confirmed_at=MARCH)
    issue = services.prepare("monthly", date(2025, 7, 1))
    with pytest.raises(Exception, match="nothing is sent|rien n’est envoyé"):
        services.send(issue)
    issue.refresh_from_db()
    assert issue.sent_at is None and not Delivery.objects.exists()


def _link(message, name: str) -> str:
    found = re.search(rf"https?://\S+/lettre/{name}/\S+/", message.body)
    assert found is not None, message.body
    return found.group(0)


def test_a_public_subscriber_receives_issues_once_confirmed_and_never_after_leaving(
    march, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visitor = Client()
    visitor.cookies["django_language"] = "fr"
    page = visitor.post(
        reverse("newsletter:subscribe"), {"email": "Ami@Example.org", "language": "fr"}
    )
    assert "Un lien de confirmation" in page.content.decode()
    outbox.send_due()
    [confirmation] = mail.outbox
    assert confirmation.to == ["ami@example.org"]
    # Not confirmed yet: February's issue does not reach the address.
    services.send(services.prepare("monthly", date(2026, 2, 1)))
    outbox.send_due()
    assert len(mail.outbox) == 1
    # An altered link confirms nothing.
    link = _link(confirmation, "confirmer")
    assert visitor.get(link.replace("/lettre/confirmer/", "/lettre/confirmer/x")).status_code == 400
    assert Subscriber.objects.get().confirmed_at is None
    visitor.get(link)
    assert Subscriber.objects.get().confirmed_at is not None
    # March's issue reaches it, with a one-click way out.
    services.send(services.prepare("monthly", date(2026, 3, 1)))
    outbox.send_due()
    issue_mail = mail.outbox[-1]
    assert "Inauguration des bornes-fontaines" in issue_mail.body
    assert "Ordre du jour interne" not in issue_mail.body
    assert issue_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Subscribing again is refused: it receives the newsletter already; nothing is sent.
    page = visitor.post(
        reverse("newsletter:subscribe"), {"email": "ami@example.org", "language": "fr"}
    )
    assert "reçoit déjà la lettre" in page.content.decode()
    outbox.send_due()
    assert len(mail.outbox) == 2
    # One click (a mail client's POST, no form) and no issue comes any more.
    leave = _link(issue_mail, "desabonner")
    Client(enforce_csrf_checks=True).post(leave, {"List-Unsubscribe": "One-Click"})
    assert Subscriber.objects.get().unsubscribed_at is not None
    _news("Nouvelles d'avril", datetime(2026, 4, 9, tzinfo=UTC))
    services.send(services.prepare("monthly", date(2026, 4, 1)))
    outbox.send_due()
    assert len(mail.outbox) == 2
    # The archive shows the issues sent, to anyone.
    march_issue = Issue.objects.get(first_day=date(2026, 3, 1))
    archived = visitor.get(reverse("newsletter:archive_issue", args=[march_issue.pk]))
    assert "Appel à projets eau et assainissement" in archived.content.decode()


def test_a_second_confirmation_within_the_hour_is_refused_and_nothing_sent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visitor = Client()
    visitor.cookies["django_language"] = "fr"
    for _attempt in range(2):
        page = visitor.post(
            reverse("newsletter:subscribe"), {"email": "ami@example.org", "language": "fr"}
        )
    assert "il y a moins d’une heure" in page.content.decode()
    outbox.send_due()
    assert len(mail.outbox) == 1


def test_an_invalid_address_is_refused_and_nothing_written():
    visitor = Client()
    visitor.cookies["django_language"] = "fr"
    page = visitor.post(
        reverse("newsletter:subscribe"), {"email": "pas-une-adresse", "language": "fr"}
    )
    assert "Saisissez une adresse e-mail valide" in page.content.decode()
    assert not Subscriber.objects.exists()
