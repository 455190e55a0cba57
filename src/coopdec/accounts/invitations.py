"""Inviting a person: an account without a password, and an e-mail with a signed link to
choose one. The link expires (``COOPDEC_INVITATION_DAYS``) and works once: it is bound to
the account's password state, which choosing a password changes."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import User

SALT = "coopdec.invitation"


def _state(user: User) -> str:
    return (user.password or "")[-12:]


def token_for(user: User) -> str:
    return signing.dumps({"user": user.pk, "state": _state(user)}, salt=SALT, compress=True)


def user_for(token: str) -> User | None:
    """The invited account, or None for a link expired, altered or used already."""
    max_age = settings.COOPDEC_INVITATION_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.last_login is not None or data.get("state") != _state(user):
        return None
    return user


def username_from(email: str, taken: Callable[[str], bool] | None = None) -> str:
    """A free user name from the address ("afi.mensah", else "afi.mensah2"…); ``taken``
    says which are taken (by default, the accounts')."""
    taken = taken or (lambda name: User.objects.filter(username=name).exists())
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@", 1)[0].lower()) or "membre"
    name, number = base, 1
    while taken(name):
        number += 1
        name = f"{base}{number}"
    return name


@transaction.atomic
def invite(
    *,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    local_governments=(),
    organisations=(),
    by=None,
) -> User:
    """Create the account (no password: it cannot sign in until the person chooses one)
    and send the invitation after the commit. Inviting again an address whose account
    never signed in sends a new link."""
    user = User.objects.filter(email__iexact=email, last_login__isnull=True).first()
    if user is None:
        user = User(username=username_from(email), email=email)
    user.first_name, user.last_name, user.role = first_name, last_name, role
    user.set_unusable_password()
    user.save()
    user.local_governments.set(local_governments)
    user.organisations.set(organisations)
    transaction.on_commit(lambda: send(user, by))
    return user


def send(user: User, by=None) -> None:
    link = settings.COOPDEC_SITE_URL.rstrip("/") + reverse(
        "accounts:invitation", kwargs={"token": token_for(user)}
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "link": link,
            "by": by,
            "days": settings.COOPDEC_INVITATION_DAYS,
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@transaction.atomic
def resend(user: User, *, by=None) -> None:
    """A new link for an account that never signed in; the former links stop working."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    transaction.on_commit(lambda: send(user, by))


@transaction.atomic
def withdraw(user: User) -> None:
    """The invitation is withdrawn: its links stop working and the account is deactivated
    (it can be reactivated and invited again)."""
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["password", "is_active"])
