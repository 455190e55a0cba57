"""Opportunity pages. Members read published opportunities and, for the communes they speak
for, whether and why they are eligible, ranked by fit, and answer them; partners propose
opportunities; the federation writes and publishes them, sees every eligible commune
ranked by fit, forwards one to a commune, and follows the answers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.collation import by_name
from coopdec.core.typography import elide
from coopdec.review.editing import form_page
from coopdec.territories.models import Area

from . import announcements, eligibility, followers, followup, matching, services
from .enums import Answer
from .forms import OpportunityForm
from .models import Opportunity, Response
from .rules import (
    ANSWER_OPPORTUNITY,
    CHANGE_OPPORTUNITY,
    MANAGE_OPPORTUNITY,
    PROPOSE_OPPORTUNITY,
    VIEW_OPPORTUNITY,
)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"), choices=[c for c in Answer.choices if c[0]]
    )


def _visible(user):
    return Opportunity.objects.visible_to(user)


def _own_communes(user):
    if not user.has_perm(ANSWER_OPPORTUNITY):
        return Area.objects.none()
    return Area.objects.communes().filter(pk__in=user.scoped_area_ids()).order_by(by_name("name"))


@access.permission(VIEW_OPPORTUNITY)
def opportunity_list(request: SignedInRequest) -> HttpResponse:
    shown = _visible(request.user)
    if request.GET.get("past") != "1":
        shown = shown.exclude(closes_at__lte=timezone.now())
    own = list(_own_communes(request.user))
    suggested = matching.suggestions(own)
    context = {
        "opportunities": shown.select_related("proposed_by").order_by("closes_at", "pk"),
        "past": request.GET.get("past") == "1",
        "own": [(commune, suggested[commune.pk]) for commune in own],
    }
    return render(request, "opportunities/opportunity_list.html", context)


@access.permission(VIEW_OPPORTUNITY)
def opportunity_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(_visible(request.user), pk=pk)
    now = timezone.now()
    own = []
    if opportunity.published:
        communes = list(_own_communes(request.user))
        found = eligibility.eligible_communes(
            opportunity, Area.objects.filter(pk__in=[c.pk for c in communes])
        )
        eligible = {e.commune.pk: e for e in found}
        services.opened(opportunity, request.user, eligible, now=now)
        responses = _responses(opportunity, communes)
        own = [(c, eligible.get(c.pk), responses.get(c.pk)) for c in communes]
    context = {
        "opportunity": opportunity,
        "own": own,
        "answer_form": AnswerForm(),
        "can_change": request.user.has_perm(CHANGE_OPPORTUNITY, opportunity),
        "is_open": opportunity.closes_at is None or opportunity.closes_at > now,
        "follow_ons": followers.offered(opportunity, request.user),
    }
    if request.user.has_perm(MANAGE_OPPORTUNITY):
        responses = _responses(opportunity)
        context["matches"] = [
            (match, responses.get(match.commune.pk))
            for match in matching.rank_communes(opportunity)
        ]
    return render(request, "opportunities/opportunity_detail.html", context)


def _responses(opportunity: Opportunity, communes=None) -> dict[int, Response]:
    """The communes' responses to the opportunity, by commune id."""
    found = Response.objects.filter(opportunity=opportunity)
    if communes is not None:
        found = found.filter(commune__in=communes)
    return {response.commune_id: response for response in found}


@access.permission(ANSWER_OPPORTUNITY)
@require_POST
def opportunity_answer(request: SignedInRequest, pk: int, commune: int) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity.objects.filter(published=True), pk=pk)
    area = get_object_or_404(Area.objects.communes(), pk=commune)
    access.check(request, ANSWER_OPPORTUNITY, area)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the answers in the list."))
        return redirect(opportunity)
    response, _created = Response.objects.get_or_create(opportunity=opportunity, commune=area)
    response.set_answer(form.cleaned_data["answer"], request.user)
    messages.success(
        request,
        elide(
            _("Answer of %(commune)s recorded: %(answer)s.")
            % {"commune": area.name, "answer": response.get_answer_display()}
        ),
    )
    return redirect(opportunity)


@access.permission(MANAGE_OPPORTUNITY)
@require_POST
def opportunity_forward(request: SignedInRequest, pk: int, commune: int) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity.objects.open(), pk=pk)
    area = get_object_or_404(Area.objects.communes(), pk=commune)
    told = announcements.forward(opportunity, area)
    if told is None:
        messages.info(request, _("Already sent to %(commune)s today.") % {"commune": area.name})
    elif told == 0:
        messages.warning(
            request,
            _("%(commune)s has no focal point account: nobody to send it to.")
            % {"commune": area.name},
        )
    else:
        messages.success(
            request,
            elide(_("Sent to the focal points of %(commune)s.") % {"commune": area.name}),
        )
    return redirect(opportunity)


@access.permission(MANAGE_OPPORTUNITY)
def follow_up(request: SignedInRequest) -> HttpResponse:
    wanted, group = exports.requested(request), request.GET.get("table", "opportunities")
    if wanted and group in followup.GROUPS:
        return exports.FORMATS[wanted](followup.table(group))
    context = {
        "tables": [
            (key, title, followup.figures(key)) for key, (_field, title) in followup.GROUPS.items()
        ],
        "columns": [(key, label) for key, label, _condition in followup.FIGURES],
    }
    return render(request, "opportunities/follow_up.html", context)


@access.permission(PROPOSE_OPPORTUNITY)
def opportunity_create(request: SignedInRequest) -> HttpResponse:
    return _edit(request, Opportunity())


@access.permission(CHANGE_OPPORTUNITY)
def opportunity_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(_visible(request.user), pk=pk)
    access.check(request, CHANGE_OPPORTUNITY, opportunity)
    return _edit(request, opportunity)


def _edit(request: SignedInRequest, opportunity: Opportunity) -> HttpResponse:
    """The federation saves and publishes; a partner's proposal waits for its validation
    (``review``), which publishes and announces it."""
    federation = request.user.has_perm(MANAGE_OPPORTUNITY)
    if opportunity.pk is None and not federation:
        opportunity.proposed_by = request.user
    form = OpportunityForm(
        request.POST or None, instance=opportunity, user=request.user, publishes=federation
    )
    title = _("New opportunity") if opportunity.pk is None else None
    return form_page(request, form, title=title)
