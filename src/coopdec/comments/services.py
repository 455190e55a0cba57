"""Writing comments and follows: one way for the pages, the demo data and tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.notifications import fanout
from coopdec.notifications.enums import Reason

from .models import Comment, Follow

# An author may correct a comment this long after writing it.
EDITABLE = timedelta(minutes=15)
TOPIC = "comments"


def visible(model: type[Model], user) -> QuerySet:
    return model._default_manager.all().visible_to(user)  # type: ignore[attr-defined]


def may_see(record: Model, user) -> bool:
    return visible(type(record), user).filter(pk=record.pk).exists()


def of(record: Model) -> QuerySet[Comment]:
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def followers(record: Model) -> QuerySet[Follow]:
    return Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def follows(record: Model, user) -> bool:
    return user.is_authenticated and followers(record).filter(user=user).exists()


def set_follow(record: Model, user, on: bool) -> None:
    if on:
        Follow.objects.get_or_create(
            user=user,
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
        )
    else:
        followers(record).filter(user=user).delete()


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write something to comment."))
    if len(text) > 4000:
        raise ValidationError(_("A comment holds at most 4,000 characters."))
    return text


@transaction.atomic
def add(record: Model, user, text: str, parent: Comment | None = None) -> Comment:
    """``user`` comments on ``record`` (or answers ``parent``, one level only); they follow
    it from now on, and every other follower who may still see it is told once."""
    if not may_see(record, user):
        raise ValidationError(_("This record does not exist, or you may not see it."))
    if parent is not None:
        if parent.content_type_id != ContentType.objects.get_for_model(record).pk or (
            parent.object_id != record.pk
        ):
            raise ValidationError(_("This reply is not about this record."))
        parent = parent.parent or parent  # replies stay one level deep
    comment = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        parent=parent,
        author=user,
        text=_clean(text),
    )
    set_follow(record, user, True)
    told: dict[int, list[int]] = {
        follow.user_id: []
        for follow in followers(record).exclude(user=user).select_related("user")
        if follow.user.is_active and may_see(record, follow.user)
    }
    if told:
        fanout.notify(comment, Reason.COMMENTED, told, topic=TOPIC, key=f"comment:{comment.pk}")
    return comment


def editable(comment: Comment, user, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        comment.author_id == user.pk
        and comment.deleted_at is None
        and now - comment.created_at <= EDITABLE
    )


def edit(comment: Comment, user, text: str, now: datetime | None = None) -> Comment:
    now = now or timezone.now()
    if comment.author_id != user.pk or comment.deleted_at is not None:
        raise ValidationError(_("Only its author may correct a comment."))
    if now - comment.created_at > EDITABLE:
        raise ValidationError(_("A comment may be corrected for 15 minutes after it was written."))
    comment.text = _clean(text)
    comment.edited_at = now
    comment.save(update_fields=["text", "edited_at"])
    return comment


def delete(comment: Comment, by, reason: str, now: datetime | None = None) -> Comment:
    """The federation removes a comment's text, keeping why; the thread keeps its place."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the comment is deleted."))
    if comment.deleted_at is not None:
        raise ValidationError(_("This comment was deleted already."))
    comment.deleted_at = now or timezone.now()
    comment.deleted_by = by
    comment.deletion_reason = reason
    comment.text = ""
    comment.save(update_fields=["deleted_at", "deleted_by", "deletion_reason", "text"])
    return comment
