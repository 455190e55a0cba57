from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "coopdec.directory"
    label = "directory"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Organisation, Person, Position

        auditlog.register(Organisation, exclude_fields=["search_text", "updated_at"])
        # Contact details are personal data: the trail says they changed, not their values.
        auditlog.register(Person, mask_fields=["email", "phone"], exclude_fields=["updated_at"])
        auditlog.register(Position)
