import rules

from coopdec.accounts.rules import is_federation, is_federation_admin

# The federation's staff decide on proposals; its administrators set whether they are needed.
rules.add_perm("review.review_changes", is_federation)
rules.add_perm("core.change_settings", is_federation_admin)
