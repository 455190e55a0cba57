"""The federation runs its own accounts: it invites a person by e-mail (a signed link that
works once and expires), gives a role and its scope, changes or deactivates them; its staff
do so for the roles outside the federation only."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from coopdec.accounts.models import User
from coopdec.conftest import PASSWORD, commune

pytestmark = pytest.mark.django_db


def invite(client, **fields):
    return client.post(
        reverse("directory:account_invite"),
        {"first_name": "Akossiwa", "last_name": "Dzifa", "email": "akossiwa@agou.tg", **fields},
    )


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/invitation/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_an_invited_focal_point_chooses_a_password_and_lands_on_its_home(
    client, client_for, users, django_capture_on_commit_callbacks
):
    agou = commune("agou-1")
    with django_capture_on_commit_callbacks(execute=True):  # sent once saved
        response = invite(
            client_for(users["admin"]), role="focal_point", local_governments=[agou.pk]
        )
    assert response.status_code == 302
    account = User.objects.get(email="akossiwa@agou.tg")
    assert account.local_governments.get() == agou and not account.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["akossiwa@agou.tg"] and "akossiwa" in message.body
    link = link_in(message)

    client.logout()
    weak = client.post(link, {"new_password1": "agou2024", "new_password2": "agou2024"})
    assert weak.status_code == 200 and not User.objects.get(pk=account.pk).has_usable_password()
    chosen = "la rivière Haho au matin"
    done = client.post(link, {"new_password1": chosen, "new_password2": chosen}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("accounts:home")
    # The link works once; an altered one neither.
    client.logout()
    assert client.get(link).status_code == 400
    assert client.get(link[:-5] + "xxxx/").status_code == 400
    assert (
        client.post(
            reverse("accounts:login"), {"username": account.username, "password": chosen}
        ).status_code
        == 302
    )


@override_settings(COOPDEC_INVITATION_DAYS=-1)
def test_an_expired_invitation_is_refused_with_a_message(
    client, client_for, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(users["admin"]), role="observer")
    client.logout()
    page = client.get(link_in(mail.outbox[0]))
    assert page.status_code == 400 and "a expiré" in page.content.decode()


def test_staff_manage_accounts_outside_the_federation_only(client, client_for, users):
    staff = client_for(users["staff"])
    refused = invite(staff, role="federation_admin")
    assert refused.status_code == 200 and "role" in refused.context["form"].errors
    no_commune = invite(staff, role="focal_point")
    assert "local_governments" in no_commune.context["form"].errors
    assert not User.objects.filter(email="akossiwa@agou.tg").exists()
    assert staff.get(reverse("directory:account_edit", args=[users["admin"].pk])).status_code == 404

    focal = users["focal_point"]
    form = {
        "first_name": "Kossi",
        "last_name": "Ama",
        "email": "focal@kloto.tg",
        "role": "focal_point",
        "local_governments": [commune("kloto-1").pk],
    }  # is_active left out: deactivated
    assert staff.post(reverse("directory:account_edit", args=[focal.pk]), form).status_code == 302
    focal.refresh_from_db()
    assert not focal.is_active
    client.logout()
    assert (
        client.post(
            reverse("accounts:login"), {"username": focal.username, "password": PASSWORD}
        ).status_code
        == 200
    )  # refused


def test_an_invitation_is_sent_again_or_withdrawn_and_former_links_stop_working(
    client, client_for, users, django_capture_on_commit_callbacks
):
    admin = client_for(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, role="observer")
    account = User.objects.get(email="akossiwa@agou.tg")
    first = link_in(mail.outbox[-1])
    url = reverse("directory:account_invitation", kwargs={"pk": account.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, {"action": "resend"}, follow=True)
    assert "Une nouvelle invitation a été envoyée à akossiwa@agou.tg." in response.content.decode()
    second = link_in(mail.outbox[-1])
    assert second != first and len(mail.outbox) == 2

    admin.post(url, {"action": "withdraw"})
    account.refresh_from_db()
    assert not account.is_active
    client.logout()
    for link in (first, second):
        assert client.get(link).status_code == 400
    # Nothing to send for a withdrawn invitation until the account is reactivated.
    admin = client_for(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url, {"action": "resend"})
    assert len(mail.outbox) == 2


def test_an_account_that_signed_in_has_no_invitation_to_withdraw(client_for, users):
    focal = users["focal_point"]
    client_for(focal)  # signs in once
    admin = client_for(users["admin"])
    url = reverse("directory:account_invitation", kwargs={"pk": focal.pk})
    assert admin.post(url, {"action": "withdraw"}).status_code == 404
    focal.refresh_from_db()
    assert focal.is_active


def test_an_account_is_linked_to_one_person_and_a_person_to_one_account(
    client_for, users, kloto_focal_person, wawa_mayor
):
    from coopdec.directory.models import Person

    admin = client_for(users["admin"])
    focal = users["focal_point"]
    url = reverse("directory:account_edit", kwargs={"pk": focal.pk})
    fields = {
        "first_name": "Afi",
        "last_name": "Mensah",
        "email": focal.email,
        "role": "focal_point",
        "local_governments": [commune("kloto-1").pk],
        "is_active": "on",
    }
    # The person is found by name in the picker, then chosen.
    page = admin.post(url, {**fields, "person__q": "mensah"}).content.decode()
    assert f'name="person" value="{kloto_focal_person.pk}"' in page
    assert admin.post(url, {**fields, "person": kloto_focal_person.pk}).status_code == 302
    assert Person.objects.get(account=focal) == kloto_focal_person

    # Another account cannot take the same person.
    other = users["partner"]
    other_url = reverse("directory:account_edit", kwargs={"pk": other.pk})
    page = admin.post(
        other_url,
        {
            "email": other.email,
            "role": "partner",
            "organisations": [o.pk for o in other.organisations.all()],
            "is_active": "on",
            "person": kloto_focal_person.pk,
        },
    ).content.decode()
    assert "Afi Mensah se connecte déjà avec un autre compte." in page
    assert Person.objects.get(account=focal) == kloto_focal_person

    # Choosing another person moves the link; the first is no longer linked.
    admin.post(url, {**fields, "person": wawa_mayor.pk})
    assert Person.objects.get(account=focal) == wawa_mayor
    kloto_focal_person.refresh_from_db()
    assert kloto_focal_person.account is None
