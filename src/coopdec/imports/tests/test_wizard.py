"""The import wizard in the browser's shoes: upload, columns, names to pick, preview,
commit, history and undo."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopdec.conftest import PDF_BYTES
from coopdec.imports.models import ImportRun
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

from .conftest import xlsx

pytestmark = pytest.mark.django_db


def statuses(page) -> list[str]:
    return [row["status"] for row in page.context["outcome"]["rows"]]


def test_from_upload_to_undo(client_for, users, bressuire):
    client = client_for(users["staff"])
    upload = xlsx(
        [
            ["Programme concerté 2007", None, None],
            ["Collectivité française", "Ville togolaise", "Date de signature"],
            ["Commune de BRESSUIRE (79)", "KPALIME", "mars 2006"],
            ["Bressuire", "GLEI", "2007"],
        ],
        name="programme-2007.xlsx",
    )
    response = client.post(reverse("imports:list"), {"kind": "partnerships", "file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "imports:draft", kwargs={"pk": run.pk}
    )
    assert (run.state, run.author, run.file_name) == (
        "draft",
        users["staff"],
        "programme-2007.xlsx",
    )

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "titres en ligne 2, 2 lignes de données" in html.replace("\xa0", " ")
    form = page.context["form"]
    assert [form[f"column_{i}"].initial for i in range(3)] == [
        "partner_governments",
        "local_government",
        "signature_date",
    ]
    assert statuses(page) == ["new", "unresolved"]
    assert "Import now" not in html and "Importer maintenant" not in html
    [(pick, always)] = form.pick_fields()
    assert pick.help_text.startswith("Ligne 4\u202f:") and "GLEI" in pick.help_text
    ogou1 = Area.objects.communes().get(slug="ogou-1")
    assert ogou1.pk in [value for value, _label in pick.field.choices if value]
    assert always.html_name == "always_0" and not always.initial

    data = {f"column_{i}": form[f"column_{i}"].initial for i in range(3)}
    client.post(page.request["PATH_INFO"], {**data, "pick_0": ogou1.pk, "always_0": "on"})
    page = client.get(reverse("imports:draft", kwargs={"pk": run.pk}))
    assert statuses(page) == ["new", "new"]
    assert "Importer maintenant" in page.content.decode()

    done = client.post(reverse("imports:commit", kwargs={"pk": run.pk}), follow=True)
    assert re.search(r"Importé\u202f: 2 nouveaux?", done.content.decode())
    assert set(Partnership.objects.values_list("local_government__slug", flat=True)) == {
        "kloto-1",
        "ogou-1",
    }
    run.refresh_from_db()
    assert run.state == "committed" and run.summary["new"] == 2
    assert run.mapping["choices"] == {"local_government": {"GLEI": ogou1.pk}}
    assert run.mapping["always"] == {"local_government": ["GLEI"]}
    assert ogou1.aliases.filter(name="GLEI", kind="learned").exists()

    client.post(reverse("imports:undo", kwargs={"pk": run.pk}))
    assert not Partnership.objects.exists()
    run.refresh_from_db()
    assert (run.state, run.undone_by) == ("undone", users["staff"])
    assert "Annulé" in client.get(reverse("imports:list")).content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_upload(client_for, users):
    client = client_for(users["staff"])
    fake = SimpleUploadedFile("liste.csv", PDF_BYTES)
    response = client.post(reverse("imports:list"), {"kind": "partnerships", "file": fake})
    assert response.status_code == 200
    assert "autre nature" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_two_columns_for_one_field_are_explained(client_for, users):
    client = client_for(users["staff"])
    upload = xlsx([["Commune", "Partenaire"], ["Kloto 1", "Bressuire"]])
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": upload})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})
    response = client.post(url, {"column_0": "local_government", "column_1": "local_government"})
    assert "Deux colonnes donnent le même champ" in response.content.decode()
    run.refresh_from_db()
    assert run.mapping["columns"] == {
        "Commune": "local_government",
        "Partenaire": "partner_governments",
    }


def test_a_draft_whose_file_is_gone_says_so(client_for, users):
    client = client_for(users["staff"])
    upload = xlsx([["Commune", "Partenaire"], ["Kloto 1", "Bressuire"]])
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": upload})
    run = ImportRun.objects.get()
    run.file.storage.delete(run.file.name)
    for response in (
        client.get(reverse("imports:draft", kwargs={"pk": run.pk}), follow=True),
        client.post(reverse("imports:commit", kwargs={"pk": run.pk}), follow=True),
    ):
        assert response.status_code == 200
        assert "Le fichier envoyé n'est plus là" in response.content.decode().replace("&#x27;", "'")
    assert not Partnership.objects.exists()


def test_a_name_nobody_knows_becomes_a_new_record(client_for, users, bressuire):
    """A partner abroad and an association unknown so far are created with the import,
    in the country chosen, and removed by its undo."""
    from coopdec.directory.models import Organisation

    from .conftest import snapshot

    before = snapshot()
    client = client_for(users["staff"])
    upload = xlsx(
        [
            ["Commune", "Collectivité partenaire", "Association"],
            ["KPALIME", "Commune de POUGNE-HERISSON (79)", "Les Amis de Pougne"],
            ["Wawa 1", "Pougne-Hérisson", ""],
        ]
    )
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": upload})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})
    page = client.get(url)
    assert statuses(page) == ["unresolved"] * 2
    form = page.context["form"]
    labels = {field.label: field.html_name for field, _always in form.pick_fields()}
    assert set(labels) == {
        "Collectivités partenaires\u202f: Commune de POUGNE-HERISSON (79)",
        "Collectivités partenaires\u202f: Pougne-Hérisson",
        "Organisations d'appui\u202f: Les Amis de Pougne",
    }
    assert form["new_country"].initial == "FR"
    columns = {f"column_{i}": form[f"column_{i}"].initial for i in range(3)}
    client.post(url, {**columns, **dict.fromkeys(labels.values(), "new"), "new_country": "FR"})

    page = client.get(url)
    rows = page.context["outcome"]["rows"]
    assert [row["status"] for row in rows] == ["new", "new"]
    assert rows[1]["resolved"]["partner_governments"] == "Pougne-Hérisson (nouveau)"
    assert not Area.objects.filter(name="Pougne-Hérisson").exists()  # not before the commit

    client.post(reverse("imports:commit", kwargs={"pk": run.pk}))
    created = Area.objects.get(name="Pougne-Hérisson")  # one record for both spellings
    assert (created.country.code, created.level.code, created.slug) == (
        "FR",
        "commune",
        "pougne-herisson",
    )
    assert Partnership.objects.filter(partner_governments=created).count() == 2
    association = Organisation.objects.get(name="Les Amis de Pougne")
    assert association.country.code == "FR"
    assert Partnership.objects.get(supporting_organisations=association).local_government.slug == (
        "kloto-1"
    )

    client.post(reverse("imports:undo", kwargs={"pk": run.pk}))
    assert snapshot() == before


def test_columns_and_picks_are_kept_for_the_next_file(client_for, users, bressuire):
    from coopdec.imports.models import SavedMapping

    client = client_for(users["staff"])
    header = ["Ville togolaise", "Collectivité française", "Remarques"]
    first = xlsx([header, ["GLEI", "Bressuire", ""]], name="tableau-2024.xlsx")
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": first})
    run = ImportRun.objects.get()
    ogou1 = Area.objects.communes().get(slug="ogou-1")
    # The "Remarques" column is left out of this source's imports on purpose.
    columns = {"column_0": "local_government", "column_1": "partner_governments"}
    client.post(reverse("imports:draft", kwargs={"pk": run.pk}), {**columns, "pick_0": ogou1.pk})
    saved = client.post(
        reverse("imports:save_mapping", kwargs={"pk": run.pk}), {"save-name": "Tableau annuel"}
    )
    assert saved.status_code == 302
    kept = SavedMapping.objects.get()
    assert (kept.kind, kept.author) == ("partnerships", users["staff"])

    # Next year's file: columns in another order, one more; the same names.
    second = xlsx(
        [["Collectivité française", "Statut", "Remarques", "Ville togolaise"]]
        + [["Bressuire", "Actif", "", "GLEI"]],
        name="tableau-2025.xlsx",
    )
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": second, "saved": kept.pk})
    run = ImportRun.objects.get(file_name="tableau-2025.xlsx")
    assert run.mapping["columns"] == {
        "Collectivité française": "partner_governments",
        "Ville togolaise": "local_government",
        "Statut": "status",  # suggested from its title
    }
    page = client.get(reverse("imports:draft", kwargs={"pk": run.pk}))
    assert statuses(page) == ["new"]

    wrong = client.post(
        reverse("imports:list"),
        {"kind": "organisations", "file": xlsx([["Nom"], ["X"]]), "saved": kept.pk},
    )
    assert "sont prévues pour Partenariats" in wrong.content.decode()
    assert ImportRun.objects.count() == 2
