from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "coopdec.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.notifications import schedule, topics

        from . import announcements
        from .enums import OpportunityKind
        from .models import Opportunity, Response

        # People choose per kind of opportunity how often they hear of them.
        for kind, label in OpportunityKind.choices:
            topics.register(kind, label)
        schedule.register("announced to", announcements.announce_missed)
        schedule.register("reminded", announcements.remind)
        auditlog.register(
            Opportunity, exclude_fields=["updated_at"], m2m_fields={"areas", "themes"}
        )
        auditlog.register(Response, exclude_fields=["updated_at"])
