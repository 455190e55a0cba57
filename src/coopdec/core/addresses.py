"""A record's page lives at one address, its key and a slug of its name
(``/atlas/projets/12/adduction-d-eau/``); other addresses of it redirect there."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify


def slug_of(name: str) -> str:
    return slugify(name) or "-"


def page_address(viewname: str, pk: int, name: str) -> str:
    return reverse(viewname, kwargs={"pk": pk, "slug": slug_of(name)})


def canonical(record, slug: str | None, name: str) -> HttpResponsePermanentRedirect | None:
    """A redirection to the record's address when ``slug`` is not its own, else None."""
    if slug != slug_of(name):
        return redirect(record.get_public_url(), permanent=True)
    return None
