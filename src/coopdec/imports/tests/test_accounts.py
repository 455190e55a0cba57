"""Bringing in the focal points of every commune from a spreadsheet: accounts with their
scope, invited by e-mail once the import is committed; federation accounts never."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from coopdec.accounts.models import User
from coopdec.conftest import commune
from coopdec.imports import pipeline

from .test_local_governments import preview_of

pytestmark = pytest.mark.django_db

FOCAL_POINTS = (
    "Prénom;Nom;Courriel;Rôle;Commune\n"
    "Afi;MENSAH;Afi.Mensah@kloto1.tg;Point focal;Kloto 1\n"
    "Kodjo;Amegan;kodjo@agou1.tg;point focal;Agou 1\n"
    "Yawa;Agbeko;yawa@zio1.tg;Point focal;Zio 1\n"
)


def test_focal_points_are_imported_and_invited_once_committed(
    django_capture_on_commit_callbacks, client
):
    preview = preview_of(FOCAL_POINTS, "accounts")
    assert [row.status for row in preview.rows] == ["new"] * 3
    assert mail.outbox == []  # a preview sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        run = pipeline.commit(preview)
    accounts = {user.email: user for user in User.objects.filter(role="focal_point")}
    assert set(accounts) == {"afi.mensah@kloto1.tg", "kodjo@agou1.tg", "yawa@zio1.tg"}
    assert list(accounts["kodjo@agou1.tg"].local_governments.all()) == [commune("agou-1")]
    assert not any(user.has_usable_password() for user in accounts.values())
    assert sorted(message.to[0] for message in mail.outbox) == sorted(accounts)

    # Each link lets its person choose a password; the same file again changes nothing.
    link = re.search(r"https?://[^/\s]+(/invitation/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    assert [row.status for row in preview_of(FOCAL_POINTS, "accounts").rows] == ["unchanged"] * 3

    pipeline.undo(run)
    assert not User.objects.filter(role="focal_point").exists()


def test_rows_that_would_give_too_much_or_too_little_are_refused(users):
    preview = preview_of(
        "Courriel;Rôle;Commune;Organisation\n"
        "staff@example.org;Point focal;Kloto 1;\n"
        "new@example.org;Administrateur de la faîtière;;\n"
        "nobody@example.org;Point focal;;\n"
        "pas-une-adresse;Observateur;;\n",
        "accounts",
    )
    errors = [" ".join(row.messages) for row in preview.rows]
    assert all(row.has_error for row in preview.rows)
    assert "compte de la faîtière" in errors[0]
    assert "« Administrateur de la faîtière » ne fait pas partie de" in errors[1]
    assert "au moins une commune" in errors[2]
    assert "n'est pas une adresse électronique" in errors[3]
    assert not preview.clean
    with pytest.raises(pipeline.ImportRefused):
        pipeline.commit(preview)
    assert User.objects.count() == len([u for u in users.values() if u is not None])
