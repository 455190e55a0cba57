"""Projects are changed under their partnership's rule (``partnerships.rules``); the IATI
export of published projects is a report: the federation's and observers'."""

import rules

from coopdec.accounts.rules import is_federation, is_observer

EXPORT_IATI = "projects.export_iati"

rules.add_perm(EXPORT_IATI, is_federation | is_observer)
