"""The one form page every reviewed record is created and edited through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.accounts.http import SignedInRequest
from coopdec.core import pickers

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
    """Show ``form``; once valid, save it through validation and go to the record.

    A form with pickers (``core.pickers``) may be sent to search records, or to create a
    missing one: it comes back as it was sent, with the matches or the new record ticked,
    and nothing else saved."""
    if request.method == "POST" and (name := pickers.creating(form)):
        _create_in_place(request, form, name)
        pickers.quiet(form)
    elif request.method == "POST" and not pickers.held(form) and form.is_valid():
        record = form.instance
        outcome = submit(record=record, values=form_values(form), user=request.user)
        level, text = MESSAGES[outcome]
        messages.add_message(request, level, text)
        return redirect(next_url(record) if next_url else record.get_absolute_url())
    context = {
        "form": form,
        "title": title,
        "back": back,
        "object": form.instance,
        "has_pickers": bool(pickers.pickers(form)),
    }
    if form.instance.pk is None:
        context["object"] = None
    return render(request, "core/edit.html", context)


def _create_in_place(request: SignedInRequest, form: ModelForm, name: str) -> None:
    """Record the picker's missing record through validation, like any other, and tick it
    in the form; or leave the picker showing what is wrong or what looks the same."""
    creator = pickers.pickers(form)[name].creator
    assert creator is not None
    if not request.user.has_perm(creator.permission):
        raise PermissionDenied
    creation = pickers.prepare_creation(form, name, request.user)
    if creation.record is None:
        return
    outcome = submit(record=creation.record, values=creation.values or {}, user=request.user)
    pickers.choose(form, name, creation.record)
    text = (
        _("“%(name)s” was recorded and added; the federation will review it.")
        if outcome == Outcome.PENDING
        else _("“%(name)s” was recorded and added.")
    )
    messages.success(request, text % {"name": creation.record})


def create_page(
    request: SignedInRequest,
    creator: pickers.Creator,
    *,
    title: StrOrPromise,
    back: object = None,
    then: Callable[[Any, dict], object] | None = None,
) -> HttpResponse:
    """A page that records one new record through validation. Records that look the same
    and that the user may see come first: the person picks one of them or says to create
    it anyway. ``then(record, cleaned_data)`` runs on the record created or picked (a
    contact's position), in the same transaction."""
    if not request.user.has_perm(creator.permission):
        raise PermissionDenied
    form = pickers.new_form(creator, request.POST or None)
    similar: list = []
    if request.method == "POST" and form.is_valid():
        similar = list(creator.similar(form.cleaned_data, request.user)[: pickers.MAX_MATCHES])
        picked = next((r for r in similar if str(r.pk) == request.POST.get("existing")), None)
        if picked is not None or not similar or form.cleaned_data.get(pickers.CONFIRM):
            with transaction.atomic():
                record, outcome = picked, Outcome.UNCHANGED
                if record is None:
                    record, values = creator.build(form.cleaned_data)
                    outcome = submit(record=record, values=values, user=request.user)
                if then is not None:
                    then(record, form.cleaned_data)
            level, text = MESSAGES[Outcome.SAVED if outcome == Outcome.UNCHANGED else outcome]
            messages.add_message(request, level, text)
            shown: Any = back if then is not None and back is not None else record
            return redirect(shown.get_absolute_url())
    return render(
        request,
        "core/create.html",
        {"form": form, "title": title, "back": back, "similar": similar},
    )
