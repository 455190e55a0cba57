"""What a person may choose how often to hear about: the *topics* of notices.

The notification mechanism knows no domain. Each app that tells people something registers
its topics when it is ready (``register``); the preferences page lists every registered
topic, and a notice carries the topic its preference is read from. An opportunity's topic is
its kind; a decision on a proposal has the topic "review"; and so on.
"""

from __future__ import annotations

from django_stubs_ext import StrOrPromise

_topics: dict[str, StrOrPromise] = {}
_defaults: dict[str, str] = {}


def register(value: str, label: StrOrPromise, *, default: str = "immediate") -> None:
    """Declare a topic (idempotent: apps may be made ready more than once in tests), and
    how often someone who chose nothing hears of it (a ``Frequency``)."""
    _topics[value] = label
    _defaults[value] = default


def default(value: str) -> str:
    return _defaults.get(value, "immediate")


def choices() -> list[tuple[str, StrOrPromise]]:
    return list(_topics.items())


def values() -> list[str]:
    return list(_topics)
