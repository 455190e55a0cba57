"""Who may do what with the library.

Every signed-in member reads it; visitors read what is for everyone
(``Publication.objects.visible_to``). The federation keeps it: publications, their
versions (documents attached to them), links to documents of records."""

import rules

from coopdec.accounts.rules import is_federation

MANAGE_LIBRARY = "library.manage_library"

rules.add_perm(MANAGE_LIBRARY, is_federation)
