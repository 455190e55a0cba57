"""Writing volunteers, missions, consents and answers, and running the follow-up: one way
for the forms, the survey link, the demo data, the bench and the tests. Each write checks
its rule and writes everything or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.accounts.models import User, federation_staff
from coopdec.core import pdf, versions
from coopdec.notifications import fanout, letters
from coopdec.notifications.enums import Reason
from coopdec.notifications.models import Mail
from coopdec.opportunities.models import Opportunity

from . import questionnaires
from .enums import Purpose
from .models import Answer, Consent, Invitation, Mission, Questionnaire, Volunteer, Wave

# A wave found due more than this many days late (a mission entered after the fact) is not
# sent any more: the person would be asked about a moment long gone.
LATE_DAYS = 45
# What a person reads before saying yes or no to a purpose; a new text gets a new version.
NOTICE_VERSION = "2026-12"
SALT = "coopdec.volunteers.survey"


def notice_text(purpose: str) -> str:
    """The notice for ``purpose``, in the active language."""
    texts = {
        Purpose.SURVEYS: _(
            "The federation sends you a short survey before and after your mission, then "
            "6, 12 and 24 months later, to learn what volunteering changes in people's "
            "paths. Your answers are counted with others'; no figure shows fewer than 5 "
            "people. You can stop at any time from the survey or your page."
        ),
        Purpose.CONTACT: _(
            "The federation may write to you about its programmes and about volunteering "
            "(news, testimonies, meetings of former volunteers)."
        ),
        Purpose.NAMED: _(
            "Your name may appear in the federation's reports on the mission you held."
        ),
    }
    return str(texts[Purpose(purpose)])


# ---------------------------------------------------------------------------- writing


@transaction.atomic
def write_volunteer(volunteer: Volunteer, values: dict) -> Volunteer:
    if volunteer.erased_at:
        raise ValidationError(_("This volunteer's data were erased: nothing can be added."))
    for name, value in values.items():
        setattr(volunteer, name, value)
    volunteer.full_clean()
    volunteer.save()
    return volunteer


@transaction.atomic
def write_mission(mission: Mission, values: dict, themes=None) -> Mission:
    """Save a mission and move its waves with its dates (a wave already sent keeps its
    date: the person was asked then)."""
    for name, value in values.items():
        setattr(mission, name, value)
    mission.full_clean()
    mission.save()
    if themes is not None:
        mission.themes.set(themes)
    plan(mission)
    return mission


def plan(mission: Mission, waves=None) -> None:
    """The mission's invitations, one a wave of the plan, dated from its own dates."""
    waves = list(waves if waves is not None else Wave.objects.all())
    existing = {invitation.wave_id: invitation for invitation in mission.invitations.all()}
    new = []
    for wave in waves:
        due = wave.due_for(mission)
        invitation = existing.get(wave.pk)
        if invitation is None:
            new.append(Invitation(mission=mission, wave=wave, due_on=due))
        elif invitation.sent_at is None and invitation.due_on != due:
            invitation.due_on = due
            invitation.save(update_fields=["due_on"])
    Invitation.objects.bulk_create(new)


def replan(wave: Wave) -> int:
    """After a wave's timing changed: move its unsent invitations (one pass a mission)."""
    moved = 0
    for invitation in wave.invitations.filter(sent_at__isnull=True).select_related("mission"):
        due = wave.due_for(invitation.mission)
        if due != invitation.due_on:
            invitation.due_on = due
            invitation.save(update_fields=["due_on"])
            moved += 1
    return moved


# ---------------------------------------------------------------------------- consent


def consents(volunteer_ids) -> dict[tuple[int, str], bool]:
    """(volunteer id, purpose) → their latest choice; missing when never asked."""
    found: dict[tuple[int, str], bool] = {}
    rows = Consent.objects.filter(volunteer__in=list(volunteer_ids)).order_by("at", "pk")
    for volunteer_id, purpose, given in rows.values_list("volunteer", "purpose", "given"):
        found[(volunteer_id, purpose)] = given
    return found


def agrees(volunteer: Volunteer, purpose: str) -> bool:
    return consents([volunteer.pk]).get((volunteer.pk, purpose), False)


@transaction.atomic
def set_consent(volunteer: Volunteer, purpose: str, given: bool, *, by_volunteer: bool) -> Consent:
    """Record a yes or a no with the notice it answers. A no to surveys cancels the
    invitations and reminders still waiting in the outbox."""
    if volunteer.erased_at:
        raise ValidationError(_("This volunteer's data were erased."))
    if purpose not in Purpose.values:
        raise ValidationError(_("Unknown purpose."))
    consent = Consent.objects.create(
        volunteer=volunteer,
        purpose=purpose,
        given=given,
        notice_version=NOTICE_VERSION,
        notice_text=notice_text(purpose),
        by_volunteer=by_volunteer,
    )
    if purpose == Purpose.SURVEYS and not given:
        waiting = Invitation.objects.filter(mission__volunteer=volunteer)
        letters.cancel(Invitation, waiting.values_list("pk", flat=True))
    return consent


# ---------------------------------------------------------------------------- the link


def token_for(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.wave_id], salt=SALT, compress=True)


def link(invitation: Invitation) -> str:
    return reverse("volunteers:survey", args=[token_for(invitation)])


@dataclass
class Opened:
    """What a survey link opens: the invitation, or why it cannot (``refused``)."""

    invitation: Invitation | None = None
    refused: str = ""


def open_link(token: str, today=None) -> Opened:
    """The invitation a link was made for, checked on the server: its signature, that it
    names this wave, that it was sent and has not closed, and that the person is still
    followed."""
    today = today or timezone.localdate()
    try:
        pk, wave_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return Opened(refused=_("This link is not valid: check that it was copied whole."))
    invitation = (
        Invitation.objects.select_related("mission__volunteer", "wave", "questionnaire")
        .filter(pk=pk, wave_id=wave_id)
        .first()
    )
    if invitation is None or invitation.sent_at is None:
        return Opened(refused=_("This link is not valid: check that it was copied whole."))
    if invitation.mission.volunteer.erased_at:
        return Opened(refused=_("This survey is closed."))
    if invitation.closes_on and invitation.closes_on < today and not invitation.answered_at:
        return Opened(
            refused=_(
                "This link expired on %(date)s. Write to the federation if you want to "
                "answer: it can send you a new one."
            )
            % {"date": invitation.closes_on.strftime("%d/%m/%Y")}
        )
    return Opened(invitation=invitation)


# ---------------------------------------------------------------------------- answering


def answer_of(invitation: Invitation) -> Answer | None:
    return Answer.objects.filter(invitation=invitation).first()


def questions(invitation: Invitation) -> list[dict]:
    """The questions the invitation was sent with (an invitation not sent has none)."""
    if invitation.questionnaire is None:
        raise ValidationError(_("This survey was not sent yet."))
    return invitation.questionnaire.questions


def next_page(invitation: Invitation) -> int | None:
    """The first page not yet saved; None once every page is."""
    asked = questions(invitation)
    answer = answer_of(invitation)
    done = set(answer.pages_done) if answer else set()
    for page in questionnaires.pages(asked):
        if page not in done:
            return page
    return None


@transaction.atomic
def save_page(invitation: Invitation, page: int, values: dict) -> Answer:
    """Keep one page's answers (again if it is saved twice). Refused once sent."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.answered_at:
        raise ValidationError(_("You have already answered this survey: thank you."))
    sent_with = locked.questionnaire
    if sent_with is None:
        raise ValidationError(_("This survey was not sent yet."))
    if page not in questionnaires.pages(sent_with.questions):
        raise ValidationError(_("This page is not part of the survey."))
    answer, _created = Answer.objects.get_or_create(
        invitation=locked, defaults={"questionnaire": sent_with}
    )
    answer.values.update({name: questionnaires.stored(value) for name, value in values.items()})
    if page not in answer.pages_done:
        answer.pages_done = sorted([*answer.pages_done, page])
    answer.save()
    return answer


@transaction.atomic
def submit(invitation: Invitation, now: datetime | None = None) -> Answer:
    """Send the answers: once. Every page must have been saved."""
    now = now or timezone.now()
    answer = Answer.objects.select_for_update().filter(invitation=invitation).first()
    if answer is None or next_page(invitation) is not None:
        raise ValidationError(_("Some pages are not answered yet."))
    if not Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
        answered_at=now
    ):
        raise ValidationError(_("You have already answered this survey: thank you."))
    answer.submitted_at = now
    for name, value in questionnaires.indicators(answer.values).items():
        setattr(answer, name, value)
    answer.save()
    letters.cancel(Invitation, [invitation.pk])  # a reminder still waiting is not sent
    return answer


# ---------------------------------------------------------------------------- sending


def followed(invitations):
    """Those whose volunteer can be asked now: not erased, with an address, and agreeing
    to surveys (their latest choice)."""
    candidates = list(
        invitations.filter(mission__volunteer__erased_at__isnull=True)
        .exclude(mission__volunteer__email="")
        .select_related("wave", "mission")
    )
    agreed = consents({invitation.mission.volunteer_id for invitation in candidates})
    return [
        invitation
        for invitation in candidates
        if agreed.get((invitation.mission.volunteer_id, Purpose.SURVEYS), False)
    ]


def invite(invitation: Invitation, now: datetime) -> bool:
    """Send one invitation (the first, or again when the federation asks): the link works
    ``wave.open_days`` from now. Returns whether it was queued."""
    sends = invitation.sends + 1
    closes = timezone.localdate(now) + timedelta(days=invitation.wave.open_days)
    updated = Invitation.objects.filter(
        pk=invitation.pk, sends=invitation.sends, answered_at__isnull=True
    ).update(
        sends=sends,
        sent_at=invitation.sent_at or now,
        closes_on=closes,
        questionnaire=invitation.questionnaire_id or invitation.wave.questionnaire_id,
    )
    if not updated:
        return False  # another run did it, or it was answered meanwhile
    versions.bump()  # the cohort's "invited" counts changed, without a signal
    return letters.queue(f"survey:{invitation.pk}:invite:{sends}", Reason.SURVEY, invitation)


def resend(invitation: Invitation, now: datetime | None = None) -> None:
    """The federation sends the link again (a lost e-mail, an expired link)."""
    now = now or timezone.now()
    if invitation.answered_at:
        raise ValidationError(_("This survey was answered: nothing to send."))
    if not followed(Invitation.objects.filter(pk=invitation.pk)):
        raise ValidationError(
            _("Not sent: the volunteer has no e-mail address or does not agree to surveys.")
        )
    invite(invitation, now)


def run_follow_up(now: datetime | None = None) -> int:
    """The periodic job: invite to the waves that fell due, and remind those not answered
    (each reminder once). Returns how many e-mails it queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    due = Invitation.objects.filter(
        sent_at__isnull=True,
        answered_at__isnull=True,
        due_on__lte=today,
        due_on__gte=today - timedelta(days=LATE_DAYS),
    )
    for invitation in followed(due):
        queued += invite(invitation, now)
    waiting = Invitation.objects.filter(
        sent_at__isnull=False, answered_at__isnull=True, closes_on__gte=today
    )
    for invitation in followed(waiting):
        days = invitation.wave.reminder_days()
        if invitation.reminders >= len(days):
            continue
        if invitation.sent_at + timedelta(days=days[invitation.reminders]) > now:
            continue
        number = invitation.reminders + 1
        if Invitation.objects.filter(pk=invitation.pk, reminders=invitation.reminders).update(
            reminders=F("reminders") + 1
        ):
            key = f"survey:{invitation.pk}:reminder:{invitation.sends}:{number}"
            queued += letters.queue(key, Reason.SURVEY_REMINDER, invitation)
    return queued


def letter(mail: Mail, invitation: Invitation) -> EmailMultiAlternatives | None:
    """The invitation or reminder e-mail, written when it is sent: None if the survey was
    answered, the person withdrew or was erased since."""
    invitation = Invitation.objects.select_related("mission__volunteer", "wave").get(
        pk=invitation.pk
    )
    volunteer = invitation.mission.volunteer
    if invitation.answered_at or not followed(Invitation.objects.filter(pk=invitation.pk)):
        return None
    site = settings.COOPDEC_SITE_URL.rstrip("/")
    with translation.override(volunteer.language):
        context = {
            "volunteer": volunteer,
            "invitation": invitation,
            "reminder": mail.reason == Reason.SURVEY_REMINDER,
            "url": site + link(invitation),
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = (
            _("Reminder: %(wave)s survey") if context["reminder"] else _("%(wave)s: a short survey")
        ) % {"wave": invitation.wave.name}
        text = render_to_string("volunteers/mail/invitation.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[volunteer.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def sms_text(invitation: Invitation) -> str:
    """The link and a short text to send by SMS or a messaging app."""
    site = settings.COOPDEC_SITE_URL.rstrip("/")
    volunteer = invitation.mission.volunteer
    with translation.override(volunteer.language):
        return _("%(federation)s: %(wave)s survey, 5 minutes: %(url)s") % {
            "federation": settings.COOPDEC_FEDERATION_NAME,
            "wave": invitation.wave.name,
            "url": site + link(invitation),
        }


# ---------------------------------------------------------------------------- erasure


@transaction.atomic
def erase(volunteer: Volunteer, now: datetime | None = None) -> None:
    """Carry out a volunteer's request for erasure: their personal data go, their consents'
    history and the e-mails about them too; their missions and answers stay as anonymous
    rows (the person's own words removed), so the cohort's counts do not change."""
    now = now or timezone.now()
    if volunteer.erased_at:
        raise ValidationError(_("This volunteer's data were already erased."))
    invitations = Invitation.objects.filter(mission__volunteer=volunteer)
    letters.forget(Invitation, invitations.values_list("pk", flat=True))
    for answer in Answer.objects.filter(invitation__in=invitations).select_related("questionnaire"):
        words = questionnaires.free_text(answer.questionnaire.questions)
        answer.values = {name: value for name, value in answer.values.items() if name not in words}
        answer.save(update_fields=["values"])
    Consent.objects.filter(volunteer=volunteer).delete()
    Mission.objects.filter(volunteer=volunteer).update(description="")
    if volunteer.account_id:
        close_account(volunteer.account_id)
    Volunteer.objects.filter(pk=volunteer.pk).update(
        name="",
        email="",
        phone="",
        birth_year=None,
        account=None,
        person=None,
        erased_at=now,
    )
    forget_history(volunteer)
    volunteer.refresh_from_db()


def ask_erasure(volunteer: Volunteer, now: datetime | None = None) -> None:
    """The volunteer asks for their data to be erased: the federation is told (once)."""
    now = now or timezone.now()
    if volunteer.erased_at:
        raise ValidationError(_("This volunteer's data were already erased."))
    if volunteer.erasure_asked_at is None:
        volunteer.erasure_asked_at = now
        volunteer.save(update_fields=["erasure_asked_at"])
    staff: dict[int, list[int]] = {user: [] for user in federation_staff()}
    fanout.notify(
        volunteer,
        Reason.ERASURE_ASKED,
        staff,
        topic="volunteers",
        key=f"erasure:{volunteer.pk}",
        now=now,
    )


def close_account(account_id: int) -> None:
    """The volunteer's own account goes with their data: closed, its names and address
    removed, its trail too (it cannot sign in again; the federation may invite anew)."""
    User.objects.filter(pk=account_id).update(
        username=f"efface-{account_id}",
        first_name="",
        last_name="",
        email="",
        is_active=False,
    )
    account = User.objects.get(pk=account_id)
    account.set_unusable_password()
    account.save(update_fields=["password"])
    forget_history(account)


def forget_history(record) -> None:
    """The audit trail of an erased record holds what it was: it goes too."""
    from auditlog.models import LogEntry  # here: only erasure reads the audit trail

    LogEntry.objects.get_for_object(record).delete()


def holds(volunteer: Volunteer) -> dict:
    """Everything held about a volunteer, for them to read and download (JSON)."""
    missions = volunteer.missions.select_related(
        "host_government", "host_organisation", "sending_organisation", "partnership", "programme"
    )
    invitations = Invitation.objects.filter(mission__volunteer=volunteer).select_related(
        "wave", "answer"
    )
    return {
        "volunteer": {
            "name": volunteer.name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "gender": volunteer.gender or None,
            "birth_year": volunteer.birth_year,
            "nationality": volunteer.nationality.code if volunteer.nationality else None,
            "language": volunteer.language,
        },
        "missions": [
            {
                "scheme": mission.scheme,
                "host": str(mission.host) if mission.host else None,
                "sending_organisation": str(mission.sending_organisation or "") or None,
                "place": mission.place,
                "partnership": str(mission.partnership or "") or None,
                "programme": str(mission.programme or "") or None,
                "planned_start": _iso(mission.planned_start),
                "planned_end": _iso(mission.planned_end),
                "actual_start": _iso(mission.actual_start),
                "actual_end": _iso(mission.actual_end),
                "description": mission.description,
            }
            for mission in missions
        ],
        "surveys": [
            {
                "wave": invitation.wave.name,
                "due_on": _iso(invitation.due_on),
                "invited_at": _iso(invitation.sent_at),
                "answered_at": _iso(invitation.answered_at),
                "answers": getattr(getattr(invitation, "answer", None), "values", None),
            }
            for invitation in invitations
        ],
        "consents": [
            {
                "purpose": consent.purpose,
                "given": consent.given,
                "at": consent.at.isoformat(),
                "notice_version": consent.notice_version,
                "notice": consent.notice_text,
                "by_volunteer": consent.by_volunteer,
            }
            for consent in volunteer.consents.all()
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def add_questionnaire(name: str, questions: list[dict], source: str) -> Questionnaire:
    """A new questionnaire, or the next version of one (earlier versions stay as they were
    for the invitations sent with them)."""
    questionnaires.check(questions)
    latest = (
        Questionnaire.objects.select_for_update().filter(name=name).order_by("-version").first()
    )
    return Questionnaire.objects.create(
        name=name,
        version=(latest.version + 1) if latest else 1,
        questions=questions,
        source=source,
    )


def from_opportunity(opportunity: Opportunity) -> dict:
    """What a volunteer-mission opportunity says of the mission it becomes: its issuer
    (a local government hosts, an organisation sends), or else the one commune that
    applied, its themes and summary. What it does not say stays empty."""
    applied = list(
        opportunity.responses.filter(applied_at__isnull=False).values_list("commune", flat=True)
    )
    host = opportunity.issuer_government_id or (applied[0] if len(applied) == 1 else None)
    return {
        "opportunity": opportunity.pk,
        "sending_organisation": opportunity.issuer_organisation_id,
        "host_government": host,
        "themes": list(opportunity.themes.values_list("pk", flat=True)),
        "description": opportunity.summary,
    }


# The words of ``holds``' keys, for the PDF a person reads.
HELD = {
    "volunteer": gettext_lazy("About you"),
    "missions": gettext_lazy("Missions"),
    "surveys": gettext_lazy("Surveys"),
    "consents": gettext_lazy("Consents"),
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "gender": gettext_lazy("Gender"),
    "birth_year": gettext_lazy("Year of birth"),
    "nationality": gettext_lazy("Nationality"),
    "language": gettext_lazy("Language"),
    "scheme": gettext_lazy("Scheme"),
    "host": gettext_lazy("Host"),
    "sending_organisation": gettext_lazy("Sending organisation"),
    "place": gettext_lazy("Place"),
    "partnership": gettext_lazy("Partnership"),
    "programme": gettext_lazy("Programme"),
    "planned_start": gettext_lazy("Planned start"),
    "planned_end": gettext_lazy("Planned end"),
    "actual_start": gettext_lazy("Actual start"),
    "actual_end": gettext_lazy("Actual end"),
    "description": gettext_lazy("Description"),
    "wave": gettext_lazy("Wave"),
    "due_on": gettext_lazy("Due on"),
    "invited_at": gettext_lazy("Invited on"),
    "answered_at": gettext_lazy("Answered on"),
    "answers": gettext_lazy("Answers"),
    "purpose": gettext_lazy("Purpose"),
    "given": gettext_lazy("Given"),
    "at": gettext_lazy("Date"),
    "notice_version": gettext_lazy("Notice version"),
    "notice": gettext_lazy("Notice read"),
    "by_volunteer": gettext_lazy("By the volunteer"),
}


def held_sections(volunteer: Volunteer) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    """``holds`` as a person reads it: sections of records of (label, value)."""

    def written(value) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, dict):
            return "; ".join(f"{key}: {written(inner)}" for key, inner in value.items())
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    found = []
    for section, content in holds(volunteer).items():
        records = content if isinstance(content, list) else [content]
        found.append(
            (
                str(HELD[section]),
                [
                    [(str(HELD.get(key, key)), written(value)) for key, value in record.items()]
                    for record in records
                ],
            )
        )
    return found


def held_pdf(volunteer: Volunteer) -> bytes:
    return pdf.render_pdf(
        "volunteers/data_pdf.html",
        {
            "volunteer": volunteer,
            "sections": held_sections(volunteer),
            "today": timezone.localdate().strftime("%d/%m/%Y"),
        },
        stylesheets=("coopdec/report.css",),
    )
