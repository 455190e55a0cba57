"""Volunteers, their missions, and the cohort follow-up: the waves of surveys anchored on
each mission's own dates, the questionnaires (versioned), each wave's invitation to one
volunteer and their answer, and the consents they give and withdraw.

Personal data (a volunteer's name, e-mail, phone, birth year) live on ``Volunteer`` only,
so that erasing someone is one update of one row: missions, invitations and answers hold
none, and stay as anonymous rows that keep the cohort's counts."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coopdec.core.models import BilingualName

from .enums import Anchor, Gender, InvitationState, Purpose, Scheme


class Volunteer(models.Model):
    """A person who went, goes or will go on a mission. Personal data: see the module."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    nationality = models.ForeignKey(
        "territories.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the surveys and e-mails sent to them."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        verbose_name=_("account"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in the directory"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True, editable=False)
    erasure_asked_at = models.DateTimeField(
        _("erasure asked on"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return self.name if not self.erased_at else str(_("Erased volunteer"))

    def get_absolute_url(self) -> str:
        return reverse("volunteers:volunteer", args=[self.pk])

    def clean(self) -> None:
        if self.birth_year and not 1900 <= self.birth_year <= timezone.localdate().year:
            raise ValidationError({"birth_year": _("Give a year of birth between 1900 and now.")})


class MissionQuerySet(models.QuerySet):
    def visible_to(self, user) -> MissionQuerySet:
        """The federation: every mission. A partner: those its organisations send or host,
        or its local governments host. A focal point: those its communes host. Nobody
        else (a volunteer reads their own through their page)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        areas, organisations = user.scoped_area_ids(), user.scoped_organisation_ids()
        if not areas and not organisations:
            return self.none()
        return self.filter(
            Q(sending_organisation__in=organisations)
            | Q(host_organisation__in=organisations)
            | Q(host_government__in=areas)
        )

    def with_contacts_for(self, user) -> MissionQuerySet:
        """The missions whose volunteer's contact details ``user`` may read: the federation,
        and partners for the missions their bodies send or host (not focal points)."""
        from coopdec.accounts.enums import Role  # here: accounts is below, no cycle

        if user.is_authenticated and user.is_active and user.role == Role.PARTNER:
            return self.visible_to(user)
        return self if user.is_authenticated and user.is_federation else self.none()


class Mission(models.Model):
    """One volunteer's mission: the scheme, who sends and who hosts, what it serves, when."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="missions", verbose_name=_("volunteer")
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    sending_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sent_missions",
        verbose_name=_("sending organisation"),
    )
    host_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_missions",
        verbose_name=_("host commune or local government"),
    )
    host_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_missions",
        verbose_name=_("host organisation"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name=_("partnership served"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name=_("programme served"),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="missions", verbose_name=_("themes")
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name=_("from the opportunity"),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        indexes = [models.Index(fields=["planned_start"], name="mission_planned_start")]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} – {self.host or _('host not known')}"

    def get_absolute_url(self) -> str:
        return reverse("volunteers:mission", args=[self.pk])

    @property
    def host(self):
        return self.host_government or self.host_organisation

    @property
    def start(self) -> date | None:
        """When it started, or is planned to: the actual date first."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        return self.actual_end or self.planned_end

    def clean(self) -> None:
        errors = {}
        if self.host_government_id and self.host_organisation_id:
            errors["host_organisation"] = _(
                "One host only: a local government or an organisation, not both."
            )
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if (
                getattr(self, start)
                and getattr(self, end)
                and getattr(self, end) < getattr(self, start)
            ):
                errors[end] = _("The mission ends before it starts.")
        if errors:
            raise ValidationError(errors)


class Questionnaire(models.Model):
    """One version of a questionnaire. A version once sent is never changed: adding a
    question makes the next version, and each invitation keeps the one it was sent with.

    ``questions``: a list of ``{"name", "type", "page", "label": {"fr", "en"},
    "choices": [{"value", "label": {"fr", "en"}}], "required"}`` (see ``questionnaires``)."""

    name = models.CharField(_("name"), max_length=120)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    questions = models.JSONField(_("questions"), default=list)
    source = models.CharField(_("written as"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="questionnaire_version")
        ]
        ordering = ["name", "-version"]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Wave(BilingualName):
    """One survey of the follow-up plan, dated from each mission's start or end: "before
    departure" is 30 days before the start, "+6 months" six months after the end…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    anchor = models.CharField(_("counted from"), max_length=10, choices=Anchor.choices)
    months = models.SmallIntegerField(_("months after"), default=0)
    days = models.SmallIntegerField(
        _("days after"), default=0, help_text=_("Negative for before (e.g. -30).")
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="+", verbose_name=_("questionnaire")
    )
    first_reminder = models.PositiveSmallIntegerField(
        _("first reminder (days after the invitation)"), null=True, blank=True, default=7
    )
    second_reminder = models.PositiveSmallIntegerField(
        _("second reminder (days after the invitation)"), null=True, blank=True, default=21
    )
    open_days = models.PositiveSmallIntegerField(
        _("days the link works"), default=60, help_text=_("Counted from the invitation.")
    )

    class Meta:
        verbose_name = _("follow-up wave")
        verbose_name_plural = _("follow-up plan")
        ordering = ["order", "pk"]

    def due_for(self, mission: Mission) -> date | None:
        """The day this wave falls on for ``mission``; None while its date is not known."""
        anchor = mission.start if self.anchor == Anchor.START else mission.end
        if anchor is None:
            return None
        return anchor + relativedelta(months=self.months, days=self.days)

    def timing(self) -> str:
        """When it falls, in words: "30 days before the start of the mission"…"""
        start = self.anchor == Anchor.START
        if not self.months and not self.days:
            if start:
                return gettext("on the first day of the mission")
            return gettext("on the last day of the mission")
        parts = []
        if self.months:
            parts.append(
                ngettext("%(count)d month", "%(count)d months", abs(self.months))
                % {"count": abs(self.months)}
            )
        if self.days:
            parts.append(
                ngettext("%(count)d day", "%(count)d days", abs(self.days))
                % {"count": abs(self.days)}
            )
        # One sentence for each anchor and direction: French agrees the article with each.
        templates = {
            (True, True): gettext("%(delay)s before the start of the mission"),
            (True, False): gettext("%(delay)s after the start of the mission"),
            (False, True): gettext("%(delay)s before the end of the mission"),
            (False, False): gettext("%(delay)s after the end of the mission"),
        }
        before = (self.months or self.days) < 0
        return templates[(start, before)] % {"delay": gettext(" and ").join(parts)}

    def reminder_days(self) -> list[int]:
        return sorted(day for day in (self.first_reminder, self.second_reminder) if day)


class Invitation(models.Model):
    """One wave for one mission: when it falls, when the volunteer was invited and
    reminded, and whether they answered. Rows hold no personal data."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="invitations")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("invited on"), null=True, blank=True)
    sends = models.PositiveSmallIntegerField(_("invitations sent"), default=0)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    closes_on = models.DateField(_("link works until"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["mission", "wave"], name="invitation_one_per_wave")
        ]
        indexes = [models.Index(fields=["due_on"], name="invitation_due")]

    def __str__(self) -> str:
        return str(self.wave)

    def get_absolute_url(self) -> str:
        return reverse("volunteers:mission", args=[self.mission_id])

    def state(self, today: date, consents: bool, address: bool) -> InvitationState:
        """Where it stands today, given whether the volunteer agrees to surveys and has an
        e-mail address."""
        if self.answered_at:
            return InvitationState.ANSWERED
        if self.sent_at:
            if self.closes_on and self.closes_on < today:
                return InvitationState.MISSED
            started = getattr(self, "answer", None) is not None
            return InvitationState.STARTED if started else InvitationState.SENT
        if self.due_on is None or self.due_on > today:
            return InvitationState.PLANNED
        if not consents:
            return InvitationState.NO_CONSENT
        return InvitationState.WAITING if address else InvitationState.NO_ADDRESS


class Answer(models.Model):
    """A volunteer's answers to one invitation, saved page by page (so that they can leave
    and come back) until they send them: then ``submitted_at`` is set, once."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="answer")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    values = models.JSONField(default=dict)
    pages_done = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The impact indicators read from the values when they are sent (empty when the
    # questionnaire does not ask, or the person did not say): what cohort figures count.
    active = models.BooleanField(_("in employment or studies"), null=True)
    skills = models.FloatField(_("self-rated skills (1 to 5)"), null=True)
    engaged = models.BooleanField(_("still engaged"), null=True)
    impact = models.PositiveSmallIntegerField(_("impact on their path (1 to 5)"), null=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.invitation}"


class Consent(models.Model):
    """A volunteer's yes or no to one purpose, with the notice they read: the latest row of a
    purpose is their choice; no row means they were never asked (nothing is sent)."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("given"))
    notice_version = models.CharField(_("notice version"), max_length=20)
    notice_text = models.TextField(_("notice read"))
    at = models.DateTimeField(_("date"), default=timezone.now)
    by_volunteer = models.BooleanField(
        _("by the volunteer"),
        default=False,
        help_text=_("Unticked: recorded by the federation from a signed form."),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.given}"
