"""What other apps do next with an opportunity of a kind (a volunteer mission becomes a
mission): they register a *follow-on* when ready; the opportunity's page offers each to the
people its permission allows. This app knows none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class FollowOn:
    label: StrOrPromise
    url: Callable[[Any], str]  # of the opportunity
    permission: str


_registered: dict[str, list[FollowOn]] = {}


def register(kind: str, follow_on: FollowOn) -> None:
    known = _registered.setdefault(kind, [])
    if follow_on not in known:  # apps may be made ready more than once in tests
        known.append(follow_on)


def offered(opportunity, user) -> list[tuple[StrOrPromise, str]]:
    """(label, address) of the follow-ons of the opportunity's kind ``user`` may take."""
    return [
        (follow_on.label, follow_on.url(opportunity))
        for follow_on in _registered.get(opportunity.kind, [])
        if user.has_perm(follow_on.permission)
    ]
