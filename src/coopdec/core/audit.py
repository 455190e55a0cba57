"""Reading the audit trail kept by django-auditlog, as a person reads it: field labels in
the reader's language, values as the pages show them (names for related records, choice
labels, dates, amounts with their currency, lists of what was added or removed), for one
record or for a record and its parts (a partnership's events, projects, documents…).
A model names its money fields in ``AMOUNTS``; they show with the record's ``currency``.

This module knows no domain: the caller says which records make up the history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditlog.models import LogEntry
from dateutil import parser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BilingualName
from .typography import elide, long_date

UNKNOWN = "—"
ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("Created"),
    LogEntry.Action.UPDATE: gettext_lazy("Changed"),
    LogEntry.Action.DELETE: gettext_lazy("Deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("Read"),
}


def changed_between(model, start, end) -> tuple[set[int], set[int]]:
    """Keys of the records of ``model`` created, and updated, in [start, end), as the audit
    trail says (records have no creation date of their own)."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        timestamp__gte=start,
        timestamp__lt=end,
        action__in=[LogEntry.Action.CREATE, LogEntry.Action.UPDATE],
    ).values_list("object_pk", "action")
    created = {
        int(pk) for pk, action in entries if action == LogEntry.Action.CREATE and pk.isdigit()
    }
    updated = {
        int(pk) for pk, action in entries if action == LogEntry.Action.UPDATE and pk.isdigit()
    } - created
    return created, updated


def history_of(instance: models.Model) -> QuerySet[LogEntry]:
    """Every recorded change to ``instance``, newest first, with its author."""
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")


def root_key(root: models.Model | type[models.Model], pk: int | None = None) -> str:
    """What a part's log entries carry (``additional_data["root"]``) so that the history of
    its root keeps them once the part is deleted: the root, or its model and key."""
    return f"{root._meta.label_lower}:{root.pk if pk is None else pk}"


@dataclass
class Change:
    label: str
    before: str = UNKNOWN
    after: str = UNKNOWN
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def _names(self, names: list[str]) -> str:
        return ", ".join(_("“%(name)s”") % {"name": name} for name in names)

    @property
    def text(self) -> str:
        """What changed, after the label: "before → after", or what was added or removed."""
        if self.added:
            return elide(_("added %(names)s") % {"names": self._names(self.added)})
        if self.removed:
            return elide(_("removed %(names)s") % {"names": self._names(self.removed)})
        return f"{self.before} → {self.after}"


@dataclass
class Entry:
    timestamp: datetime
    actor: object
    action: str
    kind: str
    name: str
    changes: list[Change]


def readable_history(
    records: dict[type[models.Model], Iterable[int]],
    *,
    root: models.Model | None = None,
    limit: int = 500,
) -> list[Entry]:
    """The log entries of ``records`` (model → keys), and those of deleted parts of
    ``root``, newest first, readable."""
    where = Q(pk__in=[])
    for model, keys in records.items():
        where |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=keys)
    if root is not None:
        where |= Q(additional_data__root=root_key(root))
    entries = list(
        LogEntry.objects.filter(where)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    names = _related_names(entries)
    currencies = _currencies(entries)
    return [_readable(entry, names, currencies) for entry in entries]


def _fields(entry: LogEntry):
    model = entry.content_type.model_class()
    for name, values in entry.changes_dict.items():
        try:
            model_field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            continue  # a field removed since: nothing readable to say
        if getattr(model_field, "concrete", False) or model_field.many_to_many:
            yield model_field, values


def _related_names(entries) -> dict[tuple[type, str], str]:
    """The names of the related records the entries point to, one query per model."""
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        for model_field, values in _fields(entry):
            if (model_field.many_to_one or model_field.one_to_one) and not isinstance(values, dict):
                wanted[model_field.related_model].update(
                    v for v in values if v not in (None, "None", "")
                )
    names = {}
    model: Any
    for model, keys in wanted.items():
        numeric = [k for k in keys if str(k).isdigit()]
        for pk, record in model._default_manager.in_bulk(numeric).items():
            names[model, str(pk)] = str(record)
    return names


def _currencies(entries) -> dict[tuple[int, int], str]:
    """The currency code of each record whose amounts the entries show (as it is now)."""
    found = {}
    by_model: dict[Any, set[int]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None and getattr(model, "AMOUNTS", None):
            by_model[model].add(entry.object_id)
    for amounts_model, keys in by_model.items():
        rows = amounts_model._default_manager.filter(pk__in=keys).values_list(
            "pk", "currency__code"
        )
        content_type = ContentType.objects.get_for_model(amounts_model)
        for pk, code in rows:
            found[content_type.pk, pk] = code or ""
    return found


def _readable(entry: LogEntry, names, currencies) -> Entry:
    model = entry.content_type.model_class()
    changes = []
    for model_field, values in _fields(entry):
        if model_field.primary_key or entry.action == LogEntry.Action.DELETE:
            continue  # a deleted record's last values are not news
        label = capfirst(str(model_field.verbose_name))
        if isinstance(values, dict) and values.get("type") == "m2m":
            objects = [_in_reader_language(model_field, str(o)) for o in values.get("objects", [])]
            change = Change(label)
            if values.get("operation") == "add":
                change.added = objects
            else:
                change.removed = objects
            changes.append(change)
            continue
        currency = ""
        if model_field.name in getattr(model, "AMOUNTS", ()):
            currency = currencies.get((entry.content_type_id, entry.object_id), "")
        before, after = (_value(model_field, v, names, currency) for v in values[:2])
        if before != after and not (entry.action == LogEntry.Action.CREATE and after == UNKNOWN):
            changes.append(Change(label, before, after))
    kind = capfirst(str(model._meta.verbose_name)) if model else entry.content_type.model
    return Entry(
        timestamp=entry.timestamp,
        actor=entry.actor,
        action=str(ACTIONS.get(entry.action, entry.action)),
        kind=kind,
        name=entry.object_repr,
        changes=changes,
    )


def _in_reader_language(model_field, name: str) -> str:
    """A related record's name as logged (in its writer's language), in the reader's: the
    reference lists named in both languages are matched by either name."""
    related = model_field.related_model
    if not (isinstance(related, type) and issubclass(related, BilingualName)):
        return name
    found = related._default_manager.filter(Q(name_fr=name) | Q(name_en=name)).first()
    return str(found) if found else name


def _value(model_field, raw, names, currency: str) -> str:
    """One recorded value as the pages show it; unknown stays unknown."""
    if raw is None or raw in ("None", ""):
        return UNKNOWN
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(_typed(model_field, raw), raw))
    if model_field.many_to_one or model_field.one_to_one:
        deleted = _("(deleted, #%(key)s)") % {"key": raw}
        return names.get((model_field.related_model, str(raw)), deleted)
    if isinstance(model_field, models.BooleanField):
        return _("yes") if str(raw) in ("True", "true", "1") else _("no")
    if isinstance(model_field, models.DateTimeField):
        return _moment(raw, "SHORT_DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        return _moment(raw, "DATE_FORMAT")
    if isinstance(model_field, models.DecimalField | models.FloatField | models.IntegerField):
        places = getattr(model_field, "decimal_places", None) if currency else None
        try:
            number = formats.number_format(
                _typed(model_field, raw), decimal_pos=places, force_grouping=True
            )
        except (TypeError, ValueError):
            return str(raw)
        return f"{number} {currency}" if currency else number
    return str(raw)


def _typed(model_field, raw):
    try:
        return model_field.to_python(raw)
    except Exception:  # noqa: BLE001 — a value of another type than today's: shown as stored
        return raw


def _moment(raw, style: str) -> str:
    try:
        value = parser.parse(str(raw))
    except (ValueError, OverflowError):
        return str(raw)
    if style == "DATE_FORMAT":
        return long_date(value.date() if isinstance(value, datetime) else value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return formats.date_format(timezone.localtime(value), style)
