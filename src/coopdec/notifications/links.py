"""The signed links of every e-mail: a person's preferences and one-click unsubscribe work
without signing in, and a link whose signature does not match is refused."""

from __future__ import annotations

from django.core import signing

from coopdec.accounts.models import User

SALT = "coopdec.notifications.preferences"


def token_for(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_for(token: str) -> User | None:
    """The active account the token was made for, or None if it was altered."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()
