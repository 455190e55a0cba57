"""Project pages: list, record with its funding plan and results."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.lists import list_page
from coopdec.core.typography import elide
from coopdec.documents.models import Document
from coopdec.partnerships.editing import editable_or_404
from coopdec.partnerships.models import Partnership
from coopdec.partnerships.rules import CHANGE_PARTNERSHIP, VIEW_PARTNERSHIP
from coopdec.review.editing import form_page

from . import iati
from .forms import FundingLineForm, IndicatorForm, MeasurementForm, ProjectFilterForm, ProjectForm
from .models import FundingLine, Indicator, Measurement, Project
from .rules import EXPORT_IATI


@access.permission(EXPORT_IATI)
def iati_export(request: SignedInRequest) -> HttpResponse:
    projects = iati.exportable_projects()
    if not projects:
        messages.info(request, iati.NOTHING_TO_EXPORT)
        return redirect("inventory:dashboard")
    return exports.download(iati.export(projects), "coopdec-iati-activities.xml")


@access.permission(VIEW_PARTNERSHIP)
def project_list(request: SignedInRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    projects = form.apply(
        Project.objects.visible_to(request.user).order_by("-start_date", "title", "pk")
    )
    return list_page(
        request,
        "projects/project_list.html",
        projects,
        form=form,
        rows=Project.objects.select_related("partnership__local_government"),
        export=project_rows,
    )


def project_rows(listed) -> exports.Export:
    return exports.Export(
        "projets",
        [
            _("Project"),
            _("Commune or region"),
            _("Partnership"),
            _("Status"),
            _("Start"),
            _("End"),
            _("Places"),
        ],
        (
            [
                project.title,
                project.partnership.local_government.name,
                project.partnership.name,
                project.get_status_display(),
                project.start_date,
                project.end_date,
                project.places,
            ]
            for project in listed.iterator(chunk_size=2000)
        ),
    )


def funding_totals(lines) -> dict[str, object]:
    return lines.aggregate(
        planned_eur=Sum("planned_eur"),
        committed_eur=Sum("committed_eur"),
        disbursed_eur=Sum("disbursed_eur"),
        planned_xof=Sum("planned_xof"),
        committed_xof=Sum("committed_xof"),
        disbursed_xof=Sum("disbursed_xof"),
    )


@access.permission(VIEW_PARTNERSHIP)
def project_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = request.user
    project = get_object_or_404(
        Project.objects.visible_to(user).select_related("partnership__local_government"), pk=pk
    )
    lines = (
        FundingLine.objects.visible_to(user)
        .filter(project=project)
        .select_related("funder_organisation", "funder_government", "currency")
    )
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(project=project)
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.visible_to(user).order_by("date"))
        )
    )
    context = {
        "project": project,
        "partnership": project.partnership,
        "themes": project.themes.all(),
        "goals": project.goals.all(),
        "areas": project.areas.all(),
        "lines": lines,
        "totals": funding_totals(lines),
        "indicators": indicators,
        "documents": Document.objects.readable_by(user).owned_by(project),
        "may_edit": user.has_perm(CHANGE_PARTNERSHIP, project.partnership),
    }
    return render(request, "projects/project_detail.html", context)


@access.permission(CHANGE_PARTNERSHIP)
def project_create(request: SignedInRequest, pk: int) -> HttpResponse:
    partnership = editable_or_404(request, Partnership.objects, pk)
    form = ProjectForm(
        request.POST or None, instance=Project(partnership=partnership), user=request.user
    )
    return form_page(request, form, title=_("New project"), back=partnership)


@access.permission(CHANGE_PARTNERSHIP)
def project_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    project = editable_or_404(request, Project.objects.select_related("partnership"), pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    return form_page(request, form, title=_("Edit %(name)s") % {"name": project}, back=project)


@access.permission(CHANGE_PARTNERSHIP)
def funding_create(request: SignedInRequest, pk: int) -> HttpResponse:
    project = editable_or_404(request, Project.objects.select_related("partnership"), pk)
    form = FundingLineForm(
        request.POST or None, instance=FundingLine(project=project), user=request.user
    )
    return form_page(request, form, title=_("New funding line"), back=project)


@access.permission(CHANGE_PARTNERSHIP)
def funding_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    line = editable_or_404(request, FundingLine.objects.select_related("project__partnership"), pk)
    form = FundingLineForm(request.POST or None, instance=line, user=request.user)
    return form_page(request, form, title=_("Edit a funding line"), back=line.project)


@access.permission(CHANGE_PARTNERSHIP)
def indicator_create(request: SignedInRequest, pk: int) -> HttpResponse:
    project = editable_or_404(request, Project.objects.select_related("partnership"), pk)
    form = IndicatorForm(request.POST or None, instance=Indicator(project=project))
    return form_page(request, form, title=_("New result indicator"), back=project)


@access.permission(CHANGE_PARTNERSHIP)
def indicator_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    indicator = editable_or_404(
        request, Indicator.objects.select_related("project__partnership"), pk
    )
    form = IndicatorForm(request.POST or None, instance=indicator)
    return form_page(
        request, form, title=_("Edit %(name)s") % {"name": indicator}, back=indicator.project
    )


@access.permission(CHANGE_PARTNERSHIP)
def measurement_create(request: SignedInRequest, pk: int) -> HttpResponse:
    indicator = editable_or_404(
        request, Indicator.objects.select_related("project__partnership"), pk
    )
    form = MeasurementForm(request.POST or None, instance=Measurement(indicator=indicator))
    return form_page(
        request,
        form,
        title=elide(_("New value of %(name)s") % {"name": indicator}),
        back=indicator.project,
    )
