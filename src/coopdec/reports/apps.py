from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "coopdec.reports"
    label = "reports"
    verbose_name = _("Reports")
    # Reports are made from the figures; they do not change them.
    figures = False

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.notifications import topics

        from .models import MonthlyReport

        topics.register("reports", _("Monthly reports issued"))
        auditlog.register(MonthlyReport, exclude_fields=["pdf", "docx", "drafted_at"])
