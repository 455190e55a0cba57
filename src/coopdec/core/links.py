"""Web addresses people may click: http and https only. A ``javascript:``, ``data:`` or
``vbscript:`` address would run in the reader's browser; it is refused where a record is
written (models, forms, imports) and never rendered as a link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")

_valid = URLValidator(
    schemes=list(SCHEMES), message=_("Enter a web address starting with http:// or https://.")
)


def validate_web_address(value: str) -> None:
    """For model fields and forms: refuses anything but an http(s) address."""
    _valid(value)


def clean_web_address(text: str) -> str:
    """A web address typed or read from a file: "www.example.org" is taken as https; any
    other scheme is refused (ValidationError)."""
    text = (text or "").strip()
    if not text:
        return ""
    if "://" not in text and ":" not in text.split("/", 1)[0]:
        text = f"https://{text}"
    validate_web_address(text)
    return text


def is_web_address(value: str) -> bool:
    try:
        validate_web_address(value)
    except ValidationError:
        return False
    return True
