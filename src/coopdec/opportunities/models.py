"""Opportunities the federation and its partners spread to the communes, with who may
answer them (eligibility: ``eligibility.py`` decides)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Audience, OpportunityKind, PartnershipCondition


class OpportunityQuerySet(models.QuerySet):
    def open(self, at=None) -> OpportunityQuerySet:
        """Published and not past their closing time (opening time not required: an
        announced call is worth knowing before it opens)."""
        at = at or timezone.now()
        return self.filter(published=True).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=at))


class Opportunity(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=OpportunityKind.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("details"), blank=True)
    link = models.URLField(_("link"), blank=True)
    issuer_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("issued by (organisation)"),
    )
    issuer_government = models.ForeignKey(
        "territories.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities_issued",
        verbose_name=_("issued by (local government)"),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes (deadline)"), null=True, blank=True)
    amount_min = models.DecimalField(
        _("smallest amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("largest amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.ForeignKey(
        "territories.Currency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("currency"),
    )
    audience = models.CharField(
        _("who may see it"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    # Eligibility: every condition that is set must hold; an empty one holds for all.
    areas = models.ManyToManyField(
        "territories.Area",
        blank=True,
        related_name="opportunities",
        verbose_name=_("regions, prefectures or communes"),
        help_text=_("Empty: every commune."),
    )
    size_classes = models.JSONField(
        _("commune sizes"), default=list, blank=True, help_text=_("Empty: every size.")
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme",
        blank=True,
        related_name="opportunities",
        verbose_name=_("themes"),
        help_text=_("Empty: any theme. Otherwise the commune must work on one of them."),
    )
    partnership_condition = models.CharField(
        _("condition on partnerships"),
        max_length=20,
        choices=PartnershipCondition.choices,
        default=PartnershipCondition.NONE,
        blank=True,
    )
    condition_country = models.ForeignKey(
        "territories.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of the condition"),
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["closes_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gte=models.F("opens_at")),
                name="opportunity_closes_after_it_opens",
                violation_error_message=_("An opportunity cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(partnership_condition="") | Q(condition_country__isnull=False),
                name="opportunity_condition_has_country",
                violation_error_message=_("A condition on partnerships needs its country."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opportunities:detail", kwargs={"pk": self.pk})
