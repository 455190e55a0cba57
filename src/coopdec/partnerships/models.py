from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.core import versions
from coopdec.core.addresses import page_address
from coopdec.core.audit import root_key
from coopdec.core.collation import NAME
from coopdec.core.dates import DatePrecision, PartialDate, display, precision_field
from coopdec.core.models import FederationSettings, SearchableQuerySet
from coopdec.core.text import search_document
from coopdec.documents.models import Document, attached_documents
from coopdec.review.models import Reviewable, ReviewableQuerySet
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import Area, region_key

from .enums import NORTH_COUNTRIES, Axis, EventKind, PartnershipKind, PartnershipStatus


class InPartnershipQuerySet(ReviewableQuerySet):
    """Records kept inside a partnership (events, projects, funding lines…): changed by
    whoever takes part in the partnership. ``partnership_path`` is the lookup from the
    model to its partnership ("" for the partnership itself)."""

    partnership_path = "partnership"
    parents: tuple[str, ...] = ("partnership",)
    public_flags: tuple[str, ...] = ("partnership__is_public",)

    def scope(self, user) -> Q:
        in_scope = Partnership.objects.filter(Partnership.scope_of(user)).values("pk")
        path = f"{self.partnership_path}__pk__in" if self.partnership_path else "pk__in"
        return Q(**{path: in_scope})


# as_manager() differs between the two bases only in its inferred return type.
class PartnershipQuerySet(InPartnershipQuerySet, SearchableQuerySet):  # type: ignore[override]
    partnership_path = ""
    parents = ()
    public_flags = ("is_public",)

    def within(self, area) -> PartnershipQuerySet:
        """Partnerships of a region or prefecture, or of the communes in it."""
        if area.level.kind == LevelKind.REGION:
            # The stored region: read, with the name order, from one index.
            return self.filter(region=area)
        areas = area.__class__.objects
        children = areas.filter(parent=area).values("pk")
        inside = areas.filter(Q(pk=area.pk) | Q(parent=area) | Q(parent__in=children))
        return self.filter(local_government__in=inside.values("pk"))

    def place(self) -> int:
        """Store again the region of these partnerships (``Partnership.region``), after a
        write that did not go through ``save`` (bulk) or moved their local governments."""
        regions = Area.objects.filter(pk=OuterRef("local_government_id")).values(key=region_key())
        placed = self.update(region=Subquery(regions[:1]))
        versions.bump()  # an update sends no signal: the cached counts by region are stale
        return placed

    def involving(self, area) -> PartnershipQuerySet:
        """Partnerships with ``area`` on either side: a commune's own, and those it joins
        as a partner (what its page lists, and the list its page links to)."""
        return self.filter(Partnership.involving_q([area.pk]))

    def with_country(self, country) -> PartnershipQuerySet:
        partners = Partnership.partner_governments.through.objects.filter(area__country=country)
        return self.filter(pk__in=partners.values("partnership_id"))

    def north_south(self) -> PartnershipQuerySet:
        return self.filter(partner_governments__country__code__in=NORTH_COUNTRIES).distinct()

    def communes_to_confirm(self) -> PartnershipQuerySet:
        """Partnerships whose commune is still to confirm (see ``commune_to_confirm``)."""
        return self.filter(local_government__level__is_local_government=False)

    def to_relaunch(self, wanted: bool = True) -> PartnershipQuerySet:
        """Partnerships marked dormant, or not ended and without any sign of life for the
        federation's dormancy period."""
        if not wanted:
            return self
        cutoff = FederationSettings.current().dormancy_cutoff()
        return self.exclude(status=PartnershipStatus.ENDED).filter(
            Q(status=PartnershipStatus.DORMANT) | Q(last_activity_on__lt=cutoff)
        )


class Partnership(Reviewable):
    """A cooperation between a commune (or region) of the federation's country and one or
    more local governments abroad, with the organisations that support it."""

    documents = attached_documents()

    name = models.CharField(
        _("name"),
        max_length=250,
        blank=True,
        help_text=_("Left empty, the names of the local governments are used."),
    )
    # What a file or a person did not say stays unknown: no kind, status or date is made up.
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PartnershipKind.choices,
        default=PartnershipKind.UNKNOWN,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.UNKNOWN,
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    status_since_precision = precision_field(_("precision of the status date"))
    local_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("commune or region"),
    )
    # The region the local government lies in (or is), kept by ``save`` and ``place``: a
    # region's partnerships in name order are then read from an index, not sorted (the
    # atlas's API, the staff list filtered by region).
    region = models.ForeignKey(
        "territories.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("region"),
    )
    partner_governments = models.ManyToManyField(
        "territories.Area",
        related_name="partnerships_abroad",
        verbose_name=_("partner local governments"),
    )
    supporting_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="partnerships",
        verbose_name=_("supporting organisations"),
    )
    first_contact_date = models.DateField(_("first contact"), null=True, blank=True)
    first_contact_precision = precision_field(_("precision of the first contact date"))
    signature_date = models.DateField(_("signed on"), null=True, blank=True)
    signature_precision = precision_field(_("precision of the signature date"))
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="partnerships", verbose_name=_("themes")
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public atlas"),
        default=False,
        help_text=_("Only the federation decides what the public sees."),
    )
    # The latest dated sign of life that is known; empty when none is.
    last_activity_on = models.DateField(
        _("last activity"), null=True, blank=True, editable=False, db_index=True
    )
    last_activity_precision = precision_field(_("precision of the last activity"))
    search_text = models.TextField(editable=False, blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name", "pk"]
        indexes = [
            # Serves the list filtered by status and place, sorted by name, from the index.
            models.Index(fields=["status", "local_government", "name"]),
            # Names in reading order (``core.collation``), read from an index rather than
            # sorted: all of them (staff), the public ones (the atlas and the API; deep
            # pages and cursors seek in it). 80,000 names: page 1 336 → 0.2 ms on SQLite.
            models.Index(Collate("name", NAME), F("id"), name="partnership_reading_order"),
            models.Index(
                Collate("name", NAME),
                F("id"),
                name="partnership_public_reading",
                condition=Q(published=True, is_public=True),
            ),
            # A region's partnerships in reading order, with their status (all; public).
            models.Index(
                F("region"),
                Collate("name", NAME),
                F("id"),
                F("status"),
                name="partnership_region_reading",
            ),
            models.Index(
                F("region"),
                Collate("name", NAME),
                F("id"),
                F("status"),
                name="partnership_public_region",
                condition=Q(published=True, is_public=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Partnership #%(number)s") % {"number": self.pk})

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"local_government", "local_government_id"} & {*update_fields}:
            self.region_id = (
                Area.objects.filter(pk=self.local_government_id)
                .values_list(region_key(), flat=True)
                .first()
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "region"}
        super().save(*args, **kwargs)

    @property
    def home_partnership(self) -> Partnership:
        return self

    @property
    def commune_to_confirm(self) -> bool:
        """Recorded in a prefecture (or region) because which of its communes is meant is
        not known for certain: counted there, listed for the federation to settle."""
        return not self.local_government.level.is_local_government

    def lapsed_agreement(self):
        """The agreement that ended last, when the partnership goes on and none is in
        force any more (None otherwise)."""
        if self.status == PartnershipStatus.ENDED:
            return None
        agreements = Document.objects.published().within(self)
        if agreements.current().exists():
            return None
        return agreements.expired().order_by("-ends_on").first()

    @staticmethod
    def scope_of(user) -> Q:
        """The partnerships a focal point or partner takes part in."""
        areas, organisations = user.scoped_area_ids(), user.scoped_organisation_ids()
        scope = Q(pk__in=[])
        if areas:
            scope |= Partnership.involving_q(areas)
        if organisations:
            supported = Partnership.supporting_organisations.through.objects.filter(
                organisation_id__in=organisations
            )
            scope |= Q(pk__in=list(supported.values_list("partnership_id", flat=True)))
        return scope

    @staticmethod
    def involving_q(area_ids) -> Q:
        """Partnerships with one of these local governments on either side.

        The partnerships abroad are read first (a few keys), so that the condition is two
        indexed look-ups: neither a join that needs duplicates removed, nor a subquery that
        makes PostgreSQL read every partnership."""
        abroad = Partnership.partner_governments.through.objects.filter(area_id__in=area_ids)
        keys = list(abroad.values_list("partnership_id", flat=True))
        return Q(local_government_id__in=area_ids) | Q(pk__in=keys)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership_detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        """Its page on the public atlas (only reachable if it is public)."""
        return page_address("public:partnership", self.pk, str(self))

    def axis(self) -> str:
        countries = {area.country.code for area in self.partner_governments.all()}
        return Axis.NORTH_SOUTH if countries & NORTH_COUNTRIES else Axis.SOUTH_SOUTH

    # Each date and the field that says how much of it is known.
    PRECISIONS = {
        "status_since": "status_since_precision",
        "first_contact_date": "first_contact_precision",
        "signature_date": "signature_precision",
    }

    def record_status(self) -> None:
        latest = self.status_changes.first()
        now = (self.status, self.status_since, self.status_since_precision)
        if latest is None or (latest.status, latest.date, latest.precision) != now:
            self.status_changes.create(
                status=self.status, date=self.status_since, precision=self.status_since_precision
            )

    def refresh_names(self) -> None:
        """Called once the partner local governments are set: default name, search words."""
        self.set_names(self.partner_governments.all(), self.supporting_organisations.all())
        Partnership.objects.filter(pk=self.pk).update(name=self.name, search_text=self.search_text)

    def set_names(self, partners, organisations) -> None:
        """The default name ("Kloto 1 – Bressuire") and the search words, from the local
        governments and organisations given (not saved)."""
        partner_names = [area.name for area in partners]
        if not self.name:
            self.name = " – ".join([self.local_government.name, *partner_names])
        self.search_text = search_document(
            self.name,
            self.local_government.name,
            *partner_names,
            *(organisation.name for organisation in organisations),
        )

    def latest_known(self, *more: date | None) -> PartialDate | None:
        """The latest of its own dates and of ``more`` (days) that is known and past, with
        what is known of it (a signature in 2007 is activity in 2007, not on 1 January)."""
        today = timezone.localdate()
        dates = [
            PartialDate(getattr(self, name), getattr(self, precision))
            for name, precision in self.PRECISIONS.items()
            if getattr(self, name) is not None
        ] + [PartialDate(day) for day in more if day is not None]
        past = [known for known in dates if known.date <= today]
        return max(past, key=lambda known: (known.date, known.precision == "day"), default=None)

    def set_activity(self, known: PartialDate | None) -> None:
        self.last_activity_on = known.date if known else None
        self.last_activity_precision = known.precision if known else DatePrecision.DAY

    def refresh_activity(self) -> None:
        """The latest dated sign of life that is known: its first contact, signature or
        current status, an event that took place, a project change. Recording or importing
        the partnership is not one (an import's date would hide a dormant twinning)."""
        last_event = self.events.aggregate(last=Max("date"))["last"]
        last_project = self.projects.aggregate(last=Max("updated_at"))["last"]
        self.set_activity(
            self.latest_known(
                last_event, timezone.localdate(last_project) if last_project else None
            )
        )
        Partnership.objects.filter(pk=self.pk).update(
            last_activity_on=self.last_activity_on,
            last_activity_precision=self.last_activity_precision,
        )


class StatusChange(models.Model):
    """The dated history of a partnership's status."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("partnership"),
    )
    status = models.CharField(_("status"), max_length=20, choices=PartnershipStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    precision = precision_field(_("precision of the date"))
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        when = display(self.date, self.precision)
        return f"{self.get_status_display()} ({when})" if when else self.get_status_display()

    def get_additional_data(self) -> dict:
        """Its changes show on the partnership's history."""
        return {"root": root_key(Partnership, self.partnership_id)}


class EventQuerySet(InPartnershipQuerySet):
    pass


class Event(Reviewable):
    """A mission, visit, meeting or training on the partnership's timeline."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Delegations and functions, one per line.")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url() + f"#event-{self.pk}"

    @property
    def home_partnership(self) -> Partnership:
        return self.partnership
