"""Two-factor sign-in (django-otp): a time-based code from an authenticator app, and
one-time recovery codes. Required for the federation's staff and administrators and for
superusers, on every page including Django's admin; optional for the other roles (once
someone enrols, their sign-ins ask for it too)."""

from __future__ import annotations

import base64

import segno
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .enums import FEDERATION_ROLES

RECOVERY_CODES = 10
SESSION_KEY = "otp_device_id"  # django_otp.DEVICE_ID_SESSION_KEY


def required_for(user) -> bool:
    return bool(user.is_superuser or user.role in FEDERATION_ROLES)


def must_verify(user) -> bool:
    """Whether this signed-in person must give a second factor before going on."""
    if not user.is_authenticated or user.is_verified():
        return False
    return required_for(user) or user_has_device(user, confirmed=True)


def pending_app(user) -> TOTPDevice:
    """The authenticator being set up (not confirmed until a first code is right)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key to type by hand into an authenticator app (base 32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code, drawn here (no image service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")


def new_recovery_codes(user, count: int = RECOVERY_CODES) -> list[str]:
    """Replace the person's recovery codes; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset(user) -> int:
    """Remove every second factor of ``user`` (they enrol again at next sign-in)."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            device.delete()  # one by one: each deletion is in the audit trail
            removed += 1
    return removed


def verified_session(client, user) -> None:
    """For tests and the benchmark: sign ``client`` in as ``user`` with a confirmed
    authenticator, as after a right code."""
    client.force_login(user)
    if required_for(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="authenticator", defaults={"confirmed": True}
        )
        session = client.session
        session[SESSION_KEY] = device.persistent_id
        session.save()
