"""How many password-reset e-mails one address asked for, or one connection, may cause."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ResetRequest


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value.strip().lower()}".encode())
    return f"{kind}:{digest.hexdigest()[:64]}"


@transaction.atomic
def allowed(email: str, address: str | None) -> bool:
    """Record the request and say whether it stays within the hour's limits
    (``COOPDEC_RESETS_PER_EMAIL``, ``COOPDEC_RESETS_PER_ADDRESS``)."""
    now = timezone.now()
    ResetRequest.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    hour = ResetRequest.objects.filter(created_at__gte=now - timedelta(hours=1))
    keys = {_key("email", email): settings.COOPDEC_RESETS_PER_EMAIL}
    if address:
        keys[_key("address", address)] = settings.COOPDEC_RESETS_PER_ADDRESS
    if any(hour.filter(key=key).count() >= limit for key, limit in keys.items()):
        return False
    ResetRequest.objects.bulk_create(ResetRequest(key=key) for key in keys)
    return True
