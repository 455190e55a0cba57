from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "coopdec.comments"
    label = "comments"
    verbose_name = _("Comments")
    # Comments and follows change no figure.
    figures = False

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.notifications import topics

        from . import services
        from .models import Comment

        topics.register(services.TOPIC, _("Comments on the records I follow"))
        # Corrections and deletions are traced (the deleted text stays in the trail).
        auditlog.register(Comment)
