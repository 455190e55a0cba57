"""Commenting on a record, correcting and deleting a comment, following a record.

Reading and writing: signed-in people who may see the record (``rules``); a record out of
their sight is a 404, and nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access

from . import registry, services
from .forms import CommentForm, DeletionForm
from .models import Comment
from .rules import COMMENT, CORRECT_COMMENT, DELETE_COMMENT


def _record(user, kind: str, pk: int):
    model = registry.model_of(kind)
    if model is None:
        raise Http404
    return get_object_or_404(services.visible(model, user), pk=pk)


@access.permission(COMMENT)
def comment_add(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request.user, kind, pk)  # out of sight: 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Nothing was sent: write your comment (at most 4,000 characters).")
        )
        return redirect(record.get_absolute_url() + "#comments")
    parent = None
    if form.cleaned_data["parent"]:
        parent = services.of(record).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            messages.error(request, _("Nothing was sent: the comment you answer is not here."))
            return redirect(record.get_absolute_url() + "#comments")
    try:
        comment = services.add(record, request.user, form.cleaned_data["text"], parent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record.get_absolute_url() + "#comments")
    return redirect(comment.get_absolute_url())


def _comment(request: SignedInRequest, pk: int) -> Comment:
    """A comment on a record the user may see (404 otherwise)."""
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    model = registry.model_of(comment.content_type.app_label + "." + comment.content_type.model)
    if (
        model is None
        or not services.visible(model, request.user).filter(pk=comment.object_id).exists()
    ):
        raise Http404
    return comment


@access.permission(CORRECT_COMMENT)
def comment_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    access.check(request, CORRECT_COMMENT, comment)
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit(comment, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is corrected."))
            return redirect(comment.get_absolute_url())
    elif not services.editable(comment, request.user):
        form.add_error(None, _("A comment may be corrected for 15 minutes after it was written."))
    return render(
        request,
        "core/edit.html",
        {"form": form, "title": _("Correct a comment"), "back": comment.record},
    )


@access.permission(DELETE_COMMENT)
def comment_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    form = DeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete(comment, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comment is deleted; the reason stays in its place."))
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "core/edit.html",
        {"form": form, "title": _("Delete a comment"), "back": comment.record},
    )


@access.permission(COMMENT)
def follow(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request.user, kind, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    on = request.POST.get("follow") == "1"
    services.set_follow(record, request.user, on)
    messages.success(
        request,
        _("You follow this record: you will hear of its comments.")
        if on
        else _("You no longer follow this record."),
    )
    return redirect(record.get_absolute_url() + "#comments")
