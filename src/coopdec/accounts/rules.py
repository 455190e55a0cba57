"""Role predicates: the vocabulary every app's rules are written in."""

from __future__ import annotations

import rules

from .enums import Role


def _has_role(*roles: Role):
    @rules.predicate
    def predicate(user) -> bool:
        return bool(user.is_authenticated and user.is_active and user.role in roles)

    return predicate


@rules.predicate
def is_federation(user) -> bool:
    # The same test the scoped querysets use (User.is_federation): one definition.
    return bool(user.is_authenticated and user.is_federation)


is_focal_point = _has_role(Role.FOCAL_POINT)
is_partner = _has_role(Role.PARTNER)
is_observer = _has_role(Role.OBSERVER)
is_federation_admin = _has_role(Role.FEDERATION_ADMIN)
