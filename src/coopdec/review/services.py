"""Saving any reviewed record: directly, or as a proposal the federation accepts or refuses.

``submit`` takes values (field name → value), not a form, so that forms, imports, the API
and tasks all go through it; the record is written by the domain function its app
registered (``registry``). Every decision reaches the proposal's author as a notice (inbox,
and e-mail as their preferences say, topic "review").
"""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import DecimalField, FileField, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts.models import User, federation_staff
from coopdec.core.meta import field_of, model_of
from coopdec.core.models import FederationSettings
from coopdec.notifications import fanout
from coopdec.notifications.enums import Reason

from . import registry
from .models import ReviewPolicy, Revision

# The notification topic of decisions on one's proposals.
TOPIC = "review"
QUEUE_TOPIC = "proposals"


class Outcome(enum.Enum):
    SAVED = "saved"
    PENDING = "pending"
    UNCHANGED = "unchanged"


def needs_review(user, model: type[Model]) -> bool:
    """Whether ``user``'s changes to records of ``model`` wait for the federation: never the
    federation's own; otherwise the rule set for that kind, or the general setting."""
    if user.is_federation:
        return False
    content_type = ContentType.objects.get_for_model(model)
    policy = ReviewPolicy.objects.filter(content_type=content_type).first()
    if policy is not None:
        return policy.required
    return FederationSettings.current().require_validation


def is_reviewable(record: Model) -> bool:
    """Whether the record has a published state (new ones wait unpublished); other reviewed
    records (communes, people, organisations) only have their changes reviewed."""
    return any(field.name == "published" for field in record._meta.concrete_fields)


def _value(instance: Model, name: str, many: dict | None = None):
    field = field_of(instance, name)
    if field.many_to_many:
        if many is not None and name in many:
            return sorted(obj if isinstance(obj, int) else obj.pk for obj in many[name])
        if instance.pk is None:
            return []
        return sorted(getattr(instance, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(instance, field.attname)
    value = field.value_from_object(instance)
    if isinstance(field, FileField):
        return value.name or ""  # a file by its stored name (JSON)
    if value in (None, ""):
        return value
    if isinstance(field, DecimalField):
        # 15000 typed in a form and 15000.00 read from the database are the same amount.
        return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    return field.value_to_string(instance)


def snapshot(instance: Model, fields, many: dict | None = None) -> dict:
    """The values of ``fields`` as JSON: what a revision stores before and after."""
    return {name: _value(instance, name, many) for name in fields}


def _with_values(record: Model, values: dict) -> tuple[Model, dict]:
    """A copy of ``record`` with ``values`` set (not saved), and the many-to-many values."""
    changed = copy.copy(record)
    many = {}
    for name, value in values.items():
        field = field_of(record, name)
        if field.many_to_many:
            many[name] = list(value)
        elif field.is_relation and not isinstance(value, Model):
            setattr(changed, field.attname, value)
        else:
            setattr(changed, name, value)
    return changed, many


@transaction.atomic
def submit(*, record: Any, values: dict, user: User) -> Outcome:
    """Save ``values`` (already validated) to ``record`` as ``user`` may: directly, or as a
    proposal to the federation. A new reviewable record proposed for validation is stored
    unpublished (only its author's side and the federation see it); a change to a published
    record is stored as a proposal (before → after) and applied only once accepted.
    Side effects: the record's domain writer runs (its invariants); a proposal replaces the
    record's open one."""
    kind = registry.kind_of(record)
    adding = record._state.adding
    reviewable = is_reviewable(record)
    if not needs_review(user, type(record)):
        was_published = reviewable and not adding and record.published
        if reviewable and (adding or not record.published):
            record.published, record.refusal = True, ""
        kind.write(record, values)
        if reviewable and record.published and not was_published and not adding:
            # Published from its form: its author's open proposal is decided, and told.
            for revision in (
                Revision.objects.pending().for_object(record).filter(action=Revision.Action.CREATE)
            ):
                _decide(revision, user, Revision.State.ACCEPTED, "")
        return Outcome.SAVED
    if adding or (reviewable and not record.published):
        if reviewable:
            record.refusal = ""  # proposed again: waiting, no longer refused
        kind.write(record, values)
        _propose(record, user, Revision.Action.CREATE, {}, snapshot(record, values))
        return Outcome.PENDING
    current = type(record)._default_manager.get(pk=record.pk)
    changed, many = _with_values(current, values)
    before = snapshot(current, values)
    after = snapshot(changed, values, many)
    if before == after:
        return Outcome.UNCHANGED
    _propose(record, user, Revision.Action.UPDATE, before, after)
    return Outcome.PENDING


def _propose(record: Model, user, action: str, before: dict, after: dict) -> Revision:
    kind = registry.kind_of(record)
    content_type = ContentType.objects.get_for_model(record)
    root = kind.root(record)
    revision = Revision.objects.pending().filter(
        content_type=content_type, object_id=record.pk
    ).first() or Revision(
        content_type=content_type,
        object_id=record.pk,
        root_type=ContentType.objects.get_for_model(root),
        root_id=root.pk,
        action=action,
        before=before,
    )
    new = revision.pk is None
    if not new and action == Revision.Action.UPDATE:
        # A second proposal replaces the first; "before" stays what is published.
        revision.before = {**before, **revision.before}
    revision.after = after
    revision.author = user
    revision.save()
    communes = list(kind.communes(record))
    revision.communes.set(communes)
    if new:  # the federation hears of it (a weekly digest unless they chose otherwise)
        staff = {pk: communes for pk in federation_staff() if pk != user.pk}
        fanout.notify(
            revision, Reason.PROPOSED, staff, topic=QUEUE_TOPIC, key=f"proposed:{revision.pk}"
        )
    return revision


class ReviewError(Exception):
    """The proposal cannot be applied; the message says why, for the reviewer."""


@dataclass
class Change:
    label: str
    before: str
    after: str


def describe(revision: Revision) -> list[Change]:
    """The proposal in words: one line per field that changes (every field for a new one)."""
    model = model_of(revision.content_type)
    changes = []
    for name, after in revision.after.items():
        before = revision.before.get(name)
        if revision.action == Revision.Action.UPDATE and before == after:
            continue
        field = field_of(model, name)
        changes.append(
            Change(str(field.verbose_name), display(field, before), display(field, after))
        )
    return changes


def display(field, value) -> str:
    """A stored value as the pages show it: names of related records, choice labels."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many or field.is_relation:
        related = field.related_model._default_manager.filter(
            pk__in=value if field.many_to_many else [value]
        )
        return ", ".join(sorted(str(obj) for obj in related)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField":
        return _("yes") if value in (True, "True") else _("no")
    if field.get_internal_type() == "FileField":
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def _from_json(model: type[Model], values: dict) -> dict:
    """Stored proposal values back as field values (keys for related records)."""
    converted = {}
    for name, value in values.items():
        field = field_of(model, name)
        if field.many_to_many or field.is_relation:
            converted[name] = value
        else:
            converted[name] = None if value is None else field.to_python(value)
    return converted


def _target(revision: Revision) -> Any:
    model = model_of(revision.content_type)
    try:
        return model._default_manager.select_for_update().get(pk=revision.object_id)
    except ObjectDoesNotExist:
        raise ReviewError(
            _("The record of this proposal was deleted since: there is nothing to accept.")
        ) from None


@transaction.atomic
def accept(revision: Revision, reviewer, message: str = "") -> None:
    """Publish a new record, or apply a change field by field. Refused, and nothing
    changed, when the record was changed since the proposal was made. Side effects: the
    record's domain writer runs; the author is told."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != Revision.State.PENDING:
        raise ReviewError(_("This proposal was already decided."))
    record = _target(revision)
    kind = registry.kind_of(record)
    if revision.action == Revision.Action.CREATE:
        if is_reviewable(record):
            record.published, record.refusal = True, ""
        kind.write(record, {})
    else:
        current = snapshot(record, revision.after)
        moved = [name for name in revision.after if current[name] != revision.before.get(name)]
        if moved:
            labels = ", ".join(str(field_of(record, name).verbose_name) for name in moved)
            raise ReviewError(
                _(
                    "The record changed since this proposal was made (%(fields)s): it was "
                    "not applied. Refuse it with a message so that its author proposes the "
                    "change again on the record as it is now."
                )
                % {"fields": labels}
            )
        values = _from_json(type(record), revision.after)
        changed, _many = _with_values(record, values)
        try:
            changed.full_clean(exclude=[n for n in values if _is_many(record, n)] or None)
        except ValidationError as error:
            raise ReviewError(" ".join(error.messages)) from error
        kind.write(record, values)
    _decide(revision, reviewer, Revision.State.ACCEPTED, message)


def _is_many(record: Model, name: str) -> bool:
    return bool(field_of(record, name).many_to_many)


@transaction.atomic
def reject(revision: Revision, reviewer, message: str) -> None:
    """Refuse a proposal with the reviewer's message; a new record is marked refused (it
    stays unpublished, with the message). Side effect: the author is told."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != Revision.State.PENDING:
        raise ReviewError(_("This proposal was already decided."))
    model = model_of(revision.content_type)
    if revision.action == Revision.Action.CREATE and "refusal" in {
        field.name for field in model._meta.concrete_fields
    }:
        model._default_manager.filter(pk=revision.object_id).update(
            refusal=message or _("Refused.")
        )
    _decide(revision, reviewer, Revision.State.REJECTED, message)


def _decide(revision: Revision, reviewer, state: str, message: str) -> None:
    revision.state = state
    revision.reviewer = reviewer
    revision.reviewed_at = timezone.now()
    revision.message = message
    revision.save(update_fields=["state", "reviewer", "reviewed_at", "message"])
    reason = Reason.ACCEPTED if state == Revision.State.ACCEPTED else Reason.REJECTED
    communes = list(revision.communes.values_list("pk", flat=True))
    fanout.notify(
        revision,
        reason,
        {revision.author_id: communes},
        topic=TOPIC,
        key=f"decision:{revision.pk}",
        now=revision.reviewed_at,
    )


@transaction.atomic
def accept_all(revisions, reviewer, message: str = "") -> int:
    """Accept every proposal given, oldest first; all or none."""
    revisions = list(revisions.select_related("content_type").order_by("created_at", "pk"))
    for revision in revisions:
        accept(revision, reviewer, message)
    return len(revisions)
