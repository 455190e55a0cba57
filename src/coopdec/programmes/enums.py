from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    EXCHANGE_DAY = "exchange_day", _("Exchange day")
    ADVISORY_MISSION = "advisory_mission", _("Advisory mission")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other activity")
