"""The journeys people make, end to end in a real browser."""

import base64
import re

import pytest
from django_otp.oath import totp

from coopdec.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_menu(page) -> None:
    """On a phone the menu is folded under "Menu" (a <details>, no script): open it. (Once
    the page and its stylesheet are loaded: before, "Menu" shows at any width.)"""
    page.wait_for_load_state("load")
    menu = page.locator("details.menu > summary")
    if menu.is_visible():
        menu.click()


def test_visitor_finds_kloto_1_its_partnership_and_project(page, shoot, demo):
    page.goto(page.base_url + "/")
    shoot("atlas-home")
    page.get_by_label("Cherchez une commune").fill("kpalime")
    page.get_by_role("button", name="Rechercher").click()
    shoot("atlas-search")
    page.get_by_role("link", name="Kloto 1", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kloto 1"
    assert "Kpalimé" in page.content()
    shoot("commune-kloto-1")
    page.get_by_role("link", name="Kloto 1 – Bressuire").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kloto 1 – Bressuire"
    assert "/atlas/partenariats/" in page.url
    shoot("atlas-partnership")
    page.get_by_role("link", name="Adduction d'eau potable des quartiers de Kpalimé").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Adduction d'eau potable des quartiers de Kpalimé"
    shoot("atlas-project")


def test_visitor_finds_kloto_1_on_the_map_and_downloads_the_communes(page, shoot, demo):
    page.goto(page.base_url + "/carte/")
    shoot("atlas-map")
    page.locator('svg a[aria-label^="Kloto 1 —"] circle').click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kloto 1"
    page.goto(page.base_url + "/carte/pays/")
    # Click on mainland France (2.5° E, 46.5° N on the 1000-unit-wide world map).
    world = page.locator("svg.world-map").bounding_box()
    units = world["width"] / 1000
    # A raw mouse click does not wait for the page it opens, as a locator's click does.
    with page.expect_navigation():
        page.mouse.click(world["x"] + 506.9 * units, world["y"] + 104.2 * units)
    assert page.get_by_role("heading", level=1).inner_text() == "France"
    shoot("atlas-country")
    from coopdec.public.tasks import build_open_data

    build_open_data.call()  # the background worker has written the open data files
    page.get_by_role("link", name="Données ouvertes et API").click()
    shoot("atlas-open-data")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^CSV .* Communes$")).click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert content.count("\n") == 118
    assert "kloto-1;Kloto 1;Kpalimé;;kloto;Kloto;plateaux;Plateaux;" in content


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
    # A commune's facts wait for the federation's validation, and the page says so.
    assert "Envoyé à la Faîtière pour validation." in page.content()
    page.goto(page.base_url + "/mes-propositions/")
    assert "Kloto 1" in page.content() and "En attente" in page.content()


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
    # Staff set up the second step of sign-in before anything else: the app's code.
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Activer la connexion en deux étapes"
    )
    assert page.locator("div.qr svg").count() == 1
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirmer").click()
    assert page.locator("ul.codes li").count() == 10
    shoot("second-factor-recovery-codes")
    page.get_by_role("link", name="Continuer").click()
    open_menu(page)
    page.get_by_role("link", name="Imports").first.click()
    page.get_by_label("Ce que liste le fichier").select_option("partnerships")
    page.get_by_label("Tableur").set_input_files(str(path))
    page.get_by_role("button", name="Lire le fichier").click()

    # GLEI is a canton: the commune is to pick; nothing can be imported before.
    assert page.get_by_role("button", name="Importer maintenant").count() == 0
    ogou1 = Area.objects.communes().get(slug="ogou-1")
    page.get_by_label("Commune ou région\u202f: GLEI").select_option(str(ogou1.pk))
    page.get_by_role("button", name="Enregistrer et vérifier de nouveau").click()
    shoot("import-preview")
    page.get_by_role("button", name="Importer maintenant").click()
    assert "Importé\u202f: 2 nouveaux" in page.content()
    assert Partnership.objects.count() == 2

    page.get_by_role("button", name="Annuler cet import").click()
    assert "L'import de programme-2007.xlsx a été annulé." in page.content()
    assert not Partnership.objects.exists()
    shoot("import-history")


def _enrol(page) -> list[str]:
    """Set up the second step from the page (as an authenticator app would), and return
    the recovery codes shown."""
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirmer").click()
    return page.locator("ul.codes code").all_inner_texts()


def _sign_in(page, username: str, password: str) -> None:
    page.goto(page.base_url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def _sign_out(page) -> None:
    """A new session, as on another day (the menu's button is tested elsewhere)."""
    page.context.clear_cookies()


def test_the_administrator_invites_a_focal_point_who_lands_on_its_home(
    page, shoot, reference, users
):
    """Acceptance 1 of issue 16: an invitation, a password chosen from the e-mail, a home
    page; the second step required for the federation, on /admin/ too; a recovery code
    that works once."""
    from django.core import mail

    from coopdec.territories.models import Area
    from coopdec.territories.services import describe

    agou = Area.objects.communes().get(slug="agou-1")
    _sign_in(page, "admin", PASSWORD)
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Activer la connexion en deux étapes"
    )
    codes = _enrol(page)
    assert len(codes) == 10
    page.get_by_role("link", name="Continuer").click()
    open_menu(page)
    page.get_by_role("link", name="Comptes").first.click()
    page.get_by_role("link", name="Inviter une personne").click()
    page.locator("input[name=first_name]").fill("Akossiwa")
    page.locator("input[name=last_name]").fill("Dzifa")
    page.locator("input[name=email]").fill("akossiwa@agou.tg")
    page.locator("select[name=role]").select_option("focal_point")
    page.locator("#id_local_governments__q").fill("agou")
    page.locator("button[name=_search][value=local_governments]").click()
    page.get_by_label(describe(agou)).check()
    shoot("account-invite")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Invitation envoyée à akossiwa@agou.tg" in page.content()
    _sign_out(page)

    link = re.search(r"https?://[^/\s]+(/invitation/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(page.base_url + link)
    page.locator("input[name=new_password1]").fill("la rivière Haho au matin")
    page.locator("input[name=new_password2]").fill("la rivière Haho au matin")
    page.get_by_role("button", name="Enregistrer et se connecter").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bonjour Akossiwa"
    shoot("home-focal-point")
    _sign_out(page)

    # The administrator again: /admin/ asks for the second step; a recovery code, once.
    _sign_in(page, "admin", PASSWORD)
    page.goto(page.base_url + "/admin/")
    assert page.get_by_role("heading", level=1).inner_text() == "Deuxième étape de la connexion"
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continuer").click()
    assert "/deuxieme-facteur/" not in page.url
    _sign_out(page)
    _sign_in(page, "admin", PASSWORD)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continuer").click()
    assert "déjà servi" in page.content()


def test_staff_record_a_partnership_whose_partners_are_not_recorded_yet(
    page, shoot, reference, users
):
    """Acceptance 2 of issue 16: Zio 1 with a French commune and a twinning association
    that do not exist yet, without leaving the partnership's form; the duplicate check
    shows the recorded association when its name is typed again."""
    from coopdec.partnerships.models import Partnership

    _sign_in(page, "staff", PASSWORD)
    _enrol(page)
    page.goto(page.base_url + "/partenariats/nouveau/")
    page.locator("select[name=local_government]").select_option(label="Zio 1")
    page.locator("select[name=kind]").select_option("twinning")
    page.locator("select[name=status]").select_option("exploring")
    page.locator("input[name=status_since]").fill("2026-11-02")

    # Searching as one types (with JavaScript): the recorded Bressuire appears unasked.
    page.locator("#id_partner_governments__q").press_sequentially("bress", delay=50)
    page.get_by_label("Bressuire (Commune, France)").wait_for()
    page.locator("#id_partner_governments__q").fill("")

    # The French commune: looked for, not found, created from the form.
    page.locator("#id_partner_governments__q").fill("Coulon")
    page.locator("button[name=_search][value=partner_governments]").click()
    assert "Aucune fiche ne correspond à « Coulon »" in page.content()
    page.get_by_text("Absente des fiches\u202f? Ajouter une collectivité").click()
    page.locator("input[name='new-partner_governments-name']").fill("Coulon")
    page.locator("select[name='new-partner_governments-level']").select_option(
        label="France — Commune"
    )
    page.locator("input[name='new-partner_governments-official_code']").fill("79101")
    page.locator("button[name=_create][value=partner_governments]").click()
    assert page.get_by_label("Coulon (Commune, France)").is_checked()
    assert page.locator("select[name=local_government] option:checked").inner_text() == "Zio 1"

    # The association: its name typed as the recorded one's is shown first.
    page.get_by_text("Absente des fiches\u202f? Ajouter une organisation").click()
    name = page.locator("input[name='new-supporting_organisations-name']")
    name.fill("COMITE DE JUMELAGE BRESSUIRE-KPALIME")
    page.locator("select[name='new-supporting_organisations-kind']").select_option(
        "twinning_association"
    )
    page.locator("select[name='new-supporting_organisations-country']").select_option(
        label="France"
    )
    page.locator("button[name=_create][value=supporting_organisations]").click()
    assert "Déjà enregistré sous ce nom" in page.content()
    assert page.get_by_label("Comité de jumelage Bressuire-Kpalimé", exact=False).count() == 1
    shoot("partnership-duplicate-shown")
    name = page.locator("input[name='new-supporting_organisations-name']")
    name.fill("Comité de jumelage Coulon-Tsévié")
    page.locator("button[name=_create][value=supporting_organisations]").click()
    assert page.get_by_label("Comité de jumelage Coulon-Tsévié", exact=False).is_checked()
    shoot("partnership-partners-created")

    # Words left in a search box do not stop "Save" from saving.
    page.locator("#id_supporting_organisations__q").fill("jumelage")
    page.get_by_role("button", name="Enregistrer").last.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zio 1 – Coulon"
    partnership = Partnership.objects.get()
    assert [a.name for a in partnership.partner_governments.all()] == ["Coulon"]
    assert [o.name for o in partnership.supporting_organisations.all()] == [
        "Comité de jumelage Coulon-Tsévié"
    ]


def test_a_volunteer_answers_half_leaves_comes_back_and_finishes(page, shoot, reference):
    """Issue 20, acceptance 4: on a phone, without signing in, through the personal link."""
    from datetime import timedelta

    from django.utils import timezone

    from coopdec.volunteers import services
    from coopdec.volunteers.models import Answer, Mission, Volunteer

    volunteer = services.write_volunteer(
        Volunteer(), {"name": "Akouvi Lawson", "email": "akouvi@example.org"}
    )
    services.set_consent(volunteer, "surveys", True, by_volunteer=False)
    end = timezone.localdate() - timedelta(days=2)
    mission = services.write_mission(
        Mission(volunteer=volunteer),
        {"scheme": "civic_service", "actual_start": end - timedelta(days=240), "actual_end": end},
    )
    assert services.run_follow_up() == 1  # the "end of mission" survey, due two days ago
    link = page.base_url + services.link(mission.invitations.get(wave__code="end"))

    page.goto(link)
    assert "Page 1 sur 4" in page.content()
    page.get_by_label("Un emploi salarié").check()
    page.get_by_role("button", name="Page suivante").click()
    page.locator('input[name="skill_languages"][value="4"]').check()
    page.get_by_role("button", name="Page suivante").click()
    shoot("survey-half-way")
    # The volunteer closes the page; days later, the same link from the e-mail.
    page.goto("about:blank")
    page.goto(link)
    assert "Page 3 sur 4" in page.content()
    page.get_by_label("dans une association").check()
    page.get_by_role("button", name="Page suivante").click()
    page.locator('input[name="impact"][value="5"]').check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Merci"
    shoot("survey-done")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    answers = Answer.objects.filter(invitation__mission=mission)
    assert answers.count() == 1
    answer = answers.get()
    assert answer.submitted_at is not None
    assert answer.values["situation"] == ["employed"]
    assert answer.values["skill_languages"] == "4"
    assert answer.values["engagement"] == ["association"]
    # The link again: the survey is answered, nothing more is taken.
    page.goto(link)
    assert "Vos réponses sont enregistrées" in page.content()
