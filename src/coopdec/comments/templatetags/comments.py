"""``{% comments record %}``: a record's comments, the form to add one, and the follow
switch — for signed-in people who may see the record; nothing for visitors."""

from __future__ import annotations

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from .. import registry, services
from ..forms import CommentForm
from ..models import Comment
from ..rules import DELETE_COMMENT

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comments(context, record) -> dict:
    user = context["request"].user
    kind = registry.label_of(record)
    if kind is None or not user.is_authenticated or not services.may_see(record, user):
        return {"shown": False}
    now = timezone.now()
    thread = list(
        services.of(record)
        .filter(parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author")))
    )
    every = [c for top in thread for c in (top, *top.replies.all())]
    return {
        "shown": True,
        "request": context["request"],
        "record": record,
        "kind": kind,
        "thread": thread,
        "count": sum(1 for c in every if c.deleted_at is None),
        "editable": {c.pk for c in every if services.editable(c, user, now)},
        "may_delete": user.has_perm(DELETE_COMMENT),
        "following": services.follows(record, user),
        "form": CommentForm(),
    }
