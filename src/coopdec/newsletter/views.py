"""Newsletter pages: subscribing and its confirmation, unsubscribing, the archive of sent
issues (anyone); preparing, introducing and sending an issue (the federation).

Reading: anyone reads the sent issues; subscribers and drafts are the federation's.
Writing: anyone subscribes or leaves with a signed link; the federation sends."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access

from . import services
from .forms import IntroductionForm, PrepareForm, SubscribeForm
from .models import Issue, Subscriber
from .rules import MANAGE_NEWSLETTER


@access.public
def subscribe(request: HttpRequest) -> HttpResponse:
    initial = {"language": (request.LANGUAGE_CODE or "fr")[:2]}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscribe(
                form.cleaned_data["email"],
                form.cleaned_data["language"],
                form.cleaned_data["weekly"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            return render(request, "newsletter/asked.html", {"email": form.cleaned_data["email"]})
    archive = Issue.objects.filter(sent_at__isnull=False)[:12]
    return render(request, "newsletter/subscribe.html", {"form": form, "archive": archive})


@access.public
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.confirm(token)
    except ValidationError as error:
        return render(
            request, "newsletter/link.html", {"problem": " ".join(error.messages)}, status=400
        )
    return render(request, "newsletter/link.html", {"confirmed": True})


@access.public
@csrf_exempt  # the signed link is the credential; mail clients post it in one click (RFC 8058)
def leave(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = services.subscriber_to_leave(token)
    if subscriber is None:
        problem = _("This link is altered: use the one at the bottom of an issue.")
        return render(request, "newsletter/link.html", {"problem": problem}, status=400)
    if request.method == "POST":
        services.unsubscribe(subscriber)
        return render(request, "newsletter/link.html", {"left": True})
    return render(request, "newsletter/leave.html", {"subscriber": subscriber})


@access.public
def archive_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk, sent_at__isnull=False)
    language = (request.LANGUAGE_CODE or "fr")[:2]
    context = {
        "issue": issue,
        "title": services.title(issue),
        "introduction": issue.introduction(language),
        "sections": services.sections(issue.contents),
    }
    return render(request, "newsletter/archive_issue.html", context)


@access.permission(MANAGE_NEWSLETTER)
def issue_list(request: SignedInRequest) -> HttpResponse:
    form = PrepareForm(request.POST or None, initial={"cadence": "monthly"})
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.prepare(form.cleaned_data["cadence"], form.cleaned_data["day"])
        except ValidationError as error:
            form.add_error("day", error)
        else:
            return redirect(issue)
    context = {
        "form": form,
        "issues": Issue.objects.all()[:50],
        "subscribers": Subscriber.objects.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True
        ).count(),
    }
    return render(request, "newsletter/issue_list.html", context)


@access.permission(MANAGE_NEWSLETTER)
def issue_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The issue as it would go now (or as it went), and its introduction to edit."""
    issue = get_object_or_404(Issue, pk=pk)
    form = IntroductionForm(request.POST or None, instance=issue)
    if request.method == "POST" and not issue.sent_at and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(issue)
    contents = (
        issue.contents if issue.sent_at else services.compose(issue.first_day, issue.last_day)
    )
    language = (request.LANGUAGE_CODE or "fr")[:2]
    context = {
        "issue": issue,
        "form": form,
        "title": services.title(issue),
        "introduction": issue.introduction(language),
        "sections": services.sections(contents),
        "empty": services.empty(contents),
    }
    return render(request, "newsletter/issue_detail.html", context)


@access.permission(MANAGE_NEWSLETTER)
def issue_send(request: SignedInRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    if request.method != "POST":
        return redirect(issue)
    try:
        count = services.send(issue, timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The issue is on its way to %(count)s subscribers.") % {"count": count}
        )
    return redirect(issue)
