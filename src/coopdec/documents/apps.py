from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "coopdec.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.partnerships.services import write_in_partnership
        from coopdec.review import registry

        from .models import Document

        registry.register(
            Document,
            communes=lambda document: [document.partnership.local_government_id],
            root=lambda document: document.partnership,
            write=write_in_partnership,
        )

        auditlog.register(Document, exclude_fields=["updated_at"])
