from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    PROGRAMME_COMMITTEE = "programme_committee", _("Programme committee")
    PARTNERSHIP_MEETING = "partnership_meeting", _("Partnership meeting")
    OTHER = "other", _("Other meeting")


class Clock(models.TextChoices):
    """The clock a meeting's time is given on (both are shown)."""

    LOME = "Africa/Lome", _("Lomé time")
    PARIS = "Europe/Paris", _("Paris time")


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Shared with the attendees for comments")
    APPROVED = "approved", _("Approved")


class OutcomeKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DECISION = "decision", _("Decision")
    PROBLEM = "problem", _("Problem met")
    SOLUTION = "solution", _("Solution proposed")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Presence(models.TextChoices):
    """What became of an invitation once the meeting is held."""

    INVITED = "invited", pgettext_lazy("attendance", "Invited")
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Sent apologies")
    ABSENT = "absent", _("Absent")
