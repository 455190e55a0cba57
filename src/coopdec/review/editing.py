"""The one form page every reviewed record is created and edited through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.accounts.http import SignedInRequest

from .services import Outcome, submit

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


def form_values(form: ModelForm) -> dict:
    """The valid form's values for the fields it edits (what ``submit`` writes): as the
    model's own cleaning left them on the instance (it may complete them), and the chosen
    records of many-to-many fields."""
    values = {}
    for name in form._meta.fields or []:
        if name not in form.cleaned_data:
            continue
        field = form.instance._meta.get_field(name)
        values[name] = (
            form.cleaned_data[name] if field.many_to_many else getattr(form.instance, name)
        )
    return values


def form_page(
    request: SignedInRequest,
    form: ModelForm,
    *,
    title: StrOrPromise | None = None,
    back: object = None,
    next_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """Show ``form``; once valid, save it through validation and go to the record."""
    if request.method == "POST" and form.is_valid():
        record = form.instance
        outcome = submit(record=record, values=form_values(form), user=request.user)
        level, text = MESSAGES[outcome]
        messages.add_message(request, level, text)
        return redirect(next_url(record) if next_url else record.get_absolute_url())
    context = {"form": form, "title": title, "back": back, "object": form.instance}
    if form.instance.pk is None:
        context["object"] = None
    return render(request, "core/edit.html", context)
