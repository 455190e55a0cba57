"""Role predicates: the vocabulary every app's rules are written in."""

from __future__ import annotations

import rules

from .enums import FEDERATION_ROLES, Role


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

MANAGE_ACCOUNTS = "accounts.manage_accounts"
ASSIGN_FEDERATION_ROLES = "accounts.assign_federation_roles"


@rules.predicate
def outside_the_federation(user, account) -> bool:
    """Without an account: may manage some. With one: it is not a federation account."""
    return account is None or account.role not in FEDERATION_ROLES


# The federation invites and manages accounts; its staff those of focal points, partners,
# observers and volunteers; only its administrators create staff and administrators.
rules.add_perm(MANAGE_ACCOUNTS, is_federation_admin | (is_federation & outside_the_federation))
rules.add_perm(ASSIGN_FEDERATION_ROLES, is_federation_admin)
