"""Who may do what with meetings and their actions.

The federation organises meetings, keeps their agenda, outcomes, actions and minutes.
Observers (the Embassy's cooperation service) read every meeting; partners the meetings
their organisations are invited to, and owners the meetings that gave them an action
(``Meeting.objects.visible_to``). An action's owner may
mark it done or dropped; the federation may too."""

import rules

from coopdec.accounts.rules import is_federation, is_observer, is_partner

from .models import Action

VIEW_MEETING = "meetings.view_meeting"
MANAGE_MEETING = "meetings.manage_meeting"
FOLLOW_ACTION = "meetings.follow_action"


@rules.predicate
def owns(user, action) -> bool:
    """Without an action: owns some. With one: owns it."""
    owned = Action.objects.owned_by(user)
    if action is None:
        return owned.exists()
    return owned.filter(pk=action.pk).exists()


rules.add_perm(VIEW_MEETING, is_federation | is_observer | is_partner | owns)
rules.add_perm(MANAGE_MEETING, is_federation)
rules.add_perm(FOLLOW_ACTION, is_federation | owns)
