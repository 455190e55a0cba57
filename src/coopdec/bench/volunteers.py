"""The benchmark's volunteers: one mission each, on the data set's partnerships (hosted by
the commune, or in reciprocity by its partner abroad), grouped in
a few programmes; the five waves of the follow-up plan, sent when their day has passed, and
answered by about two in three. Every name is invented (``Volontaire 123``); no address is
real (``@example.invalid``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coopdec.directory.models import Organisation
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.territories.models import Country, Currency
from coopdec.volunteers import questionnaires
from coopdec.volunteers.enums import Scheme
from coopdec.volunteers.models import Answer, Invitation, Mission, Volunteer, Wave

PROGRAMMES = 5
ANSWERED = 0.66
SCHEMES = [(Scheme.CIVIC_SERVICE, 60), (Scheme.VSI, 30), (Scheme.RECIPROCITY, 5), (Scheme.OTHER, 5)]


def generate(
    rng,
    count: int,
    organisations: list[Organisation],
    progress: Callable[[str], None],
) -> None:
    from .dataset import REFERENCE_DAY, insert, weighted  # here: dataset imports this module

    euro = Currency.objects.get(code="EUR")
    programmes = [
        Programme.objects.create(
            name=f"Programme de volontariat {number}",
            lead_organisation=organisations[number],
            currency=euro,
            published=True,
            start_date=REFERENCE_DAY - relativedelta(years=4),
        )
        for number in range(PROGRAMMES)
    ]
    home = Country.objects.get(code="TG")
    abroad = list(Country.objects.filter(code__in=["FR", "BE", "BJ"]))
    waves = list(Wave.objects.select_related("questionnaire"))
    with_partners = list(
        Partnership.partner_governments.through.objects.order_by("pk").values_list(
            "partnership_id", "partnership__local_government_id", "area_id"
        )[:count]
    )
    volunteer_ids = insert(
        Volunteer,
        (
            Volunteer(
                name=f"Volontaire {number}",
                email=f"volontaire{number}@example.invalid",
                gender=rng.choice(["woman", "woman", "man", ""]),
                nationality=home if rng.random() < 0.36 else rng.choice(abroad),
            )
            for number in range(count)
        ),
    )
    missions: list[Mission] = []
    for number, volunteer_id in enumerate(volunteer_ids):
        partnership, commune, partner = with_partners[number % len(with_partners)]
        start = REFERENCE_DAY - timedelta(days=rng.randrange(60, 5 * 365))
        reciprocal = rng.random() < 0.36
        missions.append(
            Mission(
                volunteer_id=volunteer_id,
                scheme=weighted(rng, SCHEMES),
                host_government_id=partner if reciprocal else commune,
                sending_organisation=rng.choice(organisations),
                partnership_id=partnership,
                programme=programmes[number % PROGRAMMES],
                planned_start=start,
                planned_end=start + relativedelta(months=rng.choice([6, 8, 10, 12])),
                actual_start=start,
            )
        )
    mission_ids = insert(Mission, missions)
    progress(f"{count} volunteers and their missions")
    invitations: list[Invitation] = []
    for mission_id, mission in zip(mission_ids, missions, strict=True):
        mission.pk = mission_id
        for wave in waves:
            due = wave.due_for(mission)
            invitation = Invitation(mission_id=mission_id, wave=wave, due_on=due)
            if due is not None and due <= REFERENCE_DAY:  # sent on its day
                invitation.questionnaire_id = wave.questionnaire_id
                invitation.sent_at = _moment(due)
                invitation.sends = 1
                invitation.closes_on = due + timedelta(days=wave.open_days)
                if rng.random() <= ANSWERED:
                    invitation.answered_at = invitation.sent_at + timedelta(days=3)
            invitations.append(invitation)
    invitation_ids = insert(Invitation, invitations)
    answers = []
    for invitation_id, invitation in zip(invitation_ids, invitations, strict=True):
        if invitation.answered_at is None:
            continue
        values = _values(rng)
        answers.append(
            Answer(
                invitation_id=invitation_id,
                questionnaire=invitation.wave.questionnaire,
                values=values,
                pages_done=[1, 2, 3, 4],
                submitted_at=invitation.answered_at,
                **questionnaires.indicators(values),
            )
        )
    insert(Answer, answers)
    progress(f"{len(invitations)} survey invitations, {len(answers)} answers")


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def _values(rng) -> dict[str, Any]:
    skill = str(rng.randint(1, 5))
    return {
        "situation": [rng.choice(["studies", "employed", "self_employed", "job_seeking"])],
        "skill_intercultural": skill,
        "skill_languages": str(rng.randint(1, 5)),
        "skill_projects": skill,
        "skill_confidence": str(rng.randint(1, 5)),
        "engagement": rng.choice([[], ["association"], ["volunteering", "local_government"]]),
        "impact": str(rng.randint(1, 5)),
    }
