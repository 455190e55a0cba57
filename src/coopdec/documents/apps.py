from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "coopdec.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Document

        auditlog.register(Document, exclude_fields=["updated_at"])
