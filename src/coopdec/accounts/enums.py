from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FEDERATION_ADMIN = "federation_admin", _("Federation administrator")
    FEDERATION_STAFF = "federation_staff", _("Federation staff")
    FOCAL_POINT = "focal_point", _("Commune focal point")
    PARTNER = "partner", _("Partner")
    OBSERVER = "observer", _("Observer")
    VOLUNTEER = "volunteer", _("Volunteer")


FEDERATION_ROLES = frozenset({Role.FEDERATION_ADMIN, Role.FEDERATION_STAFF})
