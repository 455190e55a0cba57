"""Meetings: the monthly steering committee (made from its series: agenda and usual
members) and any other meeting; their agenda items with each outcome — information,
decision, problem met, solution proposed — and the actions decided, followed until done or
dropped; attendance; minutes drafted, shared, then approved and frozen."""

from __future__ import annotations

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.enums import Role
from coopdec.core.links import validate_web_address

from .enums import ActionStatus, Clock, MeetingKind, MinutesState, OutcomeKind, Presence


class Series(models.Model):
    """What a recurring meeting is made from: its kind, its usual agenda and members."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    agenda = models.TextField(_("usual agenda"), help_text=_("One item a line."), blank=True)
    organisations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="+", verbose_name=_("usual members")
    )
    clock = models.CharField(_("clock"), max_length=40, choices=Clock.choices, default=Clock.LOME)
    place = models.CharField(_("usual place"), max_length=200, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The federation and observers read every meeting; others the meetings their
        organisations are invited to, and those where they were given an action."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation or user.role == Role.OBSERVER:
            return self
        invited = Attendance.objects.filter(organisation__in=user.scoped_organisation_ids()).values(
            "meeting"
        )
        given = Item.objects.filter(actions__in=Action.objects.owned_by(user).values("pk")).values(
            "meeting"
        )
        return self.filter(Q(pk__in=invited) | Q(pk__in=given))


class Meeting(models.Model):
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(
        _("end"), null=True, blank=True, help_text=_("Empty when not decided.")
    )
    clock = models.CharField(_("clock"), max_length=40, choices=Clock.choices, default=Clock.LOME)
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("link to join"), blank=True, validators=[validate_web_address])
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("programme"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("partnership"),
    )
    minutes = models.CharField(
        _("minutes"), max_length=20, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    minutes_version = models.PositiveSmallIntegerField(_("version of the minutes"), default=1)
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    invitations_sent = models.PositiveSmallIntegerField(
        _("invitations sent"),
        default=0,
        help_text=_(
            "How many times the invitations were sent (each sending updates the "
            "calendars that received the earlier ones)."
        ),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def frozen(self) -> bool:
        """Approved minutes are frozen: a change makes a new version."""
        return self.minutes == MinutesState.APPROVED

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting ends after it starts.")})

    def local_start(self):
        return self.starts_at.astimezone(ZoneInfo(self.clock))

    def uid(self) -> str:
        """The meeting's identity in the invitees' calendars (the same at every sending,
        so a new one updates the event instead of adding another)."""
        host = urlsplit(settings.COOPDEC_SITE_URL).hostname or "coopdec"
        return f"meeting-{self.pk}@{host}"


class Attendance(models.Model):
    """An organisation (and, when known, its person) invited to a meeting; present or
    excused once it is held."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    present = models.BooleanField(_("present"), null=True, blank=True)
    apologies = models.BooleanField(_("sent apologies"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_once_a_meeting"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def state(self) -> str:
        if self.present:
            return Presence.PRESENT
        if self.apologies:
            return Presence.APOLOGIES
        if self.present is False:
            return Presence.ABSENT
        return Presence.INVITED

    @property
    def state_label(self) -> str:
        return str(Presence(self.state).label)


class Item(models.Model):
    """A point of the agenda, with its outcomes and actions; an open action carried over
    from an earlier meeting is an item of its own."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    carried = models.ForeignKey(
        "Action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("open action carried over"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "carried"],
                condition=Q(carried__isnull=False),
                name="action_carried_once_a_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Outcome(models.Model):
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("agenda item")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(item__meeting__in=Meeting.objects.visible_to(user))

    def owned_by(self, user):
        """The actions a person owns: by name, or through an organisation they speak for."""
        mine = Q(owner_organisation__in=user.scoped_organisation_ids())
        person = getattr(user, "person", None)
        if person is not None:
            mine |= Q(owner_person=person)
        return self.filter(mine)


class Action(models.Model):
    """Something a meeting decided someone does by a date."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="actions", verbose_name=_("agenda item")
    )
    title = models.CharField(_("action"), max_length=300)
    owner_person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner (person)"),
    )
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner (organisation)"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(_("done or dropped on"), null=True, blank=True)
    commune = models.ForeignKey(
        "territories.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opportunity"),
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.item.meeting.get_absolute_url()}#action-{self.pk}"

    @property
    def owner(self):
        return self.owner_person or self.owner_organisation

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting
