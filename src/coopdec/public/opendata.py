"""The open data files: the atlas's public records as CSV, XLSX, JSON and IATI XML.

The files are written once per version of the data (``FiguresVersion``: any saved, deleted
or relinked record draws a new one) into the file storage, by the background worker (at
benchmark scale writing them takes minutes). Visitors get the newest complete set; a visit
after a change asks the worker for the next one. Older sets are removed once a newer one is
complete. Columns are stable, language-free keys and codes, described in the data
dictionary (``DATASETS``) shown on the open data page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coopdec.core import exports
from coopdec.core.dates import iso
from coopdec.inventory.models import FiguresVersion
from coopdec.programmes import services as programme_services
from coopdec.projects import iati
from coopdec.projects.models import FundingLine

from . import atlas

FOLDER = "opendata"
FORMATS = ("csv", "xlsx", "json")
IATI_FILE = "projets-iati.xml"
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
LIST = "; "  # between the items of a list in one cell


@dataclass(frozen=True)
class Kind:
    """What a column holds: said to people on the open data page, and to programs as a
    Frictionless Table Schema type (``datapackage.json``)."""

    label: Promise
    type: str
    constraints: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return str(self.label)


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind
    description: Promise


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[list]]
    # Its identifying column, and the columns that point to another dataset's.
    primary_key: str = ""
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    def table(self) -> exports.Export:
        return exports.Export(self.key, [column.key for column in self.columns], self.rows())


TEXT = Kind(_("text"), "string")
NUMBER = Kind(_("number"), "number")
DATE = Kind(_("date (YYYY-MM-DD)"), "date")
KNOWN_DATE = Kind(
    _("date as far as it is known (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "string",
    (("pattern", r"\d{4}(-\d{2}(-\d{2})?)?"),),
)
CODE = Kind(_("code"), "string")
AMOUNT = Kind(_("amount in euros"), "number")
LIST_KIND = Kind(_("list, items separated by “; ”"), "string")
PAGE = Column("page", TEXT, _("Address of the record's page on this site."))


def _place(area) -> tuple[str, str]:
    """An area's identifier and name; empty where the country has no such level."""
    return (area.slug, area.name) if area is not None else ("", "")


def _communes():
    communes = atlas.communes_listed()
    counts = atlas.public_partnership_counts()
    for commune in communes.iterator(chunk_size=2000):
        yield [
            commune.slug,
            commune.name,
            commune.seat_town,
            commune.official_code,
            *_place(commune.prefecture),
            *_place(commune.region),
            commune.size_class,
            commune.population,
            commune.latitude,
            commune.longitude,
            counts.get(commune.pk, 0),
            commune.get_absolute_url(),
        ]


def _local_governments():
    governments = atlas.local_governments_listed()
    for government in governments.iterator(chunk_size=2000):
        yield [
            government.pk,
            government.name,
            government.country.code,
            government.level.code,
            government.official_code,
            government.population,
            government.website,
            government.get_absolute_url(),
        ]


def _partnerships():
    partnerships = atlas.partnerships_listed().order_by("pk")
    for partnership in partnerships.iterator(chunk_size=2000):
        partners = list(partnership.partner_governments.all())
        yield [
            partnership.pk,
            str(partnership),
            partnership.kind,
            partnership.status,
            iso(partnership.status_since, partnership.status_since_precision),
            iso(partnership.first_contact_date, partnership.first_contact_precision),
            iso(partnership.signature_date, partnership.signature_precision),
            partnership.local_government.slug,
            partnership.local_government.name,
            LIST.join(str(area.pk) for area in partners),
            LIST.join(area.name for area in partners),
            LIST.join(sorted({area.country.code for area in partners})),
            LIST.join(o.name for o in partnership.supporting_organisations.all()),
            LIST.join(theme.code for theme in partnership.themes.all()),
            partnership.description,
            partnership.get_public_url(),
        ]


def _projects():
    projects = atlas.projects_listed().order_by("pk")
    funding = atlas.public_funding()
    for project in projects.iterator(chunk_size=2000):
        yield [
            project.pk,
            project.partnership_id,
            project.title,
            project.summary,
            project.status,
            project.start_date,
            project.end_date,
            project.places,
            LIST.join(theme.code for theme in project.themes.all()),
            *(
                funding.get(project.pk, atlas.NO_FUNDING)[f"{amount}_eur"]
                for amount in FundingLine.AMOUNTS
            ),
            project.get_public_url(),
        ]


def _programmes():
    programmes = atlas.programmes_listed().prefetch_related(
        "cofunding__funder_organisation", "cofunding__funder_government"
    )
    for programme in programmes.order_by("pk"):
        lead = programme.lead
        grid = programme_services.contribution_grid(programme)
        totals = programme_services.activity_totals(programme)
        yield [
            programme.pk,
            programme.name,
            programme.description,
            lead.name if lead else "",
            lead.country.code if lead else "",
            programme.start_date,
            programme.end_date,
            programme.currency.code,
            programme.budget,
            programme.yearly_contribution,
            LIST.join(f"{line.funder.name} {line.share}%" for line in programme.cofunding.all()),
            sum(grid.due_by_year, Decimal(0)) if grid.rows else None,
            sum(grid.paid_by_year, Decimal(0)) if grid.rows else None,
            totals["count"],
            totals["people"],
            LIST.join(
                str(pk)
                for pk in atlas.programme_partnerships(programme)
                .order_by("pk")
                .values_list("pk", flat=True)
            ),
            LIST.join(
                str(pk)
                for pk in atlas.programme_projects(programme)
                .order_by("pk")
                .values_list("pk", flat=True)
            ),
            programme.get_public_url(),
        ]


def _news():
    for post in atlas.news_listed().prefetch_related("themes", "communes").order_by("pk"):
        yield [
            post.pk,
            post.title,
            post.summary,
            post.body,
            LIST.join(theme.code for theme in post.themes.all()),
            LIST.join(commune.slug for commune in post.communes.all()),
            timezone.localdate(post.created_at),
            post.get_absolute_url(),
        ]


def _practices():
    for practice in atlas.practices_listed().order_by("pk"):
        project_ids, partnership_ids = atlas.practice_sources(practice)
        yield [
            practice.pk,
            practice.title,
            practice.language,
            atlas.practice_translation(practice),
            practice.summary,
            practice.context,
            practice.actions,
            practice.results,
            practice.lessons,
            practice.replication,
            practice.cost,
            practice.currency.code if practice.currency else "",
            practice.contact_role,
            LIST.join(theme.code for theme in practice.themes.all()),
            LIST.join(place.slug for place in atlas.practice_places(practice)),
            LIST.join(str(pk) for pk in project_ids),
            LIST.join(str(pk) for pk in partnership_ids),
            timezone.localdate(practice.created_at),
            practice.get_absolute_url(),
        ]


def _funding():
    lines = (
        FundingLine.objects.public()
        .select_related("currency", "funder_organisation", "funder_government")
        .order_by("project_id", "date", "pk")
    )
    for line in lines.iterator(chunk_size=2000):
        funder = line.funder_organisation or line.funder_government
        yield [
            line.pk,
            line.project_id,
            funder.name if funder else "",
            line.instrument,
            line.date,
            line.currency.code,
            line.planned,
            line.committed,
            line.disbursed,
            line.planned_eur,
            line.committed_eur,
            line.disbursed_eur,
        ]


DATASETS = {
    dataset.key: dataset
    for dataset in (
        Dataset(
            "communes",
            _("Communes"),
            _("Every commune of the federation, with its place and its public partnerships."),
            (
                Column("slug", CODE, _("The commune's identifier in addresses.")),
                Column("name", TEXT, _("Name of the commune.")),
                Column("seat_town", TEXT, _("Town where the commune has its seat.")),
                Column("official_code", CODE, _("Official code, where there is one.")),
                Column("prefecture", CODE, _("Identifier of the prefecture.")),
                Column("prefecture_name", TEXT, _("Name of the prefecture.")),
                Column("region", CODE, _("Identifier of the region.")),
                Column("region_name", TEXT, _("Name of the region.")),
                Column("size_class", CODE, _("Size class, where known.")),
                Column("population", NUMBER, _("Population, where known.")),
                Column("latitude", NUMBER, _("Latitude of the seat (WGS 84, decimal degrees).")),
                Column("longitude", NUMBER, _("Longitude of the seat (WGS 84).")),
                Column("public_partnerships", NUMBER, _("Number of public partnerships.")),
                PAGE,
            ),
            _communes,
            primary_key="slug",
        ),
        Dataset(
            "collectivites-partenaires",
            _("Partner local governments"),
            _("Local governments abroad recorded as partners or possible partners."),
            (
                Column("id", NUMBER, _("Identifier, as in the partnerships file.")),
                Column("name", TEXT, _("Name of the local government.")),
                Column("country", CODE, _("Country, ISO 3166 code.")),
                Column("level", CODE, _("Level of government (commune, department, region…).")),
                Column("official_code", CODE, _("Official code in its country, if known.")),
                Column("population", NUMBER, _("Population, where known.")),
                Column("website", TEXT, _("Website.")),
                PAGE,
            ),
            _local_governments,
            primary_key="id",
        ),
        Dataset(
            "partenariats",
            _("Partnerships"),
            _("Partnerships the federation has made public."),
            (
                Column("id", NUMBER, _("Identifier of the partnership.")),
                Column("name", TEXT, _("Name of the partnership.")),
                Column("kind", CODE, _("Kind of partnership (see the API schema).")),
                Column(
                    "status",
                    CODE,
                    _("Status: exploring, active, relaunching, dormant, ended, or unknown."),
                ),
                Column(
                    "status_since",
                    KNOWN_DATE,
                    _(
                        "Date of the current status, as far as it is known (2007, 2007-03 or 2007-03-12); empty when unknown."
                    ),
                ),
                Column(
                    "first_contact_date",
                    KNOWN_DATE,
                    _("Date of the first contact, as far as it is known."),
                ),
                Column(
                    "signature_date",
                    KNOWN_DATE,
                    _("Date the agreement was signed, as far as it is known."),
                ),
                Column("commune", CODE, _("Identifier of the commune (or region) of Togo.")),
                Column("commune_name", TEXT, _("Its name.")),
                Column(
                    "partner_ids", LIST_KIND, _("Identifiers of the partner local governments.")
                ),
                Column("partners", LIST_KIND, _("Names of the partner local governments.")),
                Column("partner_countries", LIST_KIND, _("Their countries, ISO 3166 codes.")),
                Column("supporting_organisations", LIST_KIND, _("Organisations supporting it.")),
                Column("themes", LIST_KIND, _("Themes, by code.")),
                Column("description", TEXT, _("Description.")),
                PAGE,
            ),
            _partnerships,
            primary_key="id",
        ),
        Dataset(
            "projets",
            _("Projects"),
            _("Public projects of the public partnerships, with their public funding."),
            (
                Column("id", NUMBER, _("Identifier of the project.")),
                Column("partnership_id", NUMBER, _("Identifier of its partnership.")),
                Column("title", TEXT, _("Title.")),
                Column("summary", TEXT, _("Summary.")),
                Column(
                    "status",
                    CODE,
                    _("Status: planned, ongoing, completed, cancelled, suspended."),
                ),
                Column("start_date", DATE, _("Start.")),
                Column("end_date", DATE, _("End.")),
                Column("places", TEXT, _("Villages, districts or sites.")),
                Column("themes", LIST_KIND, _("Themes, by code.")),
                Column("planned_eur", AMOUNT, _("Funding planned.")),
                Column("committed_eur", AMOUNT, _("Funding committed.")),
                Column("disbursed_eur", AMOUNT, _("Funding disbursed.")),
                PAGE,
            ),
            _projects,
            primary_key="id",
            foreign_keys=(("partnership_id", "partenariats", "id"),),
        ),
        Dataset(
            "programmes",
            _("Programmes"),
            _(
                "Public programmes: partnerships pooled around a lead, their budget, funders, "
                "contributions and activities (counts only)."
            ),
            (
                Column("id", NUMBER, _("Identifier of the programme.")),
                Column("name", TEXT, _("Name.")),
                Column("description", TEXT, _("Description.")),
                Column("lead", TEXT, _("Lead local government or organisation.")),
                Column("lead_country", CODE, _("Its country, ISO 3166 code.")),
                Column("start_date", DATE, _("Start.")),
                Column("end_date", DATE, _("End.")),
                Column("currency", CODE, _("Currency of the amounts, ISO 4217 code.")),
                Column("budget", NUMBER, _("Budget for the whole period, in that currency.")),
                Column(
                    "yearly_contribution",
                    NUMBER,
                    _("What each member pays each year, in that currency."),
                ),
                Column("cofunding", LIST_KIND, _("Funders and their share of the budget.")),
                Column("contributions_due", NUMBER, _("Members' contributions due, all years.")),
                Column("contributions_paid", NUMBER, _("Members' contributions paid, all years.")),
                Column("activities", NUMBER, _("Number of activities.")),
                Column("participants", NUMBER, _("Participants counted in its activities.")),
                Column("partnership_ids", LIST_KIND, _("Identifiers of its public partnerships.")),
                Column(
                    "project_ids",
                    LIST_KIND,
                    _("Identifiers of its public projects (its partnerships' and its own)."),
                ),
                PAGE,
            ),
            _programmes,
            primary_key="id",
        ),
        Dataset(
            "actualites",
            _("News"),
            _("The federation's public news."),
            (
                Column("id", NUMBER, _("Identifier of the news item.")),
                Column("title", TEXT, _("Title.")),
                Column("summary", TEXT, _("In short.")),
                Column("body", TEXT, _("Text.")),
                Column("themes", LIST_KIND, _("Themes, by code.")),
                Column("communes", LIST_KIND, _("Identifiers of the communes concerned.")),
                Column("published", DATE, _("Date it was published.")),
                PAGE,
            ),
            _news,
            primary_key="id",
        ),
        Dataset(
            "bonnes-pratiques",
            _("Good practices"),
            _("Good practices validated by the federation, as their sheets say them."),
            (
                Column("id", NUMBER, _("Identifier of the practice.")),
                Column("title", TEXT, _("Title.")),
                Column("language", CODE, _("Language it is written in (fr, en).")),
                Column(
                    "translation_id",
                    NUMBER,
                    _("Identifier of the same practice in the other language."),
                ),
                Column("summary", TEXT, _("In short.")),
                Column("context", TEXT, _("Context.")),
                Column("actions", TEXT, _("What was done.")),
                Column("results", TEXT, _("Results.")),
                Column("lessons", TEXT, _("Lessons learned.")),
                Column("replication", TEXT, _("Conditions to replicate.")),
                Column("cost", NUMBER, _("Cost, in its currency; empty when not known.")),
                Column("currency", CODE, _("Currency of the cost, ISO 4217 code.")),
                Column("contact_role", CODE, _("Role to contact in the communes concerned.")),
                Column("themes", LIST_KIND, _("Themes, by code.")),
                Column(
                    "local_governments",
                    LIST_KIND,
                    _("Identifiers of the local governments of its public partnerships."),
                ),
                Column("project_ids", LIST_KIND, _("Identifiers of its public projects.")),
                Column("partnership_ids", LIST_KIND, _("Identifiers of its public partnerships.")),
                Column("created", DATE, _("Date it was recorded.")),
                PAGE,
            ),
            _practices,
            primary_key="id",
        ),
        Dataset(
            "financements",
            _("Funding"),
            _("Each funder's contribution to a public project."),
            (
                Column("id", NUMBER, _("Identifier of the funding line.")),
                Column("project_id", NUMBER, _("Identifier of the project.")),
                Column("funder", TEXT, _("Funding organisation or local government.")),
                Column("instrument", CODE, _("Funding instrument.")),
                Column("date", DATE, _("Decision or payment date.")),
                Column("currency", CODE, _("Currency of the amounts, ISO 4217 code.")),
                Column("planned", NUMBER, _("Amount planned, in that currency.")),
                Column("committed", NUMBER, _("Amount committed, in that currency.")),
                Column("disbursed", NUMBER, _("Amount disbursed, in that currency.")),
                Column("planned_eur", AMOUNT, _("Amount planned.")),
                Column("committed_eur", AMOUNT, _("Amount committed.")),
                Column("disbursed_eur", AMOUNT, _("Amount disbursed.")),
            ),
            _funding,
            primary_key="id",
            foreign_keys=(("project_id", "projets", "id"),),
        ),
    )
}


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_bytes(table: exports.Export) -> bytes:
    records = [dict(zip(table.columns, map(_json_value, row), strict=True)) for row in table.rows]
    document = {"dataset": table.key, "licence": LICENCE, "records": records}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


WRITERS = {**exports.WRITERS, "json": json_bytes}


PACKAGE_FILE = "datapackage.json"


def datapackage() -> dict:
    """The Frictionless Data Package describing every CSV file: its fields with their types
    and meanings (the data dictionary above), keys, and how the CSV is written (";",
    decimals with a comma, UTF-8 with a BOM)."""
    resources = []
    for dataset in DATASETS.values():
        schema: dict = {
            "fields": [
                {
                    "name": column.key,
                    "type": column.kind.type,
                    "description": str(column.description),
                    **({"decimalChar": ","} if column.kind.type == "number" else {}),
                    **(
                        {"constraints": dict(column.kind.constraints)}
                        if column.kind.constraints
                        else {}
                    ),
                }
                for column in dataset.columns
            ],
            "missingValues": [""],
        }
        if dataset.primary_key:
            schema["primaryKey"] = [dataset.primary_key]
        if dataset.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [own], "reference": {"resource": other, "fields": [key]}}
                for own, other, key in dataset.foreign_keys
            ]
        resources.append(
            {
                "name": dataset.key,
                "path": f"{dataset.key}.csv",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";"},
                "schema": schema,
            }
        )
    return {
        "name": "coopdec-open-data",
        "title": str(_("Decentralised cooperation: open data")),
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE["name"], "path": LICENCE["url"]}],
        "resources": resources,
    }


def file_names() -> list[str]:
    return [f"{key}.{extension}" for key in DATASETS for extension in FORMATS] + [
        IATI_FILE,
        PACKAGE_FILE,
    ]


def _write_all(folder: str) -> None:
    for dataset in DATASETS.values():
        for extension in FORMATS:
            _write(f"{folder}/{dataset.key}.{extension}", WRITERS[extension](dataset.table()))
    projects = iati.exportable_projects(public=True)
    _write(f"{folder}/{IATI_FILE}", iati.export(projects, public=True))
    package = json.dumps(datapackage(), ensure_ascii=False, indent=1).encode("utf-8")
    _write(f"{folder}/{PACKAGE_FILE}", package)
    # Written last: a folder with this mark is complete.
    _write(f"{folder}/{MARK}", timezone.now().isoformat(timespec="seconds").encode())


def _write(name: str, content: bytes) -> None:
    # A file left half-written by a worker that died is replaced, not kept beside a copy.
    default_storage.delete(name)
    default_storage.save(name, ContentFile(content))


MARK = "generated"


def _complete(version: str) -> bool:
    return default_storage.exists(f"{FOLDER}/{version}/{MARK}")


def build() -> None:
    """Write the files of the current version of the data, unless they are already there,
    then remove the older sets (the background worker's task)."""
    version = FiguresVersion.current()
    if not _complete(version):
        _write_all(f"{FOLDER}/{version}")
    for older in _versions():
        if older != version:
            _remove(f"{FOLDER}/{older}")


def refresh() -> None:
    """Ask the worker for the files of the current data, if they are not written yet (once
    per version and server process)."""
    from .tasks import build_open_data  # here: the task module imports this one

    version = FiguresVersion.current()
    if not _complete(version) and cache.add(f"opendata-asked:{version}", True, 3600):
        build_open_data.enqueue()


def latest() -> dict[str, object] | None:
    """The newest complete set of files: its folder, generation time and whether it holds
    the current data; None before the first is written."""
    complete = []
    for version in _versions():
        if _complete(version):
            with default_storage.open(f"{FOLDER}/{version}/{MARK}") as stamp:
                complete.append((datetime.fromisoformat(stamp.read().decode()), version))
    if not complete:
        return None
    generated, version = max(complete)
    return {
        "folder": f"{FOLDER}/{version}",
        "version": version,
        "generated": generated,
        "up_to_date": version == FiguresVersion.current(),
    }


def _versions() -> list[str]:
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    return folders


def _remove(folder: str) -> None:
    _dirs, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    default_storage.delete(folder)
