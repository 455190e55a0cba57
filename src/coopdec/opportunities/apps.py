from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "coopdec.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.accounts import home
        from coopdec.comments import registry as comments
        from coopdec.notifications import schedule, topics
        from coopdec.review import registry

        from . import announcements, services
        from . import home as opportunities_home
        from .enums import OpportunityKind
        from .models import Opportunity, Response

        # People choose per kind of opportunity how often they hear of them.
        for kind, label in OpportunityKind.choices:
            topics.register(kind, label)
        # A partner's proposal goes through the federation's validation; it concerns no
        # commune in particular (grouped under "no commune" in the queue).
        registry.register(
            Opportunity, communes=lambda opportunity: [], write=services.write_opportunity
        )
        schedule.register("announced to", announcements.announce_missed)
        home.register("opportunities", opportunities_home.section)
        schedule.register("reminded", announcements.remind)
        auditlog.register(
            Opportunity, exclude_fields=["updated_at"], m2m_fields={"areas", "themes"}
        )
        auditlog.register(Response, exclude_fields=["updated_at"])
        # Its records may be commented and followed.
        comments.register(Opportunity)
