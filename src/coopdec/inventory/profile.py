"""A commune's profile on one A4 page, for advocacy and partner search: where it is, its
size, its themes, its partnerships and partners, its projects and their funding, how
complete its record is and of when its data are, and a QR code to its public page.

What it holds is what the reader may see: the public records only for the atlas's
download (and for anyone not signed in), everything the account reads otherwise. It never
holds anyone's name or contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from coopdec.core import pdf
from coopdec.core.collation import sort_key
from coopdec.territories.models import Area

from .completeness import of_commune
from .summary import area_summary

# What fits on the page; the rest is counted.
SHOWN = 8


@dataclass(frozen=True)
class Profile:
    commune: Area
    public: bool
    partnerships: list
    more_partnerships: int
    projects: list
    more_projects: int
    themes: list[str]
    countries: list[str]
    funding: dict
    score: int
    data_of: datetime | None
    public_url: str
    qr_svg: str
    made_at: datetime


def public_url(commune: Area) -> str:
    return settings.COOPDEC_SITE_URL.rstrip("/") + commune.get_absolute_url()


def profile(commune: Area, user=None, *, public: bool = False) -> Profile:
    """The profile as ``user`` may read it; the public one when ``public`` or nobody is
    signed in."""
    reader = user if user is not None and user.is_authenticated and not public else AnonymousUser()
    summary = area_summary(commune, reader)
    partnerships = list(
        summary["partnerships"].prefetch_related("themes", "partner_governments__country")
    )
    projects = list(summary["projects"].prefetch_related("themes").order_by("-start_date", "title"))
    themes = {theme.name for record in [*partnerships, *projects] for theme in record.themes.all()}
    countries = {
        partner.country.name
        for partnership in partnerships
        for partner in partnership.partner_governments.all()
    }
    checked = of_commune(commune)
    url = public_url(commune)
    return Profile(
        commune=commune,
        public=isinstance(reader, AnonymousUser),
        partnerships=partnerships[:SHOWN],
        more_partnerships=max(0, len(partnerships) - SHOWN),
        projects=projects[:SHOWN],
        more_projects=max(0, len(projects) - SHOWN),
        themes=sorted(themes, key=sort_key),
        countries=sorted(countries, key=sort_key),
        funding=summary["funding"],
        score=checked.score,
        data_of=checked.last_update,
        public_url=url,
        qr_svg=segno.make(url, error="m").svg_inline(scale=3, border=2),
        made_at=timezone.now(),
    )


def as_pdf(profile: Profile) -> bytes:
    """The profile on one A4 page."""
    return pdf.render_pdf(
        "inventory/profile/pdf.html", {"profile": profile}, stylesheets=("coopdec/profile.css",)
    )


def profile_link(area, user) -> dict:
    """On a commune's page, for everyone: the link to its profile."""
    if not area.is_commune:
        return {}
    return {"profile_url": reverse("inventory:commune_profile", args=[area.slug])}
