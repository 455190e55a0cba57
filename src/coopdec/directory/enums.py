from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    TWINNING_ASSOCIATION = "twinning_association", _("Twinning association")
    NGO = "ngo", _("NGO or association")
    MINISTRY = "ministry", _("Ministry or government agency")
    EMBASSY = "embassy", _("Embassy or cooperation service")
    NETWORK = "network", _("Network of local governments")
    SENDING_ORGANISATION = "sending_organisation", _("Volunteer sending organisation")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


class PositionRole(models.TextChoices):
    MAYOR = "mayor", _("Mayor")
    DEPUTY_MAYOR = "deputy_mayor", _("Deputy mayor")
    FOCAL_POINT = "focal_point", _("Cooperation focal point")
    SECRETARY_GENERAL = "secretary_general", _("Secretary general")
    CHAIR = "chair", _("Chair")
    STAFF = "staff", _("Staff member")
    OTHER = "other", _("Other")
