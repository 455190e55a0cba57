"""The federation's validation queue."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.core import access
from coopdec.core.models import FederationSettings
from coopdec.partnerships.models import Partnership

from . import services
from .forms import DecisionForm, FederationSettingsForm
from .models import Revision

REVIEW = "review.review_changes"


@access.permission(REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    partnerships = (
        Partnership.objects.filter(revisions__state=Revision.State.PENDING)
        .annotate(pending=Count("revisions", filter=Q(revisions__state=Revision.State.PENDING)))
        .select_related("local_government")
        .order_by("local_government__name", "pk")
    )
    return render(request, "review/queue.html", {"partnerships": partnerships})


@access.permission(REVIEW)
def partnership_review(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=pk)
    revisions = partnership.revisions.pending().select_related("content_type", "author")
    proposals = [(revision, services.describe(revision)) for revision in revisions]
    return render(
        request,
        "review/partnership_review.html",
        {"partnership": partnership, "proposals": proposals, "form": DecisionForm()},
    )


@access.permission(REVIEW)
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(Revision.objects.select_related("content_type"), pk=pk)
    form = DecisionForm(request.POST)
    back = reverse("review:partnership_review", kwargs={"pk": revision.partnership_id})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
            services.accept(revision, request.user, form.cleaned_data["message"])
            messages.success(request, _("The proposal was accepted and published."))
        else:
            services.reject(revision, request.user, form.cleaned_data["message"])
            messages.success(request, _("The proposal was rejected; its author will see why."))
    except services.ReviewError as error:
        messages.error(request, str(error))
    return redirect(back)


@access.permission(REVIEW)
@require_POST
def accept_all(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=pk)
    try:
        count = services.accept_all(partnership, request.user)
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect("review:partnership_review", pk=pk)
    messages.success(
        request, _("%(count)d proposals were accepted and published.") % {"count": count}
    )
    return redirect(partnership)


@access.permission("core.change_settings")
def federation_settings(request: HttpRequest) -> HttpResponse:
    form = FederationSettingsForm(request.POST or None, instance=FederationSettings.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("review:settings")
    return render(
        request, "core/edit.html", {"form": form, "title": _("Federation settings"), "back": None}
    )
