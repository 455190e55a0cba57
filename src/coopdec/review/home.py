"""On the home page: the proposals waiting for the federation, or one's own proposals and
the decisions on them (the last 30 days)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section

from .models import Revision
from .rules import REVIEW_CHANGES


def section(user) -> Section | None:
    if user.has_perm(REVIEW_CHANGES):
        waiting = Revision.objects.pending().count()
        if not waiting:
            return None
        return Section(_("Proposals to review"), "review/home/queue.html", {"count": waiting})
    mine = Revision.objects.filter(author=user).select_related("content_type")
    since = timezone.now() - timedelta(days=30)
    decided = list(
        mine.exclude(state=Revision.State.PENDING)
        .filter(reviewed_at__gte=since)
        .order_by("-reviewed_at")[:10]
    )
    waiting = mine.filter(state=Revision.State.PENDING).count()
    if not decided and not waiting:
        return None
    return Section(
        _("My proposals"), "review/home/mine.html", {"decided": decided, "waiting": waiting}
    )
