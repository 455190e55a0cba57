"""Pages of the communes and of foreign local governments. Thin: look up, ask, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.collation import by_name
from coopdec.core.lists import list_page
from coopdec.review.editing import form_page
from coopdec.review.history import history_page
from coopdec.review.rules import VIEW_HISTORY

from . import sections
from .forms import AreaForm, CommuneFilterForm, LocalGovernmentFilterForm
from .models import Area
from .rules import CHANGE_AREA


def commune_rows(listed) -> exports.Export:
    return exports.Export(
        "communes",
        [
            _("Commune"),
            _("Seat town"),
            _("Prefecture"),
            _("Region"),
            _("Official code"),
            _("Population"),
        ],
        (
            [
                commune.name,
                commune.seat_town,
                commune.prefecture.name if commune.prefecture else "",
                commune.region.name if commune.region else "",
                commune.official_code,
                commune.population,
            ]
            for commune in listed.iterator(chunk_size=2000)
        ),
    )


def local_government_rows(listed) -> exports.Export:
    return exports.Export(
        "collectivites-partenaires",
        [_("Local government"), _("Level"), _("Country"), _("Official code"), _("Population")],
        (
            [
                government.name,
                government.level.name,
                government.country.name,
                government.official_code,
                government.population,
            ]
            for government in listed.iterator(chunk_size=2000)
        ),
    )


@access.public
def commune_list(request: HttpRequest) -> HttpResponse:
    form = CommuneFilterForm(request.GET)
    communes = form.apply(Area.objects.communes().order_by(by_name("name"), "id"))
    return list_page(
        request,
        "territories/commune_list.html",
        communes,
        form=form,
        rows=Area.objects.select_related(*Area.PLACE),
        export=commune_rows,
    )


def _commune(slug: str) -> Area:
    return get_object_or_404(
        Area.objects.communes().select_related("country", *Area.PLACE), slug=slug
    )


def _local_government(country: str, level: str, slug: str) -> Area:
    return get_object_or_404(
        Area.objects.foreign_local_governments().select_related("parent", "country", "level"),
        country__code=country.upper(),
        level__code=level,
        slug=slug,
    )


def _area_page(request: HttpRequest, area: Area) -> HttpResponse:
    """The area's own facts, and what the apps above registered to show on it
    (``sections``: organisations and contacts, cooperation)."""
    context = {
        "area": area,
        "ancestors": area.ancestors(),
        "aliases": area.aliases.all(),
        "may_edit": request.user.has_perm(CHANGE_AREA, area),
        "may_see_history": request.user.has_perm(VIEW_HISTORY, area),
        **sections.context_for(area, request.user),
    }
    return render(request, "territories/area_detail.html", context)


def _area_edit(request: SignedInRequest, scoped, lookup: dict[str, str]) -> HttpResponse:
    area = get_object_or_404(
        scoped.editable_by(request.user).select_related("country", "level"), **lookup
    )
    access.check(request, CHANGE_AREA, area)
    return form_page(request, AreaForm(request.POST or None, instance=area))


@access.public
def commune_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _area_page(request, _commune(slug))


@access.permission(CHANGE_AREA)
def commune_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    return _area_edit(request, Area.objects.communes(), {"slug": slug})


@access.permission(VIEW_HISTORY)
def commune_history(request: SignedInRequest, slug: str) -> HttpResponse:
    return history_page(request, _commune(slug))


@access.public
def local_government_list(request: HttpRequest) -> HttpResponse:
    form = LocalGovernmentFilterForm(request.GET)
    governments = form.apply(
        Area.objects.foreign_local_governments().order_by(by_name("name"), "id")
    )
    return list_page(
        request,
        "territories/local_government_list.html",
        governments,
        form=form,
        rows=Area.objects.select_related("country", "level", "parent"),
        export=local_government_rows,
    )


@access.public
def local_government_detail(
    request: HttpRequest, country: str, level: str, slug: str
) -> HttpResponse:
    return _area_page(request, _local_government(country, level, slug))


@access.permission(CHANGE_AREA)
def local_government_edit(
    request: SignedInRequest, country: str, level: str, slug: str
) -> HttpResponse:
    return _area_edit(
        request,
        Area.objects.foreign_local_governments(),
        {"country__code": country.upper(), "level__code": level, "slug": slug},
    )


@access.permission(VIEW_HISTORY)
def local_government_history(
    request: HttpRequest, country: str, level: str, slug: str
) -> HttpResponse:
    return history_page(request, _local_government(country, level, slug))
