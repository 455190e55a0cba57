import rules

from coopdec.accounts.rules import is_federation

# Imports write many records at once, published straight away: federation staff only.
rules.add_perm("imports.run_import", is_federation)
