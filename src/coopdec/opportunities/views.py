"""Opportunity pages. Members read published opportunities and, for the communes they speak
for, whether and why they are eligible; the federation writes them and sees every eligible
commune."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core import access
from coopdec.territories.models import Area

from . import eligibility
from .forms import OpportunityForm
from .models import Opportunity

VIEW, MANAGE = "opportunities.view_opportunity", "opportunities.manage_opportunity"


def _visible(user):
    if user.has_perm(MANAGE):
        return Opportunity.objects.all()
    return Opportunity.objects.filter(published=True)


def _own_communes(user):
    return Area.objects.communes().filter(pk__in=user.scoped_area_ids()).order_by("name")


@access.permission(VIEW)
def opportunity_list(request: HttpRequest) -> HttpResponse:
    shown = _visible(request.user)
    if request.GET.get("past") != "1":
        now = timezone.now()
        shown = shown.exclude(closes_at__lte=now)
    context = {
        "opportunities": shown.order_by("closes_at", "pk"),
        "past": request.GET.get("past") == "1",
        "own": [
            (commune, [o for o, _e in eligibility.open_opportunities_for(commune)])
            for commune in _own_communes(request.user)
        ],
    }
    return render(request, "opportunities/opportunity_list.html", context)


@access.permission(VIEW)
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(_visible(request.user), pk=pk)
    context = {"opportunity": opportunity}
    if request.user.has_perm(MANAGE):
        context["eligible"] = eligibility.eligible_communes(opportunity)
    context["own"] = [
        (commune, eligibility.is_eligible(opportunity, commune))
        for commune in _own_communes(request.user)
    ]
    return render(request, "opportunities/opportunity_detail.html", context)


@access.permission(MANAGE)
def opportunity_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, Opportunity())


@access.permission(MANAGE)
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Opportunity, pk=pk))


def _edit(request: HttpRequest, opportunity: Opportunity) -> HttpResponse:
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save(commit=False)
        if opportunity.published and opportunity.published_at is None:
            opportunity.published_at = timezone.now()
        opportunity.save()
        form.save_m2m()
        messages.success(request, _("The opportunity was saved."))
        return redirect(opportunity)
    title = _("New opportunity") if opportunity.pk is None else None
    return render(
        request,
        "core/edit.html",
        {"object": opportunity if opportunity.pk else None, "form": form, "title": title},
    )
