"""Who may do what with notifications. Everyone signed in has an inbox and preferences
(their own only); the federation watches the outbox."""

import rules

from coopdec.accounts.rules import is_federation

VIEW_OUTBOX = "notifications.view_outbox"


rules.add_perm(VIEW_OUTBOX, is_federation)
