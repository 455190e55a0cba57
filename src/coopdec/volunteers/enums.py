from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    """The volunteering scheme a mission is held under."""

    VSI = "vsi", _("International solidarity volunteering (VSI)")
    CIVIC_SERVICE = "civic_service", _("International civic service")
    RECIPROCITY = "reciprocity", _("Reciprocity volunteering")
    OTHER = "other", _("Other scheme")


class Gender(models.TextChoices):
    """As the volunteer states it; no choice means not known."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")


class Anchor(models.TextChoices):
    """Which of a mission's dates a follow-up wave counts from."""

    START = "start", _("start of the mission")
    END = "end", _("end of the mission")


class Purpose(models.TextChoices):
    """What a volunteer may agree to, each on its own."""

    SURVEYS = "surveys", _("Follow-up surveys")
    CONTACT = "contact", _("Being contacted by the federation")
    NAMED = "named", _("Appearing by name in reports")


class QuestionType(models.TextChoices):
    SELECT_ONE = "select_one", _("One choice")
    SELECT_MULTIPLE = "select_multiple", _("Several choices")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    TEXT = "text", _("Text")
    DATE = "date", _("Date")
    NOTE = "note", _("Note (no answer)")


class InvitationState(models.TextChoices):
    """Where a wave stands for one mission (computed, never typed)."""

    PLANNED = "planned", _("Planned")
    WAITING = "waiting", _("Due, not sent")
    NO_CONSENT = "no_consent", _("Not sent: no consent")
    NO_ADDRESS = "no_address", _("Not sent: no e-mail address")
    SENT = "sent", _("Sent, not answered")
    STARTED = "started", _("Started, not finished")
    ANSWERED = "answered", _("Answered")
    MISSED = "missed", _("Closed without answer")
