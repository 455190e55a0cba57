"""Who may do what to organisations and people.

Anyone reads organisations. People are personal data: the federation reads and downloads
the whole directory; focal points and partners read, search and change the people in post
at the bodies they speak for; nobody else reads anyone, and nothing of them is public."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner

from .models import Person

VIEW_ORGANISATION = "directory.view_organisation"
CHANGE_ORGANISATION = "directory.change_organisation"
LIST_PEOPLE = "directory.list_people"
EXPORT_PEOPLE = "directory.export_people"
VIEW_PERSON = "directory.view_person"
CHANGE_PERSON = "directory.change_person"


@rules.predicate
def speaks_for_organisation(user, organisation) -> bool:
    """Without an organisation: does the user speak for any organisation at all?"""
    if organisation is None:
        return bool(user.scoped_organisation_ids())
    return organisation.pk in user.scoped_organisation_ids()


@rules.predicate
def works_with_person(user, person) -> bool:
    """Without a person: does the user speak for any body whose people they may see?"""

    if person is None:
        return bool(user.scoped_area_ids() or user.scoped_organisation_ids())
    return Person.objects.visible_to(user).filter(pk=person.pk).exists()


rules.add_perm(VIEW_ORGANISATION, rules.always_allow)
rules.add_perm(CHANGE_ORGANISATION, is_federation | (is_partner & speaks_for_organisation))
# People are personal data: the federation, and focal points and partners for the people
# of the bodies they speak for. Observers, volunteers and the public never see them.
rules.add_perm(LIST_PEOPLE, is_federation | is_focal_point | is_partner)
rules.add_perm(EXPORT_PEOPLE, is_federation)
rules.add_perm(VIEW_PERSON, is_federation | ((is_focal_point | is_partner) & works_with_person))
rules.add_perm(CHANGE_PERSON, is_federation | ((is_focal_point | is_partner) & works_with_person))

# An organisation missing from the records is added where it is needed by those who record
# partnerships and projects; the federation reviews what others add.
ADD_ORGANISATION = "directory.add_organisation"
rules.add_perm(ADD_ORGANISATION, is_federation | is_focal_point | is_partner)
# A contact is added at a body one may change (the view checks the body's own rule).
ADD_PERSON = "directory.add_person"
rules.add_perm(ADD_PERSON, is_federation | is_focal_point | is_partner)
