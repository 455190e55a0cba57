"""Who may do what with notifications. Everyone signed in has an inbox and preferences
(their own only); the federation watches the outbox."""

import rules

from coopdec.accounts.rules import is_federation

rules.add_perm("notifications.view_outbox", is_federation)
