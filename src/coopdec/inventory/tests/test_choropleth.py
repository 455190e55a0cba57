"""The dashboard's map of the regions: each region's share of communes with an active
partnership, counted here from the reference file itself, and links that keep the other
filters when one narrows to a region."""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from coopdec.conftest import add_partnership, foreign

pytestmark = pytest.mark.django_db

TOGO = Path(__file__).parents[2] / "territories" / "fixtures" / "areas" / "TG.csv"


def share(count: int, whole: int) -> str:
    """Rounded half up, as a report rounds: 6.25 is 6.3."""
    return str((Decimal(count * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def communes_by_region() -> Counter[str]:
    rows = list(csv.DictReader(TOGO.open(encoding="utf-8")))
    region_of = {r["slug"]: r["parent_slug"] for r in rows if r["level"] == "prefecture"}
    return Counter(region_of[r["parent_slug"]] for r in rows if r["level"] == "commune")


def test_map_counts_each_region_and_its_links_keep_the_filters(users, client_for, kloto1, wawa1):
    niort = foreign("FR", "Niort")
    add_partnership(kloto1, [niort])
    add_partnership(wawa1, [niort])
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("inventory:dashboard"), {"status": "active"}).content.decode()
    svg = page[page.index('<figure class="map choropleth">') :]
    svg = svg[: svg.index("</figure>")]
    links = {
        html.unescape(label).split(":")[0]: (html.unescape(href), html.unescape(label))
        for href, label in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)
    }
    totals = communes_by_region()
    assert len(links) == len(totals) == 5
    plateaux = totals["plateaux"]
    assert links["Plateaux"][1] == (f"Plateaux: 2 of {plateaux} communes ({share(2, plateaux)}%)")
    assert links["Savanes"][1] == f"Savanes: 0 of {totals['savanes']} communes (0.0%)"
    for href, _label in links.values():
        assert "status=active" in href and "region=" in href
