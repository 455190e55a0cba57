"""Who may do what to territories and local governments."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner

VIEW_AREA = "territories.view_area"
CHANGE_AREA = "territories.change_area"


@rules.predicate
def speaks_for_area(user, area) -> bool:
    """Without an area: does the user speak for any local government at all?"""
    if area is None:
        return bool(user.scoped_area_ids())
    return area.pk in user.scoped_area_ids()


# Reading reference territories is public; changing a record is for the federation, and
# for the focal points and partners who speak for that local government.
rules.add_perm(VIEW_AREA, rules.always_allow)
rules.add_perm(CHANGE_AREA, is_federation | ((is_focal_point | is_partner) & speaks_for_area))
# A local government abroad missing from the records is added where it is needed by those
# who record partnerships; the federation reviews what others add.
ADD_LOCAL_GOVERNMENT = "territories.add_local_government"
rules.add_perm(ADD_LOCAL_GOVERNMENT, is_federation | is_focal_point | is_partner)
