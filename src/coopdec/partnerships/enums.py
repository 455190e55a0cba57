from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipKind(models.TextChoices):
    TWINNING = "twinning", _("Twinning")
    AGREEMENT = "agreement", _("Cooperation agreement")
    FRIENDSHIP = "friendship", _("Friendship pact")
    EXPLORATORY = "exploratory", _("Exploratory contact")
    # What nobody said: shown and counted as such, never guessed.
    UNKNOWN = "unknown", _("Kind not stated")


class PartnershipStatus(models.TextChoices):
    EXPLORING = "exploring", _("Exploring")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    RELAUNCHING = "relaunching", _("Being relaunched")
    ENDED = "ended", _("Ended")
    UNKNOWN = "unknown", _("Status unknown")


class EventKind(models.TextChoices):
    MISSION = "mission", _("Mission")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Axis(models.TextChoices):
    NORTH_SOUTH = "north_south", _("North-South")
    SOUTH_SOUTH = "south_south", _("South-South")


# Members of the OECD Development Assistance Committee: a partnership with a local
# government of one of these countries is North-South; otherwise South-South.
NORTH_COUNTRIES = frozenset(
    [
        "AT",
        "AU",
        "BE",
        "CA",
        "CH",
        "CZ",
        "DE",
        "DK",
        "ES",
        "EE",
        "FI",
        "FR",
        "GB",
        "GR",
        "HU",
        "IE",
        "IS",
        "IT",
        "JP",
        "KR",
        "LT",
        "LU",
        "NL",
        "NO",
        "NZ",
        "PL",
        "PT",
        "SE",
        "SI",
        "SK",
        "US",
    ]
)
