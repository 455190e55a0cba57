"""The inbox, e-mail preferences (signed in, or from an e-mail's signed link), one-click
unsubscribe, and the federation's view of e-mails that failed or wait for a retry."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access

from . import links, outbox
from .enums import Frequency, MailStatus
from .forms import PreferencesForm
from .models import Mail, Notice, Preference
from .rules import VIEW_OUTBOX


@access.signed_in
def inbox(request: SignedInRequest) -> HttpResponse:
    notices = (
        Notice.objects.filter(user=request.user)
        .select_related("content_type")
        .prefetch_related("subject", "communes")
        .order_by("-created_at", "-pk")
    )
    if request.method == "POST":
        notices.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications:inbox")
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page_obj": page})


@access.signed_in
def preferences(request: SignedInRequest) -> HttpResponse:
    return _preferences(request, request.user, signed_link=False)


@access.public
def preferences_link(request: HttpRequest, token: str) -> HttpResponse:
    user = links.user_for(token)
    if user is None:
        return _refused(request)
    return _preferences(request, user, signed_link=True)


def _preferences(request: HttpRequest, user, *, signed_link: bool) -> HttpResponse:
    form = PreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices were saved."))
        return redirect(request.path)
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "person": user, "signed_link": signed_link},
    )


@csrf_exempt  # mail programs post here for List-Unsubscribe-Post; the signed token decides
@access.public
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link checkers that open every link must not unsubscribe
    anyone); POST, from that button or from a mail program, unsubscribes at once."""
    user = links.user_for(token)
    if user is None:
        return _refused(request)
    done = request.method == "POST"
    if done:
        Preference.set_all(user, dict.fromkeys(PreferencesForm.topics(), Frequency.NONE))
    context = {"person": user, "done": done, "token": token}
    return render(request, "notifications/unsubscribe.html", context)


def _refused(request: HttpRequest) -> HttpResponse:
    reason = _(
        "This link is not valid: it may have been cut or changed. Use the link of the "
        "latest e-mail, or sign in and open “E-mail preferences”."
    )
    return render(request, "core/bad_request.html", {"reason": reason}, status=400)


@access.permission(VIEW_OUTBOX)
@require_POST
def retry(request: SignedInRequest, pk: int) -> HttpResponse:
    outbox.retry_now(get_object_or_404(Mail, pk=pk))
    messages.success(request, _("The e-mail will be sent again in a moment."))
    return redirect("notifications:outbox")


@access.permission(VIEW_OUTBOX)
def outbox_list(request: SignedInRequest) -> HttpResponse:
    troubled = (
        Mail.objects.filter(status__in=[MailStatus.FAILED, MailStatus.PENDING], attempts__gt=0)
        .select_related("user")
        .prefetch_related("letter")
        .order_by("status", "-next_attempt_at", "pk")
    )
    counts = dict(Mail.objects.values_list("status").annotate(n=Count("pk")).order_by())
    context = {
        "page_obj": Paginator(troubled, 50).get_page(request.GET.get("page")),
        "counts": [(label, counts.get(value, 0)) for value, label in MailStatus.choices],
    }
    return render(request, "notifications/outbox.html", context)
