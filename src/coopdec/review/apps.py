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


def every_reviewable_is_registered(app_configs=None, models=None, **kwargs):
    """A reviewable model whose app forgot to register it would fail at its first save;
    one whose queryset does not say whose records they are (``scope``) would fail at the
    first focal point's or partner's page."""
    from django.apps import apps

    from . import registry
    from .models import Reviewable, ReviewableQuerySet

    errors = []
    for model in models if models is not None else apps.get_models():
        if not issubclass(model, Reviewable):
            continue
        queryset = type(model._default_manager.all())
        if getattr(queryset, "scope", None) is ReviewableQuerySet.scope:
            errors.append(
                checks.Error(
                    f"{model._meta.label}'s queryset does not define scope().",
                    hint="Give it a manager from a ReviewableQuerySet that defines scope(user).",
                    obj=model,
                    id="review.E002",
                )
            )
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
