from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopdec.core.addresses import page_address
from coopdec.core.models import SearchableQuerySet
from coopdec.core.text import search_document
from coopdec.documents.models import attached_documents
from coopdec.partnerships.models import InPartnershipQuerySet, Partnership
from coopdec.review.models import Reviewable

from .enums import Instrument, ProjectStatus

CENT = Decimal("0.01")
UNIT = Decimal("1")
XOF_PER_EURO = Decimal("655.957")


# as_manager() differs between the two bases only in its inferred return type.
class ProjectQuerySet(InPartnershipQuerySet, SearchableQuerySet):  # type: ignore[override]
    public_flags = ("is_public", "partnership__is_public")

    def within(self, area) -> ProjectQuerySet:
        return self.filter(partnership__in=Partnership.objects.within(area))

    def involving(self, area) -> ProjectQuerySet:
        return self.filter(partnership__in=Partnership.objects.involving(area).values("pk"))


class Project(Reviewable):
    documents = attached_documents()
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("partnership"),
    )
    title = models.CharField(pgettext_lazy("project", "title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="projects", verbose_name=_("themes")
    )
    goals = models.ManyToManyField(
        "taxonomy.SustainableDevelopmentGoal",
        blank=True,
        related_name="projects",
        verbose_name=_("sustainable development goals"),
    )
    areas = models.ManyToManyField(
        "territories.Area",
        blank=True,
        related_name="projects",
        verbose_name=_("communes concerned"),
    )
    places = models.CharField(
        _("places"), max_length=500, blank=True, help_text=_("Villages, districts, sites.")
    )
    is_public = models.BooleanField(
        _("shown on the public atlas"),
        default=False,
        help_text=_("Only the federation decides what the public sees."),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", kwargs={"pk": self.pk})

    @property
    def home_partnership(self) -> Partnership:
        return self.partnership

    def get_public_url(self) -> str:
        """Its page on the public atlas (only reachable if it is public)."""
        return page_address("public:project", self.pk, self.title)

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_document(self.title, self.places)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class FundingLineQuerySet(InPartnershipQuerySet):
    partnership_path = "project__partnership"
    parents = ("project", "project__partnership")
    public_flags = ("project__is_public", "project__partnership__is_public")


class FundingLine(Reviewable):
    """One funder's contribution to a project, in its currency and converted."""

    AMOUNTS = ("planned", "committed", "disbursed")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding_lines", verbose_name=_("project")
    )
    funder_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("funder (organisation)"),
    )
    funder_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("funder (local government)"),
    )
    instrument = models.CharField(_("instrument"), max_length=30, choices=Instrument.choices)
    currency = models.ForeignKey(
        "territories.Currency", on_delete=models.PROTECT, verbose_name=_("currency")
    )
    planned = models.DecimalField(
        _("planned"), max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    committed = models.DecimalField(
        _("committed"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    disbursed = models.DecimalField(
        _("disbursed"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    date = models.DateField(_("date"), help_text=_("Decision or payment date; sets the year."))
    units_per_euro = models.DecimalField(
        _("exchange rate (units for one euro)"),
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("Filled in for currencies with a fixed parity to the euro."),
    )
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    planned_eur = models.DecimalField(max_digits=16, decimal_places=2, default=0, editable=False)
    committed_eur = models.DecimalField(max_digits=16, decimal_places=2, default=0, editable=False)
    disbursed_eur = models.DecimalField(max_digits=16, decimal_places=2, default=0, editable=False)
    planned_xof = models.DecimalField(max_digits=18, decimal_places=0, default=0, editable=False)
    committed_xof = models.DecimalField(max_digits=18, decimal_places=0, default=0, editable=False)
    disbursed_xof = models.DecimalField(max_digits=18, decimal_places=0, default=0, editable=False)

    objects = FundingLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(funder_organisation__isnull=False, funder_government__isnull=True)
                | Q(funder_organisation__isnull=True, funder_government__isnull=False),
                name="funding_line_one_funder",
                violation_error_message=_(
                    "Name one funder: an organisation or a local government."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder} — {self.planned} {self.currency_id and self.currency.code}"

    @property
    def home_partnership(self) -> Partnership:
        return self.project.partnership

    @property
    def funder(self):
        return self.funder_organisation or self.funder_government

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() + f"#funding-{self.pk}"

    def clean(self) -> None:
        if self.currency_id and self.currency.rate_is_fixed:
            self.units_per_euro = self.currency.units_per_euro
            self.rate_date = self.currency.rate_date
        elif self.currency_id and not self.units_per_euro:
            raise ValidationError(
                {
                    "units_per_euro": _(
                        "%(currency)s has no fixed parity to the euro: give the rate used "
                        "and its date."
                    )
                    % {"currency": self.currency.code}
                }
            )
        elif self.units_per_euro and not self.rate_date:
            raise ValidationError({"rate_date": _("Give the date of the exchange rate.")})

    def convert(self) -> None:
        """Set the amounts in euros and in CFA francs from the amounts in the line's currency."""
        for amount in self.AMOUNTS:
            in_euros = Decimal(getattr(self, amount)) / Decimal(str(self.units_per_euro))
            setattr(self, f"{amount}_eur", in_euros.quantize(CENT, ROUND_HALF_UP))
            setattr(self, f"{amount}_xof", (in_euros * XOF_PER_EURO).quantize(UNIT, ROUND_HALF_UP))

    def save(self, *args, **kwargs) -> None:
        self.convert()
        super().save(*args, **kwargs)

    # A line this many times larger (or smaller) than the project's others is likely typed
    # in the wrong currency (1 EUR is 655.957 XOF) or with extra zeros.
    OUT_OF_SCALE = 100

    def implausible(self) -> list[str]:
        """What looks wrong in these amounts, for the person to confirm or correct: money
        spent beyond what was committed, committed beyond what was planned, or a line out
        of scale with the project's other lines."""
        found: list[str] = []
        planned, committed, disbursed = (getattr(self, name) or 0 for name in self.AMOUNTS)
        if committed and disbursed > committed:
            found.append(str(_("More is disbursed than committed.")))
        if planned and committed > planned:
            found.append(str(_("More is committed than planned.")))
        if self.units_per_euro and planned:
            self.convert()
            others = sorted(
                FundingLine.objects.filter(project_id=self.project_id, planned_eur__gt=0)
                .exclude(pk=self.pk)
                .values_list("planned_eur", flat=True)
            )
            if others:
                typical = others[(len(others) - 1) // 2]  # the lower median
                ratio = self.planned_eur / typical
                if ratio > self.OUT_OF_SCALE or ratio * self.OUT_OF_SCALE < 1:
                    found.append(
                        str(
                            _(
                                "This line is about %(ratio)s times the project's other lines: "
                                "is the currency right?"
                            )
                            % {"ratio": f"{ratio:.0f}" if ratio > 1 else f"1/{1 / ratio:.0f}"}
                        )
                    )
        return found


class IndicatorQuerySet(InPartnershipQuerySet):
    partnership_path = "project__partnership"
    parents = ("project", "project__partnership")
    public_flags = ("project__is_public", "project__partnership__is_public")


class MeasurementQuerySet(InPartnershipQuerySet):
    partnership_path = "indicator__project__partnership"

    def latest_values(self, indicators) -> dict[int, Decimal]:
        """Each of ``indicators``' latest value among these measurements, by date (an
        indicator never measured is absent)."""
        found: dict[int, Decimal] = {}
        for indicator_id, value in (
            self.filter(indicator__in=indicators)
            .order_by("indicator_id", "date", "pk")
            .values_list("indicator_id", "value")
        ):
            found[indicator_id] = value  # the last one, by date, wins
        return found

    parents = ("indicator", "indicator__project", "indicator__project__partnership")
    public_flags = ("indicator__project__is_public", "indicator__project__partnership__is_public")


class Indicator(Reviewable):
    """A result the project measures: baseline, target, and measured values over time."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    name = models.CharField(_("indicator"), max_length=250)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("People, wells, km, %…"))
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    target_date = models.DateField(_("target date"))

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def home_partnership(self) -> Partnership:
        return self.project.partnership

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() + f"#indicator-{self.pk}"


class Measurement(Reviewable):
    """An actual value of an indicator at a date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("actual value"), max_digits=16, decimal_places=2)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_measurement_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"

    @property
    def home_partnership(self) -> Partnership:
        return self.indicator.project.partnership

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()
