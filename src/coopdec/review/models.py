"""Validation of changes: what focal points and partners propose, the federation decides.

Records that go through validation inherit ``Reviewable``. A new record proposed for
validation is stored unpublished; a change to a published record is stored as a
``Revision`` (before → after) and only applied when the federation accepts it. The public
and the dashboards only ever see published records.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.enums import Role
from coopdec.core.audit import root_key

from .registry import kind_of


class ReviewableQuerySet(models.QuerySet):
    """Scoping shared by every reviewable record.

    ``parents`` are the lookups of the records it belongs to, which must be published too
    for it to show; ``public_flags`` the "shown on the public atlas" flags it needs, its own
    and its parents'. Which records a user speaks for is the domain's rule: subclasses say it
    in ``scope``.
    """

    parents: tuple[str, ...] = ()
    public_flags: tuple[str, ...] = ()

    def scope(self, user) -> Q:
        """The records a focal point or partner may change (not the federation's rule)."""
        raise NotImplementedError

    def published(self):
        return self.filter(
            published=True, **{f"{parent}__published": True for parent in self.parents}
        )

    def public(self):
        """What the public atlas, open data and API show: published records that the
        federation marked public, inside public parents."""
        return self.published().filter(**dict.fromkeys(self.public_flags, True))

    def editable_by(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        return self.filter(self.scope(user))

    def visible_to(self, user):
        """What each role reads (least privilege): the federation everything; observers
        and focal points the validated records (focal points also their communes'
        proposals); partners and volunteers what is public, and partners their own
        records; visitors what is public."""
        if not user.is_authenticated or not user.is_active:
            return self.public()
        if user.is_federation:
            return self
        if user.role in (Role.OBSERVER, Role.FOCAL_POINT):
            return self.published() | self.editable_by(user)
        return self.public() | self.editable_by(user)


class Reviewable(models.Model):
    """A record that focal points and partners may create, shown to others once the
    federation accepted it (``published``). A refused new record keeps the federation's
    message in ``refusal`` until it is proposed again. Each model declares its own manager,
    from a ``ReviewableQuerySet`` that says whose records they are (``scope``)."""

    published = models.BooleanField(_("published"), default=False, editable=False)
    refusal = models.TextField(_("refused because"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Its proposals go with it when it is deleted.
    revisions = GenericRelation("review.Revision")

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        """What the audit trail keeps with each change of a part (an event, a project, a
        document…): its root, whose history shows it even once the part is deleted."""
        try:
            root = kind_of(self).root(self)
        except (LookupError, ObjectDoesNotExist):
            return {}
        if root is None or (type(root) is type(self) and root.pk == self.pk):
            return {}
        return {"root": root_key(root)}

    @property
    def review_state(self) -> str:
        if self.published:
            return "published"
        return "refused" if self.refusal else "pending"


class ReviewPolicy(models.Model):
    """Whether changes to one kind of record need the federation's validation (no row: the
    federation's general setting)."""

    content_type = models.OneToOneField(ContentType, on_delete=models.CASCADE, related_name="+")
    required = models.BooleanField(_("needs validation"))

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return f"{self.content_type}: {self.required}"


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Revision.State.PENDING)

    def for_object(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )

    def within(self, root):
        """The proposals shown on ``root``'s page: its own and those of its parts."""
        return self.filter(root_type=ContentType.objects.get_for_model(root), root_id=root.pk)


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
    # The record whose page shows it (a partnership, for its events and projects).
    root_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    root_id = models.PositiveBigIntegerField()
    root = GenericForeignKey("root_type", "root_id")
    communes = models.ManyToManyField(
        "territories.Area", blank=True, related_name="+", verbose_name=_("communes concerned")
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
            models.Index(fields=["root_type", "root_id"], name="revision_root"),
            models.Index(fields=["author", "created_at"], name="revision_author_date"),
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
        target = self.target
        name = str(target) if target is not None else f"#{self.object_id}"
        return gettext("%(kind)s “%(name)s”") % {
            "kind": capfirst(self.content_type.name),
            "name": name,
        }

    def get_absolute_url(self) -> str:
        """Where its author follows it (the record's page, if it still exists)."""
        target = self.target
        if target is not None and hasattr(target, "get_absolute_url"):
            return target.get_absolute_url()
        return reverse("review:mine")
