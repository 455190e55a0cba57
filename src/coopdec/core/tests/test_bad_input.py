"""Bad addresses and filters get a clear answer, never a server error."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        "/communes/atlantis/",
        "/communes/kloto-1/nope/",
        "/collectivites/zz/commune/bressuire/",
        "/collectivites/fr/district/bressuire/",
        "/organisations/unknown/",
        "/personnes/999999999999999999/",
    ],
)
def test_unknown_records_are_404(client, users, client_for, url):
    assert client_for(users["staff"]).get(url).status_code == 404


def test_an_id_too_large_for_the_database_is_a_404_not_a_crash(client_for, users):
    assert client_for(users["staff"]).get("/personnes/99999999999999999999999/").status_code == 404


def test_unknown_filter_values_are_ignored_and_explained(client, db):
    response = client.get(
        reverse("territories:commune_list"), {"region": "atlantide", "size": "huge"}
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 117
    page = response.content.decode()
    assert "Région\u202f: cette valeur est inconnue et a été ignorée." in page
    assert "Taille\u202f: cette valeur est inconnue et a été ignorée." in page


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999", "1.5"])
def test_odd_page_numbers_give_a_page(client, db, page):
    response = client.get(reverse("territories:commune_list"), {"page": page})
    assert response.status_code == 200


def test_oversized_query_string_is_refused_with_a_message(client, db):
    response = client.get(reverse("territories:commune_list"), {"q": "a" * 5000})
    assert response.status_code == 400
    assert "trop longue" in response.content.decode()


def test_nul_bytes_are_refused(client, db):
    response = client.get("/communes/?q=kp%00alime")
    assert response.status_code == 400


def test_too_many_parameters_are_refused(client, db):
    query = "&".join(f"p{i}=1" for i in range(300))
    response = client.get(f"/communes/?{query}")
    assert response.status_code == 400


def test_overlong_search_text_is_cut_not_failed(client, db):
    response = client.get(reverse("territories:commune_list"), {"q": "kpalime " * 100})
    assert response.status_code == 200


def test_strange_characters_in_search_are_harmless(client, db):
    for query in ["%", "_", "'; DROP TABLE x; --", "🙂", "\\", "(((", "Kpalimé%"]:
        assert client.get(reverse("territories:commune_list"), {"q": query}).status_code == 200
