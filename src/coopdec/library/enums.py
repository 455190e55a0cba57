from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    MODEL_AGREEMENT = "model_agreement", _("Model agreement")
    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Report")
    TRAINING = "training", _("Training material")
    OTHER = "other", _("Other")
