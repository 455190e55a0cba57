"""On the home page: the agreements of one's records that end within 90 days."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section

from .models import Document


def section(user) -> Section | None:
    today = timezone.localdate()
    ending = list(
        Document.objects.editable_by(user)
        .published()
        .current(today)
        .filter(ends_on__lte=today + timedelta(days=90))
        .order_by("ends_on")[:20]
    )
    if not ending:
        return None
    return Section(_("Agreements ending soon"), "documents/home/ending.html", {"ending": ending})
