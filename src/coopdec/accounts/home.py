"""What a person finds on their home page after signing in: what awaits them. Accounts sit
below the apps that know what awaits (proposals, opportunities, agreements, imports): each
registers, when ready, a function ``section(user) -> Section | None`` (None: nothing for
this person), shown in the order registered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django_stubs_ext import StrOrPromise


@dataclass
class Section:
    title: StrOrPromise
    template: str
    context: dict = field(default_factory=dict)


Provider = Callable[..., "Section | None"]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Idempotent: apps may be made ready more than once in tests."""
    _providers[name] = provider


def sections_for(user) -> list[Section]:
    return [section for provider in _providers.values() if (section := provider(user))]
