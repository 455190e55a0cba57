"""Organisations (public) and people (personal data, scoped)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.collation import by_name
from coopdec.core.lists import list_page
from coopdec.review.editing import create_page, form_page
from coopdec.review.history import history_page
from coopdec.review.rules import VIEW_HISTORY
from coopdec.territories.models import Area
from coopdec.territories.rules import CHANGE_AREA

from .forms import (
    NEW_CONTACT,
    NEW_ORGANISATION,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from .models import Organisation, Person, Position
from .rules import (
    ADD_ORGANISATION,
    ADD_PERSON,
    CHANGE_ORGANISATION,
    CHANGE_PERSON,
    EXPORT_PEOPLE,
    LIST_PEOPLE,
    VIEW_PERSON,
)
from .services import add_position


@access.public
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    organisations = form.apply(Organisation.objects.order_by(by_name("name"), "pk"))
    return list_page(
        request,
        "directory/organisation_list.html",
        organisations,
        form=form,
        rows=Organisation.objects.select_related("country"),
        export=organisation_rows,
    )


def organisation_rows(listed) -> exports.Export:
    """Organisations only: their contacts are personal data and never exported."""
    return exports.Export(
        "organisations",
        [_("Organisation"), _("Acronym"), _("Kind"), _("Country"), _("Website")],
        (
            [o.name, o.acronym, o.get_kind_display(), o.country.name, o.website]
            for o in listed.iterator(chunk_size=2000)
        ),
    )


@access.public
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("country", "based_in"), slug=slug
    )
    contacts = Position.objects.filter(
        organisation=organisation, person__in=Person.objects.visible_to(request.user)
    ).select_related("person")
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": contacts,
            "may_edit": request.user.has_perm(CHANGE_ORGANISATION, organisation),
            "may_see_history": request.user.has_perm(VIEW_HISTORY, organisation),
            "may_add_contact": request.user.has_perm(CHANGE_ORGANISATION, organisation)
            and request.user.has_perm(ADD_PERSON),
        },
    )


@access.permission(ADD_ORGANISATION)
def organisation_create(request: SignedInRequest) -> HttpResponse:
    """A new organisation; one of the same name in the same country is shown first."""
    return create_page(request, NEW_ORGANISATION, title=_("New organisation"))


@access.permission(ADD_PERSON)
def organisation_contact_create(request: SignedInRequest, slug: str) -> HttpResponse:
    """A contact at an organisation the user may change: a new person, or one recorded
    already (same name or e-mail), with their position there."""
    organisation = get_object_or_404(Organisation.objects.editable_by(request.user), slug=slug)
    access.check(request, CHANGE_ORGANISATION, organisation)
    return _contact_page(request, organisation, {"organisation": organisation})


@access.permission(ADD_PERSON)
def area_contact_create(request: SignedInRequest, pk: int) -> HttpResponse:
    """A contact at a local government the user may change (its focal points, partners
    speaking for it, the federation)."""
    area = get_object_or_404(
        Area.objects.editable_by(request.user).filter(level__is_local_government=True), pk=pk
    )
    access.check(request, CHANGE_AREA, area)
    return _contact_page(request, area, {"area": area})


def _contact_page(request: SignedInRequest, body, at: dict) -> HttpResponse:
    def hold_position(person, cleaned) -> None:
        add_position(person=person, role=cleaned["role"], title=cleaned["title"], **at)

    return create_page(
        request,
        NEW_CONTACT,
        title=_("New contact: %(body)s") % {"body": body},
        back=body,
        then=hold_position,
    )


@access.permission(CHANGE_ORGANISATION)
def organisation_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.editable_by(request.user), slug=slug)
    access.check(request, CHANGE_ORGANISATION, organisation)
    return form_page(request, OrganisationForm(request.POST or None, instance=organisation))


@access.permission(VIEW_HISTORY)
def organisation_history(request: SignedInRequest, slug: str) -> HttpResponse:
    return history_page(request, get_object_or_404(Organisation, slug=slug))


@access.permission(LIST_PEOPLE)
def person_list(request: SignedInRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET)
    people = form.apply(Person.objects.visible_to(request.user)).order_by(
        "last_name", "first_name", "pk"
    )
    # A download for the federation only: people's details are personal data.
    may_export = request.user.has_perm(EXPORT_PEOPLE)
    return list_page(
        request,
        "directory/person_list.html",
        people,
        form=form,
        rows=Person.objects.prefetch_related("positions__area", "positions__organisation"),
        export=person_rows if may_export else None,
    )


def person_rows(listed) -> exports.Export:
    """The federation's download of the directory: names, contact details, positions."""
    return exports.Export(
        "annuaire",
        [_("First name"), _("Last name"), _("E-mail"), _("Phone"), _("Positions")],
        (
            [
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                "; ".join(
                    f"{position.get_role_display()}, {position.area or position.organisation}"
                    for position in person.positions.all()
                ),
            ]
            for person in listed
        ),
    )


def _person(request: SignedInRequest, pk: int) -> Person:
    return get_object_or_404(Person.objects.visible_to(request.user), pk=pk)


@access.permission(VIEW_PERSON)
def person_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    access.check(request, VIEW_PERSON, person)
    positions = person.positions.select_related("area__country", "area__level", "organisation")
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "positions": positions,
            "may_edit": request.user.has_perm(CHANGE_PERSON, person),
            "may_see_history": request.user.has_perm(VIEW_HISTORY, person),
        },
    )


@access.permission(CHANGE_PERSON)
def person_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    access.check(request, CHANGE_PERSON, person)
    return form_page(request, PersonForm(request.POST or None, instance=person))


@access.permission(VIEW_HISTORY)
def person_history(request: SignedInRequest, pk: int) -> HttpResponse:
    return history_page(request, _person(request, pk))
