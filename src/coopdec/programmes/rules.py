"""Who may do what with programmes.

Members read the programmes ``Programme.objects.visible_to`` gives them (the federation and
observers every validated one, partners and focal points the public ones and those they
lead). The federation creates them; it and the lead's partner accounts change them (the
lead's changes go through validation as the federation's settings say), and keep their
co-financing plan, the members' contributions and the activities."""

import rules

from coopdec.accounts.rules import is_federation, is_partner

from .models import Programme

VIEW_PROGRAMME = "programmes.view_programme"
ADD_PROGRAMME = "programmes.add_programme"
CHANGE_PROGRAMME = "programmes.change_programme"
RUN_PROGRAMME = "programmes.run_programme"


@rules.predicate
def leads(user, programme) -> bool:
    """Without a programme: speaks for a lead of some programme. With one: for its lead."""
    led = Programme.objects.filter(Programme.objects.none().scope(user))
    if programme is None:
        return led.exists()
    return led.filter(pk=programme.pk).exists()


rules.add_perm(VIEW_PROGRAMME, rules.is_authenticated)
rules.add_perm(ADD_PROGRAMME, is_federation)
rules.add_perm(CHANGE_PROGRAMME, is_federation | (is_partner & leads))
rules.add_perm(RUN_PROGRAMME, is_federation | (is_partner & leads))
