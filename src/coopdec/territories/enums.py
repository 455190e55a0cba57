from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LevelKind(models.TextChoices):
    """What an administrative level is, whatever a country calls it."""

    REGION = "region", _("Region or province")
    INTERMEDIATE = "intermediate", _("Intermediate level (department, prefecture, district)")
    INTERCOMMUNALITY = "intercommunality", _("Intercommunality")
    MUNICIPALITY = "municipality", _("Municipality")
    SUBMUNICIPAL = "submunicipal", _("Below the municipality (canton, borough)")


class SizeClass(models.TextChoices):
    SMALL = "small", pgettext_lazy("commune size", "Small")
    MEDIUM = "medium", pgettext_lazy("commune size", "Medium")
    LARGE = "large", pgettext_lazy("commune size", "Large")


class AliasKind(models.TextChoices):
    SPELLING = "spelling", _("Spelling variant")
    SEAT_TOWN = "seat_town", _("Seat town")
    FORMER_NAME = "former_name", _("Former name")
    LEARNED = "learned", _("Learned from an import")
