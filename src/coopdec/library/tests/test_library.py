"""The library: a guide found by a word of its summary, accents and case ignored; a
publication for members only refused to visitors (404) and on no public page; each new
file a new version, the former ones kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coopdec.conftest import PDF_BYTES
from coopdec.library import services
from coopdec.library.models import Publication

pytestmark = pytest.mark.django_db


def _publication(title: str, summary: str, *, public: bool) -> Publication:
    publication = Publication(
        title=title, kind="guide", summary=summary, is_public=public, published=True
    )
    services.write(publication, {})
    return publication


@pytest.fixture
def shelf(db):
    return {
        "guide": _publication(
            "Préparer une convention",
            "Les étapes d'une convention de coopération décentralisée, de l'échange de "
            "lettres à la délibération.",
            public=True,
        ),
        "members": _publication(
            "Grille interne des évaluations",
            "Les critères de la faîtière pour évaluer un partenariat décentralisé.",
            public=False,
        ),
    }


def test_a_guide_is_found_by_a_word_of_its_summary_accents_ignored(shelf):
    visitor = Client()
    for query in ("deliberation", "DÉLIBÉRATION", "decentral"):
        page = visitor.get(reverse("library:list"), {"q": query}).content.decode()
        assert "Préparer une convention" in page, query
    page = visitor.get(reverse("library:list"), {"q": "budget"}).content.decode()
    assert "Préparer une convention" not in page


def test_a_members_only_publication_is_refused_to_visitors_and_on_no_public_page(
    shelf, users, client_for
):
    visitor = Client()
    hidden = shelf["members"]
    assert visitor.get(hidden.get_absolute_url()).status_code == 404
    for url in (
        reverse("library:list"),
        reverse("library:list") + "?q=evaluation",
        reverse("public:home"),
        reverse("public:sitemap"),
        reverse("library:list") + "?export=csv",
    ):
        response = visitor.get(url)
        content = b"".join(response) if response.streaming else response.content
        assert "Grille interne des évaluations" not in content.decode("utf-8-sig"), url
    # Every signed-in member reads it, partners included.
    partner = client_for(users["partner"])
    assert partner.get(hidden.get_absolute_url()).status_code == 200
    listed = partner.get(reverse("library:list"), {"q": "evaluation"}).content.decode()
    assert "Grille interne des évaluations" in listed


def test_each_new_file_is_a_version_and_the_former_stay(shelf, users, client_for):
    guide = shelf["guide"]
    staff = client_for(users["staff"])
    url = reverse("documents:document_create", args=["publication", guide.pk])
    for name in ("guide-2023.pdf", "guide-2025.pdf"):
        response = staff.post(
            url,
            {
                "kind": "other",
                "title": name,
                "audience": "public",
                "file": SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302, response.content[:400]
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert page.index("guide-2025.pdf") < page.index("guide-2023.pdf")  # newest first
    assert "Version actuelle" in page or "Current version" in page
    # Someone else than the federation may not add a version.
    partner = client_for(users["partner"])
    assert partner.get(url).status_code in (403, 404)
