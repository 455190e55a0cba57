"""The version of the data behind the figures, for any app's cache: a token that changes
with every change of that data. The inventory keeps it (``FiguresVersion``) and registers
it when ready; an app below the inventory reads or bumps it here. Without a registered
keeper there is no token, and nothing should be cached."""

from __future__ import annotations

from collections.abc import Callable

_keeper: dict[str, Callable] = {}


def register(current: Callable[[], str], bump: Callable[[], None]) -> None:
    _keeper.update(current=current, bump=bump)


def current() -> str:
    """The token, or "" when no app keeps one."""
    return _keeper["current"]() if _keeper else ""


def bump() -> None:
    """Say the data changed, after a write that sends no signal (``update``, bulk)."""
    if _keeper:
        _keeper["bump"]()
