from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "coopdec.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")
    # Subscribers and issues change no figure.
    figures = False

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.notifications import letters, schedule, topics

        from . import services
        from .models import Delivery, Issue, Subscriber

        topics.register(services.TOPIC, _("Newsletter issues to send (federation)"))
        schedule.register("told of a newsletter issue to send", services.prepare_due)
        letters.register(Subscriber, services.confirmation_letter)
        letters.register(Delivery, services.issue_letter)
        auditlog.register(Issue, exclude_fields=["contents"])
