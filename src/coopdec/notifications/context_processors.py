from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notice


def inbox(request: HttpRequest) -> dict[str, object]:
    """How many inbox notices the signed-in person has not read (counted only if shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notices": SimpleLazyObject(
            lambda: Notice.objects.filter(user=user, read_at__isnull=True).count()
        )
    }
