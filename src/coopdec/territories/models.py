from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import NAME, by_name
from coopdec.core.links import validate_web_address
from coopdec.core.models import BilingualName, SearchableQuerySet
from coopdec.core.text import normalize_name, search_document

from .enums import AliasKind, LevelKind, SizeClass
from .signals import areas_moved


class Country(BilingualName):
    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    code3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric code"), max_length=3)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = [by_name("name_fr")]

    @property
    def slug(self) -> str:
        return slugify(self.name_fr)

    def get_public_url(self) -> str:
        """The country's page on the public atlas."""
        return reverse("public:country", kwargs={"slug": self.slug})


class Currency(BilingualName):
    code = models.CharField(_("ISO 4217 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 4217 numeric code"), max_length=3, blank=True)
    units_per_euro = models.DecimalField(
        _("units for one euro"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    rate_is_fixed = models.BooleanField(_("fixed parity"), default=False)
    rate_date = models.DateField(_("rate date"), null=True, blank=True)

    class Meta:
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class AdminLevel(BilingualName):
    """A level of a country's administration (Togo: region, prefecture, commune, canton)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField(_("code"), max_length=50)
    depth = models.PositiveSmallIntegerField(_("depth"), help_text=_("1 for the highest level"))
    kind = models.CharField(_("kind"), max_length=20, choices=LevelKind.choices)
    is_local_government = models.BooleanField(
        _("is a local government"),
        help_text=_(
            "Elected local governments can enter partnerships; other levels only locate them."
        ),
    )

    class Meta:
        verbose_name = _("administrative level")
        verbose_name_plural = _("administrative levels")
        ordering = ["country__code", "depth"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="level_unique_code"),
        ]


class AreaQuerySet(SearchableQuerySet):
    # Filters go through the level ids (a subquery, not joins: a level belongs to one
    # country), so that the database reads the (level, name) index even with tens of
    # thousands of areas.

    def at_home(self, kind: str) -> AreaQuerySet:
        """Areas of the federation's own country at one kind of level."""
        levels = AdminLevel.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY, kind=kind)
        return self.filter(level__in=levels.values("pk"))

    def communes(self) -> AreaQuerySet:
        """The federation's own communes."""
        return self.at_home(LevelKind.MUNICIPALITY)

    def foreign_local_governments(self) -> AreaQuerySet:
        levels = AdminLevel.objects.filter(is_local_government=True).exclude(
            country__code=settings.COOPDEC_HOME_COUNTRY
        )
        return self.filter(level__in=levels.values("pk"))

    def inside(self, area) -> AreaQuerySet:
        """These areas that lie in ``area``, at any depth below it (a region's communes,
        with or without prefectures between them)."""
        # Subqueries, one a level below ``area``'s, rather than the ids read level by level:
        # a region's 8,000 communes and cantons were read into Python and sent back as as
        # many parameters (190 ms at atlas10); the database now walks its parent index.
        below = AdminLevel.objects.filter(
            country_id=area.country_id,
            depth__gt=AdminLevel.objects.filter(pk=area.level_id).values("depth")[:1],
        ).count()
        lies_inside = Q(parent=area.pk)
        layer = Area.objects.filter(parent=area.pk).values("pk")
        for _step in range(below - 1):
            lies_inside |= Q(parent__in=layer)
            layer = Area.objects.filter(parent__in=layer).values("pk")
        return self.filter(lies_inside)

    def editable_by(self, user) -> AreaQuerySet:
        """Local governments whose record ``user`` may change: all for the federation."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        return self.filter(pk__in=user.scoped_area_ids())


class Area(models.Model):
    """A place in a country's administration: a region, prefecture, commune, canton, a
    French department or intercommunality... Those whose level is a local government can
    take part in partnerships."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="areas")
    level = models.ForeignKey(AdminLevel, on_delete=models.PROTECT, related_name="areas")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=220)
    official_code = models.CharField(
        _("official code"),
        max_length=30,
        blank=True,
        help_text=_("For example a French INSEE code."),
    )
    seat_town = models.CharField(_("seat town"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_web_address])
    description = models.TextField(_("description"), blank=True)
    # Groups beside the tree of parents: a French commune in its intercommunality.
    member_of = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="members",
        blank=True,
        verbose_name=_("member of"),
    )
    name_key = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = AreaQuerySet.as_manager()

    # What ``region`` and ``prefecture`` read, for ``select_related`` (three levels up).
    PLACE = ("level", "parent__level", "parent__parent__level", "parent__parent__parent__level")

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = [by_name("name")]
        constraints = [
            models.UniqueConstraint(fields=["country", "level", "slug"], name="area_unique_slug"),
        ]
        indexes = [
            models.Index(fields=["level", "name"], name="area_level_name"),
            # Names in reading order (``core.collation``) with the level beside them: a list
            # of communes (or of partner governments) is read from the index, not sorted.
            # 24,995 communes on SQLite: page 1 95 → 0.2 ms, page 499 52 → 3 ms.
            models.Index(Collate("name", NAME), F("id"), F("level"), name="area_reading_order"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_commune(self) -> bool:
        return (
            self.country.code == settings.COOPDEC_HOME_COUNTRY
            and self.level.kind == LevelKind.MUNICIPALITY
        )

    def get_absolute_url(self) -> str:
        if self.is_commune:
            return reverse("territories:commune_detail", kwargs={"slug": self.slug})
        return reverse(
            "territories:lg_detail",
            kwargs={
                "country": self.country.code.lower(),
                "level": self.level.code,
                "slug": self.slug,
            },
        )

    def _ancestor(self, kind: str) -> Area | None:
        return next((area for area in self.ancestors() if area.level.kind == kind), None)

    @property
    def region(self) -> Area | None:
        """The region (or province, or Benin's department) it lies in, whatever the number
        of levels between."""
        return self._ancestor(LevelKind.REGION)

    @property
    def prefecture(self) -> Area | None:
        """The intermediate area it lies in (a prefecture, a French department), if its
        country has one."""
        return self._ancestor(LevelKind.INTERMEDIATE)

    def ancestors(self) -> list[Area]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "search_text"}
        moved = (
            self.pk is not None
            and Area.objects.filter(pk=self.pk).values_list("parent_id", flat=True).first()
            != self.parent_id
        )
        super().save(*args, **kwargs)
        if moved:
            areas_moved.send(Area, areas=[self])

    def refresh_search_text(self) -> None:
        """Recompute the match key and search document from the names (not saved)."""
        alias_names = list(self.aliases.values_list("name", flat=True)) if self.pk else []
        self.name_key = normalize_name(self.name)
        self.search_text = search_document(
            self.name, self.seat_town, self.official_code, *alias_names
        )

    def save_search_text(self) -> None:
        """Store the search fields alone (after an alias changed), with no audit entry."""
        self.refresh_search_text()
        Area.objects.filter(pk=self.pk).update(name_key=self.name_key, search_text=self.search_text)


class AreaAlias(models.Model):
    """Another name by which people know an area: an old town name, a spelling, a seat."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    normalized = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AliasKind.choices)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(fields=["area", "normalized"], name="alias_unique_per_area"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)
        self.area.save_search_text()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.area.save_search_text()
        return result


def region_key() -> Case:
    """For a query on areas: the key of the region each lies in (or is), whatever the
    number of levels between (as far up as ``Area.PLACE`` reads). What ``Partnership.region``
    stores."""
    ups = ["parent__" * depth for depth in range(len(Area.PLACE))]
    return Case(
        *(When(**{f"{up}level__kind": LevelKind.REGION}, then=F(f"{up}id")) for up in ups),
        default=None,
    )
