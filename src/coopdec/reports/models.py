"""Monthly reports: asked for a month, drafted by the background worker from the data (PDF
and editable document), given a foreword and issued by the federation; issued reports are
kept and shared with observers and partners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopdec.core.typography import month_year


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Being drafted")
    READY = "ready", _("Drafted")
    ISSUED = "issued", _("Issued")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The federation reads every report; observers and partners the issued ones."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        return self.filter(state=ReportState.ISSUED)


class MonthlyReport(models.Model):
    month = models.DateField(_("month"), unique=True, help_text=_("Its first day."))
    foreword = models.TextField(_("foreword"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.QUEUED
    )
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    docx = models.FileField(_("editable document"), upload_to="reports/", blank=True)
    empty = models.BooleanField(_("nothing recorded that month"), default=False)
    drafted_at = models.DateTimeField(_("drafted on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month"]

    def __str__(self) -> str:
        return str(_("Monthly report — %(month)s") % {"month": month_year(self.month)})

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])
