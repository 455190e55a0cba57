from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "coopdec.territories"
    label = "territories"
    verbose_name = _("Territories and local governments")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.review import registry

        from .models import Area, AreaAlias

        # A commune's facts, changed by its focal points, wait for the federation's review.
        registry.register(Area, communes=lambda area: [area.pk])

        auditlog.register(Area, exclude_fields=["search_text", "name_key", "updated_at"])
        auditlog.register(AreaAlias, exclude_fields=["normalized"])
