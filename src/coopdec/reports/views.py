"""Monthly report pages: the list and the month to draft (the federation), a report with
its downloads, its foreword and its issue.

Reading: the federation every report, observers and partners the issued ones. Writing:
the federation."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access

from . import services
from .forms import IssueForm, MonthForm
from .models import MonthlyReport, ReportState
from .rules import MANAGE_REPORT, VIEW_REPORT


@access.permission(VIEW_REPORT)
def report_list(request: SignedInRequest) -> HttpResponse:
    may_manage = request.user.has_perm(MANAGE_REPORT)
    form = MonthForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        access.check(request, MANAGE_REPORT)
        assert form is not None
        if form.is_valid():
            report = services.ask(form.cleaned_data["month"])
            messages.success(
                request, _("The report is being drafted; this page shows it when it is ready.")
            )
            return redirect(report)
    context = {
        "reports": MonthlyReport.objects.visible_to(request.user),
        "form": form,
    }
    return render(request, "reports/report_list.html", context)


@access.permission(VIEW_REPORT)
def report_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(MonthlyReport.objects.visible_to(request.user), pk=pk)
    may_manage = request.user.has_perm(MANAGE_REPORT)
    form = IssueForm(request.POST or None, initial={"foreword": report.foreword})
    if request.method == "POST":
        access.check(request, MANAGE_REPORT)
        if report.state == ReportState.ISSUED:
            messages.error(request, _("This report is issued already: nothing was changed."))
            return redirect(report)
        if form.is_valid():
            services.issue(report, foreword=form.cleaned_data["foreword"], by=request.user)
            messages.success(request, _("The report is issued; observers and partners are told."))
            return redirect(report)
    context = {"report": report, "form": form if may_manage else None}
    return render(request, "reports/report_detail.html", context)


@access.permission(VIEW_REPORT)
def report_file(request: SignedInRequest, pk: int, kind: str) -> FileResponse:
    report = get_object_or_404(MonthlyReport.objects.visible_to(request.user), pk=pk)
    stored = {"pdf": report.pdf, "docx": report.docx}.get(kind)
    if not stored:
        raise Http404
    name = f"rapport-{report.month:%Y-%m}.{kind}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)
