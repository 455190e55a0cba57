"""The benchmark's synthetic data set: deterministic, generated in bulk, in one transaction.

Half the local governments are communes of the federation's country (the real ones from the
reference data, then invented ones spread over the real prefectures), half are partners
abroad. Partnerships gather on some communes more than others, as in life: the busiest
commune has about a hundred, most have a few. Every name is invented; there is no person.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice
from typing import TypeVar

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.core.reference import load_all
from coopdec.core.text import normalize_name, search_document
from coopdec.directory.enums import OrganisationKind
from coopdec.directory.models import Organisation
from coopdec.partnerships import services
from coopdec.partnerships.enums import EventKind, PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Event, Partnership
from coopdec.projects.enums import Instrument, ProjectStatus
from coopdec.projects.models import FundingLine, Indicator, Measurement, Project
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import AdminLevel, Area, Currency

from . import volunteers

SEED = 20261122
BATCH = 5000
# Generation dates do not depend on the day the benchmark runs.
REFERENCE_DAY = date(2026, 6, 30)

# The accounts the benchmark signs in with; their presence marks a benchmark database.
STAFF = "bench-staff"
FOCAL_POINT = "bench-focal-point"

T = TypeVar("T")


@dataclass(frozen=True)
class Scale:
    local_governments: int
    partnerships: int
    projects: int
    funding_lines: int
    # Rows of the partnership spreadsheet the import scenario reads, previews and commits.
    import_rows: int = 10_000
    # Volunteers, each with one mission, its five waves, and answers to the waves passed.
    volunteers: int = 20_000

    @property
    def organisations(self) -> int:
        return max(50, self.local_governments // 25)


SCALES = {
    "small": Scale(
        local_governments=600,
        partnerships=1_000,
        projects=1_200,
        funding_lines=5_000,
        import_rows=300,
        volunteers=400,
    ),
    "atlas10": Scale(
        local_governments=50_000, partnerships=100_000, projects=120_000, funding_lines=500_000
    ),
}

# Partner countries and the share of partner local governments in each.
PARTNER_COUNTRIES = [
    ("FR", 50),
    ("BJ", 8),
    ("BF", 8),
    ("GH", 6),
    ("CI", 6),
    ("SN", 5),
    ("NE", 4),
    ("MA", 3),
    ("BE", 4),
    ("DE", 3),
    ("IT", 2),
    ("CA", 1),
]
SYLLABLES = [
    "a",
    "ko",
    "lo",
    "mé",
    "ba",
    "to",
    "dji",
    "sa",
    "ka",
    "nou",
    "vi",
    "gbé",
    "dé",
    "ta",
    "pé",
    "zo",
    "ni",
    "lé",
    "ma",
    "wa",
    "bour",
    "mont",
    "val",
    "ri",
    "ne",
    "lan",
    "cour",
    "ber",
    "san",
    "tier",
    "vil",
    "gar",
    "mar",
    "roche",
    "fon",
    "sé",
]
STATUSES = [
    (PartnershipStatus.ACTIVE, 45),
    (PartnershipStatus.DORMANT, 15),
    (PartnershipStatus.EXPLORING, 15),
    (PartnershipStatus.RELAUNCHING, 10),
    (PartnershipStatus.ENDED, 15),
]
PROJECT_WORDS = [
    "Adduction d'eau",
    "Latrines scolaires",
    "Marché couvert",
    "Appui à l'état civil",
    "Reboisement",
    "Centre de santé",
    "Formation des élus",
    "Collecte des déchets",
    "Éclairage solaire",
    "Cantine scolaire",
    "Maraîchage",
    "Bibliothèque",
    "Gestion des finances locales",
    "Forage",
    "Jeunesse et sport",
]


EVENT_TITLES = ["Mission", "Visite", "Réunion", "Formation", "Rencontre"]


class BenchDataError(Exception):
    """The database cannot receive the benchmark data set (it holds other data)."""


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def skewed(rng: random.Random, items: Sequence[T]) -> T:
    """An item, the first ones far more often than the last ones."""
    return items[int(len(items) * rng.random() ** 1.5)]


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert(model, objects: Iterable) -> list[int]:
    """Insert in batches; the new primary keys, in order."""
    keys: list[int] = []
    for batch in batched(objects):
        keys += [obj.pk for obj in model.objects.bulk_create(batch)]
    return keys


def link(through, rows: Iterable[dict]) -> None:
    for batch in batched(rows):
        through.objects.bulk_create([through(**row) for row in batch])


def existing_scale() -> Scale | None:
    """The scale of the benchmark data set already in the database, if any.

    Raises ``BenchDataError`` when the database holds cooperation data the benchmark did
    not create: the benchmark never mixes its invented records with real ones.
    """
    if not Partnership.objects.exists():
        return None
    if not User.objects.filter(username=STAFF).exists():
        raise BenchDataError
    for scale in SCALES.values():
        if (
            Partnership.objects.count() == scale.partnerships
            and FundingLine.objects.count() == scale.funding_lines
        ):
            return scale
    raise BenchDataError


def generate(scale: Scale, progress: Callable[[str], None] = lambda message: None) -> None:
    rng = random.Random(SEED)
    load_all()
    with transaction.atomic(), disable_auditlog():
        communes, partners = _local_governments(rng, scale, progress)
        organisations = _organisations(rng, scale, partners)
        partnerships = _partnerships(rng, scale, communes, partners, organisations, progress)
        projects = _projects(rng, scale, partnerships, progress)
        _funding(rng, scale, projects, partners, organisations, progress)
        _results(rng, projects, progress)
        _accounts(communes)
        volunteers.generate(rng, scale.volunteers, organisations, progress)


def _local_governments(rng, scale, progress) -> tuple[list[Area], list[Area]]:
    home = settings.COOPDEC_HOME_COUNTRY
    commune_level = AdminLevel.objects.get(country__code=home, kind=LevelKind.MUNICIPALITY)
    prefectures = list(
        Area.objects.filter(country__code=home, level__kind=LevelKind.INTERMEDIATE).order_by("pk")
    )
    real = list(Area.objects.communes().order_by("pk"))
    regions = list(Area.objects.filter(country__code=home, level__kind=LevelKind.REGION))
    wanted_home = scale.local_governments // 2 - len(real) - len(regions)

    def commune(index: int) -> Area:
        name = invented_name(rng)
        return _area(commune_level, name, f"{slugify(name)}-{index}", rng.choice(prefectures))

    invented = [commune(index) for index in range(max(0, wanted_home))]
    insert(Area, invented)
    communes = real + list(Area.objects.communes().exclude(pk__in=[a.pk for a in real]))
    rng.shuffle(communes)
    progress(f"{len(communes)} communes")

    abroad = scale.local_governments - len(communes) - len(regions)
    levels = {
        level.country.code: level
        for level in AdminLevel.objects.filter(
            kind=LevelKind.MUNICIPALITY, country__code__in=[c for c, _ in PARTNER_COUNTRIES]
        ).select_related("country")
    }
    partners = []
    for index in range(abroad):
        name = invented_name(rng)
        level = levels[weighted(rng, PARTNER_COUNTRIES)]
        partners.append(_area(level, name, f"{slugify(name)}-{index}", None))
    insert(Area, partners)
    progress(f"{len(partners)} partner local governments abroad")
    return communes, partners


def _area(level: AdminLevel, name: str, slug: str, parent: Area | None) -> Area:
    return Area(
        country_id=level.country_id,
        level=level,
        parent=parent,
        name=name,
        slug=slug,
        name_key=normalize_name(name),
        search_text=search_document(name),
    )


def _organisations(rng, scale, partners) -> list[Organisation]:
    kinds = [
        (OrganisationKind.TWINNING_ASSOCIATION, 40),
        (OrganisationKind.NGO, 30),
        (OrganisationKind.FUNDER, 20),
        (OrganisationKind.OTHER, 10),
    ]
    organisations = []
    for index in range(scale.organisations):
        place = rng.choice(partners)
        name = f"Association {invented_name(rng)} – {place.name}"
        organisations.append(
            Organisation(
                name=name,
                slug=f"{slugify(name)}-{index}",
                kind=weighted(rng, kinds),
                country_id=place.country_id,
                based_in=place,
                search_text=search_document(name),
            )
        )
    insert(Organisation, organisations)
    return organisations


def _partnerships(rng, scale, communes, partners, organisations, progress) -> list[Partnership]:
    themes = list(Theme.objects.values_list("pk", flat=True))
    partnerships, partner_links, organisation_links, theme_links = [], [], [], []
    for _index in range(scale.partnerships):
        commune = skewed(rng, communes)
        abroad = rng.sample(partners, 1 if rng.random() < 0.85 else 2)
        supporters = [rng.choice(organisations)] if rng.random() < 0.4 else []
        first_contact = day_between(rng, date(1985, 1, 1), date(2025, 12, 31))
        signed = first_contact + timedelta(days=rng.randint(60, 900))
        status = weighted(rng, STATUSES)
        name = " – ".join([commune.name, *(area.name for area in abroad)])
        partnerships.append(
            services.build_partnership(
                name=name,
                kind=weighted(rng, [(k, 1) for k in PartnershipKind.values]),
                status=status,
                status_since=min(signed, REFERENCE_DAY),
                local_government=commune,
                partners=abroad,
                organisations=supporters,
                first_contact_date=first_contact,
                signature_date=signed if signed <= REFERENCE_DAY else None,
                # Most partnerships showed a sign of life in the last two years; some sleep.
                last_activity_on=REFERENCE_DAY - timedelta(days=int(3650 * rng.random() ** 3)),
                published=rng.random() < 0.98,
                # The federation shows most partnerships on the public atlas.
                is_public=rng.random() < 0.8,
            )
        )
        partner_links.append([area.pk for area in abroad])
        organisation_links.append([organisation.pk for organisation in supporters])
        theme_links.append(rng.sample(themes, rng.randint(1, 3)))
    partnerships = services.insert_partnerships(
        partnerships,
        {
            "partner_governments": partner_links,
            "supporting_organisations": organisation_links,
            "themes": theme_links,
        },
    )
    insert(
        Event,
        (
            Event(
                partnership=p,
                kind=rng.choice(EventKind.values),
                title=f"{rng.choice(EVENT_TITLES)} – {p.local_government.name}",
                date=p.last_activity_on or REFERENCE_DAY,  # the data set gives every one
                place=p.local_government.name,
                published=p.published,
            )
            for p in partnerships
        ),
    )
    progress(f"{len(partnerships)} partnerships, with their partners, themes and events")
    return partnerships


def _projects(rng, scale, partnerships, progress) -> list[Project]:
    themes = list(Theme.objects.values_list("pk", flat=True))
    projects, theme_links = [], []
    for _index in range(scale.projects):
        partnership = rng.choice(partnerships)
        start = day_between(rng, date(2005, 1, 1), date(2026, 12, 31))
        title = f"{rng.choice(PROJECT_WORDS)} à {partnership.local_government.name}"
        projects.append(
            Project(
                partnership=partnership,
                title=title,
                summary=title,
                status=rng.choice(ProjectStatus.values),
                start_date=start,
                end_date=start + timedelta(days=rng.randint(90, 1500)),
                published=partnership.published and rng.random() < 0.98,
                is_public=rng.random() < 0.9,
                search_text=search_document(title),
            )
        )
        theme_links.append(rng.sample(themes, rng.randint(1, 2)))
    keys = insert(Project, projects)
    link(
        Project.themes.through,
        (
            {"project_id": key, "theme_id": theme}
            for key, values in zip(keys, theme_links, strict=True)
            for theme in values
        ),
    )
    progress(f"{len(projects)} projects")
    return projects


def _funding(rng, scale, projects, partners, organisations, progress) -> None:
    euro = Currency.objects.get(code="EUR")
    cfa = Currency.objects.get(code="XOF")
    instruments = Instrument.values

    def line() -> FundingLine:
        currency = euro if rng.random() < 0.6 else cfa
        unit = Decimal(1000) if currency is euro else Decimal(500_000)
        planned = unit * rng.randint(1, 200)
        committed = planned * Decimal(rng.randint(0, 10)) / 10
        funder = rng.random() < 0.7
        funding = FundingLine(
            project=rng.choice(projects),
            funder_organisation=rng.choice(organisations) if funder else None,
            funder_government=None if funder else rng.choice(partners),
            instrument=rng.choice(instruments),
            currency=currency,
            planned=planned,
            committed=committed,
            disbursed=committed * Decimal(rng.randint(0, 10)) / 10,
            date=day_between(rng, date(2005, 1, 1), REFERENCE_DAY),
            units_per_euro=currency.units_per_euro,
            rate_date=currency.rate_date,
        )
        funding.published = funding.project.published
        funding.convert()
        return funding

    insert(FundingLine, (line() for _ in range(scale.funding_lines)))
    progress(f"{scale.funding_lines} funding lines")


def _results(rng, projects, progress) -> None:
    measured = projects[::4]
    indicators = [
        Indicator(
            project=project,
            name=f"Bénéficiaires – {project.title}"[:250],
            unit="personnes",
            baseline=Decimal(rng.randint(0, 100)),
            baseline_date=project.start_date,
            target=Decimal(rng.randint(200, 5000)),
            target_date=project.end_date,
            published=project.published,
        )
        for project in measured
    ]
    insert(Indicator, indicators)
    insert(
        Measurement,
        (
            Measurement(
                indicator=indicator,
                date=indicator.baseline_date + timedelta(days=180 * step),
                value=indicator.baseline + step * 50,
                published=indicator.published,
            )
            for indicator in indicators
            for step in (1, 2)
        ),
    )
    progress(f"{len(indicators)} result indicators")


def _accounts(communes: list[Area]) -> None:
    """A federation staff account, and a focal point of the busiest commune."""
    staff = User(username=STAFF, role=Role.FEDERATION_STAFF)
    staff.set_unusable_password()
    focal = User(username=FOCAL_POINT, role=Role.FOCAL_POINT)
    focal.set_unusable_password()
    User.objects.bulk_create([staff, focal])
    User.objects.get(username=FOCAL_POINT).local_governments.add(communes[0])
