"""What other apps show on a commune's or a foreign local government's page.

Territories sit below the apps that point to them (directory, partnerships, reporting,
the public atlas): they do not import them. Each of those apps registers, when ready, a
function ``section(area, user) -> dict`` whose keys the page's template reads; the page
merges them in the order they were registered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Section = Callable[[Any, Any], dict]

_sections: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    """Idempotent: apps may be made ready more than once in tests."""
    _sections[name] = section


def context_for(area, user) -> dict:
    context: dict = {}
    for section in _sections.values():
        context.update(section(area, user))
    return context
