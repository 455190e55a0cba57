from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "coopdec.projects"
    label = "projects"
    verbose_name = _("Projects and funding")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.comments import registry as comments
        from coopdec.documents import registry as documents
        from coopdec.review import registry

        from .models import FundingLine, Indicator, Measurement, Project

        for model in (Project, FundingLine, Indicator, Measurement):
            registry.register(
                model,
                communes=lambda record: [record.home_partnership.local_government_id],
                root=lambda record: record.home_partnership,
            )
        documents.register(Project)

        auditlog.register(
            Project,
            exclude_fields=["search_text", "updated_at"],
            m2m_fields={"themes", "goals", "areas"},
        )
        # The amounts in euros and CFA francs follow from the amount and the rate.
        auditlog.register(
            FundingLine,
            exclude_fields=[
                "updated_at",
                *(
                    f"{kind}_{currency}"
                    for kind in FundingLine.AMOUNTS
                    for currency in ("eur", "xof")
                ),
            ],
        )
        auditlog.register(Indicator, exclude_fields=["updated_at"])
        auditlog.register(Measurement, exclude_fields=["updated_at"])
        # Its records may be commented and followed.
        comments.register(Project)
