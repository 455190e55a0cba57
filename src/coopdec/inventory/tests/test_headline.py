"""The key figures as a national report writes them, on the dashboard, in its downloads and
from ``coopdec figures``: computed here from the plan of the fixture, not by the code."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from coopdec.conftest import add_partnership, foreign
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db

# (commune number, active?, South-South?): 52 partnerships, 39 active on 38 communes (the
# first commune has two), 13 others on 13 more communes; 27 South-South, 20 of them active.
PLAN = [
    *[(0 if n == 0 else n - 1, True, n < 20) for n in range(39)],
    *[(38 + n, False, n < 7) for n in range(13)],
]


def share(count: int, whole: int) -> str:
    return str((Decimal(count * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


@pytest.fixture
def national(db):
    communes = list(Area.objects.filter(country__code="TG", level__code="commune").order_by("name"))
    north, south = foreign("FR", "Niort"), foreign("BJ", "Bohicon")
    for number, (commune, active, south_south) in enumerate(PLAN):
        add_partnership(
            communes[commune],
            [south if south_south else north],
            status="active" if active else "dormant",
            signature_date=date(2010 + number % 15, 1, 1),
            name=f"P{number}",
        )
    # Not validated: in no figure.
    add_partnership(communes[99], [north], status="active", published=False, name="Draft")
    return len(communes)


def expected(all_communes: int) -> dict:
    active = [p for p in PLAN if p[1]]
    south = [p for p in PLAN if p[2]]
    south_active = [p for p in active if p[2]]
    return {
        "partnerships": (52, None),
        "active": (len(active), share(len(active), 52)),
        "communes_with_partnership": (
            len({p[0] for p in PLAN}),
            share(len({p[0] for p in PLAN}), all_communes),
        ),
        "communes_with_active": (
            len({p[0] for p in active}),
            share(len({p[0] for p in active}), all_communes),
        ),
        "partner_countries": (2, None),
        "north_south": (52 - len(south), share(52 - len(south), 52)),
        "south_south": (len(south), share(len(south), 52)),
        "north_south_active": (
            len(active) - len(south_active),
            share(len(active) - len(south_active), len(active)),
        ),
        "south_south_active": (len(south_active), share(len(south_active), len(active))),
    }


def test_the_plan_has_the_national_reports_shape():
    assert len(PLAN) == 52
    assert sum(p[1] for p in PLAN) == 39 and len({p[0] for p in PLAN if p[1]}) == 38
    assert sum(p[2] for p in PLAN) == 27 and sum(p[1] and p[2] for p in PLAN) == 20


def test_the_dashboard_and_the_command_show_the_same_key_figures(client_for, users, national):
    want = expected(national)
    page = client_for(users["observer"]).get(reverse("inventory:dashboard")).content.decode()
    shown = {}
    for key, count, rest in re.findall(
        r'id="figure-(\w+)"><strong data-count="(\d+)">.*?</strong>(.*?)</li>', page, re.S
    ):
        found = re.search(r'data-share="([\d.]+)"', rest)
        shown[key] = (int(count), found.group(1) if found else None)
    assert shown == want
    assert "75,0\u202f% sur 52" in page  # as French writes a share

    out = io.StringIO()
    call_command("figures", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert {
        key: (value["count"], None if value["share"] is None else f"{value['share']:.1f}")
        for key, value in printed.items()
        if key != "volunteers"  # their own figures, tested with them
    } == want


def test_a_period_and_a_status_narrow_the_figures(client_for, users, national):
    signed = [n for n in range(52) if 2020 <= 2010 + n % 15 <= 2024]
    out = io.StringIO()
    call_command("figures", "--json", "--from", "2020", "--to", "2024", stdout=out)
    assert json.loads(out.getvalue())["partnerships"]["count"] == len(signed)

    response = client_for(users["observer"]).get(
        reverse("inventory:export", args=["headline", "csv"]), {"status": "dormant"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("Partenariats;13;")


def test_every_table_has_its_total_line_and_the_communes_chart_no_total_bar(
    client_for, users, national
):
    response = client_for(users["observer"]).get(reverse("inventory:dashboard"))
    tables = {table.key: table for table in response.context["tables"]}
    assert tables["status"].total[1] == 52
    assert tables["axis"].total[1] == 52
    communes = tables["communes"]
    assert communes.total[1] == national
    assert "Total" not in [label for label, _value, _share in communes.chart()]
    csv = client_for(users["observer"]).get(reverse("inventory:export", args=["status", "csv"]))
    assert csv.content.decode("utf-8-sig").splitlines()[-1] == "Total;52"
