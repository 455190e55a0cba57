"""Who may do what to territories and local governments."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner


@rules.predicate
def speaks_for_area(user, area) -> bool:
    """Without an area: does the user speak for any local government at all?"""
    if area is None:
        return bool(user.scoped_area_ids())
    return area.pk in user.scoped_area_ids()


# Reading reference territories is public; changing a record is for the federation, and
# for the focal points and partners who speak for that local government.
rules.add_perm("territories.view_area", rules.always_allow)
rules.add_perm(
    "territories.change_area", is_federation | ((is_focal_point | is_partner) & speaks_for_area)
)
