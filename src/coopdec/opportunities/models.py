"""Opportunities the federation and its partners spread to the communes, with who may
answer them (eligibility: ``eligibility.py`` decides)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopdec.core.links import validate_web_address
from coopdec.notifications.models import Notice
from coopdec.review.models import Reviewable, ReviewableQuerySet

from .enums import Answer, Audience, OpportunityKind, PartnershipCondition, TimeZone


class OpportunityQuerySet(ReviewableQuerySet):
    def scope(self, user) -> Q:
        """A partner's own proposals (the federation changes all of them)."""
        return Q(proposed_by=user.pk)

    def open(self, at=None) -> OpportunityQuerySet:
        """Published and not past their closing time (opening time not required: an
        announced call is worth knowing before it opens)."""
        at = at or timezone.now()
        return self.filter(published=True).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=at))


class Opportunity(Reviewable):
    """An opportunity the federation spreads to communes. A partner proposes one; the
    federation accepts it (validation), which publishes it and announces it."""

    kind = models.CharField(_("kind"), max_length=30, choices=OpportunityKind.choices)
    title = models.CharField(pgettext_lazy("opportunity", "title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("details"), blank=True)
    link = models.URLField(_("link"), blank=True, validators=[validate_web_address])
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
    time_zone = models.CharField(
        _("dates given in"), max_length=40, choices=TimeZone.choices, default=TimeZone.LOME
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
    # Reviewable's, which the federation may also tick in the form.
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
        help_text=_("A partner's proposal waits for the federation to publish it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The inbox lines about it (``Notice.objects.filter(opportunity=…)``); deleted with it.
    notices = GenericRelation(Notice, related_query_name="opportunity")

    objects = OpportunityQuerySet.as_manager()

    @property
    def review_state(self) -> str:
        """A federation's draft is no proposal: it awaits nobody's validation."""
        if not self.published and not self.refusal and self.proposed_by_id is None:
            return "draft"
        return super().review_state

    # Read by ``eligibility.with_conditions`` (and ``conditions`` for a page), not stored.
    condition_areas: list
    condition_themes: list
    conditions: list

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

    def reminder_at(self, days_before: int) -> datetime | None:
        """When the reminder ``days_before`` the deadline is due: the same clock time,
        that many calendar days earlier, on the clock the dates are given in (so a Paris
        deadline at noon is reminded at noon Paris time, summer time or not)."""
        if self.closes_at is None:
            return None
        deadline = self.closes_at.astimezone(ZoneInfo(self.time_zone))
        # Arithmetic on an aware datetime keeps the wall clock; the offset follows it.
        return (deadline - timedelta(days=days_before)).astimezone(UTC)


class Response(models.Model):
    """How far one commune went with one opportunity: reached (notified), seen, then its
    answer, each with its date. Set by the commune's focal point or by the federation."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="responses")
    commune = models.ForeignKey(
        "territories.Area", on_delete=models.CASCADE, related_name="opportunity_responses"
    )
    notified_at = models.DateTimeField(_("notified on"), null=True, blank=True)
    seen_at = models.DateTimeField(_("seen on"), null=True, blank=True)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    interested_at = models.DateTimeField(_("interested on"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decision on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "commune"], name="response_one_per_commune"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune} – {self.opportunity}"

    # The date field each answer records (declined and the decisions share one).
    DATE_OF: dict[str, str] = {
        Answer.INTERESTED: "interested_at",
        Answer.APPLIED: "applied_at",
        Answer.SELECTED: "decided_at",
        Answer.NOT_SELECTED: "decided_at",
        Answer.DECLINED: "decided_at",
    }

    def set_answer(self, answer: str, by, at=None) -> None:
        """Record ``answer`` now; earlier steps keep their dates, and an answer implies
        the commune has seen the opportunity."""
        at = at or timezone.now()
        self.answer = answer
        self.answered_by = by
        self.seen_at = self.seen_at or at
        if answer in self.DATE_OF:
            setattr(self, self.DATE_OF[answer], at)
        self.save()
