"""The newsletter: subscribers (members or the public, confirmed by a link), issues
composed by coopdec from what changed in a month or a week, and their deliveries through
the outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    WEEKLY = "weekly", _("Weekly")


class Subscriber(models.Model):
    """An address that asked for the newsletter: sent nothing but the confirmation until
    it is confirmed, nothing at all once unsubscribed."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    weekly = models.BooleanField(
        _("also the weekly issue"), default=False, help_text=_("The monthly issue comes anyway.")
    )
    asked_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def receives(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Issue(models.Model):
    cadence = models.CharField(_("cadence"), max_length=10, choices=Cadence.choices)
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to"))
    introduction_fr = models.TextField(_("introduction (French)"), blank=True)
    introduction_en = models.TextField(
        _("introduction (English)"), blank=True, help_text=_("Empty: the French one.")
    )
    # What it said, kept when it was sent (the archive shows it as it went).
    contents = models.JSONField(_("contents"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cadence", "first_day"], name="one_issue_a_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} {self.first_day:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", args=[self.pk])

    def introduction(self, language: str) -> str:
        return (self.introduction_en if language == "en" else "") or self.introduction_fr


class Delivery(models.Model):
    """One issue to one subscriber: the outbox's letter is about it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}"
