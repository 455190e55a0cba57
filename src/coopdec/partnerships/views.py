"""Partnership pages: list, record, timeline. Changes go through ``review.editing``."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.collation import by_name
from coopdec.core.dates import for_export
from coopdec.core.lists import list_page
from coopdec.directory.models import Person, Position
from coopdec.documents.models import Document
from coopdec.partnerships.editing import editable_or_404
from coopdec.partnerships.rules import CHANGE_PARTNERSHIP
from coopdec.review.editing import form_page
from coopdec.review.history import history_page
from coopdec.review.models import Revision
from coopdec.review.rules import REVIEW_CHANGES, VIEW_HISTORY

from .forms import EventForm, PartnershipFilterForm, PartnershipForm
from .models import Event, Partnership
from .rules import ADD_PARTNERSHIP, VIEW_PARTNERSHIP


def export_rows(listed) -> exports.Export:
    """The filtered partnerships, all of them, as the list shows them (no personal data)."""
    return exports.Export(
        "partenariats",
        [
            _("Partnership"),
            _("Commune or region"),
            _("Partners"),
            _("Kind"),
            _("Status"),
            _("Status since"),
            _("Signed on"),
            _("Last activity"),
        ],
        (
            [
                partnership.name,
                partnership.local_government.name,
                "; ".join(
                    f"{area.name} ({area.country.code})"
                    for area in partnership.partner_governments.all()
                ),
                partnership.get_kind_display(),
                partnership.get_status_display(),
                for_export(partnership.status_since, partnership.status_since_precision),
                for_export(partnership.signature_date, partnership.signature_precision),
                for_export(partnership.last_activity_on, partnership.last_activity_precision),
            ]
            for partnership in listed.iterator(chunk_size=2000)
        ),
    )


@access.permission(VIEW_PARTNERSHIP)
def partnership_list(request: SignedInRequest) -> HttpResponse:
    form = PartnershipFilterForm(request.GET)
    partnerships = form.apply(
        Partnership.objects.visible_to(request.user).order_by(by_name("name"), "pk")
    )
    rows = Partnership.objects.select_related("local_government").prefetch_related(
        "partner_governments__country"
    )
    return list_page(
        request,
        "partnerships/partnership_list.html",
        partnerships,
        form=form,
        rows=rows,
        export=export_rows,
    )


@access.permission(VIEW_PARTNERSHIP)
def partnership_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = request.user
    partnership = get_object_or_404(
        Partnership.objects.visible_to(user).select_related("local_government__level"), pk=pk
    )
    may_edit = user.has_perm(CHANGE_PARTNERSHIP, partnership)
    context = {
        "partnership": partnership,
        "partners": partnership.partner_governments.select_related("country"),
        "organisations": partnership.supporting_organisations.all(),
        "themes": partnership.themes.all(),
        "status_changes": partnership.status_changes.all(),
        "events": Event.objects.visible_to(user).filter(partnership=partnership),
        # Projects sit above partnerships: read through the relation, not imported.
        "projects": partnership.projects.visible_to(user),
        "documents": Document.objects.readable_by(user).within(partnership),
        "lapsed_agreement": partnership.lapsed_agreement(),
        "pending": Revision.objects.within(partnership)
        .pending()
        .select_related("content_type", "author")
        if may_edit
        else Revision.objects.none(),
        "refused": Revision.objects.within(partnership)
        .filter(state=Revision.State.REJECTED, action=Revision.Action.UPDATE)
        .select_related("content_type", "author")
        .order_by("-reviewed_at")[:5]
        if may_edit
        else Revision.objects.none(),
        "may_edit": may_edit,
        "may_review": user.has_perm(REVIEW_CHANGES),
        "may_see_history": user.has_perm(VIEW_HISTORY, partnership),
        "contacts": contacts_of(partnership, user),
    }
    return render(request, "partnerships/partnership_detail.html", context)


def contacts_of(partnership: Partnership, user):
    """Who to contact for a partnership, by role: the people in post at its commune, its
    partners and its supporting organisations, among those the reader may see (personal
    data: none for roles that see no contact)."""
    at = Q(area_id=partnership.local_government_id)
    at |= Q(area__in=partnership.partner_governments.all())
    at |= Q(organisation__in=partnership.supporting_organisations.all())
    return (
        Position.objects.filter(at, person__in=Person.objects.visible_to(user))
        .select_related("person", "area", "organisation")
        .order_by("role", "person__last_name")
    )


@access.permission(ADD_PARTNERSHIP)
def partnership_create(request: SignedInRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title=_("New partnership"), back=None, next_url=Partnership.get_absolute_url
    )


@access.permission(CHANGE_PARTNERSHIP)
def partnership_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    partnership = editable_or_404(request, Partnership.objects, pk)
    form = PartnershipForm(request.POST or None, instance=partnership, user=request.user)
    return form_page(
        request, form, title=_("Edit %(name)s") % {"name": partnership}, back=partnership
    )


@access.permission(CHANGE_PARTNERSHIP)
def event_create(request: SignedInRequest, pk: int) -> HttpResponse:
    partnership = editable_or_404(request, Partnership.objects, pk)
    form = EventForm(request.POST or None, instance=Event(partnership=partnership))
    return form_page(request, form, title=_("New event"), back=partnership)


@access.permission(CHANGE_PARTNERSHIP)
def event_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    event = editable_or_404(request, Event.objects.select_related("partnership"), pk)
    form = EventForm(request.POST or None, instance=event)
    return form_page(
        request, form, title=_("Edit %(name)s") % {"name": event}, back=event.partnership
    )


@access.permission(VIEW_HISTORY)
def partnership_history(request: SignedInRequest, pk: int) -> HttpResponse:
    """The partnership's changes and those of its events, projects, funding, results and
    documents."""
    return history_page(
        request, get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    )
