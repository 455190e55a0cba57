"""A cohort of 40 fictional volunteers on the franco-togolese partnerships: international
solidarity volunteers and civic service, French volunteers hosted by Togolese communes and
Togolese volunteers hosted in France in reciprocity; two departures (about 40 and 22
months ago), answers to the first three waves. ``COHORT`` is the whole description: the
tests count from it.

Dates follow today's, so that the waves fall as they would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coopdec.accounts.models import User
from coopdec.core.reference import LoadReport
from coopdec.directory.models import Organisation
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Area, Country, Currency
from coopdec.volunteers import services
from coopdec.volunteers.enums import Purpose
from coopdec.volunteers.models import Invitation, Mission, Volunteer

from .programmes import MEMBERS

PROGRAMME = "Volontariat et coopération décentralisée franco-togolaise 2023-2026"
FIRST = [
    "Adjoa", "Lucie", "Kossi", "Camille", "Akouvi", "Théo", "Ama", "Inès", "Yao", "Chloé",
    "Afiwa", "Hugo", "Esse", "Manon", "Komla", "Léa", "Dzifa", "Jules", "Enyonam", "Sarah",
]  # fmt: skip
LAST = ["Agbodjan", "Moreau", "Lawson", "Girard", "Amegah", "Roux", "Kponton", "Fabre"]
WAVES_ANSWERED = ("before", "end", "plus-6")
THEMES = ["education-training", "health", "youth", "water-sanitation"]


@dataclass(frozen=True)
class Member:
    """One volunteer of the cohort and their mission."""

    number: int
    name: str
    woman: bool
    togolese: bool  # hosted in France in reciprocity
    scheme: str
    pair: int  # which pair of ``programmes.MEMBERS`` (host and partnership)
    months_ago: int  # the mission started this many months before today
    months: int  # its length
    answers: tuple[str, ...]  # the waves they answered
    agrees: bool  # to the surveys
    in_programme: bool
    theme: str


def _member(number: int) -> Member:
    togolese = number % 3 == 1
    scheme = "vsi" if number % 4 == 0 else "civic_service"
    older = number % 2 == 0
    # The last four went before the programme: their hosts are not first-time hosts in it.
    earlier = number >= 36
    return Member(
        number=number,
        name=f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]}",
        woman=number % 5 in (0, 1, 3),
        togolese=togolese,
        scheme=scheme,
        pair=number % len(MEMBERS),
        months_ago=70 if earlier else 40 if older else 22,
        months=12 if scheme == "vsi" else 8,
        # Most answer the first three waves; one in seven skips the last of them.
        answers=WAVES_ANSWERED if number % 7 else WAVES_ANSWERED[:2],
        agrees=number not in (5, 17),
        in_programme=not earlier,
        theme=THEMES[number % len(THEMES)],
    )


COHORT = [_member(number) for number in range(40)]


def _values(member: Member, wave: str) -> dict[int, dict]:
    """Each page's answers: skills grow after the mission, more are in work later."""
    after = wave != "before"
    situation = (
        ["studies"] if not after else (["employed"] if member.number % 3 else ["job_seeking"])
    )
    skill = str(min(5, 2 + (1 if after else 0) + member.number % 2 + (wave == "plus-6")))
    return {
        1: {"situation": situation, "related": "partly" if after else ""},
        2: dict.fromkeys(("skill_intercultural", "skill_languages", "skill_projects", "skill_confidence"), skill),
        3: {"engagement": ["association"] if after and member.number % 2 else []},
        4: {"impact": "4" if after else "", "comment": ""},
    }  # fmt: skip


def _programme(pairs: list[Partnership]) -> Programme:
    sender = Organisation.objects.get(slug="france-volontaires")
    programme, created = Programme.objects.get_or_create(
        name=PROGRAMME,
        defaults={
            "description": (
                "Missions de volontaires dans les partenariats franco-togolais, dans les deux "
                "sens : VSI et service civique, et volontaires togolais accueillis en France."
            ),
            "lead_organisation": sender,
            "start_date": timezone.localdate() - relativedelta(months=42),
            "end_date": timezone.localdate() + relativedelta(months=6),
            "currency": Currency.objects.get(code="EUR"),
            "is_public": True,
            "published": True,
        },
    )
    if created:
        programme.partnerships.set(pairs)
    return programme


def load_volunteers(report: LoadReport) -> None:
    """Create the cohort unless its programme exists, and give the demo volunteer account
    the first volunteer's record."""
    if Programme.objects.filter(name=PROGRAMME).exists():
        return
    pairs = []
    for (level, slug, _name, _code), (home_level, home_slug) in MEMBERS:
        french = Area.objects.get(country__code="FR", level__code=level, slug=slug)
        togolese = Area.objects.get(country__code="TG", level__code=home_level, slug=home_slug)
        partnership = Partnership.objects.get(local_government=togolese, partner_governments=french)
        pairs.append((french, togolese, partnership))
    programme = _programme([partnership for _f, _t, partnership in pairs])
    report.record(Programme, "created")
    sender_fr = Organisation.objects.get(slug="france-volontaires")
    sender_tg = Organisation.objects.get(slug="faitiere-des-communes-du-togo")
    countries = {code: Country.objects.get(code=code) for code in ("FR", "TG")}
    today = timezone.localdate()
    themes = {theme.code: theme for theme in Theme.objects.filter(code__in=THEMES)}
    for member in COHORT:
        french, togolese, partnership = pairs[member.pair]
        volunteer = services.write_volunteer(
            Volunteer(),
            {
                "name": member.name,
                "email": f"volontaire{member.number}@example.org",
                "gender": "woman" if member.woman else "man",
                "nationality": countries["TG" if member.togolese else "FR"],
                "language": "fr",
            },
        )
        start = today - relativedelta(months=member.months_ago)
        end = start + relativedelta(months=member.months)
        mission = services.write_mission(
            Mission(volunteer=volunteer),
            {
                "scheme": member.scheme,
                "sending_organisation": sender_tg if member.togolese else sender_fr,
                "host_government": french if member.togolese else togolese,
                "partnership": partnership,
                "programme": programme if member.in_programme else None,
                "planned_start": start,
                "planned_end": end,
                "actual_start": start,
                "actual_end": end,
            },
            themes=[themes[member.theme]],
        )
        services.set_consent(volunteer, Purpose.SURVEYS, True, by_volunteer=False)
        if not member.agrees:
            services.set_consent(volunteer, Purpose.SURVEYS, False, by_volunteer=True)
        _answer(mission, member)
        report.record(Volunteer, "created")
    first = Volunteer.objects.get(email="volontaire0@example.org")
    first.account = User.objects.filter(username="volontaire").first()
    first.save(update_fields=["account"])


def _answer(mission: Mission, member: Member) -> None:
    """The waves already past: sent on their day (no e-mail now: they are history), and
    answered five days later for those the member answered."""
    for invitation in mission.invitations.select_related("wave"):
        if invitation.due_on is None or invitation.due_on > timezone.localdate():
            continue
        sent = timezone.make_aware(datetime.combine(invitation.due_on, time(9)))
        Invitation.objects.filter(pk=invitation.pk).update(
            sent_at=sent,
            sends=1,
            reminders=len(invitation.wave.reminder_days()),
            closes_on=invitation.due_on + timedelta(days=invitation.wave.open_days),
            questionnaire=invitation.wave.questionnaire,
        )
        if invitation.wave.code not in member.answers:
            continue
        invitation.refresh_from_db()
        for page, values in _values(member, invitation.wave.code).items():
            services.save_page(invitation, page, values)
        services.submit(invitation, now=sent + timedelta(days=5))
