"""The words people use, kept as reference data: each means a real theme, kind or status,
never two things, and an import reads them."""

from __future__ import annotations

import pytest

from coopdec.accounts.enums import Role
from coopdec.imports import pipeline, vocabulary
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.projects.enums import ProjectStatus
from coopdec.taxonomy.models import Theme
from coopdec.volunteers.enums import Gender, Scheme

from .test_local_governments import preview_of

pytestmark = pytest.mark.django_db


def test_every_word_means_something_that_exists(db):
    meanings = {
        "theme": set(Theme.objects.values_list("code", flat=True)),
        "partnership_kind": set(PartnershipKind.values),
        "partnership_status": set(PartnershipStatus.values),
        "project_status": set(ProjectStatus.values),
        "account_role": set(Role.values),
        "gender": set(Gender.values),
        "scheme": set(Scheme.values),
    }
    found = vocabulary.read(vocabulary.FILE)
    assert set(found) == set(meanings)
    for name, words in found.items():
        assert set(words.values()) <= meanings[name], name


def test_a_word_meaning_two_things_is_refused(tmp_path):
    path = tmp_path / "vocabulary.csv"
    path.write_text(
        "vocabulary,word,meaning\ntheme,eau,water-sanitation\ntheme,EAU,environment-climate\n",
        encoding="utf-8",
    )
    with pytest.raises(vocabulary.VocabularyError, match="line 3"):
        vocabulary.read(path)


def test_loose_words_import(bressuire):
    preview = preview_of(
        "Commune;Partenaire;Type de lien;Statut;Thématiques\n"
        "Kpalimé;Bressuire;Convention-cadre;En cours;eau, éducation, environnement, urbanisme\n",
        "partnerships",
    )
    assert preview.clean, preview.rows[0].messages
    pipeline.commit(preview)
    partnership = Partnership.objects.get()
    assert (partnership.kind, partnership.status) == ("agreement", "active")
    assert set(partnership.themes.values_list("code", flat=True)) == {
        "water-sanitation",
        "education-training",
        "environment-climate",
        "urban-planning",
    }


def test_a_word_nobody_knows_is_explained_once_and_kept_with_the_mapping(
    client_for, users, bressuire
):
    """The wizard asks what "mobilité" and "Pacte de coopération" mean; the person says it
    once; the file imports and the meaning is kept with the saved columns."""
    from django.urls import reverse

    from coopdec.imports.models import ImportRun, SavedMapping

    from .conftest import csv_file

    client = client_for(users["staff"])
    text = (
        "Commune;Partenaire;Type;Thématiques\n"
        "Kpalimé;Bressuire;Pacte de coopération;eau, mobilité\n"
        "Badou;Bressuire;Pacte de coopération;mobilité\n"
    )
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": csv_file(text)})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})
    page = client.get(url)
    form = page.context["form"]
    words = {field.label: field.html_name for field in form.word_fields()}
    assert set(words) == {"Type\u202f: Pacte de coopération", "Thèmes\u202f: mobilité"}
    columns = {f"column_{i}": form[f"column_{i}"].initial for i in range(4)}
    client.post(
        url,
        {
            **columns,
            words["Type\u202f: Pacte de coopération"]: "agreement",
            words["Thèmes\u202f: mobilité"]: "urban-planning",
        },
    )
    rows = client.get(url).context["outcome"]["rows"]
    assert [row["status"] for row in rows] == ["new", "new"]
    client.post(reverse("imports:save_mapping", kwargs={"pk": run.pk}), {"save-name": "Liste FCT"})
    assert SavedMapping.objects.get().mapping["words"] == {
        "kind": {"Pacte de coopération": "agreement"},
        "themes": {"mobilité": "urban-planning"},
    }
    client.post(reverse("imports:commit", kwargs={"pk": run.pk}))
    assert set(Partnership.objects.values_list("kind", flat=True)) == {"agreement"}
    assert set(
        Partnership.objects.filter(local_government__slug="wawa-1").values_list(
            "themes__code", flat=True
        )
    ) == {"urban-planning"}
