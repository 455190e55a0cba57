from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.review.models import Reviewable
from coopdec.review.registry import kind_of

from . import registry


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Signed agreement")
    REPORT = "report", _("Report")
    BUDGET = "budget", _("Budget")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    """Who may read a document, besides the federation."""

    PRIVATE = "private", _("Parties only")
    MEMBERS = "members", _("Signed-in members")
    PUBLIC = "public", _("Public")


def attached_documents() -> GenericRelation:
    """The field an owner model declares as ``documents``: its documents go with it when it
    is deleted, and whoever asks what depends on it (undo) finds them."""
    return GenericRelation(
        "documents.Document", content_type_field="owner_type", object_id_field="owner_id"
    )


class DocumentQuerySet(models.QuerySet):
    def owned_by(self, record):
        return self.filter(owner_type=ContentType.objects.get_for_model(record), owner_id=record.pk)

    def within(self, root):
        """The documents shown on ``root``'s page: its own and those of its parts."""
        return self.within_any(type(root), [root.pk])

    def within_any(self, model, keys):
        """The documents shown on the pages of ``model``'s records ``keys`` (a list or a
        subquery of keys)."""
        return self.filter(root_type=ContentType.objects.get_for_model(model), root_id__in=keys)

    def _owners(self, records) -> Q:
        """Documents whose owner is in ``records(model)`` (a queryset per owner kind)."""
        where = Q(pk__in=[])
        for model in registry.owners():
            where |= Q(
                owner_type=ContentType.objects.get_for_model(model),
                owner_id__in=records(model).values("pk"),
            )
        return where

    def published(self):
        """Accepted documents of published records."""
        return self.filter(
            self._owners(lambda model: model._default_manager.published()), published=True
        )

    def public(self):
        """What anyone may read: accepted documents meant for everyone, of public records."""
        return self.filter(
            self._owners(lambda model: model._default_manager.public()),
            published=True,
            audience=Audience.PUBLIC,
        )

    def editable_by(self, user):
        """The documents of the records the user may change (theirs to propose, all of
        them, whatever their audience)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        return self.filter(self._owners(lambda model: model._default_manager.editable_by(user)))

    def readable_by(self, user):
        """What ``documents.view_document`` allows, as a queryset: the federation reads
        everything; the parties of a record read its documents; a signed-in member reads
        the accepted documents for members of the records they may see; anyone reads the
        public ones."""
        if user.is_authenticated and user.is_federation:
            return self
        if not user.is_authenticated or not user.is_active:
            return self.public()
        members = self.filter(
            self._owners(lambda model: model._default_manager.visible_to(user)),
            published=True,
            audience__in=[Audience.MEMBERS, Audience.PUBLIC],
        )
        return self.editable_by(user) | members | self.public()

    def agreements(self):
        return self.filter(kind=DocumentKind.AGREEMENT)

    def expired(self, today=None):
        """Agreements whose end or renewal date has passed."""
        return self.agreements().filter(ends_on__lt=today or timezone.localdate())

    def current(self, today=None):
        """Agreements in force: no end date known, or not reached yet."""
        return self.agreements().filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today or timezone.localdate())
        )


class Document(Reviewable):
    """A file kept for a record (a partnership, a project…), read by its ``audience``."""

    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    # The record whose page lists it (a partnership, for its projects' documents).
    root_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    root_id = models.PositiveBigIntegerField()
    root = GenericForeignKey("root_type", "root_id")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=250)
    audience = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Audience.choices,
        help_text=_(
            "Parties: those who may change the record it belongs to. Members: everyone "
            "signed in who sees the record. Public: also visitors of the public atlas. The "
            "federation reads every document."
        ),
    )
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
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="document_owner"),
            models.Index(fields=["root_type", "root_id"], name="document_root"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:download", kwargs={"pk": self.pk})

    def attach(self, owner: models.Model) -> None:
        """Belong to ``owner``, listed on the page its review kind shows it on."""
        self.owner = owner
        self.root = kind_of(owner).root(owner)

    @property
    def filename(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]

    @property
    def expired(self) -> bool:
        return (
            self.kind == DocumentKind.AGREEMENT
            and self.ends_on is not None
            and self.ends_on < timezone.localdate()
        )
