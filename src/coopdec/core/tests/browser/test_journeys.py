"""The journeys people make, end to end in a real browser."""

import pytest

from coopdec.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference(django_db_blocker):
    # transactional tests empty the tables afterwards: load the reference data for each.
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)


def test_visitor_finds_kloto_1_by_its_old_town_name(page, shoot, reference):
    page.goto(page.base_url + "/")
    page.get_by_label("Trouver une commune").fill("kpalime")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Kloto 1").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kloto 1"
    assert "Kpalimé" in page.content()
    shoot("commune-kloto-1")


def test_focal_point_signs_in_and_updates_its_commune(page, shoot, reference, users):
    page.goto(page.base_url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("focal.kloto1")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(page.base_url + "/communes/kloto-1/")
    page.get_by_role("link", name="Modifier").click()
    page.get_by_label("Population").fill("-5")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.locator(".error").count() >= 1  # explained, nothing saved
    shoot("commune-edit-error")
    page.get_by_label("Population").fill("128000")
    page.get_by_role("button", name="Enregistrer").click()
    assert "La fiche de Kloto 1 a été enregistrée." in page.content()
    assert "128000" in page.content()


def test_staff_imports_a_partner_list_picks_a_name_and_undoes_it(
    page, shoot, reference, users, tmp_path
):
    from openpyxl import Workbook

    from coopdec.partnerships.models import Partnership
    from coopdec.territories.models import Area

    workbook = Workbook()
    for row in [
        ["Collectivité française", "Ville togolaise", "Date de signature"],
        ["Commune de BRESSUIRE (79)", "KPALIME", "mars 2006"],
        ["Bressuire", "GLEI", "2007"],
    ]:
        workbook.active.append(row)
    path = tmp_path / "programme-2007.xlsx"
    workbook.save(path)

    page.goto(page.base_url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("staff")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Imports").first.click()
    page.get_by_label("Ce que liste le fichier").select_option("partnerships")
    page.get_by_label("Tableur").set_input_files(str(path))
    page.get_by_role("button", name="Lire le fichier").click()

    # GLEI is a canton: the commune is to pick; nothing can be imported before.
    assert page.get_by_role("button", name="Importer maintenant").count() == 0
    ogou1 = Area.objects.communes().get(slug="ogou-1")
    page.get_by_label("Commune ou région : GLEI").select_option(str(ogou1.pk))
    page.get_by_role("button", name="Enregistrer et vérifier de nouveau").click()
    shoot("import-preview")
    page.get_by_role("button", name="Importer maintenant").click()
    assert "Importé : 2 nouveaux" in page.content()
    assert Partnership.objects.count() == 2

    page.get_by_role("button", name="Annuler cet import").click()
    assert "L'import de programme-2007.xlsx a été annulé." in page.content()
    assert not Partnership.objects.exists()
    shoot("import-history")
