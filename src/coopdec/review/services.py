"""Saving reviewable records: directly, or as a proposal the federation accepts or rejects."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, Model
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core.models import FederationSettings

from .models import Reviewable, Revision


class Outcome(enum.Enum):
    SAVED = "saved"
    PENDING = "pending"
    UNCHANGED = "unchanged"


def needs_review(user) -> bool:
    return not user.is_federation and FederationSettings.current().require_validation


def _value(instance: Model, name: str, m2m: dict | None = None):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if m2m is not None and name in m2m:
            return sorted(obj.pk for obj in m2m[name])
        if instance.pk is None:
            return []
        return sorted(getattr(instance, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(instance, field.attname)
    value = field.value_from_object(instance)
    if value in (None, ""):
        return value
    if isinstance(field, DecimalField):
        # 15000 typed in a form and 15000.00 read from the database are the same amount.
        return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    return field.value_to_string(instance)


def snapshot(instance: Model, fields, m2m: dict | None = None) -> dict:
    """The values of ``fields`` as JSON: what a revision stores before and after."""
    return {name: _value(instance, name, m2m) for name in fields}


def _form_m2m(form: ModelForm) -> dict:
    return {
        name: form.cleaned_data.get(name, [])
        for name in form._meta.fields or []
        if name in form.cleaned_data and form.instance._meta.get_field(name).many_to_many
    }


@transaction.atomic
def submit(form: ModelForm, user) -> Outcome:
    """Save ``form`` (already valid) as ``user`` may: directly, or as a proposal."""
    instance: Reviewable = form.instance
    fields = list(form._meta.fields)
    adding = instance._state.adding
    if not needs_review(user):
        if adding:
            instance.published = True
        form.save()
        instance.after_save()
        return Outcome.SAVED
    if adding or not instance.published:
        # Not public yet: save it as is and (re)open its proposal.
        form.save()
        instance.after_save()
        _propose(instance, user, Revision.Action.CREATE, {}, snapshot(instance, fields))
        return Outcome.PENDING
    current = type(instance).objects.get(pk=instance.pk)
    before = snapshot(current, fields)
    after = snapshot(instance, fields, _form_m2m(form))
    if before == after:
        return Outcome.UNCHANGED
    _propose(instance, user, Revision.Action.UPDATE, before, after)
    return Outcome.PENDING


def _propose(instance: Reviewable, user, action: str, before: dict, after: dict) -> Revision:
    content_type = ContentType.objects.get_for_model(instance)
    revision = Revision.objects.pending().filter(
        content_type=content_type, object_id=instance.pk
    ).first() or Revision(
        content_type=content_type,
        object_id=instance.pk,
        partnership=instance.review_partnership,
        action=action,
        before=before,
    )
    if revision.pk and action == Revision.Action.UPDATE:
        # A second proposal replaces the first; "before" stays what is published.
        revision.before = {**before, **revision.before}
    revision.after = after
    revision.author = user
    revision.save()
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
    model = revision.content_type.model_class()
    changes = []
    for name, after in revision.after.items():
        before = revision.before.get(name)
        if revision.action == Revision.Action.UPDATE and before == after:
            continue
        field = model._meta.get_field(name)
        changes.append(
            Change(str(field.verbose_name), _display(field, before), _display(field, after))
        )
    return changes


def _display(field, value) -> str:
    if value in (None, "", []):
        return "—"
    if field.many_to_many or field.is_relation:
        related = field.related_model.objects.filter(
            pk__in=value if field.many_to_many else [value]
        )
        return ", ".join(str(obj) for obj in related) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField":
        return _("yes") if value in (True, "True") else _("no")
    if field.get_internal_type() == "FileField":
        return value.rsplit("/", 1)[-1]
    return str(value)


def _apply(instance: Model, values: dict) -> None:
    m2m = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            m2m[name] = value
        elif field.is_relation:
            setattr(instance, field.attname, value)
        else:
            setattr(instance, name, None if value is None else field.to_python(value))
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ReviewError(" ".join(error.messages)) from error
    instance.save()
    for name, pks in m2m.items():
        getattr(instance, name).set(pks)


@transaction.atomic
def accept(revision: Revision, reviewer, message: str = "") -> None:
    if revision.state != Revision.State.PENDING:
        raise ReviewError(_("This proposal was already decided."))
    instance = type(revision.target).objects.select_for_update().get(pk=revision.object_id)
    if revision.action == Revision.Action.CREATE:
        instance.published = True
        instance.save()
    else:
        current = snapshot(instance, revision.after)
        if any(current[name] != revision.before.get(name) for name in revision.after):
            raise ReviewError(
                _(
                    "The record changed since this proposal was made. Reject it and ask for "
                    "a new proposal."
                )
            )
        _apply(instance, revision.after)
    instance.after_save()
    _decide(revision, reviewer, Revision.State.ACCEPTED, message)


@transaction.atomic
def reject(revision: Revision, reviewer, message: str) -> None:
    if revision.state != Revision.State.PENDING:
        raise ReviewError(_("This proposal was already decided."))
    _decide(revision, reviewer, Revision.State.REJECTED, message)


def _decide(revision: Revision, reviewer, state: str, message: str) -> None:
    revision.state = state
    revision.reviewer = reviewer
    revision.reviewed_at = timezone.now()
    revision.message = message
    revision.save(update_fields=["state", "reviewer", "reviewed_at", "message"])


@transaction.atomic
def accept_all(partnership, reviewer, message: str = "") -> int:
    """Accept every pending proposal of a partnership, oldest first; all or none."""
    revisions = list(partnership.revisions.pending().select_related("content_type"))
    for revision in revisions:
        accept(revision, reviewer, message)
    return len(revisions)
