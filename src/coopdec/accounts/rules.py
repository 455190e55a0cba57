"""Role predicates: the vocabulary every app's rules are written in."""

from __future__ import annotations

import rules

from .enums import Role


def _has_role(*roles: Role):
    @rules.predicate
    def predicate(user) -> bool:
        return bool(user.is_authenticated and user.is_active and user.role in roles)

    return predicate


is_federation_admin = _has_role(Role.FEDERATION_ADMIN)
is_federation = _has_role(Role.FEDERATION_ADMIN, Role.FEDERATION_STAFF)
is_focal_point = _has_role(Role.FOCAL_POINT)
is_partner = _has_role(Role.PARTNER)
is_observer = _has_role(Role.OBSERVER)
is_volunteer = _has_role(Role.VOLUNTEER)
is_member = _has_role(*Role)  # any active account, whatever its role

# The audit trail of any record: the federation's staff read it.
rules.add_perm("audit.view_history", is_federation)
