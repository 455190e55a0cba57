"""A focal point keeps its commune up to date; every change is in the audit trail."""

from auditlog.models import LogEntry
from django.urls import reverse

from coopdec.territories.models import Area


def test_focal_point_updates_own_commune_and_history_shows_before_and_after(
    users, client_for, kloto1
):
    client = client_for(users["focal_point"])
    response = client.post(
        reverse("territories:commune_edit", args=["kloto-1"]),
        {
            "seat_town": "Kpalimé",
            "size_class": "large",
            "population": "128000",
            "website": "kpalime.tg",
            "description": "",
            "latitude": "6.9",
            "longitude": "0.63333",
        },
    )
    assert response.status_code == 302
    # A commune's facts wait for the federation's validation, then apply field by field.
    kloto1.refresh_from_db()
    assert kloto1.population is None
    staff = client_for(users["staff"])
    [(revision, _changes)] = staff.get(reverse("review:queue"), {"commune": kloto1.pk}).context[
        "proposals"
    ]
    staff.post(reverse("review:decide", args=[revision.pk]), {"decision": "accept"})
    kloto1.refresh_from_db()
    assert (kloto1.size_class, kloto1.population, kloto1.website) == (
        "large",
        128000,
        "https://kpalime.tg",
    )

    entry = LogEntry.objects.get_for_object(kloto1).get()
    assert entry.actor == users["staff"]  # who applied it; the proposal names its author
    assert entry.changes_dict["population"] == ["None", "128000"]
    assert entry.changes_dict["size_class"] == ["", "large"]

    history = client_for(users["staff"]).get(
        reverse("territories:commune_history", args=["kloto-1"])
    )
    page = history.content.decode()
    assert "focal.kloto1" in page  # the proposal's author
    assert "<strong>Population</strong>\u202f: — → 128\u202f000" in page  # as French writes it


def test_focal_point_of_kloto_1_cannot_change_wawa_1_by_any_route(users, client_for, wawa1):
    client = client_for(users["focal_point"])
    url = reverse("territories:commune_edit", args=["wawa-1"])
    assert client.get(url).status_code == 404
    response = client.post(url, {"seat_town": "Hacked", "size_class": "small"})
    assert response.status_code == 404
    wawa1.refresh_from_db()
    assert wawa1.seat_town == "Badou"
    assert not LogEntry.objects.get_for_object(wawa1).exists()
    assert client.get(reverse("territories:commune_history", args=["wawa-1"])).status_code == 403


def test_invalid_values_are_explained_and_change_nothing(users, client_for, kloto1):
    client = client_for(users["focal_point"])
    response = client.post(
        reverse("territories:commune_edit", args=["kloto-1"]),
        {
            "seat_town": "Kpalimé",
            "population": "-5",
            "latitude": "123",
            "longitude": "abc",
            "website": "not a url",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"population", "latitude", "longitude", "website"} <= set(errors)
    kloto1.refresh_from_db()
    assert kloto1.population is None
    assert not LogEntry.objects.get_for_object(kloto1).exists()


def test_commune_page_offers_edit_only_to_those_who_may(users, client_for, kloto1):
    url = reverse("territories:commune_detail", args=["kloto-1"])
    edit = reverse("territories:commune_edit", args=["kloto-1"])
    assert edit in client_for(users["focal_point"]).get(url).content.decode()
    assert edit not in client_for(users["observer"]).get(url).content.decode()
    assert edit not in client_for(None).get(url).content.decode()


def test_seat_town_change_makes_the_commune_findable_by_it(users, client_for, kloto1):
    client_for(users["staff"]).post(
        reverse("territories:commune_edit", args=["kloto-3"]),
        {"seat_town": "Kuma-Adamé"},
    )
    assert Area.objects.communes().search("adame").get().slug == "kloto-3"
