"""The version of the data behind the figures, for any app's cache: a token that changes
with every change of that data. The inventory keeps it (``FiguresVersion``) and registers
it when ready; an app below the inventory reads or bumps it here. Without a registered
keeper there is no token, and nothing should be cached."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

_keeper: dict[str, Callable] = {}

T = TypeVar("T")

# A value is computed again after any change of the data; this is only how long an unused one
# stays in the cache.
REMEMBERED_SECONDS = 24 * 3600


def register(current: Callable[[], str], bump: Callable[[], None]) -> None:
    _keeper.update(current=current, bump=bump)


def current() -> str:
    """The token, or "" when no app keeps one."""
    return _keeper["current"]() if _keeper else ""


def bump() -> None:
    """Say the data changed, after a write that sends no signal (``update``, bulk)."""
    if _keeper:
        _keeper["bump"]()


def remembered(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the shared cache under ``key`` for the current version of the
    data (and day: what is dormant or expired depends on it); the first reader after a change
    computes it again. ``key`` must name everything the value depends on besides the data."""
    version = dated()  # read before computing: a change meanwhile leaves the value stale
    if not version:
        return compute()
    kept = cache.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return kept[1]
    value = compute()
    cache.set(key, (version, value), REMEMBERED_SECONDS)
    return value


def dated() -> str:
    """The token with the day (what is dormant, expired or overdue changes with the date);
    "" when no app keeps one."""
    token = current()
    return f"{token}:{timezone.localdate().isoformat()}" if token else ""
