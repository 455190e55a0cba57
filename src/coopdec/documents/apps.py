from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


def every_owner_declares_its_documents(app_configs, **kwargs):
    """An owner without ``documents = attached_documents()`` would leave its documents
    behind when deleted, and undo would not see them."""
    from django.contrib.contenttypes.fields import GenericRelation

    from . import registry
    from .models import Document

    errors = []
    for model in registry.owners():
        field = next(
            (
                f
                for f in model._meta.private_fields
                if isinstance(f, GenericRelation) and f.related_model is Document
            ),
            None,
        )
        if field is None or field.object_id_field_name != "owner_id":
            errors.append(
                checks.Error(
                    f"{model.__name__} may own documents but does not declare "
                    "documents = attached_documents().",
                    obj=model,
                    id="documents.E001",
                )
            )
    return errors


class DocumentsConfig(AppConfig):
    name = "coopdec.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.accounts import home
        from coopdec.notifications import schedule, topics
        from coopdec.review import registry

        from . import home as documents_home
        from . import reminders
        from .models import Document

        registry.register(
            Document,
            communes=lambda document: registry.kind_of(document.owner).communes(document.owner),
            root=lambda document: document.root,
        )
        topics.register("agreements", _("Agreements about to end"))
        schedule.register("agreement reminders", reminders.remind)
        home.register("agreements", documents_home.section)

        # Which record it belongs to shows on its owner's history; the type is the file's.
        auditlog.register(
            Document,
            exclude_fields=[
                "updated_at",
                "owner_type",
                "owner_id",
                "root_type",
                "root_id",
                "content_type",
            ],
        )
        checks.register(every_owner_declares_its_documents)
