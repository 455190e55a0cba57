"""Who reads a document is its audience's business (``DocumentQuerySet.readable_by``): the
federation every one; the parties of the record it belongs to (those who may change the
record) all of that record's; signed-in members the accepted ones for members of the
records they see; anyone the public ones. Attaching one takes the right to change its
record."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_partner
from coopdec.review.rules import speaks_for

from .models import Document

VIEW_DOCUMENT = "documents.view_document"
ADD_DOCUMENT = "documents.add_document"


@rules.predicate
def may_read(user, document) -> bool:
    if document is None:
        return True
    return Document.objects.readable_by(user).filter(pk=document.pk).exists()


rules.add_perm(VIEW_DOCUMENT, may_read)
rules.add_perm(ADD_DOCUMENT, is_federation | ((is_focal_point | is_partner) & speaks_for))
