"""PDF from our own HTML templates, with WeasyPrint: the page a browser prints (print
stylesheet) and the PDF are one template. Nothing is fetched, from the network or the disk:
the stylesheets are read from the static files and put in the page, images are inline
(SVG), and any address the page would load stops the rendering."""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# WeasyPrint's progress is not news for the console.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class NotLocal(ValueError):
    """A PDF's page asked for something to be fetched."""


def stylesheet(name: str) -> str:
    found = finders.find(name)
    if not found:
        raise NotLocal(f"no such static file: {name}")
    return Path(str(found)).read_text(encoding="utf-8")


def render_pdf(template: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """The template rendered to PDF, with ``stylesheets`` (static file names) in
    ``{{ stylesheet }}``."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise NotLocal(f"coopdec fetches nothing to make a PDF: {url}")

    # Our own static files, not user input.
    css = mark_safe("\n".join(stylesheet(name) for name in stylesheets))  # noqa: S308
    html = render_to_string(template, {**context, "pdf": True, "stylesheet": css})
    return HTML(string=html, url_fetcher=FetchNothing(fail_on_errors=True)).write_pdf()
