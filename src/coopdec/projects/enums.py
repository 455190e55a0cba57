from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class Instrument(models.TextChoices):
    OWN_FUNDS = "own_funds", _("Own funds")
    NATIONAL_CALL = "national_call", _("National call for projects")
    AGENCY_FACILITY = "agency_facility", _("Development agency facility")
    ONE_PERCENT_WATER = "one_percent_water", _("1 % water and sanitation")
    ONE_PERCENT_WASTE = "one_percent_waste", _("1 % waste")
    ONE_PERCENT_ENERGY = "one_percent_energy", _("1 % energy")
    EU = "eu", _("European Union")
    FOUNDATION = "foundation", _("Foundation")
    IN_KIND = "in_kind", _("In kind")
    OTHER = "other", _("Other")
