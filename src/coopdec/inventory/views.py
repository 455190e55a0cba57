"""The inventory (état des lieux): dashboards, their downloads, and completeness."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports, snapshots
from coopdec.core.exports import FORMATS
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

from . import headline, stats
from . import profile as profiles
from .completeness import completeness
from .forms import DashboardFilterForm
from .rules import VIEW_COMPLETENESS, VIEW_DASHBOARD
from .snapshots import DASHBOARD

# Every table of the dashboard that downloads, the key figures first.
TABLES = {"headline": headline.headline_table, **stats.TABLES}

SORTS = {
    "score": lambda item: (item.score, item.commune.name),
    "-score": lambda item: (-item.score, item.commune.name),
    "updated": lambda item: (item.last_update, item.commune.name),
    "-updated": lambda item: (-item.last_update.timestamp(), item.commune.name),
}


@access.permission(VIEW_DASHBOARD)
def dashboard(request: SignedInRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    # The figures for the filters chosen, rendered once per version of the data.
    snapshot = snapshots.read(DASHBOARD, form.canonical_query())
    return render(request, "inventory/dashboard.html", {"form": form, "snapshot": snapshot})


@access.permission(VIEW_DASHBOARD)
def export(request: SignedInRequest, key: str, extension: str) -> HttpResponse:
    if key not in TABLES or extension not in FORMATS:
        raise Http404
    table = TABLES[key](DashboardFilterForm(request.GET).filters())
    return FORMATS[extension](table)


@access.permission(VIEW_COMPLETENESS)
def completeness_list(request: SignedInRequest) -> HttpResponse:
    sort = request.GET.get("sort", "score")
    items = sorted(completeness(), key=SORTS.get(sort, SORTS["score"]))
    return render(
        request,
        "inventory/completeness.html",
        {
            "items": items,
            "sort": sort if sort in SORTS else "score",
            "to_confirm": Partnership.objects.communes_to_confirm().select_related(
                "local_government"
            ),
        },
    )


def _profile(request: HttpRequest, slug: str) -> profiles.Profile:
    commune = get_object_or_404(Area.objects.communes().select_related(*Area.PLACE), slug=slug)
    return profiles.profile(commune, request.user, public=request.GET.get("public") == "1")


@access.public
def commune_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: the public profile; signed-in members: what they may read (``?public=1``
    for the public one, to share)."""
    return render(request, "inventory/profile/page.html", {"profile": _profile(request, slug)})


@access.public
def commune_profile_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same page as an A4 PDF (same readers as ``commune_profile``)."""
    profile = _profile(request, slug)
    document = profiles.as_pdf(profile)
    name = f"profil-{profile.commune.slug}{'-public' if profile.public else ''}.pdf"
    return exports.download(document, name)
