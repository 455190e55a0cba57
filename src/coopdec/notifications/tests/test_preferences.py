"""Each person chooses per kind: at once, a weekly digest, or never; the signed links of
every e-mail change that without signing in, and an altered link changes nothing."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from coopdec.accounts.enums import Role
from coopdec.conftest import commune, new_user
from coopdec.notifications import fanout, outbox, topics
from coopdec.notifications.enums import Frequency, MailStatus
from coopdec.notifications.models import Mail, Notice, Preference
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db

LOME = ZoneInfo("Africa/Lome")


def focal_point(name: str, slug: str = "kloto-1"):
    user = new_user(username=name, role=Role.FOCAL_POINT)
    user.local_governments.set([commune(slug)])
    return user


def publish(title: str, at: datetime, kind: str = "call_for_projects") -> Opportunity:
    opportunity = Opportunity.objects.create(
        kind=kind, title=title, published=True, published_at=at
    )
    opportunity.areas.set([commune("kloto-1")])
    announcements.announce(opportunity, now=at)
    return opportunity


def unsubscribe_link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/notifications/desabonnement/[^\s]+/)", message.body)
    assert found, message.body
    return found[1]


def test_weekly_digest_groups_the_week_in_one_email(mailoutbox):
    weekly = focal_point("hebdo")
    focal_point("direct")
    Preference.set_all(weekly, {"call_for_projects": Frequency.WEEKLY})
    # Monday 1 to Sunday 7 March 2027, Lomé time; one more on the next Monday.
    publish("Appel eau", datetime(2027, 3, 1, 9, 0, tzinfo=LOME))
    publish("Appel santé", datetime(2027, 3, 3, 15, 0, tzinfo=LOME))
    publish("Appel jeunesse", datetime(2027, 3, 7, 23, 30, tzinfo=LOME))
    publish("Appel suivant", datetime(2027, 3, 8, 6, 0, tzinfo=LOME))
    publish("Formation", datetime(2027, 3, 2, 10, 0, tzinfo=LOME), kind="training")
    outbox.send_due()
    # "At once": one e-mail each; weekly: none of the calls for projects yet, but the
    # training (still "at once" for them).
    assert sorted(m.subject for m in mailoutbox if m.to == ["hebdo@example.org"]) == [
        "[coopdec] Nouvelle opportunité\u202f: Formation"
    ]
    assert len([m for m in mailoutbox if m.to == ["direct@example.org"]]) == 5
    mailoutbox.clear()

    # Monday 8 March before 07:00: last week's digest is not due yet.
    assert fanout.digest(now=datetime(2027, 3, 8, 6, 59, tzinfo=LOME)) == 0
    assert fanout.digest(now=datetime(2027, 3, 8, 7, 0, tzinfo=LOME)) == 1
    assert fanout.digest(now=datetime(2027, 3, 8, 9, 0, tzinfo=LOME)) == 0  # once
    outbox.send_due()
    (digest,) = mailoutbox
    assert digest.to == ["hebdo@example.org"]
    assert digest.subject == "[coopdec] Votre semaine\u202f: 3 avis"
    assert [t for t in ("Appel eau", "Appel santé", "Appel jeunesse") if t in digest.body] == [
        "Appel eau",
        "Appel santé",
        "Appel jeunesse",
    ]
    assert "Appel suivant" not in digest.body and "Formation" not in digest.body
    assert "Appel jeunesse" in digest.alternatives[0][0]


def test_unsubscribed_through_the_signed_link_receives_nothing(client, mailoutbox):
    person = focal_point("afi")
    publish("Appel eau", datetime(2027, 3, 1, 9, 0, tzinfo=LOME))
    outbox.send_due()
    link = unsubscribe_link(mailoutbox[0])

    # Opening the link (a mail scanner does) asks; it changes nothing by itself.
    page = client.get(link)
    assert (
        "Arrêter tous les courriels d'opportunités vers afi@example.org\u202f?"
        in page.content.decode()
    )
    assert not Preference.objects.filter(user=person).exists()
    page = client.post(link)
    assert "coopdec n'enverra plus de courriel" in page.content.decode()
    mailoutbox.clear()

    # An e-mail already queued is not sent; a new publication is not e-mailed; the
    # inbox still lists both.
    queued = Mail.objects.create(key="test:queued", user=person, reason="published")
    queued.notices.set([Notice.objects.get(user=person)])
    publish("Appel santé", datetime(2027, 3, 2, 9, 0, tzinfo=LOME))
    publish("Formation", datetime(2027, 3, 2, 9, 0, tzinfo=LOME), kind="training")
    outbox.send_due()
    assert fanout.digest(now=datetime(2027, 3, 8, 8, 0, tzinfo=LOME)) == 0
    assert mailoutbox == []
    queued.refresh_from_db()
    assert queued.status == MailStatus.CANCELLED
    assert Notice.objects.filter(user=person).count() == 3


def test_mail_programs_unsubscribe_in_one_post_without_a_form(mailoutbox):
    person = focal_point("afi")
    publish("Appel eau", datetime(2027, 3, 1, 9, 0, tzinfo=LOME))
    outbox.send_due()
    (message,) = mailoutbox
    header = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert header.endswith(unsubscribe_link(message))
    # RFC 8058: the mail program posts "List-Unsubscribe=One-Click", no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_link(message), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert set(Preference.objects.filter(user=person).values_list("frequency", flat=True)) == {
        Frequency.NONE
    }


@pytest.mark.parametrize("where", ["signature", "value"])
def test_an_altered_link_is_refused_and_changes_nothing(client, mailoutbox, where):
    person = focal_point("afi")
    other = focal_point("kossi")
    publish("Appel eau", datetime(2027, 3, 1, 9, 0, tzinfo=LOME))
    outbox.send_due()
    link = unsubscribe_link(next(m for m in mailoutbox if m.to == ["afi@example.org"]))
    token = link.split("/")[-2]
    if where == "signature":
        altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    else:  # someone else's account number with afi's signature
        altered = token.replace(token.split(":")[0], signing.b64_encode(b"%d" % other.pk).decode())
    bad = link.replace(token, altered)
    for method in (client.get, client.post):
        response = method(bad)
        assert response.status_code == 400
        assert "Ce lien n'est pas valide" in html.unescape(response.content.decode())
    preferences = reverse("notifications:preferences_link", args=[altered])
    assert client.post(preferences, {"language": "en"}).status_code == 400
    assert not Preference.objects.exists()
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.language == other.language == "fr"


def test_preferences_from_the_link_change_language_and_frequencies(client, mailoutbox):
    person = focal_point("afi")
    publish("Appel eau", datetime(2027, 3, 1, 9, 0, tzinfo=LOME))
    outbox.send_due()
    path = re.search(r"(/notifications/lien/[^\s]+/)", mailoutbox[0].body)[1]
    form = dict.fromkeys(topics.values(), "immediate")  # every topic the page lists
    form.update({"language": "en", "training": "none", "partner_search": "weekly"})
    response = client.post(path, form, follow=True)
    assert "Vos choix sont enregistrés." in response.content.decode()
    person.refresh_from_db()
    assert person.language == "en"
    chosen = Preference.of([person.pk])
    assert Preference.chosen(chosen, person.pk, "training") == Frequency.NONE
    assert Preference.chosen(chosen, person.pk, "partner_search") == Frequency.WEEKLY
    assert Preference.chosen(chosen, person.pk, "call_for_projects") == Frequency.IMMEDIATE
    # A value outside the choices is refused with a message and nothing changes.
    form["training"] = "hourly"
    response = client.post(path, form)
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert Preference.chosen(Preference.of([person.pk]), person.pk, "training") == Frequency.NONE
