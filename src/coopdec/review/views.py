"""The federation's validation queue, grouped by commune and kind of record; each author's
own proposals; the federation's validation settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access
from coopdec.core.models import FederationSettings

from . import registry, services
from .forms import DecisionForm, FederationSettingsForm
from .models import Revision
from .rules import CHANGE_SETTINGS, REVIEW_CHANGES


class GroupForm(forms.Form):
    """Which group of the queue to show: a commune (or none: records of no commune) and a
    kind of record."""

    commune = forms.IntegerField(required=False, min_value=0, max_value=2**53)
    kind = forms.IntegerField(required=False, min_value=1, max_value=2**31)


def _groups():
    pending = Revision.objects.pending()
    rows = (
        pending.values("communes", "communes__name", "content_type")
        .annotate(count=Count("pk", distinct=True))
        .order_by("communes__name", "content_type")
    )
    types = ContentType.objects.in_bulk({row["content_type"] for row in rows})
    return [
        {
            "commune": row["communes"] or 0,
            "commune_name": row["communes__name"] or gettext_lazy("No commune"),
            "kind": row["content_type"],
            "kind_name": types[row["content_type"]].name,
            "count": row["count"],
        }
        for row in rows
    ]


def _in_group(commune: int | None, kind: int | None):
    found = Revision.objects.pending()
    if commune == 0:
        found = found.filter(communes__isnull=True)
    elif commune is not None:
        found = found.filter(communes=commune)
    if kind is not None:
        found = found.filter(content_type=kind)
    return found.distinct()


@access.permission(REVIEW_CHANGES)
def queue(request: SignedInRequest) -> HttpResponse:
    group = GroupForm(request.GET)
    proposals = []
    chosen = None
    if group.is_valid() and (
        group.cleaned_data["commune"] is not None or group.cleaned_data["kind"] is not None
    ):
        chosen = group.cleaned_data
        revisions = _in_group(chosen["commune"], chosen["kind"]).select_related(
            "content_type", "author"
        )[:100]
        proposals = [(revision, services.describe(revision)) for revision in revisions]
    return render(
        request,
        "review/queue.html",
        {
            "groups": _groups(),
            "chosen": chosen,
            "proposals": proposals,
            "query": request.GET.urlencode(),
        },
    )


def _back(request: SignedInRequest) -> str:
    """Back to the group the reviewer was looking at (only the queue's own parameters)."""
    group = GroupForm(request.POST)
    url = reverse("review:queue")
    if group.is_valid():
        params = {k: v for k, v in group.cleaned_data.items() if v is not None}
        if params:
            url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


@access.permission(REVIEW_CHANGES)
@require_POST
def decide(request: SignedInRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(Revision.objects.select_related("content_type"), pk=pk)
    form = DecisionForm(request.POST)
    back = _back(request)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
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


@access.permission(REVIEW_CHANGES)
@require_POST
def accept_all(request: SignedInRequest) -> HttpResponse:
    group = GroupForm(request.POST)
    if not group.is_valid() or (
        group.cleaned_data["commune"] is None and group.cleaned_data["kind"] is None
    ):
        messages.error(request, _("Choose a group of proposals first."))
        return redirect("review:queue")
    try:
        count = services.accept_all(
            _in_group(group.cleaned_data["commune"], group.cleaned_data["kind"]), request.user
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect(_back(request))
    messages.success(
        request, _("%(count)d proposals were accepted and published.") % {"count": count}
    )
    return redirect("review:queue")


@access.signed_in
def mine(request: SignedInRequest) -> HttpResponse:
    """The signed-in person's own proposals, newest first, each with its state and the
    federation's message."""
    revisions = (
        Revision.objects.filter(author=request.user)
        .select_related("content_type", "reviewer")
        .prefetch_related("target")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(revisions, 50).get_page(request.GET.get("page"))
    return render(request, "review/mine.html", {"page_obj": page})


@access.permission(CHANGE_SETTINGS)
def federation_settings(request: SignedInRequest) -> HttpResponse:
    form = FederationSettingsForm(
        request.POST or None, instance=FederationSettings.current(), kinds=registry.kinds()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("review:settings")
    return render(
        request, "core/edit.html", {"form": form, "title": _("Federation settings"), "back": None}
    )
