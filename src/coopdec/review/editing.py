"""The one form page every reviewable record is created and edited through."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from coopdec.core import access

from .services import Outcome, submit

# Everything recorded inside a partnership is changed under the partnership's own rule.
EDIT = "partnerships.change_partnership"

MESSAGES = {
    Outcome.SAVED: (messages.SUCCESS, _("Saved.")),
    Outcome.PENDING: (
        messages.INFO,
        _(
            "Sent to the federation for validation. It will be published once accepted; "
            "until then, only you and the federation see it."
        ),
    ),
    Outcome.UNCHANGED: (messages.INFO, _("Nothing was changed.")),
}


def form_page(
    request: HttpRequest,
    form: ModelForm,
    *,
    title: str,
    back: object,
    next_url: Callable[[object], str] | None = None,
) -> HttpResponse:
    """Show ``form``; once valid, save it through validation and go to the record."""
    if request.method == "POST" and form.is_valid():
        outcome = submit(form, request.user)
        level, text = MESSAGES[outcome]
        messages.add_message(request, level, text)
        instance = form.instance
        return redirect(next_url(instance) if next_url else instance.get_absolute_url())
    return render(request, "core/edit.html", {"form": form, "title": title, "back": back})


def editable_or_404(request: HttpRequest, queryset, pk: int):
    """The record ``pk`` if the user may change it; 404 outside their scope."""
    instance = get_object_or_404(queryset.editable_by(request.user), pk=pk)
    access.check(request, EDIT, instance.review_partnership)
    return instance
