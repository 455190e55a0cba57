"""Who may do what with opportunities."""

import rules

from coopdec.accounts.rules import is_federation


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


# Members (any signed-in account) read published opportunities; the federation writes them.
rules.add_perm("opportunities.view_opportunity", is_signed_in)
rules.add_perm("opportunities.manage_opportunity", is_federation)
