"""An import, step by step: suggest the columns, preview every row, commit all or nothing,
undo. The web wizard and ``coopdec import`` both go through here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import router, transaction
from django.db.models import (
    CharField,
    DecimalField,
    IntegerField,
    Model,
    ProtectedError,
    RestrictedError,
)
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core.meta import model_of
from coopdec.core.text import department_code, normalize_name, normalize_text
from coopdec.directory.enums import OrganisationKind
from coopdec.directory.models import Organisation
from coopdec.inventory.models import FiguresVersion
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import Area, Country
from coopdec.territories.resolve import Resolver, remember

from .kinds import ABROAD, FUNDER, HOME, KINDS, ORGANISATION, organisations_by_name
from .kinds.base import ImportKind, UnknownWords, clean_name
from .models import ImportChange, ImportRun
from .readers import Table
from .values import parse_list

NEW, UPDATE, UNCHANGED, ERROR, UNRESOLVED = "new", "update", "unchanged", "error", "unresolved"
STATUSES = (NEW, UPDATE, UNCHANGED, ERROR, UNRESOLVED)


class ImportRefused(Exception):
    """The import cannot be committed as it stands; ``str(error)`` says why."""


class AlreadyCommitted(ImportRefused):
    """The draft was committed meanwhile (twice asked, or by another worker)."""


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


def mapping_to_keep(mapping: dict, header: list[str]) -> dict:
    """A draft's mapping as kept for the next files, with the titles left out on purpose."""
    columns = mapping.get("columns", {})
    return {**mapping, "ignored": [title for title in header if title and title not in columns]}


def reuse_mapping(kind, saved: dict, header: list[str]) -> dict:
    """A kept mapping applied to a new file: its columns for the titles this file has,
    suggestions for the titles it has not seen, its picks and its country for new
    records."""
    columns = {title: name for title, name in saved.get("columns", {}).items() if title in header}
    taken, ignored = set(columns.values()), set(saved.get("ignored", []))
    for title, name in suggest_mapping(kind, header).items():
        if title not in columns and title not in ignored and name not in taken:
            columns[title] = name
            taken.add(name)
    mapping = {"columns": columns, "choices": saved.get("choices", {})}
    if saved.get("always"):
        mapping["always"] = saved["always"]
    if saved.get("create_all"):
        mapping["create_all"] = True
    if saved.get("words"):  # what the source's own words mean, kept with its columns
        mapping["words"] = saved["words"]
    if saved.get("new_country"):
        mapping["new_country"] = saved["new_country"]
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
    # For an update: the record it changes, then each change ("Statut : Actif → Terminé").
    changes: list[str] = field(default_factory=list)
    # Words of a cell that mean nothing known: (field, word) → [(code, label)] to map to.
    words: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

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
            "changes": self.changes,
        }


@dataclass
class Preview:
    kind: ImportKind
    table: Table
    mapping: dict[str, str]
    rows: list[RowResult]
    learned: list = field(default_factory=list)
    choices: dict = field(default_factory=dict)
    new_country: str | None = None
    # Records the user asked to create for names in the file, written first on commit.
    created: list = field(default_factory=list)
    # What the file holds and the import leaves out, said rather than dropped: titled
    # columns not mapped to a field, and rows with cells beyond the last titled column.
    unused_columns: list[str] = field(default_factory=list)
    cells_beyond: list[int] = field(default_factory=list)
    # The names the user said always mean their pick (by field).
    always: dict = field(default_factory=dict)
    # Whether every name nothing recorded resembles was to be created.
    create_all: bool = False
    # What unknown words of the file mean, as the person said (field → word → code).
    words: dict = field(default_factory=dict)

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
            "unused_columns": self.unused_columns,
            "cells_beyond": self.cells_beyond,
            "rows": [row.as_report() for row in self.rows],
        }


class AreaRef(int):
    """An area's id standing in for the area until the rows' areas are loaded in bulk."""


# A pick that asks for a new record rather than one of the candidates, and the columns
# whose names may be created so (a commune of the federation is reference data).
NEW_RECORD = "new"
# A pick that says the commune is not known for certain: the row is recorded in the
# prefecture (or region) its candidates share, as a commune to confirm — never an alias.
TO_CONFIRM = "confirm"
CREATABLE = (ABROAD, ORGANISATION, FUNDER)


class _Names:
    """The reference data a preview resolves names against, read once per preview."""

    def __init__(
        self,
        kind,
        choices: dict[str, dict[str, int]],
        new_country: str | None,
        always: dict[str, list[str]] | None = None,
        create_all: bool = False,
        words: dict[str, dict[str, str]] | None = None,
    ):
        self.kind = kind
        self.choices = {
            field: {normalize_name(text): pk for text, pk in picked.items()}
            for field, picked in (choices or {}).items()
        }
        # The picks the user said a name always means: learned as its other name.
        self.always = {
            field: {normalize_name(text) for text in texts}
            for field, texts in (always or {}).items()
        }
        self._resolvers: dict[str, Resolver] = {}
        self.organisations = (
            organisations_by_name()
            if any(column.resolve in (ORGANISATION, FUNDER) for column in kind.columns)
            else {}
        )
        # Names the user said always mean an area: (text, area id), remembered when the
        # import commits. Any other pick holds for this file only.
        self.learned: list[tuple[str, int]] = []
        self.new_country = Country.objects.filter(code=new_country or "").first()
        # Every name nothing recorded closely resembles becomes a new record (one decision
        # for the whole file instead of one per name).
        self.create_all = create_all
        # What the person said unknown words of this file mean (field → word → code).
        self.words = {
            name: {normalize_text(word): code for word, code in meanings.items()}
            for name, meanings in (words or {}).items()
        }
        self._departments: dict[str, Area | None] = {}
        # Records to create, one per name however many rows give it.
        self.created: dict[tuple[str, str], Any] = {}
        # Levels of local government, read once for all the names to create.
        self._local_governments = KINDS["local_governments"]()

    def find(self, column, text: str):
        """(record or area id, label) when certain, else (None, candidates). A name the
        user asked to create gives an unsaved record, written when the import commits."""
        chosen = self.choices.get(column.field, {}).get(normalize_name(text))
        if chosen == NEW_RECORD and column.resolve in CREATABLE:
            record = self.new(column, text)
            return record, _("%(name)s (new)") % {"name": record.name}
        if column.resolve in (ORGANISATION, FUNDER):
            found = self.organisations.get(normalize_name(text))
            if found is not None:
                return found, str(found)
            if column.resolve == ORGANISATION:
                return self._new_for_all(column, text, [])
        record, answer = self.area(column, text, chosen)
        if record is None and chosen is None:
            return self._new_for_all(column, text, answer)
        return record, answer

    def _new_for_all(self, column, text: str, candidates):
        """A new record for an unknown name when the file's names are all to be created,
        unless a recorded one has that very name (then the person picks)."""
        if (
            self.create_all
            and column.resolve in CREATABLE
            and not any(candidate.score == 100 for candidate in candidates or [])
        ):
            record = self.new(column, text)
            return record, _("%(name)s (new)") % {"name": record.name}
        return None, candidates

    def area(self, column, text: str, chosen):
        if column.resolve not in self._resolvers:  # read only for kinds that need it
            self._resolvers[column.resolve] = Resolver(self.kind.scope(column.resolve))
        resolver = self._resolvers[column.resolve]
        if chosen is not None and chosen in resolver.places:
            if normalize_name(text) in self.always.get(column.field, ()):
                self.learned.append((text, chosen))
            return AreaRef(chosen), resolver.describe(chosen)
        resolution = resolver.resolve(text)
        if chosen == TO_CONFIRM and column.resolve == HOME and not resolution.resolved:
            shared = resolver.shared_place(c.pk for c in resolution.candidates if c.score == 100)
            if shared is None:
                raise ValueError(
                    _("“%(name)s” may mean communes of different regions: pick one.")
                    % {"name": text}
                )
            return AreaRef(shared), _("%(place)s — commune to confirm") % {
                "place": resolver.describe(shared)
            }
        answer = resolution.pk
        if (
            answer is not None
            and column.resolve == HOME
            and not self.kind.home_answer(resolver.places[answer].level_kind)
        ):
            answer = None
        if answer is not None:
            return AreaRef(answer), resolver.describe(answer)
        return None, resolution.candidates

    def _department(self, text: str, level) -> Area | None:
        """The department a name gives in parentheses ("Coulon (79)"), among those of the
        country of new records, for a level below it."""
        number = department_code(text)
        if number is None:
            return None
        if number not in self._departments:
            self._departments[number] = Area.objects.filter(
                country=self.new_country,
                level__kind=LevelKind.INTERMEDIATE,
                level__depth__lt=level.depth,
                official_code__iexact=number,
            ).first()
        return self._departments[number]

    def new(self, column, text: str) -> Any:
        """The record to create for ``text``: a local government abroad, or an
        organisation, in the country chosen for new records. ValueError says why not."""
        model = Area if column.resolve == ABROAD else Organisation
        key = (model.__name__, normalize_name(text))
        if key in self.created:
            record = self.created[key]
            if record.name.isascii() and not clean_name(text).isascii():
                record.name = clean_name(text)  # "Pougne-Hérisson" rather than from capitals
            return record
        if self.new_country is None:
            raise ValueError(_("choose the country of the records to create."))
        if model is Area:
            values: dict[str, Any] = {"name": clean_name(text), "country": self.new_country}
            problems = self._local_governments.complete(values)
            if problems:
                raise ValueError(problems[0])
            record = Area(country=values["country"], level=values["level"], name=values["name"])
            record.parent = self._department(text, values["level"])
        else:
            record = Organisation(
                name=clean_name(text)[:250], country=self.new_country, kind=OrganisationKind.OTHER
            )
        self.created[key] = record
        return record


def _read(column, raw, names: _Names, result: RowResult):
    """The value of one cell; problems are added to ``result``."""
    if column.resolve is None:
        parse = getattr(names.kind, column.parse) if isinstance(column.parse, str) else column.parse
        try:
            if getattr(parse, "takes_words", False):
                return parse(raw, words=names.words.get(column.field))
            return parse(raw)
        except UnknownWords as error:
            for word in error.words:
                result.words[(column.field, word)] = error.options
            result.error(_("%(column)s: %(reason)s") % {"column": column.label, "reason": error})
            return None
        except ValueError as error:
            result.error(_("%(column)s: %(reason)s") % {"column": column.label, "reason": error})
            return None
    texts = parse_list(raw) if column.many else ["" if raw is None else str(raw).strip()]
    texts = [text for text in texts if text]
    if not texts:
        return [] if column.many else None
    found, labels, missing = [], [], {}
    for text in texts:
        try:
            record, answer = names.find(column, text)
        except ValueError as error:
            result.error(_("%(column)s: %(reason)s") % {"column": column.label, "reason": error})
            return None
        if record is None:
            missing[text] = [str(candidate) for candidate in answer or []]
            result.options[(column.field, text)] = [
                (candidate.pk, str(candidate)) for candidate in answer or []
            ]
        else:
            found.append(record)
            labels.append(answer)
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
    result.resolved[column.field] = "; ".join(labels)
    return found if column.many else (found[0] if found else None)


def _too_large(kind, columns: dict, values: dict) -> list[str]:
    """Values the database would refuse: text longer than its column, a number with more
    digits than it holds. Said at preview, so that a clean preview commits."""
    problems = []
    for name, value in values.items():
        try:
            model_field = kind.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        label = columns[name].label if name in columns else model_field.verbose_name
        if isinstance(model_field, CharField) and isinstance(value, str):
            if model_field.max_length and len(value) > model_field.max_length:
                problems.append(
                    _("%(column)s: %(length)d characters, at most %(limit)d.")
                    % {"column": label, "length": len(value), "limit": model_field.max_length}
                )
        elif isinstance(model_field, DecimalField) and isinstance(value, Decimal):
            whole = model_field.max_digits - model_field.decimal_places
            if abs(value) >= Decimal(10) ** whole:
                problems.append(
                    _("%(column)s: %(value)s is larger than coopdec can record.")
                    % {"column": label, "value": value}
                )
        elif (
            isinstance(model_field, IntegerField)
            and isinstance(value, int)
            and abs(value) > 2**31 - 1
        ):
            problems.append(
                _("%(column)s: %(value)s is larger than coopdec can record.")
                % {"column": label, "value": value}
            )
    return problems


def _load_areas(results: list[RowResult]) -> None:
    """Replace the area ids the rows resolved to by the areas, read in bulk."""
    wanted = set()
    for result in results:
        for value in result.values.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, AreaRef):
                    wanted.add(int(item))
    areas = Area.objects.select_related("level", "country").in_bulk(wanted)

    def loaded(value):
        if isinstance(value, list):
            return [loaded(item) for item in value]
        return areas[int(value)] if isinstance(value, AreaRef) else value

    for result in results:
        result.values = {name: loaded(value) for name, value in result.values.items()}


def preview(
    kind,
    table: Table,
    mapping: dict[str, str],
    choices: dict | None = None,
    new_country: str | None = None,
    progress: Callable[[int], None] | None = None,
    always: dict[str, list[str]] | None = None,
    create_all: bool = False,
    words: dict[str, dict[str, str]] | None = None,
) -> Preview:
    """What committing the file would do, row by row; writes nothing. ``choices`` are
    the user's picks for uncertain names (a record id, or NEW_RECORD), ``always`` the
    names (by field) the user said always mean their pick (remembered on commit; other
    picks hold for this file only), ``create_all`` whether every name of a partner or
    organisation that nothing recorded bears is to be created, ``new_country`` the country
    code of the records to create ("(79)" in a name gives its department there); ``progress`` is told the share done, in percent, every few hundred rows."""
    kind = kind()  # this file's own reading of the reference data
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
    names = _Names(kind, choices or {}, new_country, always, create_all, words)
    results = []
    for done, (number, cells) in enumerate(table.rows):
        if progress is not None and done % 500 == 0:
            progress(90 * done // len(table.rows))
        result = RowResult(number)
        values = {}
        for position, column in index.items():
            raw = cells[position] if position < len(cells) else ""
            value = _read(column, raw, names, result)
            if column.required and (raw is None or not str(raw).strip()):
                result.error(_("%(column)s: this cell is empty.") % {"column": column.label})
            if value not in (None, ""):
                values[column.field] = value
        result.values = values
        if not result.messages and hasattr(kind, "complete"):
            for message in kind.complete(values):
                result.error(message)
        for message in _too_large(kind, columns, values):
            result.error(message)
        if result.has_error:
            result.status = ERROR
        elif result.messages:
            result.status = UNRESOLVED
        results.append(result)
    _load_areas(results)
    _classify(kind, results)
    learned = [(text, area) for text, area in _learned_areas(names.learned)]
    return Preview(
        kind,
        table,
        mapping,
        results,
        learned,
        choices or {},
        new_country=new_country if names.created else None,
        created=list(names.created.values()),
        always=always or {},
        create_all=create_all,
        words=words or {},
        unused_columns=[
            str(title)
            for position, title in enumerate(table.header)
            if position not in index and str(title or "").strip()
        ],
        cells_beyond=[
            number
            for number, cells in table.rows
            if any(str(cell or "").strip() for cell in cells[len(table.header) :])
        ],
    )


def _learned_areas(learned: list[tuple[str, int]]):
    areas = Area.objects.in_bulk({pk for _text, pk in learned})
    return [(text, areas[pk]) for text, pk in learned if pk in areas]


def _classify(kind, results: list[RowResult]) -> None:
    """New, update or unchanged for each clean row; the same record twice is an error."""
    existing, seen = kind.existing(), dict[tuple, int]()
    for result in results:
        if result.status in (ERROR, UNRESOLVED):
            continue
        key = kind.key_of(result.values)
        if key in seen:
            result.error(_("The same record as row %(row)d.") % {"row": seen[key]})
            result.status = ERROR
            continue
        seen[key] = result.row
        result.existing = existing.get(key)
    # Their related records read in bulk: comparing them and saying what changes asks no
    # more queries, however many rows update.
    model_fields = [kind.model._meta.get_field(name) for name in kind.scalar_fields]
    related = {f.name for f in model_fields if getattr(f, "many_to_one", False)}
    records = (
        kind.model.objects.select_related(*related)
        .prefetch_related(*kind.many_fields)
        .in_bulk({r.existing for r in results if r.existing is not None and r.status != ERROR})
    )
    for result in results:
        if result.status in (ERROR, UNRESOLVED):
            continue
        result.existing = records.get(result.existing) if result.existing else None
        if result.existing is None:
            result.status = NEW
        elif kind.changed(result.existing, result.values):
            result.status = UPDATE
            result.changes = _changes(kind, result.existing, result.values)
        else:
            result.status = UNCHANGED


def _changes(kind, record, values: dict) -> list[str]:
    """What an update changes in the record it names, field by field: "Statut : Actif →
    Terminé" (its values as shown, names of related records)."""
    said = [f"{record}"]
    for name in kind.scalar_fields:
        if name not in values or name.endswith("_precision"):
            continue
        before, after = getattr(record, name), values[name]
        if before == after:
            continue
        model_field = record._meta.get_field(name)
        shown = [
            str(dict(model_field.choices).get(v, v)) if model_field.choices else str(v)
            for v in (before, after)
        ]
        said.append(
            _("%(field)s: %(before)s → %(after)s")
            % {
                "field": model_field.verbose_name,
                "before": shown[0] if before not in (None, "") else "—",
                "after": shown[1] if after not in (None, "") else "—",
            }
        )
    for name in kind.many_fields:
        if name in values:
            had = {str(r) for r in getattr(record, name).all()}
            has = {str(r) for r in values[name]}
            if had != has:
                said.append(
                    _("%(field)s: %(before)s → %(after)s")
                    % {
                        "field": record._meta.get_field(name).verbose_name,
                        "before": ", ".join(sorted(had)) or "—",
                        "after": ", ".join(sorted(has)) or "—",
                    }
                )
    return said


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
        elif (
            ImportRun.objects.select_for_update().filter(pk=run.pk).values_list("state").get()
        ) != (ImportRun.State.DRAFT,):
            # Read again under lock: of two workers committing the same draft (one taken
            # for dead), the second finds it committed and writes nothing.
            raise AlreadyCommitted(_("This import was already committed."))
        run.sheet = result.table.sheet
        run.mapping = {"columns": result.mapping, "choices": result.choices}
        if result.always:
            run.mapping["always"] = result.always
        if result.create_all:
            run.mapping["create_all"] = True
        if result.words:
            run.mapping["words"] = result.words
        if result.new_country:
            run.mapping["new_country"] = result.new_country
        run.summary = result.summary
        run.state = ImportRun.State.COMMITTED
        run.created_at = timezone.now()
        run.save()
        changes = _create_named(run, result.created)
        for row in result.rows:
            if row.status == UPDATE:
                before = _snapshot(kind, row.existing)
                kind.write(row.existing, row.values)
                changes.append(_change(run, content_type, row.existing, before))
        created = kind.create_many([row.values for row in result.rows if row.status == NEW])
        changes += [_change(run, content_type, record) for record in created]
        for part in kind.parts(created):
            changes.append(_change(run, ContentType.objects.get_for_model(part), part))
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
        ImportChange.objects.bulk_create(changes, batch_size=2000)
        FiguresVersion.bump()  # records written in bulk send no signal
    return run


def _create_named(run, records: list) -> list[ImportChange]:
    """Write the records the user asked to create for names in the file, so that the
    rows naming them point to them."""
    changes = []
    by_kind = {each.model: each for each in KINDS.values()}
    for model in {type(record) for record in records}:
        kind = by_kind[model]()
        batch = [record for record in records if type(record) is model]
        kind.prepare(batch)
        model.objects.bulk_create(batch)
        content_type = ContentType.objects.get_for_model(model)
        changes += [_change(run, content_type, record) for record in batch]
    return changes


def _change(run, content_type, record, before: dict | None = None) -> ImportChange:
    return ImportChange(
        run=run,
        content_type=content_type,
        object_id=record.pk,
        action=ImportChange.Action.UPDATED if before is not None else ImportChange.Action.CREATED,
        before=before or {},
    )


def _restore(kind, change: ImportChange, author=None) -> None:
    """Put back a record the import changed: former values ("last updated" included, by
    a plain UPDATE), relations, and none of the records the application added beside it.
    The record's audit trail gets the reversal, by ``author``, as it got the import's
    change."""
    model = model_of(change.content_type)
    instance = model._default_manager.filter(pk=change.object_id).first()
    if instance is None:
        return
    before = dict(change.before)
    for name in getattr(kind, "dependents", ()):
        kept = before.pop(name)
        getattr(instance, name).exclude(pk__in=kept).delete()
    for name in kind.many_fields:
        if name in before:
            getattr(instance, name).set(before.pop(name))
    fields = {
        f.attname: f.to_python(before[f.attname])
        for f in model._meta.concrete_fields
        if f.attname in before
    }
    model._default_manager.filter(pk=instance.pk).update(**fields)
    if auditlog.contains(model):
        restored = model._default_manager.get(pk=instance.pk)
        changes = model_instance_diff(instance, restored)
        if changes:
            LogEntry.objects.log_create(
                restored,
                action=LogEntry.Action.UPDATE,
                changes=changes,
                actor=author,
                additional_data={"import_undone": change.run_id},
            )


def added_since(model, keys: list[int], own: dict) -> int:
    """How many records that are not the import's own (``own``: model → keys it created)
    would be deleted or cut with ``model``'s records ``keys``. Django's ``Collector`` says
    what depends on them, so a model added later counts without anyone listing it; the
    many-to-many links a record of the import holds itself are its own."""
    collector = Collector(using=router.db_for_write(model), origin=None)
    try:
        collector.collect(list(model._default_manager.filter(pk__in=keys)))
    except ProtectedError as error:
        return len(error.protected_objects)
    except RestrictedError as error:
        return len(error.restricted_objects)
    found = [(related, list(rows)) for related, rows in collector.data.items()]
    found += [(queryset.model, list(queryset)) for queryset in collector.fast_deletes]
    found += [
        (field.model, list(cast("Iterable[Model]", batch)))
        for (field, _value), batches in collector.field_updates.items()
        for batch in batches
    ]
    return sum(_not_own(related, rows, own) for related, rows in found)


def _not_own(related, rows, own: dict) -> int:
    mine = own.get(related, set())
    holder, holders = None, set()
    declared_on = related._meta.auto_created  # the model of an automatic many-to-many table
    if declared_on:
        holder = next(
            (f.attname for f in related._meta.fields if f.related_model is declared_on), None
        )
        holders = own.get(declared_on, set())
    return sum(
        1 for row in rows if row.pk not in mine and not (holder and getattr(row, holder) in holders)
    )


def undo(run: ImportRun, *, author=None) -> None:
    """Put every record back as it was before the import: records it created are deleted,
    records it changed get their former values (dates of change included) and relations.
    The run stays in the history, marked undone, with who undid it and when."""
    if run.state != ImportRun.State.COMMITTED:
        raise ImportRefused(_("Only a committed import can be undone."))
    kind = KINDS[run.kind]()
    with transaction.atomic():
        changes = list(run.changes.select_related("content_type").order_by("-pk"))
        created: dict = defaultdict(list)
        for change in changes:
            if change.action == ImportChange.Action.CREATED:
                created[change.content_type.model_class()].append(change.object_id)
        for change in changes:
            if change.action == ImportChange.Action.UPDATED:
                _restore(kind, change, author)
        own = {model: set(keys) for model, keys in created.items()}
        try:
            # The import's own records first, then the ones it created for names in the
            # file: by then, only others' references to those remain.
            for model, keys in created.items():
                used = added_since(model, keys, own)
                if used:
                    raise ImportRefused(
                        _(
                            "Records this import created are used since (%(count)d), for "
                            "example by a later import: undo that one first."
                        )
                        % {"count": used}
                    )
                if model.delete is not Model.delete:
                    for instance in model.objects.filter(pk__in=keys):
                        instance.delete()  # the model tidies up after itself
                else:
                    for start in range(0, len(keys), 2000):
                        model.objects.filter(pk__in=keys[start : start + 2000]).delete()
        except (ProtectedError, RestrictedError) as error:
            # A reference ``in_use`` does not count yet: refuse all the same.
            raise ImportRefused(
                _("Records this import created are used since: nothing was undone.")
            ) from error
        run.state = ImportRun.State.UNDONE
        run.undone_by = author
        run.undone_at = timezone.now()
        run.save(update_fields=["state", "undone_by", "undone_at"])
        FiguresVersion.bump()
