"""Meeting pages: the list, a meeting with its agenda, outcomes, actions, attendance and
minutes; the forms the federation keeps them with; the actions to follow.

Reading: the federation, observers, and partners invited (``Meeting.objects.visible_to``).
Writing: the federation; an action's owner may mark it done or dropped."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access

from . import services
from .enums import ActionStatus
from .forms import (
    ActionForm,
    AttendanceForm,
    InviteeForm,
    ItemForm,
    MeetingForm,
    OutcomeForm,
    StatusForm,
)
from .models import Action, Item, Meeting
from .rules import FOLLOW_ACTION, MANAGE_MEETING, VIEW_MEETING

# What an action's line shows beside it: its owner and what it is about.
ACTION_LINKS = (
    "owner_person",
    "owner_organisation",
    "commune",
    "partnership",
    "programme",
    "opportunity",
)


def _visible(user):
    return Meeting.objects.visible_to(user).select_related("series", "programme")


def _form_page(request, form, title: str, back) -> HttpResponse:
    return render(request, "core/edit.html", {"form": form, "title": title, "back": back})


@access.permission(VIEW_MEETING)
def meeting_list(request: SignedInRequest) -> HttpResponse:
    now = timezone.now()
    meetings = _visible(request.user)
    context = {
        "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at")[:50],
        "past": meetings.filter(starts_at__lt=now).order_by("-starts_at")[:50],
        "may_manage": request.user.has_perm(MANAGE_MEETING),
    }
    return render(request, "meetings/meeting_list.html", context)


@access.permission(VIEW_MEETING)
def meeting_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(_visible(request.user), pk=pk)
    items = meeting.items.select_related("carried__item__meeting").prefetch_related(
        "outcomes",
        Prefetch(
            "actions",
            queryset=Action.objects.select_related(*ACTION_LINKS),
        ),
    )
    context = {
        "meeting": meeting,
        "items": items,
        "attendances": meeting.attendances.select_related("organisation", "person"),
        "held": meeting.starts_at <= timezone.now(),
        "may_manage": request.user.has_perm(MANAGE_MEETING),
        # Owners follow their own actions here too.
        "followable": set(Action.objects.owned_by(request.user).values_list("pk", flat=True)),
        "status_form": StatusForm(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@access.permission(MANAGE_MEETING)
def meeting_create(request: SignedInRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=Meeting())
    if request.method == "POST" and form.is_valid():
        values = {
            name: form.cleaned_data[name]
            for name in ("title", "kind", "clock", "place", "link", "programme")
        }
        try:
            meeting = services.create_meeting(
                {
                    **values,
                    "starts_at": form.instance.starts_at,
                    "ends_at": form.instance.ends_at,
                },
                series=form.cleaned_data.get("series"),
                organisations=form.cleaned_data.get("organisations") or (),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect(meeting)
    return _form_page(request, form, _("New meeting"), None)


@access.permission(MANAGE_MEETING)
def meeting_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(meeting)
    return _form_page(request, form, _("Edit %(name)s") % {"name": meeting}, meeting)


def _write(request, form, write, back, title: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            write(form.instance, values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return _form_page(request, form, title, back)


@access.permission(MANAGE_MEETING)
def item_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = ItemForm(request.POST or None, instance=Item(meeting=meeting))
    return _write(request, form, services.write_item, meeting, _("New agenda item"))


@access.permission(MANAGE_MEETING)
def item_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("meeting"), pk=pk)
    form = ItemForm(request.POST or None, instance=item)
    return _write(
        request, form, services.write_item, item.meeting, _("Edit %(name)s") % {"name": item}
    )


@access.permission(MANAGE_MEETING)
def outcome_create(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("meeting"), pk=pk)
    form = OutcomeForm(request.POST or None, instance=item.outcomes.model(item=item))
    return _write(
        request,
        form,
        services.write_outcome,
        item.meeting,
        _("Outcome of %(name)s") % {"name": item},
    )


@access.permission(MANAGE_MEETING)
def action_create(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("meeting"), pk=pk)
    form = ActionForm(request.POST or None, instance=Action(item=item))
    return _write(
        request,
        form,
        services.write_action,
        item.meeting,
        _("Action decided on %(name)s") % {"name": item},
    )


@access.permission(FOLLOW_ACTION)
@require_POST
def action_status(request: SignedInRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.visible_to(request.user), pk=pk)
    access.check(request, FOLLOW_ACTION, action)
    form = StatusForm(request.POST)
    if form.is_valid():
        on = form.cleaned_data["on"] or timezone.localdate()
        services.set_action_status(action, form.cleaned_data["status"], on)
        messages.success(request, _("The action's status was saved."))
    else:
        messages.error(request, _("Nothing was changed: choose a status."))
    return redirect(action)


def _minutes_step(request: SignedInRequest, pk: int, step, done: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        step(meeting, request.user, timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(meeting)


@access.permission(MANAGE_MEETING)
@require_POST
def minutes_share(request: SignedInRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        pk,
        lambda meeting, user, now: services.share_minutes(meeting, now=now),
        _("The minutes are shared with the attendees for comments."),
    )


@access.permission(MANAGE_MEETING)
@require_POST
def minutes_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        pk,
        lambda meeting, user, now: services.approve_minutes(meeting, by=user, now=now),
        _("The minutes are approved and frozen."),
    )


@access.permission(VIEW_MEETING)
def action_list(request: SignedInRequest) -> HttpResponse:
    visible = Action.objects.visible_to(request.user).select_related("item__meeting", *ACTION_LINKS)
    user = request.user
    context = {
        "open": visible.filter(status=ActionStatus.OPEN).order_by("due_on", "pk"),
        "closed": visible.exclude(status=ActionStatus.OPEN).order_by("-closed_on", "-pk")[:50],
        "today": timezone.localdate(),
        "may_manage": user.has_perm(MANAGE_MEETING),
        # Owners follow their own actions.
        "followable": set(Action.objects.owned_by(user).values_list("pk", flat=True)),
        "status_form": StatusForm(),
    }
    return render(request, "meetings/action_list.html", context)


@access.permission(VIEW_MEETING)
def meeting_calendar(request: SignedInRequest, pk: int) -> HttpResponse:
    """The meeting for one's own calendar (the same event the invitations carry)."""
    meeting = get_object_or_404(_visible(request.user), pk=pk)
    response = HttpResponse(
        services.calendar(meeting, now=timezone.now(), method="PUBLISH"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@access.permission(MANAGE_MEETING)
@require_POST
def invitations_send(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        queued, unreachable = services.send_invitations(meeting, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is on its way, with the meeting for calendars.",
                "%(count)d invitations are on their way, with the meeting for calendars.",
                queued,
            )
            % {"count": queued},
        )
        if unreachable:
            messages.warning(
                request,
                ngettext(
                    "%(count)d invitee has no e-mail address and was not written to.",
                    "%(count)d invitees have no e-mail address and were not written to.",
                    unreachable,
                )
                % {"count": unreachable},
            )
    return redirect(meeting)


@access.permission(MANAGE_MEETING)
def attendance_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    attendances = meeting.attendances.select_related("organisation", "person")
    form = AttendanceForm(request.POST or None, attendances=attendances)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting, form.states(), now=timezone.now())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect(meeting)
    return _form_page(request, form, _("Who came to %(name)s") % {"name": meeting}, meeting)


@access.permission(MANAGE_MEETING)
def invitee_add(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = InviteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(meeting, form.cleaned_data["organisation"], form.cleaned_data["person"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invited."))
            return redirect(meeting)
    return _form_page(request, form, _("Invite to %(name)s") % {"name": meeting}, meeting)
