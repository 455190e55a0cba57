from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "coopdec.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.comments import registry as comments
        from coopdec.review import registry
        from coopdec.territories import sections

        from . import home, services
        from .models import GoodPractice

        # A practice concerns the communes behind it (groups its proposals).
        registry.register(
            GoodPractice,
            communes=lambda practice: (
                list(practice.places.values_list("pk", flat=True)) if practice.pk else []
            ),
            write=services.write,
        )
        # "Practices from communes like mine" on a commune's page.
        sections.register("good practices", home.area_section)
        auditlog.register(
            GoodPractice,
            exclude_fields=["updated_at", "search_text"],
            m2m_fields={"projects", "partnerships", "programmes", "themes", "goals"},
        )
        # Its records may be commented and followed.
        comments.register(GoodPractice)
