"""News of the federation and its partners: posts with an image, the themes, communes and
partnerships they are about, for members or for everyone. Partners' posts wait for the
federation's validation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopdec.core.addresses import page_address
from coopdec.review.models import Reviewable, ReviewableQuerySet


class PostQuerySet(ReviewableQuerySet):
    public_flags = ("is_public",)

    def scope(self, user) -> Q:
        """A partner speaks for the posts they wrote."""
        return Q(author=user)

    def visible_to(self, user):
        """Members read every validated post (and their own); visitors the public ones."""
        if not user.is_authenticated or not user.is_active:
            return self.public()
        if user.is_federation:
            return self
        return self.published() | self.editable_by(user)


class Post(Reviewable):
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("in short"), max_length=400)
    body = models.TextField(_("text"))
    image = models.ImageField(_("image"), upload_to="news/%Y/%m/", blank=True, max_length=300)
    image_description = models.CharField(
        _("what the image shows"),
        max_length=250,
        blank=True,
        help_text=_("For those who cannot see it (read aloud by screen readers)."),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    communes = models.ManyToManyField(
        "territories.Area", blank=True, related_name="+", verbose_name=_("communes concerned")
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="+",
        verbose_name=_("partnerships concerned"),
    )
    is_public = models.BooleanField(
        _("for everyone"), default=False, help_text=_("Unticked: for signed-in members only.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_address("news:page", self.pk, self.title)

    get_public_url = get_absolute_url
