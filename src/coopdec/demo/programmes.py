"""The 2006-2008 Franco-Togolese concerted programme, as its presentation of 31 May 2007
describes it: about fifteen partnerships around the lead French commune, Chauray; a
three-year budget of 88 624 €, 49 % of it from the French ministry; 350 € a year from
each French local government; a four-day training for two participants per partnership, an
exchange day, advisory missions, and its launch in Sokodé.

The Togolese places of 2007 are placed in today's communes: the commune whose seat is the
town named (Kpalimé, Badou, Bassar, Dapaong, Pagouda), else the first commune of the
prefecture where the place lies (Anié, Agou, Ogou, Kozah, Est-Mono, Danyi). The 51 % of
the budget beside the ministry's, the payments and the participants' genders are invented
for the demonstration."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coopdec.core.reference import LoadReport, upsert
from coopdec.directory.enums import OrganisationKind
from coopdec.directory.models import Organisation
from coopdec.partnerships import services as partnerships
from coopdec.partnerships.models import Partnership
from coopdec.programmes import services
from coopdec.programmes.enums import ActivityKind
from coopdec.programmes.models import Activity, Programme
from coopdec.territories.models import AdminLevel, Area, Country, Currency

NAME = "Programme concerté franco-togolais de coopération décentralisée 2006-2008"
BUDGET = Decimal("88624")
MINISTRY_SHARE = Decimal("49")
YEARLY_CONTRIBUTION = Decimal("350")

# The French side as listed on 31 May 2007: (level, slug, name, official code), and its
# Togolese partner (level, slug).
MEMBERS = [
    (("commune", "bressuire", "Bressuire", "79049"), ("commune", "kloto-1")),
    (("commune", "cerizay", "Cerizay", "79062"), ("commune", "wawa-1")),
    (("commune", "chauray", "Chauray", "79081"), ("commune", "bassar-1")),
    (("commune", "coulon", "Coulon", "79100"), ("commune", "anie-1")),
    (("commune", "issy-les-moulineaux", "Issy-les-Moulineaux", "92040"), ("commune", "tone-1")),
    (("commune", "moyeuvre-grande", "Moyeuvre-Grande", "57491"), ("commune", "agou-1")),
    (("commune", "prahecq", "Prahecq", "79216"), ("commune", "ogou-2")),
    (
        ("intercommunalite", "cc-chapelle-chaussee", "CC de la Chapelle-Chaussée", ""),
        ("commune", "kozah-2"),
    ),
    (
        ("intercommunalite", "cc-cote-roannaise", "CC de la Côte Roannaise", ""),
        ("commune", "binah-1"),
    ),
    (("intercommunalite", "cc-espace-gatine", "CC Espace Gâtine", ""), ("commune", "est-mono-1")),
    (("intercommunalite", "cc-lezay", "CC de Lezay", ""), ("commune", "danyi-1")),
    (("intercommunalite", "cc-val-de-boutonne", "CC Val de Boutonne", ""), ("commune", "ogou-3")),
    (
        (
            "intercommunalite",
            "canton-mazieres-en-gatine",
            "Communes du canton de Mazières-en-Gâtine",
            "",
        ),
        ("commune", "agou-2"),
    ),
    (("region", "champagne-ardenne", "Région Champagne-Ardenne", ""), ("region", "centrale")),
]

# Members who had not paid for 2008 when the demonstration stops.
UNPAID_2008 = {"coulon", "cc-lezay", "champagne-ardenne"}


def _french(level_code: str, slug: str, name: str, code: str, report: LoadReport) -> Area:
    level = AdminLevel.objects.get(country__code="FR", code=level_code)
    return upsert(
        Area,
        report,
        lookup={"country": level.country, "level": level, "slug": slug},
        values={"name": name, "official_code": code},
    )


def load_programmes(report: LoadReport) -> None:
    """Create the concerted programme and its partnerships unless it exists (by name)."""
    if Programme.objects.filter(name=NAME).exists():
        return
    pairs = []
    for (level, slug, name, code), (home_level, home_slug) in MEMBERS:
        french = _french(level, slug, name, code, report)
        togolese = Area.objects.get(country__code="TG", level__code=home_level, slug=home_slug)
        partnership = Partnership.objects.filter(
            local_government=togolese, partner_governments=french
        ).first()
        if partnership is None:
            partnership = partnerships.create_partnership(
                local_government=togolese,
                partner_governments=[french],
                kind="twinning",
                status="unknown",
                is_public=True,
            )
            report.record(Partnership, "created")
        pairs.append((french, partnership))
    chauray = next(french for french, _p in pairs if french.slug == "chauray")
    programme = Programme.objects.create(
        name=NAME,
        description=(
            "Réseau des partenariats de coopération décentralisée franco-togolaise qui "
            "mettent leurs moyens en commun : appui-conseil, formation, journée d'échanges."
        ),
        lead_government=chauray,
        start_date=date(2006, 1, 1),
        end_date=date(2008, 12, 31),
        currency=Currency.objects.get(code="EUR"),
        budget=BUDGET,
        yearly_contribution=YEARLY_CONTRIBUTION,
        is_public=True,
        published=True,
    )
    programme.partnerships.set([partnership for _french, partnership in pairs])
    report.record(Programme, "created")
    ministry = upsert(
        Organisation,
        report,
        lookup={"slug": "ministere-affaires-etrangeres-france"},
        values={
            "name": "Ministère des Affaires étrangères (France)",
            "acronym": "MAE",
            "kind": OrganisationKind.MINISTRY,
            "country": Country.objects.get(code="FR"),
        },
    )
    services.set_cofunding(
        programme,
        [
            {
                "funder_organisation": ministry,
                "share": MINISTRY_SHARE,
                "received": Decimal("30000"),
            },
            {"funder_government": chauray, "share": Decimal(100) - MINISTRY_SHARE},
        ],
    )
    for year in (2006, 2007, 2008):
        for french, _partnership in pairs:
            if year == 2008 and french.slug in UNPAID_2008:
                continue
            services.record_payment(
                programme,
                member=french,
                year=year,
                amount=YEARLY_CONTRIBUTION,
                paid_on=date(year, 3, 15),
            )
    every: dict[int, dict] = {partnership.pk: {"people": 2} for _french, partnership in pairs}
    unknown: dict[int, dict] = {pk: {"people": None} for pk in every}
    activities: list[tuple[str, str, date | None, int | None, str, Decimal | None, dict]] = [
        (
            ActivityKind.MEETING,
            "Lancement officiel du programme concerté",
            date(2007, 4, 13),
            2,
            "Sokodé",
            None,
            unknown,
        ),
        (
            ActivityKind.ADVISORY_MISSION,
            "Appui-conseil auprès de chaque partenariat",
            None,
            None,
            "Togo",
            None,
            unknown,
        ),
        (
            ActivityKind.TRAINING,
            "Formation de quatre journées des acteurs des partenariats",
            date(2008, 5, 5),
            4,
            "Atakpamé",
            Decimal("21000"),
            {pk: {"people": 2, "women": 1, "men": 1} for pk in every},
        ),
        (
            ActivityKind.EXCHANGE_DAY,
            "Journée de rencontre entre les partenariats",
            date(2008, 11, 8),
            1,
            "Lomé",
            Decimal("4500"),
            every,
        ),
    ]
    for kind, title, when, days, place, cost, taking_part in activities:
        services.write_activity(
            Activity(programme=programme),
            {
                "kind": kind,
                "title": title,
                "date": when,
                "days": days,
                "place": place,
                "cost": cost,
            },
            taking_part,
        )
