"""Programmes: partnerships pooled around a lead local government or organisation, with a
budget and its co-financing plan, the members' yearly contributions, and the activities
the programme runs for the partnerships (training, exchange days, advisory missions)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopdec.core.addresses import page_address
from coopdec.documents.models import attached_documents
from coopdec.partnerships.models import Partnership
from coopdec.review.models import Reviewable, ReviewableQuerySet

from .enums import ActivityKind

HUNDRED = Decimal(100)


class ProgrammeQuerySet(ReviewableQuerySet):
    public_flags = ("is_public",)

    def running_in(self, year: int):
        """Programmes whose period covers some of ``year`` (an end not known: still
        running)."""
        return self.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )

    def scope(self, user) -> Q:
        """A partner speaks for a programme its local government or organisation leads."""
        return Q(lead_government__in=user.scoped_area_ids()) | Q(
            lead_organisation__in=user.scoped_organisation_ids()
        )


class Programme(Reviewable):
    """Partnerships pooling their means for common actions, over a period."""

    documents = attached_documents()
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    lead_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_programmes",
        verbose_name=_("lead local government"),
    )
    lead_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_programmes",
        verbose_name=_("lead organisation"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="programmes", verbose_name=_("partnerships")
    )
    projects = models.ManyToManyField(
        "projects.Project",
        blank=True,
        related_name="programmes",
        verbose_name=_("projects run by the programme itself"),
        help_text=_(
            "Besides its partnerships' projects: those the programme runs for all of them "
            "(a training, an exchange day), recorded under the partnership that carries them."
        ),
    )
    currency = models.ForeignKey(
        "territories.Currency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("currency"),
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For the whole period."),
    )
    yearly_contribution = models.DecimalField(
        _("yearly contribution of each member"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "What each partner local government abroad pays the programme each year; "
            "empty when there is none."
        ),
    )
    is_public = models.BooleanField(
        _("shown on the public atlas"),
        default=False,
        help_text=_("Only the federation decides what the public sees."),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.pk])

    def get_public_url(self) -> str:
        """Its page on the public atlas (only reachable if it is public)."""
        return page_address("public:programme", self.pk, self.name)

    @property
    def lead(self):
        return self.lead_government or self.lead_organisation

    def clean(self) -> None:
        errors = {}
        if not self.lead_government_id and not self.lead_organisation_id:
            errors["lead_government"] = _("Name the lead: a local government or an organisation.")
        if self.lead_government_id and self.lead_organisation_id:
            errors["lead_organisation"] = _(
                "One lead only: a local government or an organisation, not both."
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end comes before the start.")
        if errors:
            raise ValidationError(errors)

    def years(self) -> list[int]:
        """The calendar years of the period, when both ends are known."""
        if not (self.start_date and self.end_date):
            return []
        return list(range(self.start_date.year, self.end_date.year + 1))


class CoFunding(models.Model):
    """A funder's share of the programme's budget (the shares make 100 %), and what it
    actually paid."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cofunding", verbose_name=_("programme")
    )
    funder_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funding organisation"),
    )
    funder_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funding local government"),
    )
    share = models.DecimalField(
        _("share of the budget (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(HUNDRED)],
    )
    received = models.DecimalField(
        _("received so far"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty when not known."),
    )

    class Meta:
        verbose_name = _("co-funding")
        verbose_name_plural = _("co-funding plan")
        ordering = ["-share", "pk"]

    def __str__(self) -> str:
        return str(self.funder)

    @property
    def funder(self):
        return self.funder_organisation or self.funder_government

    @property
    def planned(self) -> Decimal | None:
        """Its share of the budget, when the budget is known."""
        if self.programme.budget is None:
            return None
        return (self.programme.budget * self.share / HUNDRED).quantize(Decimal("0.01"))


class Contribution(models.Model):
    """A member's contribution for one year: what it owes, and its payment once made."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("programme"),
    )
    member = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        related_name="programme_contributions",
        verbose_name=_("member"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    pledged = models.DecimalField(
        _("amount due"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    paid = models.DecimalField(
        _("amount paid"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    receipt = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt"),
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "member", "year"], name="contribution_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class Activity(models.Model):
    """Something the programme does for its partnerships: a training, an exchange day, an
    advisory mission, a meeting."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="activities", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Its first day."))
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    cost = models.DecimalField(
        _("cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the programme's currency; empty when not known."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title

    def counted(self) -> dict[str, int | None]:
        """Partnerships taking part, and participants, women and men among them: each sum
        over the partnerships whose count is known (None when none is)."""
        parts = list(self.participations.all())

        def total(key: str) -> int | None:
            known = [getattr(part, key) for part in parts if getattr(part, key) is not None]
            return sum(known) if known else None

        return {
            "partnerships": len(parts),
            "people": total("people"),
            "women": total("women"),
            "men": total("men"),
        }


class Participation(models.Model):
    """A partnership taking part in an activity, with how many people, by gender where it is
    known (counts only: names stay out of the programme's records)."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("activity"),
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="+", verbose_name=_("partnership")
    )
    people = models.PositiveSmallIntegerField(_("participants"), null=True, blank=True)
    women = models.PositiveSmallIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveSmallIntegerField(_("men"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "partnership"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} — {self.activity}"
