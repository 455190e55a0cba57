import rules

from coopdec.accounts.rules import is_federation, is_federation_admin, is_focal_point

REVIEW_CHANGES = "review.review_changes"
CHANGE_SETTINGS = "core.change_settings"
VIEW_HISTORY = "audit.view_history"


@rules.predicate
def speaks_for(user, record) -> bool:
    """The record is one the user may change (a focal point: its communes' records)."""
    if record is None:
        return True
    return type(record)._default_manager.editable_by(user).filter(pk=record.pk).exists()


# The federation's staff decide on proposals; its administrators set whether they are needed.
rules.add_perm(REVIEW_CHANGES, is_federation)
rules.add_perm(CHANGE_SETTINGS, is_federation_admin)
# The audit trail of a record: the federation's, and a focal point's for its communes'.
rules.add_perm(VIEW_HISTORY, is_federation | (is_focal_point & speaks_for))
