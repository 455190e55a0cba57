from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "coopdec.directory"
    label = "directory"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.review import registry

        from .models import Organisation, Person, Position

        registry.register(
            Organisation,
            communes=lambda organisation: (
                [organisation.based_in_id] if organisation.based_in_id else []
            ),
        )
        registry.register(
            Person,
            communes=lambda person: sorted(
                {position.area_id for position in person.positions.all() if position.area_id}
            ),
        )

        auditlog.register(Organisation, exclude_fields=["search_text", "updated_at"])
        # Contact details are personal data: the trail says they changed, not their values.
        auditlog.register(Person, mask_fields=["email", "phone"], exclude_fields=["updated_at"])
        auditlog.register(Position)
