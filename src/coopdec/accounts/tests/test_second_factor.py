"""Two-step sign-in for the federation: set up with an authenticator app before any staff
page, a code on each sign-in, recovery codes that work once, a reset by an administrator;
optional for the other roles."""

from __future__ import annotations

import base64
import re

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coopdec.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str):
    client.logout()
    return client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD}, follow=True
    )


def code_for(secret: str, shift: int = 0) -> str:
    key = secret.replace(" ", "")
    raw = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{totp(raw, drift=shift):06d}"


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)  # no retry delays
def test_staff_set_up_the_second_step_before_any_staff_page(client, users):
    page = sign_in(client, "staff")
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:second_factor_setup"))
    text = page.content.decode()
    assert "<svg" in text and 'class="segno"' in text  # the QR code, drawn here
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', text).group(1)
    queue = reverse("review:queue")
    assert client.get(queue)["Location"].startswith(reverse("accounts:second_factor_setup"))

    wrong = client.post(reverse("accounts:second_factor_setup"), {"token": "000000"})
    assert "pas le bon" in wrong.content.decode()
    used = code_for(secret)
    done = client.post(reverse("accounts:second_factor_setup"), {"token": used, "next": queue})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(queue).status_code == 200

    # Next sign-in: the code again; a code already used is refused; a recovery code works once.
    sign_in(client, "staff")
    assert client.get(queue)["Location"].startswith(reverse("accounts:second_factor"))
    # The very code used (the clock may have moved on since: a new one would be good).
    again = client.post(reverse("accounts:second_factor"), {"token": used})
    assert "déjà servi" in again.content.decode()
    client.post(reverse("accounts:second_factor"), {"token": codes[0]})
    assert client.get(queue).status_code == 200
    sign_in(client, "staff")
    refused = client.post(reverse("accounts:second_factor"), {"token": codes[0]})
    assert "déjà servi" in refused.content.decode()
    client.post(reverse("accounts:second_factor"), {"token": codes[1]})
    assert client.get(queue).status_code == 200


def test_other_roles_may_go_without_and_an_administrator_resets_a_lost_phone(client, users, capsys):
    page = sign_in(client, "focal.kloto1")
    assert page.redirect_chain[-1][0] == reverse("accounts:home")
    TOTPDevice.objects.create(user=users["staff"], name="authenticator", confirmed=True)
    call_command("reset_second_factor", "staff")
    assert "1" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=users["staff"]).exists()
    assert LogEntry.objects.filter(
        content_type__model="totpdevice", action=LogEntry.Action.DELETE
    ).exists()
    page = sign_in(client, "staff")  # set up again at the next sign-in
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:second_factor_setup"))
