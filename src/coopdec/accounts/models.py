from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import FEDERATION_ROLES, Role


class User(AbstractUser):
    """A person who signs in. Their role says what they do; their scope, where.

    A focal point's scope is its communes; a partner's, the organisations and foreign
    local governments it speaks for. Federation roles and observers have no scope.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.OBSERVER)
    # Set on each request by django-otp's middleware: whether the second step was given.
    is_verified: Callable[[], bool]
    local_governments = models.ManyToManyField(
        "territories.Area",
        blank=True,
        related_name="accounts",
        verbose_name=_("local governments in scope"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails coopdec sends you."),
    )
    organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="accounts",
        verbose_name=_("organisations in scope"),
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    @property
    def is_federation(self) -> bool:
        return self.is_active and self.role in FEDERATION_ROLES

    def scoped_area_ids(self) -> frozenset[int]:
        """Ids of the local governments this account speaks for (cached on the instance)."""
        if not hasattr(self, "_scoped_area_ids"):
            self._scoped_area_ids = frozenset(self.local_governments.values_list("pk", flat=True))
        return self._scoped_area_ids

    def scoped_organisation_ids(self) -> frozenset[int]:
        if not hasattr(self, "_scoped_organisation_ids"):
            self._scoped_organisation_ids = frozenset(
                self.organisations.values_list("pk", flat=True)
            )
        return self._scoped_organisation_ids


def federation_staff() -> list[int]:
    """The active accounts of the federation's staff and administrators."""
    return list(
        User.objects.filter(role__in=FEDERATION_ROLES, is_active=True).values_list("pk", flat=True)
    )


def focal_points(commune_ids) -> dict[int, set[int]]:
    """The active focal point accounts of ``commune_ids``: account id → the communes among
    them it speaks for."""
    rows = User.local_governments.through.objects.filter(
        area__in=list(commune_ids), user__role=Role.FOCAL_POINT, user__is_active=True
    ).values_list("user", "area")
    found: dict[int, set[int]] = defaultdict(set)
    for user_id, area_id in rows:
        found[user_id].add(area_id)
    return found


class ResetRequest(models.Model):
    """One password-reset e-mail asked for, by which address (hashed: kept a day, only to
    limit how many e-mails one account or one connection can cause)."""

    key = models.CharField(max_length=80, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key
