"""What the inventory keeps of its own: the version of the data behind its figures."""

from __future__ import annotations

import uuid
from functools import cache

from django.apps import apps
from django.db import models


@cache
def counts_in_figures(app_label: str) -> bool:
    """Whether the records of an app may change the figures: every app of coopdec does —
    a new model is counted without anyone listing it — unless its configuration says
    ``figures = False`` (bookkeeping of the mechanisms: accounts, proposals, imports,
    notices, this token)."""
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    return config.name.startswith("coopdec.") and getattr(config, "figures", True)


class FiguresVersion(models.Model):
    """A token that changes with every change to the data behind the figures.

    The dashboard caches its tables under the token: any saved, deleted or relinked record
    of an app that ``counts_in_figures`` draws a new token, so a cached table is never older than the data.
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
    action = kwargs.get("action", "post_")
    if action.startswith("post_") and counts_in_figures(sender._meta.app_label):
        FiguresVersion.bump()
