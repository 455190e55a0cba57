"""The dashboard is served from the cache, and never shows figures older than the data."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coopdec.conftest import add_partnership, foreign
from coopdec.inventory.stats import ROWS_ON_PAGE
from coopdec.partnerships.models import Partnership
from coopdec.review import services
from coopdec.review.models import Revision
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def status_counts(html: str) -> dict[str, int]:
    """The "partnerships by status" table as the user reads it on the page."""
    section = html.split('id="status"', 1)[1].split("</section>", 1)[0]
    return {
        label: int(value)
        for label, value in re.findall(
            r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', section
        )
    }


def tables_part(html: str) -> str:
    return html.split('class="toc"', 1)[1].split("</main>", 1)[0]


def dashboard(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inventory:dashboard"))
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def test_a_repeated_visit_is_served_from_the_cache(client_for, users, kloto1, bressuire):
    add_partnership(kloto1, [bressuire])
    client = client_for(users["observer"])
    first, computed = dashboard(client)
    second, cached = dashboard(client)
    assert tables_part(second) == tables_part(first)
    assert status_counts(second)["Actif"] == 1
    assert any("projects_fundingline" in sql for sql in computed)
    assert not any("partnerships_partnership" in sql for sql in cached)
    assert not any("projects_fundingline" in sql for sql in cached)


def test_every_kind_of_change_shows_at_once(client_for, users, kloto1, bressuire):
    partnership = add_partnership(kloto1, [bressuire])
    observer = client_for(users["observer"])
    assert status_counts(dashboard(observer)[0])["Actif"] == 1

    # A change saved by the federation.
    staff = client_for(users["staff"])
    response = staff.post(
        reverse("partnerships:partnership_edit", kwargs={"pk": partnership.pk}),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "kind": "twinning",
            "name": partnership.name,
            "status": "dormant",
            "status_since": "2026-01-01",
        },
    )
    assert response.status_code == 302
    counts = status_counts(dashboard(client_for(users["observer"]))[0])
    assert (counts["Actif"], counts["En sommeil"]) == (0, 1)

    # A proposal by a focal point counts only once the federation accepts it (with other
    # partners: the same commune and partners would be the same partnership).
    cerizay = foreign("FR", "Cerizay")
    focal = client_for(users["focal_point"])
    focal.post(
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [cerizay.pk],
            "kind": "friendship",
            "status": "exploring",
            "status_since": "2026-01-01",
        },
    )
    proposed = Partnership.objects.get(status="exploring")
    assert status_counts(dashboard(client_for(users["observer"]))[0])["En exploration"] == 0
    services.accept_all(Revision.objects.pending().within(proposed), users["staff"])
    assert status_counts(dashboard(client_for(users["observer"]))[0])["En exploration"] == 1

    # A renamed commune: names come from the territories.
    kloto1.name = "Kloto Un"
    kloto1.save()
    html = dashboard(client_for(users["observer"]))[0]
    dormant = html.split('id="dormant"', 1)[1].split("</section>", 1)[0]
    assert "<td>Kloto Un</td><td>En sommeil</td>" in dormant


def test_long_tables_are_cut_and_the_rest_is_downloadable(client_for, users, kloto1, bressuire):
    asleep = ROWS_ON_PAGE + 5
    for _index in range(asleep):
        add_partnership(kloto1, [bressuire], status="dormant")
    long_ago = timezone.localdate() - timedelta(days=3000)
    Partnership.objects.update(last_activity_on=long_ago)
    client = client_for(users["staff"])

    html = dashboard(client)[0]
    section = html.split('id="dormant"', 1)[1].split("</section>", 1)[0]
    assert section.count('<tr><th scope="row">') == ROWS_ON_PAGE
    assert "5 lignes de plus" in section
    link = re.search(r'href="([^"]*to_relaunch=on[^"]*)"', section).group(1)
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == asleep

    export = client.get(reverse("inventory:export", args=["dormant", "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == asleep + 2  # the header, every one, the total line
    assert rows[-1][0] == f"Total\u202f: {asleep} partenariats"


def test_the_relaunch_filter_of_the_partnership_list(client_for, users, kloto1, wawa1, bressuire):
    marked = add_partnership(kloto1, [bressuire], status="dormant")
    silent = add_partnership(wawa1, [bressuire], status="active")
    ended = add_partnership(wawa1, [bressuire], status="ended")
    lively = add_partnership(kloto1, [bressuire], status="active")
    old = timezone.localdate() - timedelta(days=800)
    Partnership.objects.filter(pk__in=[silent.pk, ended.pk]).update(last_activity_on=old)
    client = client_for(users["staff"])
    response = client.get(reverse("partnerships:partnership_list"), {"to_relaunch": "on"})
    assert set(response.context["page"].object_list) == {marked, silent}
    everything = client.get(reverse("partnerships:partnership_list"))
    assert lively in everything.context["page"].object_list
    kloto = Area.objects.get(slug="kloto", level__code="prefecture")
    in_prefecture = client.get(
        reverse("partnerships:partnership_list"), {"to_relaunch": "on", "prefecture": kloto.slug}
    )
    assert list(in_prefecture.context["page"].object_list) == [marked]
