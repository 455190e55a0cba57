"""What the inventory keeps of its own: the version of the data behind its figures."""

from __future__ import annotations

import uuid

from django.db import models

# The apps whose records the figures are made of (names, places, settings included).
FIGURES_APPS = frozenset(
    {"core", "territories", "taxonomy", "directory", "partnerships", "projects"}
)


class FiguresVersion(models.Model):
    """A token that changes with every change to the data behind the figures.

    The dashboard caches its tables under the token: any saved, deleted or relinked record
    of ``FIGURES_APPS`` draws a new token, so a cached table is never older than the data.
    A new random token (rather than a counter) also holds after a rolled-back transaction
    or a restored backup. Code that writes with ``bulk_create`` or ``update`` outside a
    model's ``save`` calls ``FiguresVersion.bump()`` itself.
    """

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return self.token.hex

    @classmethod
    def current(cls) -> str:
        version, _created = cls.objects.get_or_create(pk=1)
        return version.token.hex

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(token=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)


def bump_on_change(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if sender._meta.app_label in FIGURES_APPS and kwargs.get("action", "post_").startswith("post_"):
        FiguresVersion.bump()
