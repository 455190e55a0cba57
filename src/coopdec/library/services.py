"""Keeping the library: one way for the pages, the demo data and tests."""

from __future__ import annotations

from django.db import transaction

from coopdec.core.text import search_document
from coopdec.review.registry import write_fields

from .models import Publication


@transaction.atomic
def write(publication: Publication, values: dict) -> None:
    """Save the publication and its search words (title and summary)."""
    write_fields(publication, values)
    publication.search_text = search_document(publication.title, publication.summary)
    Publication.objects.filter(pk=publication.pk).update(search_text=publication.search_text)


def versions(publication: Publication, readable):
    """Its files the reader may open (``readable``: their documents), newest first: the
    first is the current version."""
    return readable.owned_by(publication).order_by("-uploaded_at", "-pk")
