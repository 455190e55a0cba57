"""Documents are never public by themselves: the federation, observers (published ones),
and the focal points and partners of the partnership they belong to."""

import rules

from coopdec.accounts.rules import is_federation, is_focal_point, is_observer, is_partner
from coopdec.partnerships.rules import takes_part


@rules.predicate
def is_published(user, document) -> bool:
    if document is None:
        return True
    from .models import Document

    return Document.objects.published().filter(pk=document.pk).exists()


@rules.predicate
def takes_part_in_its_partnership(user, document) -> bool:
    return takes_part(user, None if document is None else document.partnership)


rules.add_perm(
    "documents.view_document",
    is_federation
    | (is_observer & is_published)
    | ((is_focal_point | is_partner) & takes_part_in_its_partnership),
)
