"""Comments: one on a partnership reaches its followers once (inbox, and e-mail as they
prefer), never its author; whoever may not see the partnership neither reads nor writes
any; a comment is corrected by its author for 15 minutes, deleted by the federation with
its reason kept; bad input writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coopdec.comments import services
from coopdec.comments.models import Comment
from coopdec.notifications import outbox
from coopdec.notifications.models import Notice, Preference

pytestmark = pytest.mark.django_db

KIND = "partnerships.partnership"


@pytest.fixture
def followed(kloto_partnership, users, settings):
    """The Kloto 1 – Bressuire partnership followed by the federation's staff (e-mail at
    once), its partner (weekly digest) and the observer; the volunteer may not see it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for role in ("staff", "partner", "observer"):
        services.set_follow(kloto_partnership, users[role], True)
    Preference.objects.create(user=users["partner"], topic="comments", frequency="weekly")
    return kloto_partnership


def test_a_comment_reaches_the_followers_once_and_not_its_author(followed, users, client_for):
    focal = client_for(users["focal_point"])
    url = reverse("comments:add", args=[KIND, followed.pk])
    response = focal.post(url, {"text": "La convention arrive à échéance en mars."})
    comment = Comment.objects.get()
    assert response.url.endswith(f"#comment-{comment.pk}")
    told = set(Notice.objects.filter(reason="commented").values_list("user__username", flat=True))
    assert told == {"staff", "partner.bressuire", "observer"}  # not the author
    outbox.send_due()
    # The staff and the observer at once; the partner in their weekly digest, not now.
    assert sorted(message.to[0] for message in mail.outbox) == [
        users["observer"].email,
        users["staff"].email,
    ]
    assert all("La convention arrive à échéance" in m.body for m in mail.outbox)
    # The author now follows: a reply tells them, and nobody twice.
    staff = client_for(users["staff"])
    staff.post(url, {"text": "Merci, on prépare l'avenant.", "parent": comment.pk})
    reply = Comment.objects.exclude(pk=comment.pk).get()
    assert reply.parent_id == comment.pk
    assert Notice.objects.filter(user=users["focal_point"], reason="commented").count() == 1
    assert Notice.objects.filter(user=users["staff"], reason="commented").count() == 1
    page = client_for(users["observer"]).get(followed.get_absolute_url()).content.decode()
    assert "La convention arrive à échéance en mars." in page and "Merci, on prépare" in page


def test_who_may_not_see_the_partnership_neither_reads_nor_writes(followed, users, client_for):
    services.add(followed, users["focal_point"], "Note interne sur la convention.")
    volunteer = client_for(users["volunteer"])
    assert volunteer.get(followed.get_absolute_url()).status_code == 404
    response = volunteer.post(
        reverse("comments:add", args=[KIND, followed.pk]), {"text": "Je passe par là."}
    )
    assert response.status_code == 404
    assert (
        volunteer.post(
            reverse("comments:follow", args=[KIND, followed.pk]), {"follow": "1"}
        ).status_code
        == 404
    )
    assert Comment.objects.count() == 1
    comment = Comment.objects.get()
    assert volunteer.get(reverse("comments:edit", args=[comment.pk])).status_code == 404
    # A follower who can no longer see the record hears nothing of it.
    services.set_follow(followed, users["volunteer"], True)
    services.add(followed, users["staff"], "Suite.")
    assert not Notice.objects.filter(user=users["volunteer"]).exists()


def test_an_empty_comment_or_an_unknown_kind_writes_nothing(followed, users, client_for):
    focal = client_for(users["focal_point"])
    focal.cookies["django_language"] = "fr"
    page = focal.post(
        reverse("comments:add", args=[KIND, followed.pk]), {"text": "   "}, follow=True
    ).content.decode()
    assert "Rien n’a été envoyé" in page or "Écrivez quelque chose" in page
    assert (
        focal.post(
            reverse("comments:add", args=["accounts.user", users["staff"].pk]), {"text": "x"}
        ).status_code
        == 404
    )
    assert not Comment.objects.exists()


def test_corrected_for_15_minutes_by_its_author_and_deleted_with_a_reason(
    followed, users, client_for
):
    comment = services.add(followed, users["focal_point"], "Premier jet.")
    focal = client_for(users["focal_point"])
    focal.post(reverse("comments:edit", args=[comment.pk]), {"text": "Version corrigée."})
    comment.refresh_from_db()
    assert comment.text == "Version corrigée." and comment.edited_at is not None
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    focal.post(reverse("comments:edit", args=[comment.pk]), {"text": "Trop tard."})
    comment.refresh_from_db()
    assert comment.text == "Version corrigée."
    # Another member may not correct it; only the federation deletes, saying why.
    partner = client_for(users["partner"])
    assert partner.get(reverse("comments:delete", args=[comment.pk])).status_code == 403
    staff = client_for(users["staff"])
    staff.post(reverse("comments:delete", args=[comment.pk]), {"reason": ""})
    comment.refresh_from_db()
    assert comment.deleted_at is None  # no reason, nothing done
    staff.post(reverse("comments:delete", args=[comment.pk]), {"reason": "Propos hors sujet"})
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.text == ""
    page = staff.get(followed.get_absolute_url()).content.decode()
    assert "Propos hors sujet" in page and "Version corrigée." not in page
