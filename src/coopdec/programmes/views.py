"""Programme pages: the list, a programme with its partnerships, co-financing plan, the
members' contributions year by year and its activities; the forms that keep them.

Reading: signed-in members, the programmes ``visible_to`` gives them. Writing: the
federation creates them; it and the lead's partner accounts change them (``rules``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.collation import by_name
from coopdec.core.lists import list_page
from coopdec.documents.models import Document
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Indicator, Measurement, Project
from coopdec.review.editing import form_page

from . import services
from .forms import ActivityForm, PaymentForm, ProgrammeForm, cofunding_formset
from .models import Activity, CoFunding, Participation, Programme
from .rules import ADD_PROGRAMME, CHANGE_PROGRAMME, RUN_PROGRAMME, VIEW_PROGRAMME


def _visible(user):
    return Programme.objects.visible_to(user).select_related(
        "lead_government", "lead_organisation", "currency"
    )


def _run_or_404(request: SignedInRequest, pk: int) -> Programme:
    """A programme the user may run (403 for a visible one they may not)."""
    programme = get_object_or_404(_visible(request.user), pk=pk)
    access.check(request, RUN_PROGRAMME, programme)
    return programme


@access.permission(VIEW_PROGRAMME)
def programme_list(request: SignedInRequest) -> HttpResponse:
    programmes = _visible(request.user).order_by("-start_date", by_name("name"), "pk")
    rows = Programme.objects.select_related("lead_government", "lead_organisation").annotate(
        partnership_count=Count("partnerships", distinct=True)
    )
    return list_page(
        request,
        "programmes/programme_list.html",
        programmes,
        rows=rows,
        export=programme_rows,
        context={"may_add": request.user.has_perm(ADD_PROGRAMME)},
    )


def programme_rows(listed) -> exports.Export:
    return exports.Export(
        "programmes",
        [_("Programme"), _("Lead"), _("Start"), _("End"), _("Partnerships"), _("Budget")],
        (
            [
                programme.name,
                str(programme.lead or ""),
                programme.start_date,
                programme.end_date,
                programme.partnership_count,
                programme.budget,
            ]
            for programme in listed.iterator(chunk_size=2000)
        ),
    )


@access.permission(VIEW_PROGRAMME)
def programme_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = request.user
    programme = get_object_or_404(_visible(user), pk=pk)
    partnerships = (
        Partnership.objects.visible_to(user)
        .filter(programmes=programme)
        .select_related("local_government")
        .prefetch_related("partner_governments")
        .order_by(by_name("name"))
    )
    projects = Project.objects.visible_to(user).filter(
        pk__in=services.projects(programme).values("pk")
    )
    funding = FundingLine.objects.visible_to(user).filter(project__in=projects)
    results, not_added = services.results(
        Indicator.objects.visible_to(user).filter(project__in=projects),
        Measurement.objects.visible_to(user),
    )
    activities = programme.activities.prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("partnership").order_by(
                by_name("partnership__name")
            ),
        )
    )
    grid = services.contribution_grid(programme)
    context = {
        "programme": programme,
        "partnerships": partnerships,
        "cofunding": CoFunding.objects.filter(programme=programme).select_related(
            "funder_organisation", "funder_government", "programme"
        ),
        "grid": grid,
        "followed_year": (year := grid.followed_year(timezone.localdate().year)),
        "unpaid": grid.unpaid(year) if year else [],
        "activities": activities,
        "activity_totals": services.activity_totals(programme),
        "projects": projects.select_related("partnership").order_by("-start_date", "title"),
        "own_projects": set(programme.projects.values_list("pk", flat=True)),
        "results": results,
        "not_added": not_added,
        "project_funding": funding.aggregate(
            planned_eur=Sum("planned_eur"), disbursed_eur=Sum("disbursed_eur")
        ),
        "documents": Document.objects.readable_by(user).owned_by(programme),
        "may_edit": user.has_perm(CHANGE_PROGRAMME, programme),
        "may_run": user.has_perm(RUN_PROGRAMME, programme),
    }
    return render(request, "programmes/programme_detail.html", context)


@access.permission(ADD_PROGRAMME)
def programme_create(request: SignedInRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=Programme(), user=request.user)
    return form_page(request, form, title=_("New programme"))


@access.permission(CHANGE_PROGRAMME)
def programme_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(_visible(request.user), pk=pk)
    access.check(request, CHANGE_PROGRAMME, programme)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    return form_page(request, form, title=_("Edit %(name)s") % {"name": programme}, back=programme)


@access.permission(RUN_PROGRAMME)
def cofunding_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = _run_or_404(request, pk)
    formset = cofunding_formset(request.POST or None, programme=programme)
    if request.method == "POST" and formset.is_valid():
        services.set_cofunding(programme, formset.lines())
        messages.success(request, _("The co-financing plan was saved."))
        return redirect(programme.get_absolute_url() + "#cofunding")
    return render(
        request,
        "programmes/cofunding_form.html",
        {"programme": programme, "formset": formset},
    )


@access.permission(RUN_PROGRAMME)
def payment_create(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = _run_or_404(request, pk)
    form = PaymentForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_payment(programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The payment was recorded."))
            return redirect(programme.get_absolute_url() + "#contributions")
    context = {"form": form, "title": _("Record a contribution"), "back": programme}
    return render(request, "core/edit.html", context)


def _activity_page(request: SignedInRequest, activity: Activity, title: str) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields or []}
        try:
            services.write_activity(activity, values, form.participations())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(activity.programme.get_absolute_url() + "#activities")
    context = {"programme": activity.programme, "form": form, "title": title}
    return render(request, "programmes/activity_form.html", context)


@access.permission(RUN_PROGRAMME)
def activity_create(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = _run_or_404(request, pk)
    return _activity_page(request, Activity(programme=programme), _("New activity"))


@access.permission(RUN_PROGRAMME)
def activity_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("programme"), pk=pk)
    _run_or_404(request, activity.programme_id)
    return _activity_page(request, activity, _("Edit %(name)s") % {"name": activity})
