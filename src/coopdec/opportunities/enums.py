from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    CALL_FOR_PROJECTS = "call_for_projects", _("Call for projects")
    CALL_FOR_INTEREST = "call_for_interest", _("Call for expressions of interest")
    FUNDING_WINDOW = "funding_window", _("Funding window")
    TRAINING = "training", _("Training")
    PARTNER_SEARCH = "partner_search", _("Partner search by a local government abroad")
    EVENT = "event", _("Event or webinar")
    VOLUNTEER_MISSION = "volunteer_mission", _("Volunteer mission")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone (also on the public atlas)")
    MEMBERS = "members", _("Signed-in members only")


class PartnershipCondition(models.TextChoices):
    """What an opportunity asks of a commune's partnerships, with the condition's country."""

    NONE = "", _("No condition")
    ACTIVE_WITH = "active_with", _("Has an active partnership with a local government of")
    NONE_WITH = "none_with", _("Has no current partnership with a local government of")


class TimeZone(models.TextChoices):
    """The clock an opportunity's dates are given in (and its reminders follow)."""

    LOME = "Africa/Lome", _("Lomé time")
    PARIS = "Europe/Paris", _("Paris time (summer time included)")


class Answer(models.TextChoices):
    """A commune's answer to an opportunity, in the order it usually goes."""

    NONE = "", _("No answer yet")
    INTERESTED = "interested", _("Interested")
    APPLIED = "applied", _("Applied")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    DECLINED = "declined", _("Not interested")
