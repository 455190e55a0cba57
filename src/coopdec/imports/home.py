"""On the home page of the federation: the imports being prepared, not yet imported."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section

from .models import ImportRun
from .rules import RUN_IMPORT


def section(user) -> Section | None:
    if not user.has_perm(RUN_IMPORT):
        return None
    drafts = list(ImportRun.objects.filter(state=ImportRun.State.DRAFT).order_by("-pk")[:10])
    if not drafts:
        return None
    return Section(_("Imports waiting"), "imports/home/drafts.html", {"drafts": drafts})
