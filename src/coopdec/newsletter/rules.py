"""Who may do what with the newsletter.

Anyone subscribes (with a confirmation link), unsubscribes (with the link of an issue) and
reads the archive of sent issues. The federation prepares, previews, introduces and sends
the issues; no one else sees the subscribers."""

import rules

from coopdec.accounts.rules import is_federation

MANAGE_NEWSLETTER = "newsletter.manage_newsletter"

rules.add_perm(MANAGE_NEWSLETTER, is_federation)
