"""Volunteers and their cohort follow-up (issue 20): figures counted from the demo cohort,
waves that follow the mission, personal links checked on the server, consent and erasure."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from pypdf import PdfReader

from coopdec.accounts.enums import Role
from coopdec.conftest import new_user
from coopdec.demo import volunteers as demo
from coopdec.demo.data import load_demo
from coopdec.notifications import outbox
from coopdec.notifications.models import Mail, Notice
from coopdec.opportunities.models import Opportunity
from coopdec.programmes.models import Programme
from coopdec.public.tasks import build_open_data
from coopdec.volunteers import figures, services
from coopdec.volunteers.enums import Purpose
from coopdec.volunteers.models import Answer, Invitation, Mission, Questionnaire, Volunteer

pytestmark = pytest.mark.django_db

# The mission ended ten days ago: its "end of mission" link works today.
END = timezone.localdate() - timedelta(days=10)
START = END - relativedelta(months=9)
NAME, EMAIL, PHONE = "Zéphyrine Adjovi-Quenum", "zephyrine.aq@example.org", "+228 90 12 34 56"


@pytest.fixture
def mission(users, kloto1, twinning_association, settings):
    """A civic service mission hosted by Kloto 1 (the focal point's commune), sent by the
    partner's twinning association, ended ten days ago; the volunteer agrees to surveys."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    volunteer = services.write_volunteer(
        Volunteer(), {"name": NAME, "email": EMAIL, "phone": PHONE, "gender": "woman"}
    )
    services.set_consent(volunteer, Purpose.SURVEYS, True, by_volunteer=False)
    return services.write_mission(
        Mission(volunteer=volunteer),
        {
            "scheme": "civic_service",
            "host_government": kloto1,
            "sending_organisation": twinning_association,
            "actual_start": START,
            "actual_end": END,
        },
    )


def wave(mission, code) -> Invitation:
    return mission.invitations.select_related("wave").get(wave__code=code)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def invited(mission, code) -> tuple[Invitation, str]:
    """Run the follow-up on the wave's day and send the e-mails: the invitation and the
    link the volunteer received."""
    invitation = wave(mission, code)
    assert invitation.due_on is not None
    services.run_follow_up(at(invitation.due_on))
    outbox.send_due()
    found = re.search(r"https?://\S+/enquete/\S+/", str(mail.outbox[-1].body))
    assert found, mail.outbox[-1].body
    link = found.group(0)
    return Invitation.objects.get(pk=invitation.pk), link[link.index("/enquete/") :]


def answer_all(client, link: str) -> None:
    """Answer every page as a volunteer would, from the form each page shows."""
    for _page in range(10):
        page = client.get(link)
        text = page.content.decode()
        if 'id="answered"' in text:
            return
        number = re.search(r'name="page" value="(\d+)"', text)
        assert number, text
        data = {"page": number.group(1)}
        if 'name="situation"' in text:
            data["situation"] = ["employed"]
        client.post(link, data)
    raise AssertionError("the survey never ended")


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# ---------------------------------------------------------------------------- acceptance 1


def test_the_programme_figures_are_those_counted_from_the_cohort(users, client_for):
    load_demo()
    programme = Programme.objects.get(name=demo.PROGRAMME)
    members = [member for member in demo.COHORT if member.in_programme]
    # Counted here from the cohort's description, not by the code under test.
    women = sum(member.woman for member in members)
    reciprocity = sum(member.togolese for member in members)  # hosted in France
    vsi = sum(member.scheme == "vsi" for member in members)

    def host(member):
        return (member.pair, member.togolese)  # a French host when Togolese, else Togolese

    first = {}
    for member in sorted(demo.COHORT, key=lambda m: (-m.months_ago, m.number)):
        first.setdefault(host(member), member)
    hosts = {host(member) for member in members}
    first_time = sum(first[key].in_programme for key in hosts)

    def pct(part, whole):
        return str((Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))

    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("volunteers:cohort"), {"programme": programme.pk}).content.decode()

    def shown(key):
        return re.search(rf'id="figure-{key}"><strong data-value="([^"]*)"', page).group(1)

    assert shown("missions") == str(len(members)) == "36"
    assert shown("scheme_vsi") == str(vsi)
    assert shown("scheme_civic_service") == str(len(members) - vsi)
    assert shown("women") == pct(women, len(members))
    assert shown("reciprocity") == pct(reciprocity, len(members))
    assert shown("first_time_hosts") == pct(first_time, len(hosts))
    assert 0 < first_time < len(hosts)  # the cohort has hosts of earlier missions too
    # Response rates of the three waves answered, as the cohort says.
    answered_6 = sum("plus-6" in member.answers for member in members)
    assert f"{pct(answered_6, len(members))}%" in visible_text(
        client.get(reverse("volunteers:cohort"), {"programme": programme.pk})
    )


def test_figures_for_scripts_are_the_pages(users, client_for):
    load_demo()
    out = io.StringIO()
    call_command("figures", "--json", stdout=out)
    volunteering = json.loads(out.getvalue())["volunteers"]
    assert volunteering["missions"] == len(demo.COHORT)
    assert volunteering["women"] == float(
        (Decimal(sum(m.woman for m in demo.COHORT) * 100) / len(demo.COHORT)).quantize(
            Decimal("0.1")
        )
    )


# ---------------------------------------------------------------------------- acceptance 2


def test_moving_the_end_by_a_month_moves_the_six_month_wave(mission, users, client_for):
    assert wave(mission, "plus-6").due_on == END + relativedelta(months=6)
    assert wave(mission, "before").due_on == START - timedelta(days=30)
    client = client_for(users["staff"])
    form = client.get(reverse("volunteers:mission_edit", args=[mission.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    moved = END + relativedelta(months=1)
    data.update({"actual_end": moved.isoformat(), "themes": []})
    response = client.post(reverse("volunteers:mission_edit", args=[mission.pk]), data)
    assert response.status_code == 302
    due = wave(mission, "plus-6").due_on
    assert due == moved + relativedelta(months=6)
    assert relativedelta(due, END + relativedelta(months=6)).months == 1
    # Not sent before its day; sent on it, once, to the volunteer, with their link. (The
    # "end of mission" wave, months late by then, is not sent any more.)
    assert services.run_follow_up(at(due - timedelta(days=1))) == 0
    assert services.run_follow_up(at(due)) == 1
    assert services.run_follow_up(at(due, 15)) == 0
    outbox.send_due()
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert "/enquete/" in mail.outbox[0].body


def test_an_answered_wave_is_not_reminded_an_unanswered_one_is(mission, client):
    invitation, link = invited(mission, "end")
    answer_all(client, link)
    week_later = at(invitation.due_on + timedelta(days=8))
    assert services.run_follow_up(week_later) == 0
    outbox.send_due()
    assert len(mail.outbox) == 1  # the invitation only

    later, _link = invited(mission, "plus-6")
    assert services.run_follow_up(at(later.due_on + timedelta(days=6))) == 0
    assert services.run_follow_up(at(later.due_on + timedelta(days=8))) == 1  # day 7
    assert services.run_follow_up(at(later.due_on + timedelta(days=9))) == 0  # once
    assert services.run_follow_up(at(later.due_on + timedelta(days=22))) == 1  # day 21
    assert services.run_follow_up(at(later.due_on + timedelta(days=40))) == 0  # no third
    outbox.send_due()
    assert len(mail.outbox) == 4


def test_a_second_submission_through_the_same_link_is_refused(mission, client):
    invitation, link = invited(mission, "end")
    answer_all(client, link)
    answer = Answer.objects.get(invitation=invitation)
    again = client.post(link, {"page": "1", "situation": ["studies"]})
    assert 'id="answered"' in again.content.decode()  # "your answers are recorded", again
    answer.refresh_from_db()
    assert answer.values["situation"] == ["employed"]
    assert Answer.objects.filter(invitation__mission=mission).count() == 1


def test_a_tampered_expired_or_other_wave_link_is_refused(mission, client):
    invitation, link = invited(mission, "end")
    token = link.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    response = client.get(reverse("volunteers:survey", args=[changed]))
    assert response.status_code == 403
    assert "Ce lien n’est pas valide" in response.content.decode()  # the volunteer's French
    # A link made for a wave not sent yet does not open it.
    plus_6 = wave(mission, "plus-6")
    response = client.get(services.link(plus_6))
    assert response.status_code == 403
    # Past its closing day, the link says so and takes nothing.
    Invitation.objects.filter(pk=invitation.pk).update(closes_on=date(2020, 1, 1))
    response = client.post(link, {"page": "1", "situation": ["studies"]})
    assert response.status_code == 403
    assert "Ce lien a expiré le" in response.content.decode()
    assert not Answer.objects.filter(invitation=invitation).exists()


def test_leaving_half_way_and_coming_back_keeps_one_answer(mission, client):
    invitation, link = invited(mission, "end")
    client.post(link, {"page": "1", "situation": ["studies", "employed"]})
    client.post(link, {"page": "2", "skill_languages": "4"})
    assert Answer.objects.get(invitation=invitation).submitted_at is None
    # Back later: the survey opens at the first page not answered.
    page = client.get(link).content.decode()
    assert 'name="page" value="3"' in page
    # Back to the first page: the answers given are there; a page not reached is not.
    first = client.get(link, {"page": "1"}).content.decode()
    assert 'name="page" value="1"' in first
    assert re.search(r'value="studies"[^>]*checked', first)
    assert 'name="page" value="3"' in client.get(link, {"page": "4"}).content.decode()
    answer_all(client, link)
    answer = Answer.objects.get(invitation=invitation)
    assert answer.submitted_at is not None
    assert answer.values["skill_languages"] == "4"
    assert answer.active is True
    assert Answer.objects.filter(invitation__mission=mission).count() == 1


# ---------------------------------------------------------------------------- acceptance 3


def test_withdrawing_consent_cancels_the_queued_invitation_and_stops_the_next(mission, client):
    invitation = wave(mission, "end")
    assert services.run_follow_up(at(invitation.due_on)) == 1  # queued, not sent yet
    queued = Mail.objects.get(letter_id=invitation.pk)
    assert queued.status == "pending"
    link = services.link(Invitation.objects.get(pk=invitation.pk))
    response = client.post(link, {"stop": "1"})
    assert 'id="withdrawn"' in response.content.decode()
    queued.refresh_from_db()
    assert queued.status == "cancelled"
    assert outbox.send_due() == 0
    assert mail.outbox == []
    later = wave(mission, "plus-6")
    assert services.run_follow_up(at(later.due_on)) == 0
    assert not services.agrees(mission.volunteer, Purpose.SURVEYS)


def test_a_withdrawal_between_queueing_and_sending_still_stops_the_email(mission):
    """Even a letter a worker already took is checked again when it is written."""
    invitation = wave(mission, "end")
    services.run_follow_up(at(invitation.due_on))
    Mail.objects.update(status="sending", lease_until=at(date(2000, 1, 1)))  # a dead worker's
    services.set_consent(mission.volunteer, Purpose.SURVEYS, False, by_volunteer=True)
    assert outbox.send_due() == 0
    assert mail.outbox == []


def _text_columns():
    for model in apps.get_models():
        fields = [
            field.column
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if fields and model._meta.managed:
            yield model, fields


def test_erasure_leaves_no_trace_and_keeps_the_counts(mission, users, client_for, client):
    # Their own account, under their name: it goes with them.
    account = new_user(
        username="zephyrine.aq",
        email=EMAIL,
        first_name="Zéphyrine",
        last_name="Adjovi-Quenum",
        role=Role.VOLUNTEER,
    )
    services.write_volunteer(mission.volunteer, {"account": account})
    invitation, link = invited(mission, "end")
    answer_all(client, link)
    Answer.objects.filter(invitation=invitation).update(
        values={**Answer.objects.get(invitation=invitation).values, "comment": f"Moi, {NAME}"}
    )
    before = figures.cohort(figures.Filters())
    staff = client_for(users["staff"])
    response = staff.post(reverse("volunteers:erase", args=[mission.volunteer.pk]))
    assert response.status_code == 302
    # Every text column of every table, read from the database.
    found = []
    with connection.cursor() as cursor:
        for model, columns in _text_columns():
            table = connection.ops.quote_name(model._meta.db_table)
            for column in columns:
                name = connection.ops.quote_name(column)
                for needle in (NAME, EMAIL, PHONE, "Zéphyrine", "zephyrine"):
                    cursor.execute(
                        # Names from the models, quoted: no outside input.
                        f"SELECT COUNT(*) FROM {table} WHERE CAST({name} AS TEXT) LIKE %s",  # noqa: S608
                        [f"%{needle}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append(f"{model._meta.label}.{column} holds {needle!r}")
    assert found == []
    account.refresh_from_db()
    assert not account.is_active and not account.has_usable_password()
    after = figures.cohort(figures.Filters())
    assert [(row["sent"], row["answered"]) for row in after] == [
        (row["sent"], row["answered"]) for row in before
    ]
    # One person answered: the figures say "< 5", never 1, on the page and in the CSV.
    assert after[1]["answered"] == figures.FEW
    page = staff.get(reverse("volunteers:cohort"))
    assert "&lt; 5" in page.content.decode()
    csv = staff.get(reverse("volunteers:cohort"), {"export": "csv", "table": "cohort-waves"})
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert any(row.split(";")[2] == "< 5" for row in rows[1:])
    assert not any(row.split(";")[2] == "1" for row in rows[1:])
    unknown = staff.get(reverse("volunteers:cohort"), {"export": "csv", "table": "nothing"})
    assert unknown.status_code == 404


# ---------------------------------------------------------------------------- acceptance 5


def test_a_focal_point_sees_its_hosted_mission_without_contact_details(mission, users, client_for):
    url = reverse("volunteers:mission", args=[mission.pk])
    focal = client_for(users["focal_point"]).get(url)
    assert focal.status_code == 200
    assert NAME in focal.content.decode()
    assert EMAIL not in focal.content.decode() and PHONE not in focal.content.decode()
    assert (
        client_for(users["focal_point"])
        .get(reverse("volunteers:volunteer", args=[mission.volunteer.pk]))
        .status_code
        == 403
    )
    partner = client_for(users["partner"]).get(url)  # its association sends the volunteer
    assert EMAIL in partner.content.decode()
    listed = client_for(users["partner"]).get(reverse("volunteers:list"))
    assert NAME in listed.content.decode()


def test_a_partner_neither_sending_nor_hosting_sees_nothing(mission, client_for):
    stranger = new_user(username="partner.other", role=Role.PARTNER)
    client = client_for(stranger)
    assert client.get(reverse("volunteers:mission", args=[mission.pk])).status_code == 404
    assert NAME not in client.get(reverse("volunteers:list")).content.decode()


def test_nothing_personal_reaches_the_public(mission, client):
    """No public page, open data file or API answer carries a volunteer."""
    build_open_data.call()
    for url in ("/", "/api/", reverse("public:open_data")):
        assert NAME not in client.get(url).content.decode()
    assert client.get(reverse("volunteers:cohort")).status_code == 302  # sign in first


def test_a_volunteer_asks_for_erasure_and_the_federation_is_told(mission, users, client_for):
    volunteer = mission.volunteer
    volunteer.account = users["volunteer"]
    volunteer.save()
    own = client_for(users["volunteer"])
    # Their home page links the survey waiting for them, and the menu their own page.
    invited(mission, "end")
    home = own.get(reverse("accounts:home")).content.decode()
    assert "/enquete/" in home and reverse("volunteers:me") in home
    page = own.get(reverse("volunteers:me"), follow=True).content.decode()
    assert EMAIL in page  # their own data, and the way to ask
    assert own.post(reverse("volunteers:erasure_request", args=[volunteer.pk])).status_code == 302
    told = Notice.objects.filter(reason="erasure_asked", object_id=volunteer.pk)
    assert set(told.values_list("user__username", flat=True)) == {"admin", "staff"}
    data = own.get(reverse("volunteers:volunteer_data", args=[volunteer.pk]))
    assert json.loads(data.content)["volunteer"]["email"] == EMAIL
    sheet = own.get(reverse("volunteers:volunteer_data_pdf", args=[volunteer.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.content)).pages)
    assert EMAIL in text and PHONE in text and "Kloto 1" in text
    # The federation finds the request on its home page, and the volunteers in its menu.
    staff_home = client_for(users["staff"]).get(reverse("accounts:home")).content.decode()
    assert f'id="erasure-{volunteer.pk}"' in staff_home
    assert reverse("volunteers:list") in staff_home
    # Another member with access to the volunteer cannot ask in their name.
    partner = client_for(users["partner"])
    assert (
        partner.post(reverse("volunteers:erasure_request", args=[volunteer.pk])).status_code == 403
    )


# ---------------------------------------------------------------------------- XLSForm


def _xlsform(rows, choices) -> SimpleUploadedFile:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Français (fr)", "label::English (en)", "required"])
    for row in rows:
        survey.append(row)
    sheet = book.create_sheet("choices")
    sheet.append(["list_name", "name", "label::Français (fr)", "label::English (en)"])
    for row in choices:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("suivi.xlsx", buffer.getvalue())


def test_an_xlsform_becomes_the_next_version_of_a_questionnaire(users, client_for):
    client = client_for(users["staff"])
    form = _xlsform(
        [
            ["begin_group", "situation", "Situation", "Situation", ""],
            ["select_one yn", "works", "Travaillez-vous ?", "Do you work?", "yes"],
            ["integer", "hours", "Heures par semaine", "Hours a week", ""],
            ["end_group", "", "", "", ""],
            ["text", "story", "Racontez", "Tell us", ""],
        ],
        [["yn", "yes", "Oui", "Yes"], ["yn", "no", "Non", "No"]],
    )
    url = reverse("volunteers:questionnaire_import")
    assert client.post(url, {"name": "enquete-emploi", "file": form}).status_code == 302
    stored = Questionnaire.objects.get(name="enquete-emploi")
    assert stored.version == 1
    assert [(q["name"], q["type"], q["page"]) for q in stored.questions] == [
        ("works", "select_one", 1),
        ("hours", "integer", 1),
        ("story", "text", 2),
    ]
    assert stored.questions[0]["label"] == {"fr": "Travaillez-vous ?", "en": "Do you work?"}
    assert stored.questions[0]["required"] is True
    form.seek(0)
    client.post(url, {"name": "enquete-emploi", "file": form})
    assert list(
        Questionnaire.objects.filter(name="enquete-emploi").values_list("version", flat=True)
    ) == [2, 1]


def test_an_xlsform_with_an_unknown_question_type_is_refused_whole(users, client_for):
    client = client_for(users["staff"])
    form = _xlsform(
        [
            ["text", "name_asked", "Nom", "Name", ""],
            ["geopoint", "where", "Où êtes-vous ?", "Where are you?", ""],
            ["foobar", "odd", "Bizarre", "Odd", ""],
        ],
        [],
    )
    response = client.post(
        reverse("volunteers:questionnaire_import"), {"name": "enquete-lieu", "file": form}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "geopoint" in page and "foobar" in page  # each refused type is named
    assert not Questionnaire.objects.filter(name="enquete-lieu").exists()
    broken = SimpleUploadedFile("suivi.xlsx", b"PK\x03\x04 not really a workbook")
    response = client.post(
        reverse("volunteers:questionnaire_import"), {"name": "enquete-lieu", "file": broken}
    )
    assert response.status_code == 200
    assert not Questionnaire.objects.filter(name="enquete-lieu").exists()


def test_a_volunteer_mission_opportunity_becomes_a_mission(users, client_for, kloto1):
    offer = Opportunity.objects.create(
        kind="volunteer_mission",
        title="Volontaire pour le service jeunesse",
        summary="Appui au service jeunesse de la commune",
        issuer_government=kloto1,
        published=True,
    )
    client = client_for(users["staff"])
    page = client.get(reverse("opportunities:detail", args=[offer.pk])).content.decode()
    start = reverse("volunteers:volunteer_create") + f"?opportunite={offer.pk}"
    assert f'href="{start}"' in page.replace("&amp;", "&")
    response = client.post(
        start, {"name": "Théo Roux", "email": "theo@example.org", "language": "fr"}
    )
    follow = response["Location"]
    assert follow.endswith(f"?opportunite={offer.pk}")
    form = client.get(follow).context["form"]
    assert form.initial["host_government"] == kloto1.pk
    assert form.initial["description"] == offer.summary
    data = {
        "scheme": "civic_service",
        "host_government": kloto1.pk,
        "opportunity": offer.pk,
        "planned_start": "2027-01-10",
        "description": offer.summary,
    }
    assert client.post(follow, data).status_code == 302
    mission = Mission.objects.get(volunteer__email="theo@example.org")
    assert mission.opportunity == offer and mission.invitations.count() == 5
    # Other kinds of opportunity offer nothing of the kind; other roles neither.
    training = Opportunity.objects.create(kind="training", title="Formation", published=True)
    assert (
        start.split("?")[0]
        not in client.get(reverse("opportunities:detail", args=[training.pk])).content.decode()
    )
    focal = client_for(users["focal_point"])
    assert (
        start.split("?")[0]
        not in focal.get(reverse("opportunities:detail", args=[offer.pk])).content.decode()
    )


def test_the_figures_page_is_cached_yet_never_stale(mission, users, client_for):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "en"

    def invited_at_the_end() -> str:
        page = client.get(reverse("volunteers:cohort")).content.decode()
        row = re.search(r'<th scope="row">End of mission</th>(.*?)</tr>', page, re.S)
        assert row, page
        return re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))[0]

    assert invited_at_the_end() == "0"
    assert invited_at_the_end() == "0"  # from the cache
    services.run_follow_up(at(wave(mission, "end").due_on))  # one invitation: "< 5"
    assert invited_at_the_end() == "&lt; 5"


def test_the_plan_says_when_each_wave_falls_as_french_writes_it(users, client_for):
    page = visible_text(client_for(users["staff"]).get(reverse("volunteers:plan")))
    assert "30 jours avant le début de la mission" in page
    assert "le dernier jour de la mission" in page
    assert "6 mois après la fin de la mission" in page
