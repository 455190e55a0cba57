"""Issue 17, acceptance 5: nothing assumes commune → prefecture → region. Benin as the
federation's country — departments, then communes, two levels — serves the commune list
and its download, the dashboard and the public commune page, each with the right
department."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from coopdec.conftest import add_partnership, foreign, new_user
from coopdec.core.reference import load_all
from coopdec.territories.models import Area

from .test_reference_countries import BENIN  # the same two-level file

pytestmark = pytest.mark.django_db


@pytest.fixture
def benin(db, tmp_path, client_for):
    path = tmp_path / "BJ.csv"
    path.write_text(BENIN, encoding="utf-8")
    load_all(files=[path])
    with override_settings(COOPDEC_HOME_COUNTRY="BJ"):
        bohicon = Area.objects.communes().get(slug="bohicon")
        add_partnership(bohicon, [foreign("FR", "Niort")], status="active", is_public=True)
        yield bohicon


def test_the_pages_answer_with_the_right_department(benin, client_for):
    observer = client_for(new_user(username="observer", role="observer"))
    page = observer.get(reverse("territories:commune_list")).content.decode()
    assert "Bohicon" in page and "Abomey" in page and "Kloto 1" not in page
    assert "<td>Zou</td>" in page

    download = observer.get(reverse("territories:commune_list") + "?export=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    # Commune, seat town, prefecture (Benin has none), region (its department).
    assert rows[2][:4] == ["Bohicon", "", "", "Zou"]

    dashboard = observer.get(reverse("inventory:dashboard"))
    assert dashboard.status_code == 200
    communes = {t.key: t for t in dashboard.context["tables"]}["communes"]
    assert {row[0]: row[1:] for row in communes.rows} == {"Atlantique": [1, 0, 1], "Zou": [2, 1, 1]}
    assert communes.total == ["Total", 3, 1, 2]

    public = client_for(None).get(benin.get_absolute_url())
    assert public.status_code == 200
    assert "Zou" in public.content.decode()
    api = client_for(None).get("/api/communes/bohicon/").json()
    assert api["region"] == {"slug": "zou", "name": "Zou"} and api["prefecture"] is None
