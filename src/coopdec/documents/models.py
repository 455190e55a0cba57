from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.enums import Role
from coopdec.partnerships.models import InPartnershipQuerySet
from coopdec.review.models import Reviewable


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Signed agreement")
    REPORT = "report", _("Report")
    BUDGET = "budget", _("Budget")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other")


class DocumentQuerySet(InPartnershipQuerySet):
    def published(self):
        # A document attached to a project shows only once that project is published.
        return (
            super()
            .published()
            .filter(models.Q(project__isnull=True) | models.Q(project__published=True))
        )

    def public(self):
        # Agreements and reports hold signatures, names and amounts: never public.
        return self.none()

    def readable_by(self, user):
        """What ``documents.view_document`` allows, as a queryset."""
        if user.is_authenticated and user.is_federation:
            return self
        if user.is_authenticated and user.is_active and user.role == Role.OBSERVER:
            return self.published()
        return self.editable_by(user)


class Document(Reviewable):
    """A file kept for a partnership (and possibly one of its projects). Never public by
    itself: served only to the roles that may see it (``documents.view_document``)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("partnership"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=300)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ends_on = models.DateField(_("ends or is renewed on"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:download", kwargs={"pk": self.pk})

    @property
    def home_partnership(self):
        return self.partnership

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
