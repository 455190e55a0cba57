"""Sign-in protection that spares an office: a user name is paused after a few wrong
passwords, whatever the address; an address (an office, a cybercafé behind one public
address) only after many failures, across many names."""

from __future__ import annotations

import math

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class UserThenAddressHandler(AxesDatabaseHandler):
    """django-axes counts failures per lockout parameter (``username``, then
    ``ip_address``) against one limit; here an address's failures weigh
    ``AXES_FAILURE_LIMIT / COOPDEC_ADDRESS_FAILURE_LIMIT`` each, so that the address is
    paused at its own, higher limit."""

    def get_failures(self, request, credentials=None) -> int:
        by_name, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        weight = settings.AXES_FAILURE_LIMIT / settings.COOPDEC_ADDRESS_FAILURE_LIMIT
        return max(by_name, math.floor(by_address * weight))

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears that user name's failures only: a colleague signing
        in from the same address does not lift the pause on another name."""
        by_name = self.filter_user_attempts(request, credentials)[0]
        count, _ = by_name.delete()
        return count
