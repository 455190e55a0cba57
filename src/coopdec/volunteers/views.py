"""Volunteer pages: the missions, a mission with its follow-up, a volunteer's page (their
data, consents and answers over time), the programme and cohort figures, the follow-up
plan; and the survey a volunteer opens from their personal link.

Who reads and writes what: see ``rules``. Every page about one record finds it in the
reader's scoped queryset (404 outside it)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports, snapshots
from coopdec.core.pagination import paginate
from coopdec.opportunities.enums import OpportunityKind
from coopdec.opportunities.models import Opportunity

from . import figures, questionnaires, services, xlsform
from .enums import InvitationState, Purpose
from .forms import (
    ConsentForm,
    MissionFilterForm,
    MissionForm,
    QuestionnaireImportForm,
    VolunteerForm,
    WaveForm,
)
from .models import Answer, Invitation, Mission, Questionnaire, Volunteer, Wave
from .rules import (
    ASK_ERASURE,
    MANAGE_VOLUNTEERS,
    OWN_DATA,
    VIEW_COHORT,
    VIEW_MISSIONS,
    VIEW_VOLUNTEER,
)
from .snapshots import COHORT
from .tables import TABLES

MISSION_LINKS = (
    "volunteer",
    "host_government",
    "host_organisation",
    "sending_organisation",
    "partnership",
    "programme",
)


def _form_page(request, form, title: str, back) -> HttpResponse:
    return render(request, "core/edit.html", {"form": form, "title": title, "back": back})


def _filters(request) -> tuple[MissionFilterForm, figures.Filters]:
    form = MissionFilterForm(request.GET)
    return form, form.filters()


@access.permission(VIEW_MISSIONS)
def mission_list(request: SignedInRequest) -> HttpResponse:
    form, chosen = _filters(request)
    found = figures.missions(chosen, among=Mission.objects.visible_to(request.user))
    context = {
        "form": form,
        "page_obj": paginate(
            request,
            found.order_by("-planned_start", "-pk"),
            rows=Mission.objects.select_related(*MISSION_LINKS),
        ),
        "may_manage": request.user.has_perm(MANAGE_VOLUNTEERS),
        "may_read_cohort": request.user.has_perm(VIEW_COHORT),
    }
    return render(request, "volunteers/mission_list.html", context)


@access.permission(VIEW_MISSIONS)
def mission_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = request.user
    mission = get_object_or_404(
        Mission.objects.visible_to(user).select_related(*MISSION_LINKS), pk=pk
    )
    volunteer = mission.volunteer
    contacts = Mission.objects.with_contacts_for(user).filter(pk=mission.pk).exists()
    may_manage = user.has_perm(MANAGE_VOLUNTEERS)
    agreed = services.agrees(volunteer, Purpose.SURVEYS)
    today = timezone.localdate()
    invitations = mission.invitations.select_related("wave", "answer").order_by("wave__order")
    waves = [
        {
            "invitation": invitation,
            "state": invitation.state(today, agreed, bool(volunteer.email)),
            # The link and a short text to send by SMS: for the federation only.
            "sms": services.sms_text(invitation)
            if may_manage and invitation.sent_at and not invitation.answered_at
            else "",
        }
        for invitation in invitations
    ]
    context = {
        "mission": mission,
        "volunteer": volunteer,
        "contacts": contacts,
        "waves": waves,
        "may_manage": may_manage,
        "may_read_volunteer": user.has_perm(VIEW_VOLUNTEER, volunteer),
        "resendable": {InvitationState.SENT, InvitationState.STARTED, InvitationState.MISSED},
        "themes": mission.themes.all(),
    }
    return render(request, "volunteers/mission_detail.html", context)


def _volunteer(request: SignedInRequest, pk: int, permission: str) -> Volunteer:
    """The volunteer, if ``permission`` allows the reader this one (403 otherwise)."""
    volunteer = get_object_or_404(Volunteer.objects.select_related("nationality"), pk=pk)
    access.check(request, permission, volunteer)
    return volunteer


@access.permission(VIEW_VOLUNTEER)
def volunteer_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk, VIEW_VOLUNTEER)
    user = request.user
    known = services.consents([volunteer.pk])
    answers = Prefetch("answer", queryset=Answer.objects.select_related("questionnaire"))
    timeline = (
        Invitation.objects.filter(mission__volunteer=volunteer)
        .select_related("wave", "mission")
        .prefetch_related(answers)
        .order_by("due_on", "pk")
    )
    context = {
        "volunteer": volunteer,
        "missions": volunteer.missions.select_related(*MISSION_LINKS).order_by("planned_start"),
        "consents": [
            (value, label, known.get((volunteer.pk, value))) for value, label in Purpose.choices
        ],
        "history": volunteer.consents.all()[:30],
        "timeline": [(invitation, _answered(invitation)) for invitation in timeline],
        "may_manage": user.has_perm(MANAGE_VOLUNTEERS),
        "may_read_missions": user.has_perm(VIEW_MISSIONS),
        "is_self": user.has_perm(ASK_ERASURE, volunteer),
        "consent_form": ConsentForm(),
    }
    return render(request, "volunteers/volunteer_detail.html", context)


def _answered(invitation: Invitation) -> list[tuple[str, str]]:
    """(question, answer as the person chose it) for a sent answer; empty otherwise."""
    answer = getattr(invitation, "answer", None)
    if answer is None or answer.submitted_at is None:
        return []
    shown = []
    for question in answer.questionnaire.questions:
        value = answer.values.get(question["name"])
        if value in (None, "", []):
            continue
        labels = {
            choice["value"]: questionnaires.text(choice["label"])
            for choice in question.get("choices", [])
        }
        values = value if isinstance(value, list) else [value]
        written = ", ".join(labels.get(str(item), str(item)) for item in values)
        shown.append((questionnaires.text(question["label"]), written))
    return shown


@access.signed_in
def my_page(request: SignedInRequest) -> HttpResponse:
    """A volunteer's way to their own page; anyone else is told there is none."""
    volunteer = Volunteer.objects.filter(account=request.user).first()
    if volunteer is None:
        return render(request, "volunteers/no_record.html", status=404)
    return redirect(volunteer)


@access.permission(OWN_DATA)
def volunteer_data(request: SignedInRequest, pk: int) -> HttpResponse:
    """Everything held about them, as JSON: for the volunteer and the federation."""
    volunteer = _volunteer(request, pk, OWN_DATA)
    content = json.dumps(services.holds(volunteer), ensure_ascii=False, indent=2)
    return exports.download(content.encode(), f"volontaire-{volunteer.pk}.json")


@access.permission(OWN_DATA)
def volunteer_data_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The same, as a PDF to read and keep (same readers)."""
    volunteer = _volunteer(request, pk, OWN_DATA)
    return exports.download(services.held_pdf(volunteer), f"volontaire-{volunteer.pk}.pdf")


@access.permission(OWN_DATA)
@require_POST
def consent_record(request: SignedInRequest, pk: int) -> HttpResponse:
    """A yes or a no: by the volunteer on their page, or by the federation from a signed
    form."""
    volunteer = _volunteer(request, pk, OWN_DATA)
    is_self = volunteer.account_id == request.user.pk
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: choose a purpose and yes or no."))
        return redirect(volunteer)
    try:
        services.set_consent(
            volunteer,
            form.cleaned_data["purpose"],
            form.cleaned_data["given"],
            by_volunteer=is_self,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your choice is saved."))
    return redirect(volunteer)


@access.permission(ASK_ERASURE)
@require_POST
def erasure_request(request: SignedInRequest, pk: int) -> HttpResponse:
    """The volunteer asks, from their own page, for their data to be erased."""
    volunteer = _volunteer(request, pk, ASK_ERASURE)
    try:
        services.ask_erasure(volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Your request is sent: the federation erases your data and tells you.")
        )
    return redirect(volunteer)


@access.permission(MANAGE_VOLUNTEERS)
@require_POST
def volunteer_erase(request: SignedInRequest, pk: int) -> HttpResponse:
    volunteer = get_object_or_404(Volunteer, pk=pk)
    try:
        services.erase(volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The volunteer's personal data are erased; their answers stay as anonymous rows."),
        )
    return redirect(volunteer)


@access.permission(MANAGE_VOLUNTEERS)
def volunteer_create(request: SignedInRequest) -> HttpResponse:
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        volunteer = services.write_volunteer(Volunteer(), form.cleaned_data)
        messages.success(request, _("The volunteer was added: now add their mission."))
        # The mission comes from an opportunity when the person came from one.
        following = _opportunity(request)
        return redirect(
            reverse("volunteers:mission_create", args=[volunteer.pk])
            + (f"?opportunite={following.pk}" if following else "")
        )
    return _form_page(request, form, _("New volunteer"), None)


def _opportunity(request) -> Opportunity | None:
    """The volunteer-mission opportunity named by ``?opportunite=``, if it is one."""
    wanted = request.GET.get("opportunite", "")
    if not wanted.isdigit():
        return None
    return Opportunity.objects.filter(
        pk=int(wanted), kind=OpportunityKind.VOLUNTEER_MISSION
    ).first()


@access.permission(MANAGE_VOLUNTEERS)
def volunteer_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    volunteer = get_object_or_404(Volunteer, pk=pk, erased_at__isnull=True)
    form = VolunteerForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        services.write_volunteer(volunteer, form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(volunteer)
    return _form_page(request, form, _("Edit %(name)s") % {"name": volunteer}, volunteer)


def _mission_form(
    request, mission: Mission, title: str, back, initial: dict | None = None
) -> HttpResponse:
    form = MissionForm(request.POST or None, instance=mission, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if name != "themes"}
        try:
            services.write_mission(mission, values, themes=form.cleaned_data["themes"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. The follow-up waves are dated from the mission."))
            return redirect(mission)
    return _form_page(request, form, title, back)


@access.permission(MANAGE_VOLUNTEERS)
def mission_create(request: SignedInRequest, pk: int) -> HttpResponse:
    volunteer = get_object_or_404(Volunteer, pk=pk, erased_at__isnull=True)
    following = _opportunity(request)
    return _mission_form(
        request,
        Mission(volunteer=volunteer),
        _("New mission of %(name)s") % {"name": volunteer},
        volunteer,
        initial=services.from_opportunity(following) if following else None,
    )


@access.permission(MANAGE_VOLUNTEERS)
def mission_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    mission = get_object_or_404(Mission.objects.select_related("volunteer"), pk=pk)
    return _mission_form(request, mission, _("Edit %(name)s") % {"name": mission}, mission)


@access.permission(MANAGE_VOLUNTEERS)
@require_POST
def invitation_resend(request: SignedInRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("wave"), pk=pk)
    try:
        services.resend(invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The link is sent again; it works for another %(days)s days.")
            % {"days": invitation.wave.open_days},
        )
    return redirect(invitation)


@access.permission(VIEW_COHORT)
def cohort(request: SignedInRequest) -> HttpResponse:
    """The programme figures and the cohort's follow-up, for any programme, scheme and
    years of departure; each table also as CSV and XLSX."""
    form, chosen = _filters(request)
    wanted = exports.requested(request)
    if wanted:
        build = TABLES.get(request.GET.get("table", ""))
        if build is None:
            raise Http404(_("There is no such table."))
        return exports.FORMATS[wanted](build(chosen))  # every row
    # The figures for the filters chosen, rendered once per version of the data.
    snapshot = snapshots.read(COHORT, form.canonical_query())
    context = {"form": form, "snapshot": snapshot}
    return render(request, "volunteers/cohort.html", context)


@access.permission(MANAGE_VOLUNTEERS)
def plan(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "volunteers/plan.html",
        {"waves": Wave.objects.select_related("questionnaire")},
    )


@access.permission(MANAGE_VOLUNTEERS)
def wave_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    wave = get_object_or_404(Wave, pk=pk)
    form = WaveForm(request.POST or None, instance=wave)
    if request.method == "POST" and form.is_valid():
        form.save()
        moved = services.replan(wave)
        messages.success(
            request,
            ngettext(
                "Saved; %(count)s invitation not yet sent was moved.",
                "Saved; %(count)s invitations not yet sent were moved.",
                moved,
            )
            % {"count": moved},
        )
        return redirect("volunteers:plan")
    return _form_page(request, form, _("Edit %(name)s") % {"name": wave}, None)


@access.permission(MANAGE_VOLUNTEERS)
def questionnaire_list(request: SignedInRequest) -> HttpResponse:
    found = [
        (
            questionnaire,
            [
                (questionnaires.text(question["label"]), question["name"], question["type"])
                for question in questionnaire.questions
            ],
        )
        for questionnaire in Questionnaire.objects.order_by("name", "-version")
    ]
    return render(request, "volunteers/questionnaire_list.html", {"questionnaires": found})


@access.permission(MANAGE_VOLUNTEERS)
def questionnaire_import(request: SignedInRequest) -> HttpResponse:
    """A questionnaire written as an XLSForm: stored as a new one, or as the next version
    of the one of that name. Refused whole if one question cannot be asked."""
    form = QuestionnaireImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            questionnaire = services.add_questionnaire(
                form.cleaned_data["name"], xlsform.read(upload), f"XLSForm {upload.name}"
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(name)s is stored; choose it for a wave of the follow-up plan.")
                % {"name": questionnaire},
            )
            return redirect("volunteers:questionnaires")
    return _form_page(request, form, _("Import a questionnaire (XLSForm)"), None)


# ---------------------------------------------------------------------------- the survey


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "volunteers/survey_refused.html", {"reason": reason}, status=403)


@access.public
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey from a personal link: anyone holding the link, checked on the server (see
    ``services.open_link``). One page at a time; every page saved as it is sent, so that the
    person may leave and come back; the last one sends the answers, once."""
    opened = services.open_link(token)
    if opened.invitation is None:
        return _refused(request, opened.refused)
    invitation = opened.invitation
    volunteer = invitation.mission.volunteer
    chosen = request.GET.get("lang")
    known = {code for code, _name in settings.LANGUAGES}
    with translation.override(chosen if chosen in known else volunteer.language):
        return _survey_page(request, invitation, token)


def _survey_page(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    context = {"invitation": invitation, "token": token}
    if invitation.answered_at:
        return render(request, "volunteers/survey_done.html", context)
    volunteer = invitation.mission.volunteer
    if not services.agrees(volunteer, Purpose.SURVEYS):
        context["withdrawn"] = True
        return render(request, "volunteers/survey_done.html", context)
    questions = services.questions(invitation)
    pages = questionnaires.pages(questions)
    current = services.next_page(invitation)
    if request.method == "POST":
        if request.POST.get("stop") == "1":
            services.set_consent(volunteer, Purpose.SURVEYS, False, by_volunteer=True)
            context["withdrawn"] = True
            return render(request, "volunteers/survey_done.html", context)
        try:
            page = int(request.POST.get("page", ""))
        except ValueError:
            page = current or 0
        if page not in pages:
            return _refused(request, _("This page is not part of the survey."))
        form = questionnaires.page_form(questions, page, request.POST)
        if form.is_valid():
            try:
                services.save_page(invitation, page, form.cleaned_data)
                if services.next_page(invitation) is None:
                    services.submit(invitation)
                    invitation.refresh_from_db()
                    return render(request, "volunteers/survey_done.html", context)
            except ValidationError as error:
                return _refused(request, " ".join(error.messages))
            return redirect(request.path)
    else:
        answer = services.answer_of(invitation)
        page = current if current is not None else pages[-1]
        # Back to a page already answered, to read or change it.
        asked = request.GET.get("page", "")
        if asked.isdigit() and answer and int(asked) in answer.pages_done:
            page = int(asked)
        form = questionnaires.page_form(questions, page, initial=answer.values if answer else None)
    context.update(
        {
            "form": form,
            "page": page,
            "number": pages.index(page) + 1,
            "pages": len(pages),
            "last": page == pages[-1],
            "previous": pages[pages.index(page) - 1] if pages.index(page) else None,
            "started": services.answer_of(invitation) is not None,
        }
    )
    return render(request, "volunteers/survey.html", context)
