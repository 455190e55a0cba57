"""Validation of changes: what focal points and partners propose, the federation decides.

Records that go through validation inherit ``Reviewable``. A new record proposed for
validation is stored unpublished; a change to a published record is stored as a
``Revision`` (before → after) and only applied when the federation accepts it. The public
and the dashboards only ever see published records.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReviewableQuerySet(models.QuerySet):
    """Scoping shared by the partnership and everything recorded inside it.

    ``partnership_path`` is the lookup from the model to its partnership ("" for the
    partnership itself); ``parents`` the lookups of every record it belongs to, which must
    be published too for it to show.
    """

    partnership_path = "partnership"
    parents: tuple[str, ...] = ("partnership",)
    # The "shown on the public atlas" flags a record needs, its own and its parents'.
    public_flags: tuple[str, ...] = ("partnership__is_public",)

    def _path(self, lookup: str) -> str:
        return f"{self.partnership_path}__{lookup}" if self.partnership_path else lookup

    def published(self):
        return self.filter(
            published=True, **{f"{parent}__published": True for parent in self.parents}
        )

    def public(self):
        """What the public atlas, open data and API show: published records that the
        federation marked public, inside public parents."""
        return self.published().filter(**dict.fromkeys(self.public_flags, True))

    def editable_by(self, user):
        from coopdec.partnerships.models import Partnership

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        in_scope = Partnership.objects.filter(Partnership.scope_of(user)).values("pk")
        return self.filter(**{self._path("pk__in"): in_scope})

    def visible_to(self, user):
        """Published records, and the unpublished ones the user may edit."""
        if user.is_authenticated and user.is_federation:
            return self
        return self.published() | self.editable_by(user)


class Reviewable(models.Model):
    published = models.BooleanField(_("published"), default=False, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ReviewableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def review_partnership(self):
        """The partnership the record belongs to (groups revisions, scopes access)."""
        return self.partnership

    def after_save(self) -> None:
        """Run after every saved change, direct or accepted: keep the partnership's
        last activity date true."""
        self.review_partnership.refresh_activity()


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Revision.State.PENDING)

    def for_object(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )


class Revision(models.Model):
    """One proposed change to a reviewable record, and the federation's decision."""

    class Action(models.TextChoices):
        CREATE = "create", _("New record")
        UPDATE = "update", _("Change")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("partnership"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    before = models.JSONField(_("before"), encoder=DjangoJSONEncoder, default=dict)
    after = models.JSONField(_("after"), encoder=DjangoJSONEncoder, default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_revisions",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_revisions",
        verbose_name=_("decided by"),
    )
    reviewed_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["state", "partnership"]),
        ]
        constraints = [
            # At most one open proposal per record: a new one replaces the open one.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="pending"),
                name="revision_one_pending_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.content_type.name} #{self.object_id}"
