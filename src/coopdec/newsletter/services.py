"""The newsletter's life: subscribing with a confirmation link, composing an issue from
what changed in its period (public records only: the public may subscribe), sending it
through the outbox, unsubscribing in one click."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopdec.accounts.models import federation_staff
from coopdec.core.audit import changed_between
from coopdec.core.typography import long_date, month_year
from coopdec.news.models import Post
from coopdec.notifications import fanout, letters, outbox
from coopdec.notifications.enums import Reason
from coopdec.notifications.models import Mail
from coopdec.opportunities.enums import Audience
from coopdec.opportunities.models import Opportunity
from coopdec.partnerships.models import Partnership
from coopdec.practices.models import GoodPractice
from coopdec.programmes.models import Activity, Programme
from coopdec.projects.models import Project

from .models import Cadence, Delivery, Issue, Subscriber

SALT = "coopdec.newsletter"
TOPIC = "newsletter"
CONFIRM_DAYS = 7
# A confirmation link is sent again to one address at most this often.
RESEND_AFTER = timedelta(hours=1)
SECTIONS = ("news", "opportunities", "partnerships", "projects", "practices", "activities")


# ---------------------------------------------------------------------- subscribing


def token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([purpose, subscriber.pk, subscriber.email], salt=SALT)


def _from_token(value: str, purpose: str, max_age: timedelta | None) -> Subscriber | None:
    try:
        kind, pk, email = signing.loads(value, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind != purpose:
        return None
    return Subscriber.objects.filter(pk=pk, email=email).first()


@transaction.atomic
def subscribe(email: str, language: str, weekly: bool) -> Subscriber:
    """Record the address and send it a confirmation link; nothing else is sent to it
    before it is confirmed. An address subscribed already is told so, and nothing sent."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.receives:
        raise ValidationError(_("This address receives the newsletter already."))
    if subscriber is None:
        subscriber = Subscriber(email=email)
    asked = (
        Mail.objects.filter(letter_id=subscriber.pk, reason=Reason.NEWSLETTER_CONFIRM)
        if subscriber.pk
        else Mail.objects.none()
    )
    if asked.filter(created_at__gte=timezone.now() - RESEND_AFTER).exists():
        # Nobody can make coopdec write to an address over and over.
        raise ValidationError(
            _("A confirmation link was sent to this address less than an hour ago: look for it.")
        )
    subscriber.language, subscriber.weekly = language, weekly
    subscriber.unsubscribed_at = None
    subscriber.confirmed_at = None
    subscriber.save()
    sends = asked.count() + 1
    letters.queue(
        f"newsletter:confirm:{subscriber.pk}:{sends}", Reason.NEWSLETTER_CONFIRM, subscriber
    )
    transaction.on_commit(lambda: outbox.wake(1))
    return subscriber


def confirm(value: str, now: datetime | None = None) -> Subscriber:
    subscriber = _from_token(value, "confirm", timedelta(days=CONFIRM_DAYS))
    if subscriber is None:
        raise ValidationError(
            _(
                "This confirmation link is altered or more than %(days)s days old: subscribe "
                "again to get a new one."
            )
            % {"days": CONFIRM_DAYS}
        )
    if subscriber.unsubscribed_at is None and subscriber.confirmed_at is None:
        subscriber.confirmed_at = now or timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def subscriber_to_leave(value: str) -> Subscriber | None:
    return _from_token(value, "leave", None)


def unsubscribe(subscriber: Subscriber, now: datetime | None = None) -> None:
    """No issue is sent to it from now on, even one already queued."""
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = now or timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    letters.cancel(Delivery, subscriber.deliveries.values_list("pk", flat=True))


# ---------------------------------------------------------------------- composing


def period_of(cadence: str, day: date) -> tuple[date, date]:
    """The month, or the week from Monday, that holds ``day``."""
    if cadence == Cadence.WEEKLY:
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def compose(first: date, last: date) -> dict[str, list[dict[str, str]]]:
    """What changed in [first, last], public records only, each as its title and page."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)

    def listed(records, title=str, url=lambda record: record.get_public_url()):
        return [{"title": title(record), "url": url(record)} for record in records]

    new_partnerships, _updated = changed_between(Partnership, start, end)
    new_projects, _updated = changed_between(Project, start, end)
    opportunities_page = reverse("public:opportunity_list")
    return {
        "news": listed(
            Post.objects.public()
            .filter(created_at__gte=start, created_at__lt=end)
            .order_by("created_at", "pk")
        ),
        "opportunities": listed(
            Opportunity.objects.published()
            .filter(audience=Audience.PUBLIC, published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "pk"),
            title=lambda o: o.title,
            url=lambda o: f"{opportunities_page}#opportunite-{o.pk}",
        ),
        "partnerships": listed(
            Partnership.objects.public().filter(pk__in=new_partnerships).order_by("name")
        ),
        "projects": listed(
            Project.objects.public().filter(pk__in=new_projects).order_by("title"),
            title=lambda p: p.title,
        ),
        "practices": listed(
            GoodPractice.objects.public()
            .filter(created_at__gte=start, created_at__lt=end)
            .order_by("created_at", "pk"),
            title=lambda p: p.title,
        ),
        "activities": listed(
            Activity.objects.filter(
                programme__in=Programme.objects.public(), date__gte=first, date__lte=last
            )
            .select_related("programme")
            .order_by("date", "pk"),
            title=lambda a: f"{a.title} — {a.programme}",
            url=lambda a: a.programme.get_public_url(),
        ),
    }


def empty(contents: dict) -> bool:
    return not any(contents.get(section) for section in SECTIONS)


def prepare(cadence: str, day: date, today: date | None = None) -> Issue:
    """The issue of the period holding ``day`` (made if needed), once the period is over."""
    today = today or timezone.localdate()
    first, last = period_of(cadence, day)
    if last >= today:
        raise ValidationError(_("This period is not over yet: its issue comes after it."))
    issue, _created = Issue.objects.get_or_create(
        cadence=cadence, first_day=first, defaults={"last_day": last}
    )
    return issue


def prepare_due(now: datetime | None = None) -> int:
    """The periodic job: once a month is over (a week, if someone wants weekly issues),
    its issue is composed and the federation is told it waits for an introduction and
    sending — unless nothing public changed. Returns how many people were told."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    told = 0
    # A day of the period just over, by cadence.
    previous = {Cadence.MONTHLY: today.replace(day=1) - timedelta(days=1)}
    if Subscriber.objects.filter(
        weekly=True, confirmed_at__isnull=False, unsubscribed_at=None
    ).exists():
        previous[Cadence.WEEKLY] = today - timedelta(days=7)
    for cadence, day in previous.items():
        first, last = period_of(cadence, day)
        if Issue.objects.filter(cadence=cadence, first_day=first).exists():
            continue
        if empty(compose(first, last)):
            continue
        issue = prepare(cadence, first, today)
        staff: dict[int, list[int]] = {pk: [] for pk in federation_staff()}
        key = f"newsletter-draft:{issue.pk}"
        told += (
            fanout.notify(issue, Reason.NEWSLETTER_DRAFT, staff, topic=TOPIC, key=key, now=now) or 0
        )
    return told


@transaction.atomic
def send(issue: Issue, now: datetime | None = None) -> int:
    """Send the issue to every confirmed subscriber of its cadence, as it reads now; an
    empty period sends nothing. Returns how many were queued."""
    now = now or timezone.now()
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.sent_at:
        raise ValidationError(_("This issue was sent already."))
    contents = compose(issue.first_day, issue.last_day)
    if empty(contents):
        raise ValidationError(_("Nothing public changed in this period: nothing is sent."))
    issue.contents, issue.sent_at = contents, now
    issue.save(update_fields=["contents", "sent_at"])
    readers = Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    if issue.cadence == Cadence.WEEKLY:
        readers = readers.filter(weekly=True)
    deliveries = Delivery.objects.bulk_create(
        Delivery(issue=issue, subscriber=subscriber) for subscriber in readers
    )
    for delivery in deliveries:
        letters.queue(
            f"newsletter:{issue.pk}:{delivery.subscriber_id}", Reason.NEWSLETTER, delivery
        )
    transaction.on_commit(lambda: outbox.wake(len(deliveries)))
    return len(deliveries)


# ---------------------------------------------------------------------- letters


def _site() -> str:
    return settings.COOPDEC_SITE_URL.rstrip("/")


def title(issue: Issue) -> str:
    if issue.cadence == Cadence.WEEKLY:
        return _("Newsletter — week of %(date)s") % {"date": long_date(issue.first_day)}
    return _("Newsletter — %(month)s") % {"month": month_year(issue.first_day)}


def section_titles() -> dict[str, str]:
    return {
        "news": _("News"),
        "opportunities": _("Opportunities"),
        "partnerships": _("New partnerships"),
        "projects": _("New projects"),
        "practices": _("Good practices"),
        "activities": _("Programme activities"),
    }


def sections(contents: dict) -> list[tuple[str, list[dict[str, str]]]]:
    names = section_titles()
    return [(names[key], contents[key]) for key in SECTIONS if contents.get(key)]


def confirmation_letter(mail: Mail, subscriber: Subscriber) -> EmailMultiAlternatives | None:
    subscriber = Subscriber.objects.get(pk=subscriber.pk)
    if subscriber.receives or subscriber.unsubscribed_at:
        return None
    url = _site() + reverse("newsletter:confirm", args=[token(subscriber, "confirm")])
    with translation.override(subscriber.language):
        context = {
            "url": url,
            "days": CONFIRM_DAYS,
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = _("Confirm your subscription to the newsletter")
        body = render_to_string("newsletter/mail/confirm.txt", context)
    return EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def issue_letter(mail: Mail, delivery: Delivery) -> EmailMultiAlternatives | None:
    delivery = Delivery.objects.select_related("issue", "subscriber").get(pk=delivery.pk)
    subscriber, issue = delivery.subscriber, delivery.issue
    if not subscriber.receives:
        return None  # unsubscribed since it was queued
    leave = _site() + reverse("newsletter:leave", args=[token(subscriber, "leave")])
    with translation.override(subscriber.language):
        context = {
            "issue": issue,
            "title": title(issue),
            "introduction": issue.introduction(subscriber.language),
            "sections": sections(issue.contents),
            "site": _site(),
            "leave": leave,
            "archive": _site() + reverse("newsletter:archive_issue", args=[issue.pk]),
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = f"{settings.COOPDEC_FEDERATION_NAME} — {context['title']}"
        text = render_to_string("newsletter/mail/issue.txt", context)
        html = render_to_string("newsletter/mail/issue.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
