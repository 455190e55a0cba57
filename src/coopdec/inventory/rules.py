import rules

from coopdec.accounts.rules import is_federation, is_observer

# The inventory's dashboards: the federation and its observers (embassies, ministries);
# the public version comes with the public atlas. Completeness drives the federation's
# data collection and is for its staff.
rules.add_perm("inventory.view_dashboard", is_federation | is_observer)
rules.add_perm("inventory.view_completeness", is_federation)
