"""On the home page: the open actions one owns, soonest due first."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section

from .enums import ActionStatus
from .models import Action


def section(user) -> Section | None:
    actions = list(
        Action.objects.owned_by(user)
        .filter(status=ActionStatus.OPEN)
        .select_related("item__meeting")
        .order_by("due_on", "pk")[:20]
    )
    if not actions:
        return None
    context = {"actions": actions, "today": timezone.localdate()}
    return Section(_("My actions to do"), "meetings/home/actions.html", context)
