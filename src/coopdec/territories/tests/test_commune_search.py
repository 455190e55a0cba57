"""Searching communes the way people write them: no accents, old town names, seat towns."""

import pytest
from django.urls import reverse

from coopdec.territories.models import Area


def _found(client, query: str) -> list[str]:
    response = client.get(reverse("territories:commune_list"), {"q": query})
    assert response.status_code == 200
    return [commune.name for commune in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kpalime", ["Kloto 1"]),
        ("dapaong", ["Tône 1"]),
        ("atakpame", ["Ogou 1"]),
        ("aneho", ["Lacs 1"]),
        ("agoe nyive 2", ["Agoè-Nyivé 2"]),
        ("tandjoare", ["Tandjouaré 1", "Tandjouaré 2"]),
        ("KPALIMÉ", ["Kloto 1"]),
        ("Commune de Kpalimé", ["Kloto 1"]),
        ("badou", ["Wawa 1"]),
    ],
)
def test_search_without_accents_finds_the_commune(client, db, query, expected):
    assert _found(client, query) == expected


def test_the_list_shows_all_117_communes_with_their_count(client, db):
    response = client.get(reverse("territories:commune_list"))
    assert response.context["page"].paginator.count == 117
    assert "117 communes" in response.content.decode()


def test_filter_by_region_and_prefecture(client, db):
    response = client.get(reverse("territories:commune_list"), {"region": "savanes"})
    assert response.context["page"].paginator.count == 16
    response = client.get(reverse("territories:commune_list"), {"prefecture": "golfe"})
    names = {commune.name for commune in response.context["page"].object_list}
    assert names == {f"Golfe {n}" for n in range(1, 8)}


def test_a_search_with_no_match_says_so(client, db):
    response = client.get(reverse("territories:commune_list"), {"q": "zzzzz"})
    assert response.context["page"].paginator.count == 0
    assert "Aucune commune ne correspond" in response.content.decode()


def test_the_list_costs_the_same_queries_for_few_or_many_rows(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(reverse("territories:commune_list"), {"q": "kloto 1"})
    with django_assert_max_num_queries(8):
        client.get(reverse("territories:commune_list"))


def test_search_of_foreign_local_governments(client, bressuire):
    response = client.get(reverse("territories:lg_list"), {"q": "Commune de BRESSUIRE (79)"})
    assert [area.name for area in response.context["page"].object_list] == ["Bressuire"]
    response = client.get(reverse("territories:lg_list"), {"country": "fr"})
    assert list(response.context["page"].object_list) == [Area.objects.get(slug="bressuire")]
    assert (
        client.get(reverse("territories:lg_list"), {"country": "bj"})
        .context["page"]
        .paginator.count
        == 0
    )
