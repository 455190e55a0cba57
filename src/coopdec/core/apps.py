from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "coopdec.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.backends.signals import connection_created

        from . import collation, formfields
        from .models import FederationSettings

        formfields.install()
        connection_created.connect(collation.install, dispatch_uid="coopdec-collation")
        # Who validates what, the federation's name: changes are traced.
        auditlog.register(FederationSettings)
