from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "coopdec.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.documents import registry as documents
        from coopdec.review import registry

        from . import services
        from .models import Publication

        # The federation's own: it concerns no commune.
        registry.register(Publication, communes=lambda publication: [], write=services.write)
        # Its files, version after version.
        documents.register(Publication)
        auditlog.register(
            Publication, exclude_fields=["updated_at", "search_text"], m2m_fields={"themes"}
        )
