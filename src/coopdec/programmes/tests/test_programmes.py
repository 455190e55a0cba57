"""Programmes: the 2006-2008 concerted programme of the demo shows the figures its seed
gives (computed here from the seed's numbers, not by the code), and bad input — shares not
making 100 %, a year paid twice, more women and men than participants, a programme without
lead — gets a message and writes nothing."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from coopdec.demo.data import load_demo
from coopdec.demo.programmes import MEMBERS, NAME, UNPAID_2008
from coopdec.programmes.models import Activity, CoFunding, Contribution, Participation, Programme

pytestmark = pytest.mark.django_db

BUDGET, MINISTRY, YEARLY = Decimal("88624"), Decimal("0.49"), Decimal("350")


def text_of(response) -> str:
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # Spaces, tabs and new lines only: the narrow no-break spaces of French stay.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def euros(amount: Decimal) -> str:
    """As the English pages write an amount: "€4,900", "€43,425.76"."""
    places = 0 if amount == amount.to_integral_value() else 2
    return f"€{amount:,.{places}f}"


@pytest.fixture
def concerted(db):
    load_demo()
    return Programme.objects.get(name=NAME)


def test_the_concerted_programme_shows_the_seed_figures(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    text = text_of(client.get(concerted.get_absolute_url()))
    members = len(MEMBERS)  # the fourteen French local governments listed on 31 May 2007
    assert members == 14
    assert f"Budget {euros(BUDGET)}" in text
    assert f"Yearly contribution of each member {euros(YEARLY)}" in text
    assert f"Partnerships {members}" in text
    # The ministry's 49 %, and the rest of the plan: shares of the budget.
    ministry = (BUDGET * MINISTRY).quantize(Decimal("0.01"))
    assert f"Ministère des Affaires étrangères (France) 49.0% {euros(ministry)}" in text
    assert f"{euros(BUDGET - ministry)}" in text
    # Contributions due each year: members × 350 €; paid: all but the demo's late payers.
    due = euros(members * YEARLY)
    assert f"Due {due} {due} {due}" in text
    paid_2008 = euros((members - len(UNPAID_2008)) * YEARLY)
    assert f"Paid {due} {due} {paid_2008}" in text
    # The training: four days, two participants for each partnership.
    assert "Formation de quatre journées des acteurs des partenariats" in text
    assert f"{members} partnerships took part: {2 * members} participants" in text


def test_a_past_programme_names_who_has_not_paid_for_its_last_year(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    text = text_of(client.get(concerted.get_absolute_url()))
    assert f"Not paid for 2008: {len(UNPAID_2008)} members." in text
    for name in ("Coulon", "CC de Lezay", "Région Champagne-Ardenne"):
        assert name in text[text.index("Not paid for 2008") :][:200]


def test_shares_that_do_not_make_100_percent_are_refused(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    before = list(CoFunding.objects.values_list("share", flat=True))
    ministry = CoFunding.objects.get(programme=concerted, funder_organisation__isnull=False)
    response = client.post(
        reverse("programmes:cofunding", args=[concerted.pk]),
        {
            "line-TOTAL_FORMS": "2",
            "line-INITIAL_FORMS": "0",
            "line-0-funder_organisation": ministry.funder_organisation_id,
            "line-0-share": "49",
            "line-1-funder_government": concerted.lead_government_id,
            "line-1-share": "41",
        },
    )
    assert response.status_code == 200
    assert "Les parts font 90\u202f%\u202f: un plan couvre 100\u202f% du budget." in text_of(
        response
    )
    assert list(CoFunding.objects.values_list("share", flat=True)) == before


def test_a_year_paid_twice_is_refused(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    bressuire = concerted.partnerships.get(
        local_government__slug="kloto-1"
    ).partner_governments.get()
    before = list(Contribution.objects.values_list("pk", "paid", "paid_on"))
    response = client.post(
        reverse("programmes:payment", args=[concerted.pk]),
        {"member": bressuire.pk, "year": "2007", "amount": "350", "paid_on": "2007-06-01"},
    )
    assert response.status_code == 200
    assert "La contribution de Bressuire pour 2007 a déjà été payée le 15 mars 2007." in text_of(
        response
    )
    assert list(Contribution.objects.values_list("pk", "paid", "paid_on")) == before


def test_a_late_payment_is_recorded_once(users, client_for, concerted):
    client = client_for(users["staff"])
    coulon = Contribution.objects.filter(programme=concerted, member__slug="coulon")
    assert not coulon.filter(year=2008).exists()
    response = client.post(
        reverse("programmes:payment", args=[concerted.pk]),
        {
            "member": coulon.first().member_id,
            "year": "2008",
            "amount": "350",
            "paid_on": "2009-01-20",
        },
    )
    assert response.status_code == 302
    paid = coulon.get(year=2008)
    assert (paid.pledged, paid.paid, str(paid.paid_on)) == (YEARLY, YEARLY, "2009-01-20")


def test_more_women_and_men_than_participants_is_refused(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    partnership = concerted.partnerships.order_by("pk").first()
    activities, participations = Activity.objects.count(), Participation.objects.count()
    response = client.post(
        reverse("programmes:activity_create", args=[concerted.pk]),
        {
            "kind": "training",
            "title": "Formation des secrétaires généraux",
            f"people_{partnership.pk}": "2",
            f"women_{partnership.pk}": "2",
            f"men_{partnership.pk}": "1",
        },
    )
    assert response.status_code == 200
    assert "Les femmes et les hommes sont plus nombreux que les participants." in text_of(response)
    assert (Activity.objects.count(), Participation.objects.count()) == (activities, participations)


def test_a_programme_needs_one_lead(users, client_for, db):
    from coopdec.territories.models import Currency

    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    eur = Currency.objects.get(code="EUR")
    response = client.post(
        reverse("programmes:create"),
        {"name": "Programme sans chef de file", "currency": eur.pk},
    )
    assert response.status_code == 200
    assert "Nommez le chef de file\u202f: une collectivité ou une organisation." in text_of(
        response
    )
    assert not Programme.objects.exists()


def test_the_dashboard_shows_the_programme(users, client_for, concerted):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    text = text_of(client.get(reverse("inventory:dashboard")))
    table = text[text.index("Programme Partnerships Budget (EUR)") :]
    members, years = len(MEMBERS), 3
    due = members * YEARLY * years
    paid = due - len(UNPAID_2008) * YEARLY
    # Four activities; two participants a partnership at the training and the exchange day.
    row = f"{NAME} {members} {euros(BUDGET)} {euros(due)} {euros(paid)} 4 {2 * 2 * members}"
    assert row in table


def test_a_project_run_by_the_programme_counts_in_its_results_and_iati(
    users, client_for, concerted
):
    """A project outside the pooled partnerships, attached to the programme itself, is
    listed, adds its indicators to the programme's results where units agree (whatever
    their case or spacing), and is a child of the programme in the IATI export."""
    from datetime import date

    from lxml import etree

    from coopdec.projects import iati
    from coopdec.projects.models import Indicator, Measurement, Project

    water = Project.objects.get(title__startswith="Adduction d'eau potable")
    assert water.partnership.programmes.filter(pk=concerted.pk).exists()  # pooled
    civil = Project.objects.get(title="Numérisation de l'état civil")
    assert not civil.partnership.programmes.filter(pk=concerted.pk).exists()
    concerted.projects.add(civil)

    def indicator(project, unit, baseline, target, values):
        made = Indicator.objects.create(
            project=project,
            name=f"Indicateur en {unit}",
            unit=unit,
            baseline=baseline,
            baseline_date=date(2024, 1, 1),
            target=target,
            target_date=date(2026, 12, 31),
            published=True,
        )
        for when, value in values:
            Measurement.objects.create(indicator=made, date=when, value=value, published=True)

    # The water project measures 400 households targeted, 180 reached (demo). Add:
    indicator(civil, " Ménages", 10, 100, [(date(2025, 1, 1), 30), (date(2025, 6, 1), 60)])
    indicator(civil, "%", 0, 80, [(date(2025, 1, 1), 40)])
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    text = text_of(client.get(concerted.get_absolute_url()))
    assert "Numérisation de l'état civil" in text and "run by the programme" in text
    # ménages: 2 indicators in 2 projects, baseline 0 + 10, target 400 + 100, achieved
    # 180 + 60 (each indicator's latest value, not 30).
    assert "ménages 2 2 10 500 240" in text
    assert "actes 1 1 0 50,000 21,000" in text
    assert "1 indicator in percent or as a rate is not added up" in text

    document = etree.fromstring(iati.export())
    by_title = {a.findtext("title/narrative"): a for a in document.findall("iati-activity")}
    children = {r.get("ref") for r in by_title[NAME].findall("related-activity")}
    assert children == {
        by_title[water.title].findtext("iati-identifier"),
        by_title[civil.title].findtext("iati-identifier"),
    }
