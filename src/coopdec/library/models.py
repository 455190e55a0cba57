"""The library: model agreements, guides, reports and training material the federation
keeps for its members, or for everyone. A publication's files are documents attached to it
(``documents``): each new file is a new version, the former ones stay. A document attached
to another record stays there and may be pointed to from the library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopdec.core.models import SearchableQuerySet
from coopdec.documents.models import attached_documents
from coopdec.review.models import Reviewable, ReviewableQuerySet

from .enums import PublicationKind


class PublicationQuerySet(ReviewableQuerySet, SearchableQuerySet):  # type: ignore[override]
    public_flags = ("is_public",)

    def scope(self, user) -> Q:
        """Only the federation keeps the library."""
        return Q(pk__in=[])

    def visible_to(self, user):
        """Every member reads the library; visitors what is for everyone."""
        if not user.is_authenticated or not user.is_active:
            return self.public()
        if user.is_federation:
            return self
        return self.published()


class Publication(Reviewable):
    documents = attached_documents()
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    summary = models.TextField(_("summary"), max_length=2000)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Empty when not known."))
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    is_public = models.BooleanField(
        _("for everyone"),
        default=False,
        help_text=_("Unticked: for signed-in members only."),
    )
    linked_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document of a record"),
        help_text=_(
            "A document attached to a partnership, project or programme, shown here where "
            "it stays; its own audience still decides who may open it."
        ),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", args=[self.pk])

    get_public_url = get_absolute_url
