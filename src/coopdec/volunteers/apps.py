from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "coopdec.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.accounts import home
        from coopdec.core import snapshots
        from coopdec.notifications import letters, schedule, topics
        from coopdec.opportunities import followers
        from coopdec.opportunities.enums import OpportunityKind

        from . import home as volunteers_home
        from . import services
        from .models import Consent, Invitation, Mission, Questionnaire, Volunteer, Wave
        from .snapshots import COHORT, cohort_context

        snapshots.register(COHORT, "volunteers/_cohort_figures.html", cohort_context)
        topics.register("volunteers", _("Volunteers' requests (erasure)"))
        home.register("volunteers", volunteers_home.section)
        schedule.register("invited or reminded to a follow-up survey", services.run_follow_up)
        letters.register(Invitation, services.letter)
        # A volunteer mission offered as an opportunity becomes a volunteer's mission.
        followers.register(
            OpportunityKind.VOLUNTEER_MISSION,
            followers.FollowOn(
                _("Record the volunteer who takes this mission"),
                lambda opportunity: (
                    reverse("volunteers:volunteer_create") + f"?opportunite={opportunity.pk}"
                ),
                "volunteers.manage_volunteers",
            ),
        )
        # The trail keeps who changed a mission or the plan; a volunteer's personal data
        # are left out of it (an erasure must leave no copy).
        auditlog.register(
            Volunteer, include_fields=["gender", "nationality", "language", "account", "erased_at"]
        )
        auditlog.register(Mission, m2m_fields={"themes"})
        auditlog.register(Wave)
        auditlog.register(Questionnaire)
        auditlog.register(Consent, exclude_fields=["notice_text"])
