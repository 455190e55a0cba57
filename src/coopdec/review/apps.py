from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "coopdec.review"
    label = "review"
    verbose_name = _("Validation of changes")
    # Proposals are not counted: figures read published records, written by the domains.
    figures = False

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.accounts import home
        from coopdec.notifications import topics

        from . import home as review_home
        from .models import ReviewPolicy
        from .services import QUEUE_TOPIC, TOPIC

        auditlog.register(ReviewPolicy)
        home.register("proposals", review_home.section)
        topics.register(TOPIC, _("Decisions on my proposals"))
        topics.register(QUEUE_TOPIC, _("Proposals to review (federation)"), default="weekly")
        checks.register(every_reviewable_is_registered)


def every_reviewable_is_registered(app_configs=None, **kwargs):
    """A reviewable model whose app forgot to register it would fail at its first save."""
    from django.apps import apps

    from . import registry
    from .models import Reviewable

    errors = []
    for model in apps.get_models():
        if issubclass(model, Reviewable):
            try:
                registry.kind_of(model)
            except LookupError:
                errors.append(
                    checks.Error(
                        f"{model._meta.label} is reviewable but not registered for review.",
                        hint="Call coopdec.review.registry.register() in its app's ready().",
                        obj=model,
                        id="review.E001",
                    )
                )
    return errors
