import rules

from coopdec.accounts.rules import is_federation, is_observer

VIEW_DASHBOARD = "inventory.view_dashboard"
VIEW_COMPLETENESS = "inventory.view_completeness"


# The inventory's dashboards: the federation and its observers (embassies, ministries);
# the public version comes with the public atlas. Completeness drives the federation's
# data collection and is for its staff.
rules.add_perm(VIEW_DASHBOARD, is_federation | is_observer)
rules.add_perm(VIEW_COMPLETENESS, is_federation)
