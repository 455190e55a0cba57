import rules

from coopdec.accounts.rules import is_federation

RUN_IMPORT = "imports.run_import"


# Imports write many records at once, published straight away: federation staff only.
rules.add_perm(RUN_IMPORT, is_federation)
