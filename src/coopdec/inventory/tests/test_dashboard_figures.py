"""Acceptance 2: the dashboard's figures equal figures computed here, independently, from a
fixture whose totals are known."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from coopdec.conftest import add_partnership
from coopdec.directory.models import Organisation
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Project
from coopdec.review import services
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import AdminLevel, Area, Currency

pytestmark = pytest.mark.django_db

RATE = Decimal("655.957")
OLD = 800  # days without activity: beyond the default 24 months

# (commune, partner, kind, status, published, days since last activity)
PARTNERSHIPS = [
    ("kloto-1", "FR:bressuire", "twinning", "active", True, 10),
    ("kloto-2", "FR:bressuire", "agreement", "active", True, 10),
    ("wawa-1", "BJ:bohicon", "friendship", "active", True, OLD),  # active, yet asleep
    ("golfe-1", "DE:bonn", "agreement", "dormant", True, 30),
    ("tone-1", "BJ:bohicon", "exploratory", "exploring", True, 10),
    ("tone-1", "FR:bressuire", "twinning", "ended", True, OLD),  # ended: never "to relaunch"
    ("golfe-2", "FR:bressuire", "twinning", "active", False, 10),  # pending: never counted
]

# (partnership index, themes, funder, currency, planned, disbursed, date)
FUNDING = [
    (0, ["water-sanitation"], "assoc", "EUR", "15000", "5000", date(2023, 3, 1)),
    (0, ["water-sanitation"], "kloto-1", "XOF", "3279785", "0", date(2024, 1, 10)),
    (
        1,
        ["education-training", "water-sanitation"],
        "assoc",
        "EUR",
        "1000.50",
        "1000.50",
        date(2024, 6, 1),
    ),
    (3, ["digital"], "kloto-1", "XOF", "655957", "655957", date(2024, 2, 2)),
    (6, ["digital"], "assoc", "EUR", "99999", "99999", date(2024, 2, 2)),  # pending partnership
]


def euros(currency: str, amount: str) -> Decimal:
    value = Decimal(amount) if currency == "EUR" else Decimal(amount) / RATE
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def francs(currency: str, amount: str) -> Decimal:
    value = Decimal(amount) * RATE if currency == "EUR" else Decimal(amount)
    return value.quantize(Decimal("1"), ROUND_HALF_UP)


@pytest.fixture
def inventory(db, bressuire):
    partners = {"FR:bressuire": bressuire}
    for key, level_code in (("BJ:bohicon", "commune"), ("DE:bonn", "gemeinde")):
        country, slug = key.split(":")
        level = AdminLevel.objects.get(country__code=country, code=level_code)
        partners[key] = Area.objects.create(
            country=level.country, level=level, name=slug.title(), slug=slug
        )
    association = Organisation.objects.create(
        name="Association", slug="assoc", kind="ngo", country=bressuire.country
    )
    created = []
    for number, (commune, partner, kind, status, published, idle) in enumerate(PARTNERSHIPS):
        partnership = add_partnership(
            Area.objects.communes().get(slug=commune),
            [partners[partner]],
            kind=kind,
            status=status,
            published=published,
        )
        Partnership.objects.filter(pk=partnership.pk).update(
            last_activity_on=timezone.localdate() - timedelta(days=idle),
            # Signed in 2016, 2018 or 2020; the first one's signature is not known.
            signature_date=date(2016 + 2 * (number % 3), 6, 1) if number else None,
        )
        created.append(partnership)
    for index, themes, funder, code, planned, disbursed, when in FUNDING:
        project = Project.objects.create(partnership=created[index], title="P", published=True)
        project.themes.set(Theme.objects.filter(code__in=themes))
        currency = Currency.objects.get(code=code)
        FundingLine(
            project=project,
            funder_organisation=association if funder == "assoc" else None,
            funder_government=None
            if funder == "assoc"
            else Area.objects.communes().get(slug=funder),
            instrument="own_funds",
            currency=currency,
            units_per_euro=currency.units_per_euro,
            planned=Decimal(planned),
            disbursed=Decimal(disbursed),
            date=when,
            published=True,
        ).save()
    return created


def tables(client, **filters):
    # The figures as the page computes them from the data now (not the copy it kept).
    cache.clear()
    response = client.get(reverse("inventory:dashboard"), filters)
    assert response.status_code == 200
    return {table.key: table for table in response.context["tables"]}


def counted():
    return [p for p in PARTNERSHIPS if p[4]]


def test_partnership_counts(client_for, users, inventory):
    result = tables(client_for(users["observer"]))

    status = Counter(p[3] for p in counted())
    assert {str(row[0]): row[1] for row in result["status"].rows} == {
        "Actif": status["active"],
        "En exploration": status["exploring"],
        "En sommeil": status["dormant"],
        "En relance": 0,
        "Terminé": status["ended"],
        "Statut inconnu": status["unknown"],  # counted apart, never guessed
    }
    kinds = Counter(p[2] for p in counted())
    assert sum(row[1] for row in result["kind"].rows) == len(counted())
    assert {str(row[0]): row[1] for row in result["kind"].rows}["Jumelage"] == kinds["twinning"]

    countries = Counter(p[1].split(":")[0] for p in counted())
    assert {row[0]: row[1] for row in result["countries"].rows} == {
        "France": countries["FR"],
        "Bénin": countries["BJ"],
        "Allemagne": countries["DE"],
    }
    north = sum(1 for p in counted() if p[1].split(":")[0] in {"FR", "DE"})
    assert [row[1] for row in result["axis"].rows] == [north, len(counted()) - north]


def test_communes_by_region(client_for, users, inventory):
    rows = {row[0]: row[1:] for row in tables(client_for(users["staff"]))["communes"].rows}
    communes = Area.objects.communes()
    active = {p[0] for p in counted() if p[3] == "active"}  # kloto-1, kloto-2, wawa-1
    for region in ("Plateaux", "Maritime", "Savanes"):
        in_region = communes.filter(parent__parent__name=region)
        with_active = sum(1 for c in in_region if c.slug in active)
        assert rows[region] == [in_region.count(), with_active, in_region.count() - with_active]
    assert rows["Plateaux"][1] == 3 and rows["Maritime"][1] == 0  # golfe-2 is only pending
    table = tables(client_for(users["staff"]))["communes"]
    assert table.total == ["Total", 117, 3, 114]
    assert "Total" not in rows  # a total is not drawn as a region beside the others


def test_funding_sums_in_both_currencies(client_for, users, inventory):
    result = tables(client_for(users["staff"]))
    published = [line for line in FUNDING if PARTNERSHIPS[line[0]][4]]

    def expected(key_of):
        sums = {}
        for line in published:
            _index, themes, funder, code, planned, disbursed, when = line
            for key in key_of(line):
                row = sums.setdefault(key, [Decimal(0)] * 4)
                row[0] += francs(code, planned)
                row[1] += francs(code, disbursed)
                row[2] += euros(code, planned)
                row[3] += euros(code, disbursed)
        return sums

    def shown(key):
        return {row[0]: [Decimal(v) for v in row[1:]] for row in result[key].rows}

    by_theme = {
        Theme.objects.get(code=code).name_fr: value
        for code, value in expected(lambda line: line[1]).items()
    }
    assert shown("funding-themes") == by_theme
    assert shown("funding-years") == expected(lambda line: [line[6].year])
    assert shown("funding-funders") == {
        ("Association" if key == "assoc" else "Kloto 1"): value
        for key, value in expected(lambda line: [line[2]]).items()
    }
    # 15000 EUR = 9 839 355 XOF; 3 279 785 XOF = 5 000 EUR: both ways at the fixed parity.
    assert by_theme["Eau et assainissement"][2] == Decimal("15000") + Decimal("5000") + Decimal(
        "1000.50"
    )


def test_filters_narrow_every_table(client_for, users, inventory):
    client = client_for(users["staff"])
    plateaux = tables(client, region="plateaux")
    assert sum(row[1] for row in plateaux["status"].rows) == 3  # kloto-1, kloto-2, wawa-1
    assert [row[0] for row in plateaux["countries"].rows] == ["France", "Bénin"]
    assert tables(client, country="de")["status"].rows[2][1] == 1  # golfe-1, dormant
    years = tables(client, year_from=2024)["funding-years"].rows
    assert [row[0] for row in years] == [2024]
    water = tables(client, theme="water-sanitation")["funding-themes"].rows
    assert sum(Decimal(row[3]) for row in water) > 0


def test_dormant_partnerships_to_relaunch(client_for, users, inventory, settings):
    rows = tables(client_for(users["staff"]))["dormant"].rows
    expected = [p for p in counted() if p[3] != "ended" and (p[3] == "dormant" or p[5] > 730)]
    assert sorted(row[1] for row in rows) == sorted(
        Area.objects.communes().get(slug=p[0]).name for p in expected
    )
    assert len(rows) == 2  # Wawa 1 (asleep for 800 days) and Golfe 1 (marked dormant)


def test_every_table_downloads_as_csv_and_xlsx_with_the_same_figures(client_for, users, inventory):
    from coopdec.programmes.models import Programme

    programme = Programme.objects.create(
        name="Programme",
        lead_organisation=Organisation.objects.get(slug="assoc"),
        currency=Currency.objects.get(code="XOF"),
        budget=Decimal("655957"),
        published=True,
    )
    programme.partnerships.set(inventory[:2])
    client = client_for(users["observer"])
    shown = tables(client)
    # A budget in CFA francs, in euros at the fixed parity.
    assert shown["programmes"].rows[0][1:3] == [2, Decimal("1000")]
    for key, table in shown.items():
        response = client.get(reverse("inventory:export", args=[key, "csv"]))
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert table.rows and len(rows) == len(table.rows) + 2  # header, rows, total
        assert rows[1] == [
            format(v, "f").replace(".", ",")
            if isinstance(v, Decimal)
            else ""
            if v is None
            else str(v)
            for v in table.rows[0]
        ]  # decimals with a comma, as a spreadsheet set to French reads them; unknown empty
        assert rows[-1][0].startswith("Total")

        response = client.get(reverse("inventory:export", args=[key, "xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == len(table.rows) + 2
    assert client.get(reverse("inventory:export", args=["status", "pdf"])).status_code == 404
    assert client.get(reverse("inventory:export", args=["nothing", "csv"])).status_code == 404


def test_bad_filter_values_are_explained_not_fatal(client_for, users, inventory):
    response = client_for(users["staff"]).get(
        reverse("inventory:dashboard"), {"region": "atlantis", "year_from": "deux mille"}
    )
    assert response.status_code == 200
    status = next(table for table in response.context["tables"] if table.key == "status")
    assert sum(row[1] for row in status.rows) == len(counted())


def test_partnerships_by_year_of_signature_count_every_year_and_say_the_unknown(
    client_for, users, inventory
):
    from coopdec.inventory.stats import Filters, partnerships_by_year

    validated = Partnership.objects.filter(published=True)
    table = partnerships_by_year(Filters())
    signed = [p.signature_date.year for p in validated if p.signature_date]
    years = list(range(min(signed), max(signed) + 1))
    assert [row[0] for row in table.rows] == years  # 2017 and 2019 shown, at 0
    assert [row[1] for row in table.rows] == [signed.count(year) for year in years]
    unknown = validated.filter(signature_date__isnull=True).count()
    assert f"{unknown} partenariat n’a pas de date de signature connue" in str(table.note)


def figures_part(response) -> str:
    """The figures as the page shows them (key figures, volunteering and every table)."""
    assert response.status_code == 200
    return response.content.decode().split('<section id="headline"', 1)[1].split("</main>")[0]


BEING_UPDATED = 'id="figures-being-updated"'


def test_figures_kept_after_each_change_equal_a_computation_from_scratch(
    client_for, users, inventory, settings, run_queued
):
    """Figures whose computation takes long are served as they were, said to be updating,
    while the worker builds them again; once built they equal the same figures computed
    from scratch, whatever changed: amounts, dates, themes, statuses, validation, deletion."""
    settings.COOPDEC_SNAPSHOT_INLINE_MS = -1  # every computation counts as a long one
    staff = users["staff"]
    client = client_for(users["observer"])
    choices = [{}, {"region": "plateaux"}, {"theme": "water-sanitation"}, {"year_from": "2024"}]

    def pages() -> list[str]:
        return [figures_part(client.get(reverse("inventory:dashboard"), c)) for c in choices]

    shown = pages()  # never computed yet: computed at once, no mention of an update
    first_line = FundingLine.objects.order_by("pk").first()
    pending = Partnership.objects.get(published=False)

    def change_amount():
        services.submit(record=first_line, values={"planned": Decimal("25000")}, user=staff)

    def change_date():
        first_line.refresh_from_db()
        services.submit(record=first_line, values={"date": date(2025, 5, 5)}, user=staff)

    def change_themes():
        first_line.project.themes.set(Theme.objects.filter(code="digital"))

    def change_status():
        partnership = Partnership.objects.filter(status="active", published=True).first()
        services.submit(record=partnership, values={"status": "ended"}, user=staff)

    def validate_pending():
        services.submit(record=pending, values={}, user=staff)  # the federation publishes it

    def delete_line():
        FundingLine.objects.filter(currency__code="XOF").order_by("pk").first().delete()

    def add_line():
        FundingLine(
            project=Project.objects.filter(partnership__local_government__slug="kloto-2").first(),
            funder_government=Area.objects.communes().get(slug="kloto-1"),
            instrument="own_funds",
            currency=Currency.objects.get(code="XOF"),
            units_per_euro=RATE,
            planned=Decimal("1000000"),
            disbursed=Decimal("0"),
            date=date(2024, 9, 9),
            published=True,
        ).save()

    changes = (
        change_amount,
        change_date,
        change_themes,
        change_status,
        add_line,
        validate_pending,
        delete_line,
    )
    for change in changes:
        change()
        for before, choice in zip(shown, choices, strict=True):
            response = client.get(reverse("inventory:dashboard"), choice)
            assert BEING_UPDATED in response.content.decode(), change.__name__
            assert figures_part(response) == before  # the previous figures, said to be so
        assert run_queued() == len(choices)  # one refresh asked per choice of filters
        kept = pages()
        assert kept != shown, change.__name__  # the change shows in some figures
        for choice, figures in zip(choices, kept, strict=True):
            response = client.get(reverse("inventory:dashboard"), choice)
            assert BEING_UPDATED not in response.content.decode()
            cache.clear()
            fresh = figures_part(client.get(reverse("inventory:dashboard"), choice))
            assert figures == fresh, (change.__name__, choice)
        cache.clear()
        shown = pages()
