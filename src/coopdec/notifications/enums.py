from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often a person wants e-mail about one topic."""

    IMMEDIATE = "immediate", _("At once")
    WEEKLY = "weekly", _("Weekly digest")
    NONE = "none", _("Never")


class Reason(models.TextChoices):
    """Why a person hears about something: one list for every kind of subject."""

    PUBLISHED = "published", _("New opportunity")
    FORWARDED = "forwarded", _("Suggested by the federation")
    REMINDER_14 = "reminder_14", _("Deadline in 14 days")
    REMINDER_3 = "reminder_3", _("Deadline in 3 days")
    DIGEST = "digest", _("Weekly digest")
    PROPOSED = "proposed", _("Proposal to review")
    ACCEPTED = "accepted", _("Your proposal was accepted")
    REJECTED = "rejected", _("Your proposal was refused")
    AGREEMENT_90 = "agreement_90", _("Agreement ends within 90 days")
    AGREEMENT_30 = "agreement_30", _("Agreement ends within 30 days")
    ACTION_DUE = "action_due", _("Action due in 3 days")
    ACTION_OVERDUE = "action_overdue", _("Action overdue")
    REPORT_ISSUED = "report_issued", _("Monthly report issued")
    SURVEY = "survey", _("Follow-up survey")
    SURVEY_REMINDER = "survey_reminder", _("Follow-up survey reminder")
    ERASURE_ASKED = "erasure_asked", _("A volunteer asks for erasure")
    MEETING_INVITATION = "meeting_invitation", _("Invitation to a meeting")
    MINUTES_SHARED = "minutes_shared", _("Minutes shared for comments")
    COMMENTED = "commented", _("New comment")
    NEWSLETTER_CONFIRM = "newsletter_confirm", _("Newsletter subscription to confirm")
    NEWSLETTER = "newsletter", _("Newsletter")
    NEWSLETTER_DRAFT = "newsletter_draft", _("Newsletter issue to send")


# Reminders and how many days before the deadline each is due, longest first.
REMINDERS = {Reason.REMINDER_14: 14, Reason.REMINDER_3: 3}
# Reasons e-mailed on their own to anyone not on "never": a digest would come too late.
URGENT = frozenset(
    {
        *REMINDERS,
        Reason.AGREEMENT_90,
        Reason.AGREEMENT_30,
        Reason.ACTION_DUE,
        Reason.ACTION_OVERDUE,
    }
)


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Not sent (no longer wanted)")
