"""Who may do what with good practices.

Everyone, signed in or not, reads the validated ones (they are public). Members read too
the practices they may change. The federation writes and validates them; focal points and
partners propose them (validation as the federation's settings say) from the projects,
partnerships and programmes they see, and change those of their local governments or that
they proposed."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner

from .models import GoodPractice

PROPOSE_PRACTICE = "practices.add_goodpractice"
CHANGE_PRACTICE = "practices.change_goodpractice"


@rules.predicate
def speaks_for(user, practice) -> bool:
    """Without a practice: may propose one. With one: speaks for it."""
    if practice is None:
        return True
    return GoodPractice.objects.editable_by(user).filter(pk=practice.pk).exists()


rules.add_perm(PROPOSE_PRACTICE, is_federation | is_focal_point | is_partner)
rules.add_perm(CHANGE_PRACTICE, is_federation | ((is_focal_point | is_partner) & speaks_for))
