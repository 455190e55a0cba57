from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "coopdec.inventory"
    label = "inventory"
    verbose_name = _("Inventory and dashboards")
    # The figures' own token.
    figures = False

    def ready(self) -> None:
        from coopdec.core import snapshots, versions
        from coopdec.territories import sections

        from .models import FiguresVersion, bump_on_change
        from .profile import profile_link
        from .snapshots import DASHBOARD, dashboard_context
        from .summary import area_section

        versions.register(FiguresVersion.current, FiguresVersion.bump)
        snapshots.register(DASHBOARD, "inventory/_dashboard_figures.html", dashboard_context)
        sections.register("cooperation", area_section)
        sections.register("profile", profile_link)

        for name, signal in (
            ("save", post_save),
            ("delete", post_delete),
            ("m2m", m2m_changed),
        ):
            signal.connect(bump_on_change, dispatch_uid=f"inventory-figures-{name}")
