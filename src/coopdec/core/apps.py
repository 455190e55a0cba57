from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "coopdec.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import formfields
        from .models import FederationSettings

        formfields.install()
        # Who validates what, the federation's name: changes are traced.
        auditlog.register(FederationSettings)
