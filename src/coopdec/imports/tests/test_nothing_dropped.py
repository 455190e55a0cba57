"""Nothing a file holds is dropped without a word: columns not imported and cells beyond
the last titled column are listed by the command and the wizard; every unknown theme of a
cell is named."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from coopdec.imports.models import ImportRun

from .conftest import csv_file
from .test_local_governments import preview_of

pytestmark = pytest.mark.django_db

FILE = (
    "Commune;Collectivité partenaire;Contact local;Budget estimé\n"
    "Kpalimé;Bressuire;M. Afi;1000\n"
    "Badou;Bressuire;;;oublié là\n"
)


def test_the_command_lists_what_it_does_not_import(bressuire, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(FILE, encoding="utf-8")
    out = io.StringIO()
    call_command("import", "partnerships", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Colonnes non importées\u202f: « Contact local », « Budget estimé »." in text
    assert "lignes\u202f: 3." in text  # the stray cell of the third line


def test_the_wizard_lists_them_too(client_for, users, bressuire):
    client = client_for(users["staff"])
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": csv_file(FILE)})
    run = ImportRun.objects.get()
    page = client.get(reverse("imports:draft", kwargs={"pk": run.pk})).content.decode()
    assert "Contact local, Budget estimé" in page
    assert "ne sont pas importées, lignes\u202f: 3" in page


def test_every_unknown_theme_of_a_cell_is_named(bressuire):
    preview = preview_of(
        "Commune;Partenaire;Thématiques\nKpalimé;Bressuire;eau, mobilité, jeunesse, urbanismes\n",
        "partnerships",
    )
    (message,) = [m for m in preview.rows[0].messages if "Thématiques" in m]
    assert message.endswith("Thématiques inconnues\u202f: mobilité, urbanismes."), message
