"""Fictional demonstration partnerships, projects and funding (published), so that every page,
dashboard and the IATI export have something to show. Amounts and dates are invented. All
but the last are shown on the public atlas, so that the atlas shows what a private one
leaves out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.core.reference import LoadReport
from coopdec.directory.models import Organisation
from coopdec.partnerships import services
from coopdec.partnerships.models import Event, Partnership
from coopdec.projects.models import FundingLine, Indicator, Measurement, Project
from coopdec.taxonomy.models import SustainableDevelopmentGoal, Theme
from coopdec.territories.models import Area, Currency

# A place is (country, level, slug).
KLOTO, WAWA, GOLFE, TONE = (
    ("TG", "commune", slug) for slug in ("kloto-1", "wawa-1", "golfe-1", "tone-1")
)
BRESSUIRE = ("FR", "commune", "bressuire")
ISSY = ("FR", "commune", "issy-les-moulineaux")
BOHICON = ("BJ", "commune", "bohicon")
KOUDOUGOU = ("BF", "commune", "koudougou")

PARTNERSHIPS: list[dict[str, Any]] = [
    {
        "name": "Kloto 1 – Bressuire",
        "local_government": KLOTO,
        "partners": [BRESSUIRE],
        "organisations": ["comite-jumelage-bressuire-kpalime"],
        "kind": "twinning",
        "status": "active",
        "status_since": date(2021, 11, 20),
        "first_contact_date": date(2019, 5, 10),
        "signature_date": date(2021, 11, 20),
        "themes": ["water-sanitation", "education-training"],
        "events": [
            ("mission", "Mission technique eau potable", date(2024, 3, 12), "Kpalimé"),
            ("visit", "Accueil d'une délégation de Kloto 1", date(2025, 6, 3), "Bressuire"),
        ],
        "projects": [
            {
                "title": "Adduction d'eau potable des quartiers de Kpalimé",
                "summary": "Extension du réseau et bornes-fontaines gérées par la commune.",
                "status": "ongoing",
                "start_date": date(2024, 1, 15),
                "end_date": date(2026, 12, 31),
                "themes": ["water-sanitation"],
                "goals": [6],
                "areas": [KLOTO],
                "funding": [
                    (
                        "organisation",
                        "comite-jumelage-bressuire-kpalime",
                        "one_percent_water",
                        "EUR",
                        "15000",
                        "15000",
                        "9000",
                        date(2024, 2, 1),
                    ),
                    (
                        "government",
                        BRESSUIRE,
                        "own_funds",
                        "EUR",
                        "20000",
                        "20000",
                        "12000",
                        date(2024, 2, 1),
                    ),
                    (
                        "government",
                        KLOTO,
                        "own_funds",
                        "XOF",
                        "3000000",
                        "3000000",
                        "1500000",
                        date(2024, 3, 1),
                    ),
                ],
                "indicators": [
                    (
                        "Ménages raccordés à l'eau potable",
                        "ménages",
                        0,
                        date(2024, 1, 15),
                        400,
                        date(2026, 12, 31),
                        [(date(2025, 6, 30), 180)],
                    ),
                ],
            }
        ],
    },
    {
        "name": "Golfe 1 – Issy-les-Moulineaux",
        "local_government": GOLFE,
        "partners": [ISSY],
        "organisations": [],
        "kind": "agreement",
        "status": "active",
        "status_since": date(2022, 4, 1),
        "first_contact_date": date(2021, 9, 1),
        "signature_date": date(2022, 4, 1),
        "themes": ["digital", "governance"],
        "events": [("training", "Formation des agents d'état civil", date(2025, 2, 18), "Lomé")],
        "projects": [
            {
                "title": "Numérisation de l'état civil",
                "summary": "Registres numérisés et formation des agents.",
                "status": "ongoing",
                "start_date": date(2023, 1, 1),
                "end_date": date(2025, 12, 31),
                "themes": ["digital", "governance"],
                "goals": [16],
                "areas": [GOLFE],
                "funding": [
                    (
                        "government",
                        ISSY,
                        "own_funds",
                        "EUR",
                        "40000",
                        "40000",
                        "30000",
                        date(2023, 1, 10),
                    ),
                    (
                        "organisation",
                        "cites-unies-france",
                        "agency_facility",
                        "EUR",
                        "25000",
                        "25000",
                        "25000",
                        date(2023, 6, 1),
                    ),
                ],
                "indicators": [
                    (
                        "Actes de naissance numérisés",
                        "actes",
                        0,
                        date(2023, 1, 1),
                        50000,
                        date(2025, 12, 31),
                        [(date(2024, 12, 31), 21000)],
                    ),
                ],
            }
        ],
    },
    {
        "name": "Wawa 1 – Bohicon",
        "local_government": WAWA,
        "partners": [BOHICON],
        "organisations": [],
        "kind": "friendship",
        "status": "dormant",
        "status_since": date(2023, 6, 1),
        "first_contact_date": date(2017, 2, 1),
        "signature_date": date(2018, 3, 15),
        "themes": ["local-economy"],
        "events": [("meeting", "Rencontre des marchés frontaliers", date(2019, 11, 5), "Bohicon")],
        "projects": [
            {
                "title": "Échanges entre marchés de Badou et Bohicon",
                "summary": "Voyages d'étude des gestionnaires de marchés.",
                "status": "completed",
                "start_date": date(2018, 6, 1),
                "end_date": date(2019, 12, 31),
                "themes": ["local-economy"],
                "goals": [8],
                "areas": [WAWA],
                "funding": [
                    (
                        "government",
                        WAWA,
                        "own_funds",
                        "XOF",
                        "2500000",
                        "2500000",
                        "2500000",
                        date(2018, 6, 1),
                    ),
                    (
                        "government",
                        BOHICON,
                        "own_funds",
                        "XOF",
                        "2500000",
                        "2500000",
                        "2500000",
                        date(2018, 6, 1),
                    ),
                ],
                "indicators": [],
            }
        ],
    },
    {
        "name": "Tône 1 – Koudougou",
        "public": False,
        "local_government": TONE,
        "partners": [KOUDOUGOU],
        "organisations": [],
        "kind": "exploratory",
        "status": "exploring",
        "status_since": date(2025, 9, 1),
        "first_contact_date": date(2025, 9, 1),
        "signature_date": None,
        "themes": ["agriculture-food"],
        "events": [],
        "projects": [],
    },
]


def _area(place) -> Area:
    country, level, slug = place
    return Area.objects.get(country__code=country, level__code=level, slug=slug)


def load_cooperation(report: LoadReport) -> None:
    """Create the demo partnerships that do not exist yet (found by name)."""
    currencies = {
        currency.code: currency for currency in Currency.objects.filter(code__in=["EUR", "XOF"])
    }
    for data in PARTNERSHIPS:
        if Partnership.objects.filter(name=data["name"]).exists():
            continue
        partnership = services.create_partnership(
            name=data["name"],
            local_government=_area(data["local_government"]),
            partner_governments=[_area(place) for place in data["partners"]],
            supporting_organisations=list(
                Organisation.objects.filter(slug__in=data["organisations"])
            ),
            themes=list(Theme.objects.filter(code__in=data["themes"])),
            kind=data["kind"],
            status=data["status"],
            status_since=data["status_since"],
            first_contact_date=data["first_contact_date"],
            signature_date=data["signature_date"],
            is_public=data.get("public", True),
        )
        report.record(Partnership, "created")
        for kind, title, when, place in data["events"]:
            services.write_event(
                Event(partnership=partnership, published=True),
                {"kind": kind, "title": title, "date": when, "place": place},
            )
        for project_data in data["projects"]:
            _load_project(partnership, project_data, currencies)
        services.refresh(partnership)


def _load_project(partnership: Partnership, data: dict, currencies: dict) -> None:
    project = Project.objects.create(
        partnership=partnership,
        title=data["title"],
        summary=data["summary"],
        status=data["status"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        published=True,
        is_public=partnership.is_public,
    )
    project.themes.set(Theme.objects.filter(code__in=data["themes"]))
    project.goals.set(SustainableDevelopmentGoal.objects.filter(number__in=data["goals"]))
    project.areas.set([_area(place) for place in data["areas"]])
    for funder_kind, funder, instrument, code, planned, committed, disbursed, when in data[
        "funding"
    ]:
        currency = currencies[code]
        line = FundingLine(
            project=project,
            instrument=instrument,
            currency=currency,
            units_per_euro=currency.units_per_euro,
            rate_date=currency.rate_date,
            planned=Decimal(planned),
            committed=Decimal(committed),
            disbursed=Decimal(disbursed),
            date=when,
            published=True,
        )
        if funder_kind == "organisation":
            line.funder_organisation = Organisation.objects.get(slug=funder)
        else:
            line.funder_government = _area(funder)
        line.save()
    for name, unit, baseline, baseline_date, target, target_date, values in data["indicators"]:
        indicator = Indicator.objects.create(
            project=project,
            name=name,
            unit=unit,
            baseline=baseline,
            baseline_date=baseline_date,
            target=target,
            target_date=target_date,
            published=True,
        )
        for when, value in values:
            Measurement.objects.create(indicator=indicator, date=when, value=value, published=True)
