"""Good practices: what a commune and its partners did that others could do, written so
that communes of the country and of the sub-region can learn from it — its context, what
was done, its results, lessons and the conditions to replicate it — linked to the
projects, partnerships or programmes it comes from. Proposed by focal points and partners,
validated by the federation; once validated, public."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopdec.core.addresses import page_address
from coopdec.core.models import SearchableQuerySet
from coopdec.directory.enums import PositionRole
from coopdec.review.models import Reviewable, ReviewableQuerySet


class GoodPracticeQuerySet(ReviewableQuerySet, SearchableQuerySet):  # type: ignore[override]
    # Validated is public: a good practice is written to be shared.
    public_flags = ()

    def scope(self, user) -> Q:
        """A focal point or partner speaks for the practices of the local governments they
        speak for (those of its linked records), and for the ones they proposed."""
        concerned = GoodPractice.places.through.objects.filter(
            area__in=user.scoped_area_ids()
        ).values("goodpractice")
        return Q(pk__in=concerned) | Q(proposed_by=user)

    def with_theme(self, theme):
        return self.filter(
            pk__in=GoodPractice.themes.through.objects.filter(theme=theme).values("goodpractice")
        )

    def in_country(self, country):
        return self.filter(
            pk__in=GoodPractice.countries.through.objects.filter(country=country).values(
                "goodpractice"
            )
        )

    def of_size(self, size: str):
        """From communes of this size class."""
        return self.filter(
            pk__in=GoodPractice.places.through.objects.filter(area__size_class=size).values(
                "goodpractice"
            )
        )


class GoodPractice(Reviewable):
    title = models.CharField(_("title"), max_length=250)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    translation_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translation",
        verbose_name=_("translation of"),
        help_text=_("The same practice written in the other language, if there is one."),
    )
    summary = models.TextField(_("in short"), max_length=600)
    context = models.TextField(_("context"), help_text=_("The situation before, the need."))
    actions = models.TextField(_("what was done"), help_text=_("Steps, who did what, when."))
    results = models.TextField(
        _("results"),
        blank=True,
        help_text=_("What changed; the linked projects' measured indicators are shown too."),
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    replication = models.TextField(
        _("conditions to replicate"),
        blank=True,
        help_text=_("What another commune needs to do the same: people, means, partners."),
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty when not known."),
    )
    currency = models.ForeignKey(
        "territories.Currency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("currency"),
    )
    contact_role = models.CharField(
        _("who to contact"),
        max_length=30,
        choices=PositionRole.choices,
        blank=True,
        help_text=_("A role in the communes concerned, never a person's name."),
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="good_practices", verbose_name=_("projects")
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="good_practices",
        verbose_name=_("partnerships"),
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        blank=True,
        related_name="good_practices",
        verbose_name=_("programmes"),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    goals = models.ManyToManyField(
        "taxonomy.SustainableDevelopmentGoal",
        blank=True,
        related_name="+",
        verbose_name=_("sustainable development goals"),
    )
    # Kept by ``services.write`` from the linked records: the local governments concerned
    # (scope, "communes like mine") and their countries (filters).
    places = models.ManyToManyField(
        "territories.Area", blank=True, related_name="+", editable=False
    )
    countries = models.ManyToManyField(
        "territories.Country", blank=True, related_name="+", editable=False
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Its page (the same for the public and members; other addresses redirect)."""
        return page_address("practices:page", self.pk, self.title)

    get_public_url = get_absolute_url
