"""Who may see and change partnerships and everything recorded inside them (events,
projects, funding, indicators, documents: one rule, on the partnership)."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner

from .models import Partnership

VIEW_PARTNERSHIP = "partnerships.view_partnership"
ADD_PARTNERSHIP = "partnerships.add_partnership"
CHANGE_PARTNERSHIP = "partnerships.change_partnership"
MOVE_PARTNERSHIP = "partnerships.move_partnership"


@rules.predicate
def takes_part(user, partnership) -> bool:
    """Without a partnership: does the user speak for any local government or organisation?"""
    if partnership is None:
        return bool(user.scoped_area_ids() or user.scoped_organisation_ids())
    return Partnership.objects.editable_by(user).filter(pk=partnership.pk).exists()


@rules.predicate
def speaks_for_a_commune(user) -> bool:
    return bool(user.scoped_area_ids())


# Signed-in users read published partnerships; the public atlas comes with its own pages.
rules.add_perm(VIEW_PARTNERSHIP, rules.is_authenticated)
# Focal points record their communes' partnerships; partners join them, they do not start
# them on a commune's behalf.
rules.add_perm(ADD_PARTNERSHIP, is_federation | (is_focal_point & speaks_for_a_commune))
rules.add_perm(CHANGE_PARTNERSHIP, is_federation | ((is_focal_point | is_partner) & takes_part))
# Moving a recorded partnership to another commune or region: the federation only.
rules.add_perm(MOVE_PARTNERSHIP, is_federation)
