from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def area_section(area, user) -> dict:
    """On an area's page: the organisations based there, and the people in post there that
    the reader may see."""
    from coopdec.territories.rules import CHANGE_AREA

    from .models import Organisation, Person, Position
    from .rules import ADD_PERSON

    contacts = Position.objects.filter(
        area=area, person__in=Person.objects.visible_to(user)
    ).select_related("person")
    return {
        "organisations": Organisation.objects.filter(based_in=area),
        "contacts": contacts,
        "may_add_contact": user.has_perm(CHANGE_AREA, area) and user.has_perm(ADD_PERSON),
    }


class DirectoryConfig(AppConfig):
    name = "coopdec.directory"
    label = "directory"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.review import registry
        from coopdec.territories import sections

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

        sections.register("directory", area_section)

        auditlog.register(Organisation, exclude_fields=["search_text", "updated_at"])
        # Contact details are personal data: the trail says they changed, not their values.
        auditlog.register(Person, mask_fields=["email", "phone"], exclude_fields=["updated_at"])
        auditlog.register(Position)
