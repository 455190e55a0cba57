"""An import, step by step: suggest the columns, preview every row, commit all or nothing,
undo. The web wizard and ``coopdec import`` both go through here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core.text import normalize_name
from coopdec.inventory.models import FiguresVersion
from coopdec.territories.resolve import Resolver, describe, remember

from .kinds import ABROAD, HOME, KINDS, ORGANISATION, organisations_by_name
from .models import ImportChange, ImportRun
from .readers import Table
from .values import parse_list

NEW, UPDATE, UNCHANGED, ERROR, UNRESOLVED = "new", "update", "unchanged", "error", "unresolved"
STATUSES = (NEW, UPDATE, UNCHANGED, ERROR, UNRESOLVED)


class ImportRefused(Exception):
    """The import cannot be committed as it stands; ``str(error)`` says why."""


def suggest_mapping(kind, header: list[str]) -> dict[str, str]:
    """Header → field for the headers that name one of the kind's columns."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for title in header:
        key = normalize_name(title)
        for column in kind.columns:
            if column.field not in taken and key in column.names():
                mapping[title] = column.field
                taken.add(column.field)
                break
    return mapping


@dataclass
class RowResult:
    row: int
    status: str = NEW
    messages: list[str] = field(default_factory=list)
    resolved: dict[str, str | None] = field(default_factory=dict)
    candidates: dict[str, list[str]] = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    existing: object = None
    has_error: bool = False
    # For each name to pick: (field, name in the file) → [(record id, label)].
    options: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    def error(self, message: str) -> None:
        self.messages.append(message)
        self.has_error = True

    def as_report(self) -> dict:
        return {
            "row": self.row,
            "status": self.status,
            "messages": self.messages,
            "resolved": self.resolved,
            "candidates": self.candidates,
        }


@dataclass
class Preview:
    kind: type
    table: Table
    mapping: dict[str, str]
    rows: list[RowResult]
    learned: list = field(default_factory=list)
    choices: dict = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return {"rows": len(self.rows), **counts}

    @property
    def clean(self) -> bool:
        return not any(row.status in (ERROR, UNRESOLVED) for row in self.rows)

    def report(self, *, suggested: bool = False) -> dict:
        return {
            "kind": self.kind.key,
            "sheet": self.table.sheet,
            "header_row": self.table.header_row,
            "mapping": self.mapping,
            "mapping_suggested": suggested,
            "summary": self.summary,
            "rows": [row.as_report() for row in self.rows],
        }


class _Names:
    """The reference data a preview resolves names against, read once per preview."""

    def __init__(self, kind, choices: dict[str, dict[str, int]]) -> None:
        self.kind = kind
        self.choices = {
            field: {normalize_name(text): pk for text, pk in picked.items()}
            for field, picked in (choices or {}).items()
        }
        self.resolvers = {HOME: Resolver(kind.scope(HOME)), ABROAD: Resolver(kind.scope(ABROAD))}
        self.organisations = organisations_by_name()
        # Names the user matched by hand: (text, area), remembered when the import commits.
        self.learned: list[tuple[str, object]] = []

    def area(self, column, text: str):
        """(area, None) when certain, else (None, candidates)."""
        resolver = self.resolvers[column.resolve]
        chosen = self.choices.get(column.field, {}).get(normalize_name(text))
        if chosen is not None and chosen in resolver.areas:
            self.learned.append((text, resolver.areas[chosen]))
            return resolver.areas[chosen], None
        resolution = resolver.resolve(text)
        answer = resolution.area
        if answer is not None and column.resolve == HOME and not self.kind.home_answer(answer):
            answer = None
        if answer is not None:
            return answer, None
        return None, resolution.candidates

    def organisation(self, text: str):
        found = self.organisations.get(normalize_name(text))
        return (found, None) if found else (None, [])


def _read(column, raw, names: _Names, result: RowResult):
    """The value of one cell; problems are added to ``result``."""
    if column.resolve is None:
        try:
            return column.parse(raw)
        except ValueError as error:
            result.error(_("%(column)s: %(reason)s") % {"column": column.label, "reason": error})
            return None
    texts = [str(raw).strip()] if not column.many else _items(raw)
    found, missing = [], {}
    for text in texts:
        if column.resolve == ORGANISATION:
            record, candidates = names.organisation(text)
        else:
            record, candidates = names.area(column, text)
        if record is None:
            missing[text] = [str(candidate) for candidate in candidates or []]
            result.options[(column.field, text)] = [
                (candidate.area.pk, str(candidate)) for candidate in candidates or []
            ]
        else:
            found.append(record)
    if missing:
        result.resolved[column.field] = None
        result.candidates[column.field] = [
            candidate for candidates in missing.values() for candidate in candidates
        ]
        for text, candidates in missing.items():
            result.messages.append(
                _("%(column)s: “%(name)s” is not known for certain%(hint)s.")
                % {
                    "column": column.label,
                    "name": text,
                    "hint": _(" (%(count)d candidates)") % {"count": len(candidates)}
                    if candidates
                    else _(" and no record resembles it"),
                }
            )
        return None
    result.resolved[column.field] = "; ".join(
        describe(record) if hasattr(record, "level") else str(record) for record in found
    )
    return found if column.many else (found[0] if found else None)


def _items(raw) -> list[str]:
    return parse_list(raw)


def preview(kind, table: Table, mapping: dict[str, str], choices: dict | None = None) -> Preview:
    """What committing the file would do, row by row; writes nothing."""
    columns = {column.field: column for column in kind.columns}
    unknown = sorted(set(mapping.values()) - set(columns))
    if unknown:
        raise ImportRefused(
            _("Unknown fields in the mapping: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    index = {
        table.header.index(title): columns[name]
        for title, name in mapping.items()
        if title in table.header
    }
    missing = [str(c.label) for c in kind.columns if c.required and c not in index.values()]
    if missing:
        raise ImportRefused(
            _("No column gives: %(fields)s. Say which column holds it.")
            % {"fields": ", ".join(missing)}
        )
    names = _Names(kind, choices or {})
    existing = kind.existing()
    results, seen = [], {}
    for number, cells in table.rows:
        result = RowResult(number)
        values = dict(kind.defaults)
        for position, column in index.items():
            raw = cells[position] if position < len(cells) else ""
            value = _read(column, raw, names, result)
            if (
                column.required
                and value in (None, "", [])
                and column.field not in result.candidates
            ):
                result.error(_("%(column)s: this cell is empty.") % {"column": column.label})
            if value not in (None, ""):
                values[column.field] = value
        result.values = values
        if result.has_error:
            result.status = ERROR
        elif result.messages:
            result.status = UNRESOLVED
        else:
            key = kind.key_of(values)
            if key in seen:
                result.error(_("The same record as row %(row)d.") % {"row": seen[key]})
                result.status = ERROR
            else:
                seen[key] = number
                result.existing = existing.get(key)
                result.status = _compare(kind, result.existing, values)
        results.append(result)
    return Preview(kind, table, mapping, results, names.learned, choices or {})


def _compare(kind, existing, values: dict) -> str:
    if existing is None:
        return NEW
    for name in kind.scalar_fields:
        if name in values and getattr(existing, name) != values[name]:
            return UPDATE
    for name in kind.many_fields:
        if name in values and {r.pk for r in getattr(existing, name).all()} != {
            r.pk for r in values[name]
        }:
            return UPDATE
    return UNCHANGED


def _snapshot(kind, instance) -> dict:
    """Everything about a record an import may change, to put it back on undo."""
    data = {
        f.attname: _plain(f.value_from_object(instance))
        for f in instance._meta.concrete_fields
        if not f.primary_key
    }
    for name in kind.many_fields:
        data[name] = [related.pk for related in getattr(instance, name).all()]
    for name in getattr(kind, "dependents", ()):
        data[name] = list(getattr(instance, name).values_list("pk", flat=True))
    return data


def _plain(value):
    """A field's value as JSON keeps it whole (dates and times to the microsecond)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def commit(
    result: Preview, *, author=None, file_name: str = "", run: ImportRun | None = None
) -> ImportRun:
    """Write every row, or nothing: one transaction, and a history entry to undo it (the
    draft ``run`` prepared in the wizard, or a new one)."""
    if not result.clean:
        raise ImportRefused(_("Some rows have errors or names to pick: nothing was imported."))
    kind = result.kind
    content_type = ContentType.objects.get_for_model(kind.model)
    with transaction.atomic():
        if run is None:
            run = ImportRun(kind=kind.key, file_name=file_name[:255], author=author)
        elif run.state != ImportRun.State.DRAFT:
            raise ImportRefused(_("This import was already committed."))
        run.sheet = result.table.sheet
        run.mapping = {"columns": result.mapping, "choices": result.choices}
        run.summary = result.summary
        run.state = ImportRun.State.COMMITTED
        run.created_at = timezone.now()
        run.save()
        changes = []
        for row in result.rows:
            if row.status == UNCHANGED:
                continue
            instance = row.existing or kind.model()
            before = _snapshot(kind, instance) if row.existing else {}
            kind.write(instance, row.values)
            changes.append(
                ImportChange(
                    run=run,
                    content_type=content_type,
                    object_id=instance.pk,
                    action=ImportChange.Action.UPDATED
                    if row.existing
                    else ImportChange.Action.CREATED,
                    before=before,
                )
            )
        for text, area in result.learned:
            alias = remember(text, area)
            if alias is not None:
                changes.append(
                    ImportChange(
                        run=run,
                        content_type=ContentType.objects.get_for_model(alias),
                        object_id=alias.pk,
                        action=ImportChange.Action.CREATED,
                    )
                )
        ImportChange.objects.bulk_create(changes)
    return run


def undo(run: ImportRun, *, author=None) -> None:
    """Put every record back as it was before the import: records it created are deleted,
    records it changed get their former values (dates of change included) and relations.
    The run stays in the history, marked undone, with who undid it and when."""
    if run.state != ImportRun.State.COMMITTED:
        raise ImportRefused(_("Only a committed import can be undone."))
    kind = KINDS[run.kind]
    with transaction.atomic():
        for change in run.changes.select_related("content_type").order_by("-pk"):
            model = change.content_type.model_class()
            instance = model.objects.filter(pk=change.object_id).first()
            if instance is None:
                continue
            if change.action == ImportChange.Action.CREATED:
                instance.delete()
                continue
            before = dict(change.before)
            for name in getattr(kind, "dependents", ()):
                kept = before.pop(name)
                getattr(instance, name).exclude(pk__in=kept).delete()
            many = {name: before.pop(name) for name in kind.many_fields if name in before}
            for name, keys in many.items():
                getattr(instance, name).set(keys)
            fields = {
                f.attname: f.to_python(before[f.attname])
                for f in model._meta.concrete_fields
                if f.attname in before
            }
            # A plain UPDATE: the former values exactly, "last updated" included.
            model.objects.filter(pk=instance.pk).update(**fields)
        run.state = ImportRun.State.UNDONE
        run.undone_by = author
        run.undone_at = timezone.now()
        run.save(update_fields=["state", "undone_by", "undone_at"])
        FiguresVersion.bump()
