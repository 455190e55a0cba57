"""Who may do what with comments.

A comment is read, written and answered by whoever may see its record (the record's own
``visible_to``), once signed in: visitors of the public atlas read no comment. Its author
corrects it for 15 minutes; the federation deletes one, saying why. Following a record is
for those who may see it."""

import rules

from coopdec.accounts.rules import is_federation

COMMENT = "comments.add_comment"
CORRECT_COMMENT = "comments.change_comment"
DELETE_COMMENT = "comments.delete_comment"


@rules.predicate
def wrote(user, comment) -> bool:
    """Without a comment: may write some. With one: is its author."""
    return comment is None or comment.author_id == user.pk


rules.add_perm(COMMENT, rules.is_authenticated)
rules.add_perm(CORRECT_COMMENT, rules.is_authenticated & wrote)
rules.add_perm(DELETE_COMMENT, is_federation)
