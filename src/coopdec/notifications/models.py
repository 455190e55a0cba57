"""What people are told about any record: the in-app inbox (``Notice``), the e-mails
waiting or sent (``Mail``, the outbox), each person's wishes per topic (``Preference``) and
the fan-outs already done (``Dispatch``, so none is done twice).

A notice's subject is any record (an opportunity, a proposal, a document…), reached through
the content types framework: this app knows no domain model."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import topics
from .enums import Frequency, MailStatus, Reason


class Preference(models.Model):
    """How often one person wants e-mail about one topic (``topics``). No row: at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    topic = models.CharField(_("topic"), max_length=40)
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="preference_one_per_topic")
        ]

    @classmethod
    def of(cls, user_ids) -> dict[tuple[int, str], str]:
        """(user id, topic) → frequency, for the rows that exist (one query)."""
        rows = cls.objects.filter(user__in=list(user_ids)).values_list("user", "topic", "frequency")
        return {(user, topic): frequency for user, topic, frequency in rows}

    def __str__(self) -> str:
        return f"{self.user} – {self.topic}: {self.get_frequency_display()}"

    @classmethod
    def chosen(cls, known: dict, user_id: int, topic: str) -> str:
        return known.get((user_id, topic)) or topics.default(topic)

    @classmethod
    def set_all(cls, user, frequencies: dict[str, str]) -> None:
        for topic, frequency in frequencies.items():
            cls.objects.update_or_create(user=user, topic=topic, defaults={"frequency": frequency})


class Notice(models.Model):
    """One line of a person's inbox: a record (its *subject*) and why they hear of it.

    The subject is told in the inbox and in e-mails by the templates
    ``<app>/notices/<model>.html`` and ``.txt`` of the subject's app, with a plain fallback
    (``notifications/notices/any.*``). A notice whose subject was deleted since reads
    "no longer available"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    topic = models.CharField(_("topic"), max_length=40)
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    communes = models.ManyToManyField(
        "territories.Area", related_name="+", verbose_name=_("for the communes")
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [
            models.Index(fields=["user", "created_at"], name="notice_user_date"),
            models.Index(fields=["content_type", "object_id"], name="notice_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.subject}"

    def templates(self, extension: str) -> list[str]:
        """The subject's own template, then the plain one (``{% include %}`` takes the first
        that exists)."""
        own = f"{self.content_type.app_label}/notices/{self.content_type.model}.{extension}"
        return [own, f"notifications/notices/any.{extension}"]

    @property
    def html_templates(self) -> list[str]:
        return self.templates("html")

    @property
    def text_templates(self) -> list[str]:
        return self.templates("txt")

    @property
    def inbox_templates(self) -> list[str]:
        return self.templates("inbox.html")

    @property
    def commune_names(self) -> str:
        return ", ".join(sorted(commune.name for commune in self.communes.all()))


class Mail(models.Model):
    """One e-mail to one person. ``key`` names what it is about, so the same e-mail cannot
    be queued twice; the status moves pending → sending → sent (or failed / cancelled)
    under ``outbox``'s claims, so it is sent once even with several workers.

    An e-mail goes either to an account (``user``, telling its ``notices``) or, as a
    *letter*, to someone without one: then ``letter`` is the record it is about, and the
    app that owns that record writes it and names the address when it is sent (``letters``),
    so that nothing personal is copied here."""

    key = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    letter_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    letter_id = models.PositiveBigIntegerField(null=True, blank=True)
    letter = GenericForeignKey("letter_type", "letter_id")
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    notices = models.ManyToManyField(Notice, related_name="mails")
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued on"), default=timezone.now)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(letter_id__isnull=False),
                name="mail_to_someone",
            )
        ]
        indexes = [
            models.Index(fields=["letter_type", "letter_id"], name="mail_letter"),
            models.Index(
                fields=["next_attempt_at"],
                name="mail_due",
                condition=Q(status__in=[MailStatus.PENDING, MailStatus.SENDING]),
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Dispatch(models.Model):
    """A fan-out done once: "published:42", "reminder_3:42", "digest:2027-03-01"…"""

    key = models.CharField(max_length=120, unique=True)
    done_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.key
