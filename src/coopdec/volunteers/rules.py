"""Who may do what with volunteers, missions and the follow-up.

- Missions (``Mission.objects.visible_to``): the federation all; partners those their
  organisations send or host, or their local governments host; focal points those their
  communes host — without the volunteer's contact details (``with_contacts_for``).
- A volunteer's page (personal data, consents, answers): the federation, the partners of
  the bodies sending or hosting one of their missions, and the volunteer themself.
- Cohort figures: every member but volunteers; aggregates only, small cells suppressed.
- A volunteer's download of their data and their consents: the volunteer and the
  federation; asking for erasure: the volunteer.
- Writing volunteers, missions, the follow-up plan and questionnaires, sending a link
  again, recording a consent from a signed form, erasing: the federation.
- The survey link: whoever holds it (checked on the server, see ``services.open_link``)."""

import rules

from coopdec.accounts.enums import Role
from coopdec.accounts.rules import is_federation, is_focal_point, is_observer, is_partner

from .models import Mission, Volunteer

VIEW_MISSIONS = "volunteers.view_missions"
OWN_PAGE = "volunteers.own_page"
VIEW_VOLUNTEER = "volunteers.view_volunteer"
VIEW_COHORT = "volunteers.view_cohort"
MANAGE_VOLUNTEERS = "volunteers.manage_volunteers"
OWN_DATA = "volunteers.own_data"
ASK_ERASURE = "volunteers.ask_erasure"


@rules.predicate
def is_self(user, volunteer) -> bool:
    """Without a volunteer: has a volunteer's record. With one: is that volunteer."""
    if volunteer is None:
        return Volunteer.objects.filter(account=user).exists()
    return volunteer.account_id == user.pk


@rules.predicate
def follows(user, volunteer) -> bool:
    """Without a volunteer: sends or hosts some mission. With one: one of theirs."""
    missions = Mission.objects.with_contacts_for(user)
    if volunteer is None:
        return missions.exists()
    return missions.filter(volunteer=volunteer).exists()


rules.add_perm(VIEW_MISSIONS, is_federation | is_partner | is_focal_point)
rules.add_perm(VIEW_VOLUNTEER, is_federation | is_self | follows)
# Downloading everything held, and saying yes or no to a purpose: the person, or the
# federation (from a signed form); asking for erasure: the person alone.
rules.add_perm(OWN_DATA, is_federation | is_self)
rules.add_perm(ASK_ERASURE, is_self)
rules.add_perm(VIEW_COHORT, is_federation | is_partner | is_focal_point | is_observer)
rules.add_perm(MANAGE_VOLUNTEERS, is_federation)
# The menu's way to one's own page (the page itself checks that there is a record).
rules.add_perm(
    OWN_PAGE, rules.predicate(lambda user: user.is_authenticated and user.role == Role.VOLUNTEER)
)
