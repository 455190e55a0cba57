"""The inventory on a phone: the headline figures in the first screen, equal to the ones
counted here from the records; the map of the regions below them; the page within its
budget."""

from __future__ import annotations

import re

import pytest

from coopdec.core.tests.browser.test_atlas_quality import KB, transferred
from coopdec.core.tests.browser.test_every_page import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_DASHBOARD = 150 * KB


def _counted() -> dict[str, int]:
    from coopdec.partnerships.models import Partnership
    from coopdec.territories.models import Area

    validated = [p for p in Partnership.objects.all() if p.published]
    communes = set(Area.objects.communes().values_list("pk", flat=True))
    active = [p for p in validated if p.status == "active"]
    return {
        "partnerships": len(validated),
        "active": len(active),
        "communes_with_partnership": len({p.local_government_id for p in validated} & communes),
        "communes_with_active": len({p.local_government_id for p in active} & communes),
    }


def test_dashboard_reads_at_a_glance_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "sessionid", "value": _session_cookie("staff"), "domain": host, "path": "/"}]
    )
    page = context.new_page()
    weight = transferred(page, lambda: page.goto(live_server.url + "/etat-des-lieux/"))
    print(f"\nstaff dashboard {weight} B")
    assert weight <= STAFF_DASHBOARD
    for key, expected in _counted().items():
        figure = page.locator(f"#figure-{key}")
        box = figure.bounding_box()
        assert box["y"] + box["height"] <= 740, f"{key} is below the first screen"
        shown = re.sub(r"\D", "", figure.locator("strong").inner_text())
        assert int(shown) == expected, key
    headline = page.locator("#headline .figures").bounding_box()
    choropleth = page.locator("figure.choropleth svg")
    assert choropleth.bounding_box()["y"] > headline["y"] + headline["height"]
    labels = choropleth.locator("a").evaluate_all("links => links.map(a => a.ariaLabel)")
    assert len(labels) == 5 and any(label.startswith("Plateaux") for label in labels)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
