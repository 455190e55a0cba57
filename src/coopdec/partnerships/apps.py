from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "coopdec.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.comments import registry as comments
        from coopdec.documents import registry as documents
        from coopdec.review import registry
        from coopdec.territories.signals import areas_moved

        from . import services
        from .models import Event, Partnership, StatusChange

        registry.register(
            Partnership,
            communes=lambda partnership: [partnership.local_government_id],
            write=services.write_partnership,
            touch=lambda partnership: partnership.refresh_activity(),
        )
        registry.register(
            Event,
            communes=lambda event: [event.partnership.local_government_id],
            root=lambda event: event.partnership,
        )
        documents.register(Partnership)
        areas_moved.connect(services.place_moved, dispatch_uid="partnerships.place_moved")

        auditlog.register(
            Partnership,
            exclude_fields=[
                "search_text",
                "region",
                "updated_at",
                "last_activity_on",
                "last_activity_precision",
            ],
            m2m_fields={"partner_governments", "supporting_organisations", "themes"},
        )
        auditlog.register(Event, exclude_fields=["updated_at"])
        auditlog.register(StatusChange)
        # Its records may be commented and followed.
        comments.register(Partnership)
