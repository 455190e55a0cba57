"""What every kind of import shares: columns, how cells are read, how rows become records."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.core.text import free_slug, normalize_name, normalize_text
from coopdec.directory.models import Organisation
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import Area, Country

from .. import vocabulary as vocabularies
from ..values import parse_amount, parse_list

# Where a column's names are looked for: the federation's own areas (a canton or a
# prefecture proposes its communes), local governments abroad, local governments anywhere,
# organisations, or a funder (an organisation, else a local government anywhere).
HOME, ABROAD, LOCAL, ORGANISATION, FUNDER = "home", "abroad", "local", "organisation", "funder"


class UnknownWords(ValueError):
    """Words of a cell that mean nothing known; the person may say once, for the file,
    what each means (``words`` in the mapping), among ``options`` (code, label)."""

    def __init__(self, message: str, words: list[str], options: list[tuple[str, str]]):
        super().__init__(message)
        self.words, self.options = words, options


def choice_parser(choices, vocabulary: str | None = None) -> Callable:
    """Reads a choice by its code, its French or English label or one of the other words
    people use for it (the ``vocabulary`` of that name), whatever the case and accents, or
    the meaning the person gave the word for this file (``words``)."""
    names: dict[str, str] = {}

    def parse(value, words: dict[str, str] | None = None) -> str | None:
        text = normalize_text(str(value or ""))
        if not text:
            return None
        if words and text in words:
            return words[text]
        if not names:  # the labels in both languages, gathered on first use
            names.update(vocabularies.words(vocabulary) if vocabulary else {})
            for code, label in choices.choices:
                names[normalize_text(code)] = code
                for language in ("fr", "en"):
                    with translation.override(language):
                        names[normalize_text(str(label))] = code
        if text in names:
            return names[text]
        allowed = ", ".join(str(label) for _code, label in choices.choices)
        raise UnknownWords(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed},
            [str(value).strip()],
            [(code, str(label)) for code, label in choices.choices],
        )

    parse.takes_words = True  # type: ignore[attr-defined]
    return parse


def text_parser(value) -> str:
    return "" if value is None else str(value).strip()


def whole_number(value) -> int | None:
    if value in (None, ""):
        return None
    amount = parse_amount(value)
    if amount is None:
        return None
    number, _currency = amount
    if number != number.to_integral_value() or number < 0:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


@dataclass(frozen=True)
class Column:
    field: str
    label: object
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # A function of the cell, or the name of a method of the import kind (one that reads
    # reference data once per file).
    parse: Callable[[object], object] | str = text_parser
    # Names to find among the reference data (HOME, ABROAD, LOCAL, ORGANISATION, FUNDER);
    # ``many`` for a list of them in one cell.
    resolve: str | None = None
    many: bool = False

    def names(self) -> set[str]:
        """The header titles that mean this column, in French and English."""
        labels = set()
        for language in ("fr", "en"):
            with translation.override(language):
                labels.add(str(self.label))
        return {normalize_name(name) for name in (self.field, *labels, *self.synonyms)}


def pk_of(value) -> int | None:
    """The id of a record, or of the area id standing for it during a preview; a record
    still to create has a negative stand-in of its own."""
    if value is None:
        return None
    if isinstance(value, Model):
        return value.pk if value.pk is not None else -id(value)
    return int(value)


def organisations_by_name() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for organisation in Organisation.objects.all():
        for name in (organisation.name, organisation.acronym):
            if name:
                found.setdefault(normalize_name(name), organisation)
    return found


_LEADING = re.compile(
    r"^(?:commune|mairie|ville|municipalite)\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|de\s+|du\s+|d['’]\s*)",
    re.IGNORECASE,
)
_CODE_IN_PARENTHESES = re.compile(r"\s*\(\s*[0-9][0-9abAB]?[0-9]?\s*\)\s*")


def clean_name(text: str) -> str:
    """ "Commune de BRESSUIRE (79)" → "Bressuire": the name as the record should show it."""
    name = _CODE_IN_PARENTHESES.sub(" ", str(text)).strip()
    name = _LEADING.sub("", name).strip()
    if name.isupper():
        name = "-".join(" ".join(w.capitalize() for w in part.split()) for part in name.split("-"))
    return name


def unique_slugs(records: list, taken: set, scope=lambda record: None, fallback="fiche") -> None:
    """Give each new record a slug unique within its ``scope`` (a level, or everything)."""
    for record in records:
        where = scope(record)
        slug = free_slug(record.name, lambda slug: (where, slug) in taken, fallback=fallback)  # noqa: B023
        taken.add((where, slug))
        record.slug = slug


class ImportKind(ABC):
    """One kind of records a spreadsheet can fill. An instance serves one file: it reads
    the reference data it needs once, on first use."""

    key: str
    label: object
    model: type[Model]
    columns: tuple[Column, ...]
    # Values of the fields a new record gets when the file does not give them; a recorded
    # record keeps its own.
    defaults: dict = {}
    # Fields the import sets (compared to tell an update from an unchanged row), relations
    # it sets, and records the application adds beside a record, removed on undo.
    scalar_fields: tuple[str, ...] = ()
    many_fields: tuple[str, ...] = ()
    dependents: tuple[str, ...] = ()
    # Set on every record the import creates (imported records are published at once).
    fixed: dict = {}
    # A row of the blank template: field → what a cell may hold.
    example: dict[str, object] = {}

    do_not_call_in_templates = True  # templates list the kinds themselves

    def __init__(self) -> None:
        self._reference: dict[str, object] = {}

    @classmethod
    def required_labels(cls) -> str:
        return ", ".join(str(column.label) for column in cls.columns if column.required)

    def reference(self, name: str, load: Callable[[], object]):
        """Reference data read once for the whole file."""
        if name not in self._reference:
            self._reference[name] = load()
        return self._reference[name]

    # Reading cells that name reference data.

    def parse_country(self, value) -> Country | None:
        text = normalize_text(str(value or ""))
        if not text:
            return None

        def load():
            countries = {}
            for country in Country.objects.all():
                for name in (country.code, country.code3, country.name_fr, country.name_en):
                    countries[normalize_text(name)] = country
            return countries

        countries = self.reference("countries", load)
        if text not in countries:
            raise ValueError(_("“%(value)s” is not a known country.") % {"value": value})
        return countries[text]

    def parse_themes(self, value, words: dict[str, str] | None = None) -> list[Theme]:
        def load():
            themes = {}
            for theme in Theme.objects.all():
                for name in (theme.name_fr, theme.name_en, theme.code):
                    themes[normalize_text(name)] = theme
            return themes

        known = self.reference("themes", load)
        by_code = {theme.code: theme for theme in known.values()}
        for word, code in vocabularies.words("theme").items():
            known.setdefault(word, by_code[code])
        given = {word: by_code[code] for word, code in (words or {}).items() if code in by_code}
        known = {**known, **given}
        items = parse_list(value)
        unknown = [item for item in items if normalize_text(item) not in known]
        if unknown:  # every one of them, not only the first
            raise UnknownWords(
                ngettext("Unknown theme: %(values)s.", "Unknown themes: %(values)s.", len(unknown))
                % {"values": ", ".join(unknown)},
                unknown,
                [
                    (theme.code, theme.name)
                    for theme in sorted(by_code.values(), key=lambda t: t.order)
                ],
            )
        return [known[normalize_text(item)] for item in items]

    parse_themes.takes_words = True  # type: ignore[attr-defined]

    @staticmethod
    def scope(resolve: str):
        """The areas a column's names are resolved among."""
        if resolve == HOME:
            # Every area of the federation's country: a canton or prefecture proposes its
            # communes; the answers are communes and regions.
            return Area.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY)
        if resolve == ABROAD:
            return Area.objects.foreign_local_governments()
        return Area.objects.filter(level__is_local_government=True)

    @staticmethod
    def home_answer(level_kind: str) -> bool:
        """Communes and regions are answers at home; a prefecture or canton only points to
        its communes."""
        return level_kind in (LevelKind.MUNICIPALITY, LevelKind.REGION)

    # From a row to a record.

    def complete(self, values: dict) -> list[str]:
        """Check the row as a whole, fill what follows from it; the problems found."""
        return []

    @abstractmethod
    def key_of(self, values: dict) -> tuple:
        """What makes two rows, or a row and a record, the same record."""

    @abstractmethod
    def existing(self) -> dict[tuple, int]:
        """Every record's id by its key, read once for the whole file."""

    def changed(self, record, values: dict) -> bool:
        """Whether writing the row would change ``record``."""
        for name in self.scalar_fields:
            if name in values and getattr(record, name) != values[name]:
                return True
        return any(
            name in values
            and {r.pk for r in getattr(record, name).all()} != {r.pk for r in values[name]}
            for name in self.many_fields
        )

    def apply(self, record, values: dict) -> None:
        for name in self.scalar_fields:
            if name in values:
                setattr(record, name, values[name])

    def write(self, record, values: dict) -> None:
        """Save the row into an existing record the way the application saves one."""
        self.apply(record, values)
        record.save()
        for name in self.many_fields:
            if name in values:
                getattr(record, name).set(values[name])

    def build(self, values: dict):
        record = self.model(**self.fixed)
        self.apply(record, {**self.defaults, **values})
        return record

    def create_many(self, rows: list[dict]) -> list:
        """New records in bulk, and their relations. The import history, not an audit
        entry per record, says who imported them."""
        records = [self.build(values) for values in rows]
        self.prepare(records)
        self.model._default_manager.bulk_create(records, batch_size=1000)
        for name in self.many_fields:
            relation = getattr(self.model, name)
            through = relation.through
            own = relation.field.m2m_field_name()
            target = relation.field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [
                    through(**{f"{own}_id": record.pk, f"{target}_id": related.pk})
                    for record, values in zip(records, rows, strict=True)
                    for related in values.get(name, [])
                ],
                batch_size=2000,
            )
        return records

    def prepare(self, records: list) -> None:  # noqa: B027 — optional hook, most need none
        """What ``save()`` would have filled in (slugs, search words) before a bulk write."""

    def parts(self, records: list) -> list:
        """The records written with ``records`` that belong to them (a partnership's first
        status, a person's position): the import's own, undone with them."""
        return []
