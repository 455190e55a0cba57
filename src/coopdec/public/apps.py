from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "coopdec.public"
    verbose_name = _("Public atlas")

    def ready(self) -> None:
        from coopdec.territories import sections

        from . import snapshots
        from .atlas import area_section

        sections.register("public cooperation", area_section)
        snapshots.register()
