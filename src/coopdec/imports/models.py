"""The import history: who imported which file, how, with what result — and how to undo it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Work(models.TextChoices):
    CHECKING = "checking", _("Checking the rows")
    IMPORTING = "importing", _("Importing")


class ImportRun(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        COMMITTED = "committed", _("Imported")
        UNDONE = "undone", _("Undone")

    kind = models.CharField(_("kind of records"), max_length=30)
    file_name = models.CharField(_("file"), max_length=255)
    # The uploaded file, kept while the import is prepared and afterwards as its record.
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    mapping = models.JSONField(_("columns"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.COMMITTED
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("imported by"),
        help_text=_("Empty when imported from the command line."),
    )
    created_at = models.DateTimeField(_("imported on"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone on"), null=True, blank=True)
    # A long file is checked and imported by the background worker: what it is doing, how
    # far it got, what it found (the preview as the page shows it) and why it stopped.
    working = models.CharField(
        _("in the background"), max_length=10, choices=Work.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    outcome = models.JSONField(_("check"), default=dict, blank=True)
    failure = models.TextField(_("failure"), blank=True)
    # The worker at work holds a lease it renews while alive; a lease run out means that
    # worker died, and the work is taken up again from the start (``drafts.take_up``).
    lease_until = models.DateTimeField(_("worker's lease until"), null=True, blank=True)
    restarts = models.PositiveSmallIntegerField(_("taken up again"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportChange(models.Model):
    """One record an import created or changed, with what it was before."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    before = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type.model} #{self.object_id}"


class SavedMapping(models.Model):
    """Columns and name picks kept under a name, for the next file of the same source."""

    kind = models.CharField(_("kind of records"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    mapping = models.JSONField(_("columns"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    updated_at = models.DateTimeField(_("saved on"), auto_now=True)

    class Meta:
        verbose_name = _("saved mapping")
        verbose_name_plural = _("saved mappings")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="one_mapping_name_per_kind")
        ]

    def __str__(self) -> str:
        return self.name
