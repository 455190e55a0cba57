import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdec.core.text import normalize_name, search_document, search_terms


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Kpalimé", "kpalime"),
        ("KPALIME", "kpalime"),
        ("Commune de BRESSUIRE (79)", "bressuire"),
        ("Commune d'ISSY LES MOULINEAUX (92)", "issy les moulineaux"),
        ("Mairie de Kpalimé", "kpalime"),
        ("Ville de Saint-Étienne", "saint etienne"),
        ("St-Étienne", "saint etienne"),
        ("Communauté de Communes de la CHAPELLE CHAUSSEE (35)", "cc de la chapelle chaussee"),
        ("CC de la Chapelle-Chaussée", "cc de la chapelle chaussee"),
        ("Agoè-Nyivé 2", "agoe nyive 2"),
        ("  Tône   1 ", "tone 1"),
        ("Gbadi-N'kougna", "gbadi n kougna"),
        ("Corse-du-Sud (2A)", "corse du sud"),
    ],
)
def test_names_people_write_differently_get_the_same_key(raw, key):
    assert normalize_name(raw) == key


def test_a_commune_named_commune_keeps_its_name():
    # "Commune" alone is not a prefix to strip: only "Commune de X" is.
    assert normalize_name("Commune") == "commune"


@given(st.text())
def test_normalisation_never_fails_and_is_stable(text):
    key = normalize_name(text)
    assert normalize_name(key) == key
    assert key == key.strip()
    assert "  " not in key
    assert all(char.isascii() for char in key)


@given(st.text(), st.text())
def test_every_word_of_a_name_is_findable_by_its_beginning(name, alias):
    document = search_document(name, alias)
    for term in search_terms(name):
        assert f" {term}" in document


def test_search_terms_are_bounded():
    assert len(search_terms("a " * 500)) == 8
