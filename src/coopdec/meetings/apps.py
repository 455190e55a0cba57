from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "coopdec.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.accounts import home
        from coopdec.comments import registry as comments
        from coopdec.notifications import letters, schedule, topics

        from . import home as meetings_home
        from . import services
        from .models import Action, Attendance, Item, Meeting, Outcome, Series

        topics.register("actions", _("Actions decided in meetings"))
        topics.register("meetings", _("Minutes of meetings I am invited to"))
        letters.register(Attendance, services.invitation_letter)
        schedule.register("reminded of their actions", services.remind_actions)
        home.register("actions", meetings_home.section)
        auditlog.register(Series, m2m_fields={"organisations"})
        auditlog.register(Meeting)
        auditlog.register(Attendance)
        auditlog.register(Item)
        auditlog.register(Outcome)
        auditlog.register(Action)
        # Its records may be commented and followed.
        comments.register(Meeting)
