"""Who may do what with monthly reports: the federation asks for, drafts and issues them;
observers and partners read the issued ones (``MonthlyReport.objects.visible_to``)."""

import rules

from coopdec.accounts.rules import is_federation, is_observer, is_partner

VIEW_REPORT = "reports.view_report"
MANAGE_REPORT = "reports.manage_report"

rules.add_perm(VIEW_REPORT, is_federation | is_observer | is_partner)
rules.add_perm(MANAGE_REPORT, is_federation)
