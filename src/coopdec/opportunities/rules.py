"""Who may do what with opportunities."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner

VIEW_OPPORTUNITY = "opportunities.view_opportunity"
MANAGE_OPPORTUNITY = "opportunities.manage_opportunity"
PROPOSE_OPPORTUNITY = "opportunities.propose_opportunity"
CHANGE_OPPORTUNITY = "opportunities.change_opportunity"
ANSWER_OPPORTUNITY = "opportunities.answer_opportunity"


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def own_proposal(user, opportunity) -> bool:
    """Without an opportunity: may propose some. With one: their proposal, not yet
    published."""
    if opportunity is None:
        return True
    return opportunity.proposed_by_id == user.pk and not opportunity.published


@rules.predicate
def speaks_for(user, commune) -> bool:
    """Without a commune: speaks for some. With one: it is in the user's scope."""
    if commune is None:
        return bool(user.scoped_area_ids())
    return commune.pk in user.scoped_area_ids()


# Members (any signed-in account) read published opportunities; the federation writes,
# publishes and forwards them, and follows the answers of every commune.
rules.add_perm(VIEW_OPPORTUNITY, is_signed_in)
rules.add_perm(MANAGE_OPPORTUNITY, is_federation)
# Partners propose opportunities (a French town's partner search…); the federation
# validates them by publishing.
rules.add_perm(PROPOSE_OPPORTUNITY, is_federation | is_partner)
rules.add_perm(CHANGE_OPPORTUNITY, is_federation | (is_partner & own_proposal))
# A commune's answers: its focal points, or the federation on its behalf.
rules.add_perm(ANSWER_OPPORTUNITY, is_federation | (is_focal_point & speaks_for))
